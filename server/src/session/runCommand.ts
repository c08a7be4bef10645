import { commandSchema, type Command, type CommandAck, type Role, type VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { randomUUID } from 'node:crypto';
import { applyCommand, type CommandContext, type CommandOutcome } from './applyCommand.js';
import { changeSessionState, readSessionState } from './stateChanges.js';
import type { SessionBoards } from './sessionBoards.js';
import { WithdrawRefused, type SessionRef, type Snapshots } from '../outcome/snapshots.js';
import type { Logger } from 'pino';

class Refused extends Error {
  constructor(readonly outcome: Extract<CommandOutcome, { ok: false }>) {
    super(outcome.message);
  }
}

/** What a command may need beyond the state: the boards, the snapshots, the store's other tables. */
export interface CommandDeps {
  store: Pick<Store, 'loadSessionState' | 'replaceSessionState' | 'listParticipants' | 'closeSession'>;
  boards: Pick<SessionBoards, 'voteTargets' | 'reveal'>;
  snapshots: Pick<Snapshots, 'take' | 'hasFinal' | 'withdraw'>;
  log: Pick<Logger, 'error'>;
}

/** Commands whose checks need to know what is on the board. */
function needsTargets(command: Command): boolean {
  if (command.type === 'vote.cast') return true;
  if (command.type !== 'action.add' && command.type !== 'action.update') return false;
  return (command.noteIds?.length ?? 0) > 0 || command.themeId != null;
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
  deps: CommandDeps,
  session: SessionRef,
  senderId: string,
  raw: unknown,
  now: () => number = Date.now,
): Promise<CommandResult> {
  const { store, boards } = deps;
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ack: { ok: false, error: { code: 'invalid_command', message: `The command is not valid. ${where}${issue?.message ?? ''}`.trim() } }, changed: null };
  }
  const command = parsed.data;
  const participants = await store.listParticipants(session.id);
  const people = new Map<string, Role>(participants.map((p) => [p.id, p.role]));
  const targets = needsTargets(command) ? await boards.voteTargets(session) : undefined;
  const ctx: CommandContext = { people, now: now(), targets: targets && (() => targets), newId: randomUUID };
  try {
    if (command.type === 'reveal' || command.type === 'reveal.mine') {
      return await reveal(store, boards, session, senderId, command.type === 'reveal' ? participants.map((p) => p.id) : [senderId], ctx);
    }
    if (command.type === 'note.withdraw') return await withdraw(deps, session, senderId, command.noteId, ctx);
    let before: VersionedSessionState['state'] | null = null;
    const { current, changed } = await changeSessionState(store, session.id, (state) => {
      before = state;
      const outcome = applyCommand(session.template, state, senderId, command, { ...ctx, now: now() });
      if (!outcome.ok) throw new Refused(outcome);
      return outcome.state;
    });
    const left = before as VersionedSessionState['state'] | null;
    if (command.type === 'session.end') await finish(deps, session, current);
    else if (changed && left && left.phase.id !== current.state.phase.id) {
      // The work of the phase just left is filed; the phase change stands even if filing fails.
      await deps.snapshots.take(session, current.state, 'phase', left.phase.id, now()).catch((err: unknown) => {
        deps.log.error({ err, sessionId: session.id }, 'phase snapshot failed');
      });
    }
    return { ack: { ok: true, version: current.version }, changed: changed ? current : null };
  } catch (err) {
    if (err instanceof Refused) return { ack: { ok: false, error: { code: err.outcome.code, message: err.outcome.message } }, changed: null };
    if (err instanceof WithdrawRefused) return { ack: { ok: false, error: { code: err.code, message: err.message } }, changed: null };
    throw err;
  }
}

/**
 * After `session.end` has been written: the final snapshot (once; a retried end takes it if an
 * earlier one failed to), then the join code is retired.
 */
async function finish(deps: CommandDeps, session: SessionRef, current: VersionedSessionState): Promise<void> {
  const endedAt = current.state.endedAt!;
  if (!(await deps.snapshots.hasFinal(session.id))) {
    await deps.snapshots.take(session, current.state, 'end', current.state.phase.id, endedAt);
  }
  await deps.store.closeSession(session.id, endedAt);
}

/** Checked against the state (the session must still run), then carried out on the board and snapshots. */
async function withdraw(deps: CommandDeps, session: SessionRef, senderId: string, noteId: string, ctx: CommandContext): Promise<CommandResult> {
  const stored = await readSessionState(deps.store, session.id);
  if (!stored) throw new Error(`no state for session ${session.id}`);
  const allowed = applyCommand(session.template, stored.state, senderId, { type: 'note.withdraw', noteId }, ctx);
  if (!allowed.ok) throw new Refused(allowed);
  await deps.snapshots.withdraw(session, noteId, senderId, stored.state.anonymous);
  return { ack: { ok: true, version: stored.version }, changed: null };
}

/**
 * A reveal is checked against the state as stored, carried out on the boards, and then recorded
 * in the state (each person's private count), so that everyone hears of it.
 */
async function reveal(
  store: Pick<Store, 'loadSessionState' | 'replaceSessionState'>,
  boards: Pick<SessionBoards, 'reveal'>,
  session: SessionRef,
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
