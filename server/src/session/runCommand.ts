import { commandSchema, type CommandAck, type Role, type Template, type VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { applyCommand, type CommandOutcome } from './applyCommand.js';
import { changeSessionState } from './stateChanges.js';

class Refused extends Error {
  constructor(readonly outcome: Extract<CommandOutcome, { ok: false }>) {
    super(outcome.message);
  }
}

export interface CommandResult {
  ack: CommandAck;
  /** The state after the command, when it changed anything: everyone is then told. */
  changed: VersionedSessionState | null;
}

/**
 * Runs one command from a session's participant: parsed with the shared schema, checked and
 * worked out against the stored state (again, should another node change it first), and
 * written as the next version. A refusal changes nothing.
 */
export async function runCommand(
  store: Pick<Store, 'loadSessionState' | 'replaceSessionState' | 'listParticipants'>,
  session: { id: string; template: Template },
  senderId: string,
  raw: unknown,
  now: () => number = Date.now,
): Promise<CommandResult> {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ack: { ok: false, error: { code: 'invalid_command', message: `The command is not valid. ${where}${issue?.message ?? ''}`.trim() } }, changed: null };
  }
  const people = new Map<string, Role>((await store.listParticipants(session.id)).map((p) => [p.id, p.role]));
  try {
    const { current, changed } = await changeSessionState(store, session.id, (state) => {
      const outcome = applyCommand(session.template, state, senderId, parsed.data, people, now());
      if (!outcome.ok) throw new Refused(outcome);
      return outcome.state;
    });
    return { ack: { ok: true, version: current.version }, changed: changed ? current : null };
  } catch (err) {
    if (err instanceof Refused) return { ack: { ok: false, error: { code: err.outcome.code, message: err.outcome.message } }, changed: null };
    throw err;
  }
}
