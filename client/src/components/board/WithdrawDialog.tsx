import { useBoard, useNotes } from '../../board/BoardContext';
import { commandFailureWords } from '../../session/sessionCommands';
import { useUi } from '../../state/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';

/**
 * Asks the writer of a note before it is withdrawn: it leaves the board and every snapshot of
 * the session, which a delete would not do (snapshots keep what was on the board).
 */
export function WithdrawDialog() {
  const { conn, announcer } = useBoard();
  const noteId = useUi((s) => s.withdrawNoteId);
  const note = useNotes().byId.get(noteId ?? '');
  const close = () => useUi.getState().askWithdraw(null);
  const preview = note ? (note.text.length > 120 ? `${note.text.slice(0, 120)}…` : note.text) : '';
  return (
    <ConfirmDialog
      open={Boolean(noteId && note)}
      title="Withdraw your note?"
      confirmLabel="Withdraw note"
      danger
      testId="withdrawDialog"
      onClose={close}
      onConfirm={async () => {
        if (!noteId) return null;
        const result = await conn.command({ type: 'note.withdraw', noteId });
        if (!result.ok) return commandFailureWords(result);
        announcer.say('Your note is withdrawn.');
        return null;
      }}
    >
      {preview && <p className="withdraw-preview">“{preview}”</p>}
      <p>It is taken off the board and also out of every snapshot of this session, so it will not be in the record. This cannot be undone.</p>
    </ConfirmDialog>
  );
}
