import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { isActionsPhase, type ActionFieldsInput, type Command } from '@balcony/shared';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { commandFailureWords } from '../../session/sessionCommands';
import { EMPTY_DRAFT } from '../../outcome/actionForm';
import { mayWriteActions } from '../../outcome/actionRights';
import { inReviewPhase } from '../../outcome/reviewRights';
import { useUi } from '../../state/ui';
import type { Person } from '../topbar/TopBar';
import { ActionForm } from './ActionForm';
import { ActionItem } from './ActionItem';
import { useActionViewer } from './useActionViewer';
import { ReviewPanel } from '../review/ReviewPanel';
import '../../styles/actions.css';

/**
 * The group's actions, for everyone: what was agreed, who does it and by when. Those who may write
 * actions (in the actions phase, or the facilitator) add and change them here; an owner marks
 * their own done. What the server refuses is said next to what was tried.
 */
export function ActionsPanel({ people }: { people: readonly Person[] }) {
  const { conn, template, announcer } = useBoard();
  const state = useSessionState();
  const viewer = useActionViewer();
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState('');
  const addRef = useRef<HTMLButtonElement>(null);
  // Set when the form closes: Add action is focused once it is back on screen. A frame's delay is
  // not enough, since the re-render after a sent action may come later than the next frame.
  const refocusAdd = useRef(false);
  const id = useId();
  const mayWrite = mayWriteActions(template, viewer);
  const actionsPhase = isActionsPhase(template, state.phase.id);
  // In a follow-up's review phase the actions carried over come first, to be marked one by one.
  const reviewPhase = inReviewPhase(template, state.phase.id);
  const carried = state.actions.filter((a) => a.carriedFrom !== null);
  const listed = reviewPhase ? state.actions.filter((a) => a.carriedFrom === null) : state.actions;

  const send = useCallback(
    async (command: Command, done: string) => {
      const result = await conn.command(command);
      if (!result.ok) return commandFailureWords(result);
      setSaid(done);
      announcer.say(done);
      return null;
    },
    [conn, announcer],
  );

  const closeForm = () => {
    refocusAdd.current = true;
    setAdding(false);
  };
  useEffect(() => {
    if (adding || !refocusAdd.current) return;
    refocusAdd.current = false;
    addRef.current?.focus();
  }, [adding]);

  const hide = () => {
    useUi.getState().setActionsOpen(false);
    document.querySelector<HTMLElement>('[data-testid="topbar.actions"]')?.focus();
  };

  return (
    <aside className={`actions-panel${actionsPhase || reviewPhase ? ' is-prominent' : ''}`} data-testid="actions.panel" aria-labelledby={`${id}-title`}>
      <div className="console-head">
        <h2 id={`${id}-title`}>Actions</h2>
        <button type="button" className="button" data-testid="actions.hide" onClick={hide}>
          Hide
        </button>
      </div>
      {reviewPhase && <ReviewPanel carried={carried} />}
      {reviewPhase && <h3 className="actions-subhead">Written in this session</h3>}
      <p className="hint" data-testid="actions.hint">
        {viewer.ended
          ? 'The session has ended: these are the actions as they were agreed.'
          : mayWrite
            ? actionsPhase
              ? 'Write the next steps the group agrees, each with who does it and by when.'
              : 'As facilitator you can write actions at any time.'
            : 'Actions are written in the actions phase. You can read them here at any time.'}
      </p>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {listed.length === 0 ? (
        <p className="action-empty" data-testid="actions.empty">
          {reviewPhase ? 'No new actions yet.' : 'No actions yet.'}
        </p>
      ) : (
        <ol className="action-list" data-testid="actions.list">
          {listed.map((a) => (
            <ActionItem
              key={a.id}
              action={a}
              people={people}
              send={send}
              remove={(actionId) => send({ type: 'action.remove', actionId }, 'Action removed.')}
            />
          ))}
        </ol>
      )}
      {mayWrite &&
        (adding ? (
          <ActionForm
            initial={EMPTY_DRAFT}
            people={people}
            submitLabel="Add action"
            onCancel={closeForm}
            onSubmit={async (fields: ActionFieldsInput) => {
              const refused = await send({ type: 'action.add', ...fields }, 'Action added.');
              if (!refused) closeForm();
              return refused;
            }}
          />
        ) : (
          <div className="console-buttons">
            <button ref={addRef} type="button" className="button button-primary" data-testid="actions.add" onClick={() => setAdding(true)}>
              Add action
            </button>
          </div>
        ))}
    </aside>
  );
}
