import { useId, useRef, useState } from 'react';
import { ACTION_STATUSES, type Action, type ActionFieldsInput, type ActionStatus } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { draftOf } from '../../outcome/actionForm';
import { mayMarkAction, mayWriteActions } from '../../outcome/actionRights';
import { mayReviewAction } from '../../outcome/reviewRights';
import { STATUS_WORDS } from '../../outcome/words';
import type { Person } from '../topbar/TopBar';
import { ActionDetails } from './ActionDetails';
import { ActionForm } from './ActionForm';
import { ReviewControls } from '../review/ReviewControls';
import '../../styles/review.css';
import { useActionViewer } from './useActionViewer';

interface Props {
  action: Action;
  people: readonly Person[];
  /** Sends an action command; resolves with why it was refused, or null. */
  send: (command: { type: 'action.update'; actionId: string } & Partial<ActionFieldsInput>, done: string) => Promise<string | null>;
  remove: (actionId: string) => Promise<string | null>;
}

/**
 * One action in the list: what it says, and for those who may, its status, Edit and Remove. One
 * carried over from the session before also shows its review, and may be reviewed from here.
 */
export function ActionItem({ action, people, send, remove }: Props) {
  const { template } = useBoard();
  const viewer = useActionViewer();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const mayWrite = mayWriteActions(template, viewer);
  const carried = action.carriedFrom !== null;
  // One carried over is marked by its review, which also says how it went.
  const mayMark = !carried && mayMarkAction(template, viewer, action);

  const stopEditing = () => {
    setEditing(false);
    // Back to where the person was, once the button is drawn again.
    requestAnimationFrame(() => editRef.current?.focus());
  };

  if (editing && mayWrite) {
    return (
      <li className="action-item is-editing" data-testid="actions.item" data-action-id={action.id}>
        <ActionForm
          initial={draftOf(action)}
          people={people}
          submitLabel="Save changes"
          onCancel={stopEditing}
          onSubmit={async (fields) => {
            const refused = await send({ type: 'action.update', actionId: action.id, ...fields }, 'Action saved.');
            if (!refused) stopEditing();
            return refused;
          }}
        />
      </li>
    );
  }

  return (
    <li className="action-item" data-testid="actions.item" data-action-id={action.id} aria-labelledby={`${id}-text`}>
      <p className="action-text" id={`${id}-text`} data-testid="actions.item.text" dir="auto">
        {action.text}
      </p>
      <ActionDetails action={action} />
      {carried && (
        <div className="action-review" data-testid="actions.item.review">
          <ReviewControls action={action} mayReview={mayReviewAction(template, viewer, action)} />
        </div>
      )}
      {(mayWrite || mayMark) && (
        <div className="console-buttons action-buttons">
          {mayMark && !mayWrite && (
            <>
              <label className="visually-hidden" htmlFor={`${id}-status`}>
                Status of “{action.text}”
              </label>
              <select
                id={`${id}-status`}
                className="console-role"
                data-testid="actions.item.setStatus"
                value={action.status}
                onChange={async (e) => setProblem(await send({ type: 'action.update', actionId: action.id, status: e.target.value as ActionStatus }, 'Status changed.'))}
              >
                {ACTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_WORDS[s]}
                  </option>
                ))}
              </select>
            </>
          )}
          {mayWrite && (
            <>
              <button ref={editRef} type="button" className="button" data-testid="actions.item.edit" aria-describedby={`${id}-text`} onClick={() => setEditing(true)}>
                Edit
              </button>
              <button
                type="button"
                className="button"
                data-testid="actions.item.remove"
                aria-describedby={`${id}-text`}
                onClick={async () => setProblem(await remove(action.id))}
              >
                Remove
              </button>
            </>
          )}
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert" data-testid="actions.item.problem">
          {problem}
        </p>
      )}
    </li>
  );
}
