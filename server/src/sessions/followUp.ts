import * as Y from 'yjs';
import {
  ANONYMOUS_AUTHOR,
  REVIEW_PHASE_ID,
  carriedActions,
  carriedBoard,
  followUpTemplate,
  listNotes,
  parseSessionState,
  templateZones,
  type FollowUpBody,
  type NoteView,
  type SessionState,
} from '@balcony/shared';
import type { SessionRecord, SnapshotRecord, Store } from '../store/types.js';
import type { Snapshots } from '../outcome/snapshots.js';
import { ApiError } from '../http/apiError.js';
import { openSession } from './commands.js';

export interface FollowUpDeps {
  store: Store;
  snapshots: Pick<Snapshots, 'takeRecord'>;
  now: () => number;
}

/**
 * The snapshot a follow-up starts from. While the session runs, one is taken now, so that the
 * follow-up carries the actions and notes as they stand; once it has ended, its final one.
 */
async function sourceSnapshot(deps: FollowUpDeps, session: SessionRecord, state: SessionState): Promise<SnapshotRecord> {
  if (state.endedAt === null) return deps.snapshots.takeRecord(session, state, 'manual', state.phase.id, deps.now());
  const list = await deps.store.listSnapshots(session.id);
  const id = (list.find((s) => s.final) ?? list.at(-1))?.id;
  const snap = id ? await deps.store.getSnapshot(id) : null;
  if (!snap) throw new ApiError('not_found', 'This session has no snapshot to follow up.');
  return snap;
}

/**
 * Starts a follow-up of `session`: the same template with a review phase first, the open actions
 * carried into it, and the board empty or started from the notes as filed. The new session is
 * linked to the one before and kept as long as that one was set to be.
 */
export async function startFollowUp(deps: FollowUpDeps, session: SessionRecord, state: SessionState, body: FollowUpBody) {
  const { store } = deps;
  const snap = await sourceSnapshot(deps, session, state);
  const filed = parseSessionState(snap.state);
  const people = await store.listParticipants(session.id);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const now = deps.now();
  // An anonymous session's owners stay unnamed: carrying a name over would undo the anonymity.
  const nameOf = (id: string) => (filed.anonymous ? null : (names.get(id) ?? null));
  const actions = carriedActions(filed.actions, { sessionId: session.id, nameOf }, REVIEW_PHASE_ID, now);
  const template = followUpTemplate(session.template);

  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, snap.board);
    let notes: NoteView[] = [];
    const opened = await openSession(store, {
      title: body.title ?? session.title,
      template,
      facilitatorName: body.facilitatorName,
      anonymous: filed.anonymous,
      previousSessionId: session.id,
      now,
      prepare: (fresh) => ({ ...fresh, actions }),
      board: (facilitatorId) => {
        if (body.start === 'empty') return null;
        const author = filed.anonymous ? ANONYMOUS_AUTHOR : facilitatorId;
        const board = carriedBoard(source, author, new Set(templateZones(template).map((z) => z.id)));
        notes = listNotes(board);
        return board;
      },
    });
    if (filed.anonymous && notes.length > 0) {
      await store.recordNoteAuthors(opened.session.id, notes.map((n) => ({ noteId: n.id, participantId: opened.facilitator.id })));
    }
    const retention = await store.getRetention(session.id);
    if (retention) await store.setRetention(opened.session.id, retention.days);
    return { ...opened, fromSnapshotId: snap.id, carriedActions: actions.length, carriedNotes: notes.length };
  } finally {
    source.destroy();
  }
}
