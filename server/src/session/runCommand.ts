import { commandSchema, type CommandAck, type Role, type Template, type VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { randomUUID } from 'node:crypto';
import { applyCommand, type CommandContext, type CommandOutcome } from './applyCommand.js';
import { changeSessionState, readSessionState } from './stateChanges.js';
import type { SessionBoards } from './sessionBoards.js';

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
  boards: Pick<SessionBoards, 'voteTargets' | 'reveal'>,
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
  const command = parsed.data;
  const participants = await store.listParticipants(session.id);
  const people = new Map<string, Role>(participants.map((p) => [p.id, p.role]));
  const targets = command.type === 'vote.cast' ? await boards.voteTargets(session) : undefined;
  const ctx: CommandContext = { people, now: now(), targets: targets && (() => targets), newId: randomUUID };
  try {
    if (command.type === 'reveal' || command.type === 'reveal.mine') {
      return await reveal(store, boards, session, senderId, command.type === 'reveal' ? participants.map((p) => p.id) : [senderId], ctx);
    }
    const { current, changed } = await changeSessionState(store, session.id, (state) => {
      const outcome = applyCommand(session.template, state, senderId, command, { ...ctx, now: now() });
      if (!outcome.ok) throw new Refused(outcome);
      return outcome.state;
    });
    return { ack: { ok: true, version: current.version }, changed: changed ? current : null };
  } catch (err) {
    if (err instanceof Refused) return { ack: { ok: false, error: { code: err.outcome.code, message: err.outcome.message } }, changed: null };
    throw err;
  }
}

/**
 * A reveal is checked against the state as stored, carried out on the boards, and then recorded
 * in the state (each person's private count), so that everyone hears of it.
 */
async function reveal(
  store: Pick<Store, 'loadSessionState' | 'replaceSessionState'>,
  boards: Pick<SessionBoards, 'reveal'>,
  session: { id: string; template: Template },
  senderId: string,
  owners: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const stored = await readSessionState(store, session.id);
  if (!stored) throw new Error(`no state for session ${session.id}`);
  const type = owners.length === 1 && owners[0] === senderId ? 'reveal.mine' : 'reveal';
  const allowed = applyCommand(session.template, stored.state, senderId, { type }, ctx);
  if (!allowed.ok) throw new Refused(allowed);
  const { left } = await boards.reveal(session, owners, stored.state.anonymous, ctx.now);
  const { current, changed } = await changeSessionState(store, session.id, (state) => ({
    ...state,
    privateCounts: { ...state.privateCounts, ...left },
  }));
  return { ack: { ok: true, version: current.version }, changed: changed ? current : null };
}
