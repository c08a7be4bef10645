import { personColor } from '@balcony/shared';
import type { Person } from './TopBar';

/** Who is here: a dot in each person's colour (hollow when away) and their name. */
export function PresenceList({ people, me }: { people: Person[]; me: string }) {
  const sorted = [...people].sort((a, b) => Number(b.online) - Number(a.online));
  const online = people.filter((p) => p.online).length;
  return (
    <div className="presence">
      <ul className="presence-list" data-testid="topbar.presence" aria-label={`Who is here: ${online} online`}>
        {sorted.map((p, i) => {
          const color = p.color ?? personColor(i);
          return (
            <li
              key={p.participantId}
              className={`presence-person${p.online ? '' : ' is-away'}`}
              data-testid="presence.person"
              data-participant-id={p.participantId}
              data-online={p.online ? 'true' : 'false'}
              title={`${p.name}${p.role === 'facilitator' ? ', facilitator' : ''}${p.online ? '' : ', away'}`}
            >
              <span
                className="presence-dot"
                aria-hidden="true"
                style={p.online ? { background: color, borderColor: color } : { borderColor: color }}
              />
              <span className="presence-name">{p.name}</span>
              {p.participantId === me && <span className="presence-you"> (you)</span>}
              <span className="visually-hidden">
                {p.role === 'facilitator' ? ', facilitator' : ''}
                {p.online ? ', online' : ', away'}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
