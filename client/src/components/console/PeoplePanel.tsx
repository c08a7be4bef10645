import { useEffect, useId, useRef, useState } from 'react';
import { SESSION_ROLES, roleIn, type Role } from '@balcony/shared';
import { useBoard, useSessionState } from '../../board/BoardContext';
import type { Person } from '../topbar/TopBar';
import type { CommandRunner } from '../session/useCommandRunner';
import { privateNotesWords } from '../../board/privateWriting';

export const ROLE_WORDS: Record<Role, string> = {
  facilitator: 'Facilitator',
  presenter: 'Presenter',
  participant: 'Participant',
  observer: 'Observer',
};

/** How long a role choice waits for the next one: arrow keys on a closed select change it at each press. */
const SETTLE_MS = 700;

/**
 * One person's role, set by choosing it. The choice is sent once the person stops moving through
 * the list (or leaves it), so that arrowing past "Facilitator" does not hand anyone the session.
 */
function RoleSelect({ person, role, run }: { person: Person; role: Role; run: CommandRunner['run'] }) {
  const [pending, setPending] = useState<Role | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = useId();

  const send = (next: Role | null) => {
    clearTimeout(timer.current);
    if (next === null || next === role) return setPending(null);
    void run({ type: 'role.set', participantId: person.participantId, role: next }).finally(() => setPending(null));
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        Role for {person.name}
      </label>
      <select
        id={id}
        className="console-role"
        data-testid={`console.people.role.${person.participantId}`}
        value={pending ?? role}
        onChange={(e) => {
          const next = e.target.value as Role;
          setPending(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => send(next), SETTLE_MS);
        }}
        onBlur={() => send(pending)}
      >
        {SESSION_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_WORDS[r]}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * Who is in the session, here or away, and the role of each: the presenter, observers, a
 * co-facilitator, or facilitation handed on. A session always keeps one facilitator; the server
 * says so if the last would go.
 */
export function PeoplePanel({ people, run }: { people: readonly Person[]; run: CommandRunner['run'] }) {
  const { me } = useBoard();
  const state = useSessionState();
  const id = useId();
  const sorted = [...people].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
  const here = people.filter((p) => p.online).length;

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.people">
      <h3 id={`${id}-title`}>People ({here} here)</h3>
      <table className="console-people">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => {
            const role = roleIn(state, p.participantId, p.role);
            // How many notes each holds privately: a count, never their words.
            const held = state.privateCounts[p.participantId] ?? 0;
            return (
              <tr key={p.participantId} data-testid="console.person" data-participant-id={p.participantId} data-online={p.online} data-role={role}>
                <td>
                  <span className="console-person-name">
                    {p.name}
                    {p.participantId === me.participantId && <span className="console-muted"> (you)</span>}
                  </span>
                  <span className="console-muted console-person-state">{p.unknown ? 'not known' : p.online ? 'here' : 'away'}</span>
                  {held > 0 && (
                    <span className="console-muted console-private" data-testid="console.person.private" data-count={held}>
                      {privateNotesWords(held)}
                    </span>
                  )}
                </td>
                <td>
                  <RoleSelect person={p} role={role} run={run} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">A presenter writes when the phase is theirs; an observer only reads. Give someone Facilitator to share or hand on the session.</p>
    </section>
  );
}
