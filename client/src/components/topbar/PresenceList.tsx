import { useId, useState } from 'react';
import { personColor } from '@balcony/shared';
import type { Person } from './TopBar';

const STATE_WORDS = { online: ', online', away: ', away', unknown: ', not known while you are offline' } as const;

/**
 * Who is here: a dot in each person's colour (hollow when away, dashed and grey when this device
 * is offline and cannot know) and their name.
 */
export function PresenceList({ people, me }: { people: Person[]; me: string }) {
  const sorted = [...people].sort((a, b) => Number(b.online) - Number(a.online));
  const online = people.filter((p) => p.online).length;
  const cutOff = people.some((p) => p.unknown);
  // On a phone the list is a count that opens (board.css); on wider screens the button is hidden.
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="presence">
      <button
        type="button"
        className="button presence-toggle"
        data-testid="topbar.presenceToggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {cutOff ? `${people.length} in this session` : `${online} here`}
      </button>
      <ul
        id={id}
        className={`presence-list${open ? ' is-open' : ''}`}
        data-testid="topbar.presence"
        aria-label={cutOff ? 'Who is here: not known while you are offline' : `Who is here: ${online} online`}
      >
        {sorted.map((p, i) => {
          const color = p.color ?? personColor(i);
          const state = p.unknown ? 'unknown' : p.online ? 'online' : 'away';
          return (
            <li
              key={p.participantId}
              className={`presence-person is-${state}`}
              data-testid="presence.person"
              data-participant-id={p.participantId}
              data-online={p.online ? 'true' : 'false'}
              data-presence={state}
              title={`${p.name}${p.role === 'facilitator' ? ', facilitator' : ''}${state === 'online' ? '' : STATE_WORDS[state]}`}
            >
              <span
                className="presence-dot"
                aria-hidden="true"
                style={state === 'online' ? { background: color, borderColor: color } : state === 'away' ? { borderColor: color } : undefined}
              />
              <span className="presence-name">{p.name}</span>
              {p.participantId === me && <span className="presence-you"> (you)</span>}
              <span className="visually-hidden">
                {p.role === 'facilitator' ? ', facilitator' : ''}
                {STATE_WORDS[state]}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
