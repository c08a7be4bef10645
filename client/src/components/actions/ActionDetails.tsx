import { useContext } from 'react';
import { actionElements, type Action } from '@balcony/shared';
import { NamesContext, useBoard, useNotes } from '../../board/BoardContext';
import { useThemes } from '../../board/useThemes';
import { dayWords, ownerWords, STATUS_WORDS } from '../../outcome/words';
import { CarriedFrom } from '../review/CarriedFrom';

/** What an action says about itself: who, when, its status and what on the board it comes from. */
export function ActionDetails({ action }: { action: Action }) {
  const { template, me } = useBoard();
  const names = useContext(NamesContext);
  const notes = useNotes().byId;
  const themes = useThemes().byId;
  const element = action.element ? actionElements(template).find((z) => z.id === action.element) : undefined;
  const linked = action.noteIds.map((id) => notes.get(id)).filter((n) => n !== undefined);
  const theme = action.themeId ? themes.get(action.themeId) : undefined;
  return (
    <dl className="action-details">
      <div>
        <dt>Who</dt>
        <dd data-testid="actions.item.owner">{ownerWords(action.owner, names, me.participantId)}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd data-testid="actions.item.due">{action.due ? dayWords(action.due) : 'No date'}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd data-testid="actions.item.status" data-status={action.status}>
          {STATUS_WORDS[action.status]}
        </dd>
      </div>
      {action.carriedFrom !== null && (
        <div>
          <dt>Carried from</dt>
          <dd data-testid="actions.item.from">
            <CarriedFrom sessionId={action.carriedFrom} />
          </dd>
        </div>
      )}
      {element && (
        <div>
          <dt>Element</dt>
          <dd>{element.label}</dd>
        </div>
      )}
      {action.stakeholder && (
        <div>
          <dt>Whom to influence</dt>
          <dd>{action.stakeholder}</dd>
        </div>
      )}
      {theme && (
        <div>
          <dt>Theme</dt>
          <dd>{theme.title || 'Untitled theme'}</dd>
        </div>
      )}
      {linked.length > 0 && (
        <div>
          <dt>From {linked.length === 1 ? 'the note' : 'the notes'}</dt>
          <dd>
            <ul className="action-notes">
              {linked.map((n) => (
                <li key={n.id}>{n.text.length > 80 ? `${n.text.slice(0, 80)}…` : n.text}</li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}
