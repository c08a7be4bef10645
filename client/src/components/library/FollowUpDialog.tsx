import { useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router-dom';
import { LIMITS, followUpTemplate, type FollowUpBody } from '@balcony/shared';
import { startFollowUp } from '../../api/library';
import { apiFailureWords } from '../../outcome/apiWords';
import { saveSession } from '../../session/storage';
import { openConnectionEarly } from '../../session/earlyConnection';
import { type LibraryEntry, type SessionFacts } from '../../library/entries';

interface Props {
  /** The facilitated session to follow up; null while the dialog is closed. */
  entry: (LibraryEntry & { facts: SessionFacts }) | null;
  onClose: () => void;
}

/**
 * Starts a follow-up of a saved session: a new session with the same template, its board empty or
 * started from the saved notes, linked to this one. Like hosting, it then opens the new board with
 * the join code showing.
 */
export function FollowUpDialog({ entry, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const firstChoice = useRef<HTMLInputElement>(null);
  const id = useId();
  const navigate = useNavigate();
  const [start, setStart] = useState<FollowUpBody['start']>('notes');
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = entry !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (entry && !dialog.open) {
      setStart('notes');
      setTitle(entry.facts.title);
      setTitleError(null);
      setProblem(null);
      setBusy(false);
      dialog.showModal();
      firstChoice.current?.focus();
    } else if (!entry && dialog.open) dialog.close();
  }, [entry]);

  const submit = async () => {
    if (!entry || busy) return;
    const clean = title.trim();
    if (!clean) {
      flushSync(() => setTitleError('Give the follow-up a title, so people know they are in the right place.'));
      document.getElementById(`${id}-title`)?.focus();
      return;
    }
    setTitleError(null);
    setProblem(null);
    setBusy(true);
    try {
      // The same facilitator carries on, under the name the group knows.
      const name = entry.facts.ownName;
      const created = await startFollowUp(entry.sessionId, entry.token, { start, title: clean, ...(name ? { facilitatorName: name } : {}) });
      saveSession({
        sessionId: created.sessionId,
        token: created.facilitatorToken,
        participantId: created.participantId,
        role: 'facilitator',
        title: clean,
        // What the server runs: the same template with the review phase first; its own copy replaces this once read.
        template: followUpTemplate(entry.facts.template),
        joinCode: created.joinCode,
        savedAt: Date.now(),
      });
      openConnectionEarly(created.sessionId, created.facilitatorToken);
      void navigate(`/s/${encodeURIComponent(created.sessionId)}`, { state: { showShare: true } });
    } catch (err) {
      setBusy(false);
      setProblem(apiFailureWords(err, 'The follow-up was not started.'));
    }
  };

  const carried = entry?.facts.openActions ?? 0;
  return (
    <dialog
      ref={ref}
      className="dialog library-dialog"
      data-testid={open ? 'followUpDialog' : undefined}
      aria-labelledby={`${id}-heading`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {entry && (
        <form
          className="dialog-body"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id={`${id}-heading`}>Start a follow-up</h2>
          <p className="dialog-lead">
            A new session with the same template as “{entry.facts.title}”, linked to it, with a new join code for the group.
          </p>
          <fieldset className="library-choices">
            <legend>How the board starts</legend>
            <div className="library-choice">
              <input
                ref={firstChoice}
                type="radio"
                id={`${id}-notes`}
                name={`${id}-start`}
                value="notes"
                data-testid="followUpDialog.notes"
                checked={start === 'notes'}
                onChange={() => setStart('notes')}
                aria-describedby={`${id}-notes-hint`}
              />
              <label htmlFor={`${id}-notes`}>From the saved notes</label>
              <p className="hint" id={`${id}-notes-hint`}>
                The notes and themes of its newest snapshot, to build on.
              </p>
            </div>
            <div className="library-choice">
              <input
                type="radio"
                id={`${id}-empty`}
                name={`${id}-start`}
                value="empty"
                data-testid="followUpDialog.empty"
                checked={start === 'empty'}
                onChange={() => setStart('empty')}
                aria-describedby={`${id}-empty-hint`}
              />
              <label htmlFor={`${id}-empty`}>An empty board</label>
              <p className="hint" id={`${id}-empty-hint`}>
                A fresh start; the saved session keeps its notes.
              </p>
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-title`}>Title of the follow-up</label>
            <input
              id={`${id}-title`}
              data-testid="followUpDialog.title"
              value={title}
              maxLength={LIMITS.titleMax}
              dir="auto"
              autoComplete="off"
              aria-invalid={titleError ? true : undefined}
              aria-describedby={titleError ? `${id}-title-error` : undefined}
              onChange={(e) => {
                setTitle(e.target.value);
                if (titleError && e.target.value.trim()) setTitleError(null);
              }}
            />
            {titleError && (
              <p className="form-error" id={`${id}-title-error`}>
                {titleError}
              </p>
            )}
          </div>
          <p className="library-carry" data-testid="followUpDialog.carry">
            {carriedWords(carried)} Open actions carry over into a review phase at the start of the follow-up, where the group goes
            through each one: done, dropped or carried on.
          </p>
          {problem && (
            <p className="form-error" role="alert" data-testid="followUpDialog.problem">
              {problem}
            </p>
          )}
          <div className="dialog-actions confirm-actions">
            <button type="button" className="button" disabled={busy} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" data-testid="followUpDialog.start" disabled={busy}>
              {busy ? 'Starting…' : 'Start the follow-up'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function carriedWords(n: number): string {
  if (n === 0) return 'This session has no open actions now.';
  return n === 1 ? '1 open action carries over.' : `${n} open actions carry over.`;
}
