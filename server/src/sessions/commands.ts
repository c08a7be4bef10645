import { randomBytes, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  getTemplate,
  initialSessionState,
  parseTemplateJson,
  roleIn,
  type Template,
  type SessionState,
  type VersionedSessionState,
  initBoardMeta,
  joinCodeFromBytes,
  isJoinCode,
  normalizeJoinCode,
  personColor,
  type CreateSessionBody,
  type JoinBody,
} from '@balcony/shared';
import type { ParticipantRecord, SessionRecord, Store } from '../store/types.js';
import { hashToken, newToken } from '../tokens.js';
import { ApiError } from '../http/apiError.js';
import type { Access } from './access.js';
import { OneAtATime } from './oneAtATime.js';
import { changeSessionState, readSessionState } from '../session/stateChanges.js';

// The board endpoint still imports the token check from here; it lives in access.ts.

/** A fresh join code that no live session uses. */
async function freshJoinCode(store: Store): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = joinCodeFromBytes(randomBytes(16));
    if (code && !(await store.joinCodeInUse(code))) return code;
  }
  // 31^6 ≈ 887 million codes: fifty collisions in a row means something else is wrong.
  throw new Error('Could not find a free join code');
}

function initialBoardState(): Uint8Array {
  const doc = new Y.Doc();
  initBoardMeta(doc);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The template a new session starts from: a built-in, or the facilitator's own once it passes the schema. */
export function templateForNewSession(body: CreateSessionBody): Template {
  if (body.template !== undefined) return getTemplate(body.template);
  const checked = parseTemplateJson(body.templateJson);
  if (!checked.ok) {
    const { path, message } = checked.problem;
    throw new ApiError('invalid_template', `The template is not valid at ${path}: ${message}`, 'templateJson', path);
  }
  return checked.template;
}

export interface NewSession {
  title: string;
  template: Template;
  facilitatorName?: string | undefined;
  anonymous?: boolean | undefined;
  /** The session a follow-up follows up. */
  previousSessionId?: string;
  now?: number;
  /** Changes the fresh state before it is stored (a follow-up's carried actions). */
  prepare?: (state: SessionState) => SessionState;
  /** The board to start from, given the facilitator's id; null or absent for an empty one. Destroyed once stored. */
  board?: (facilitatorId: string) => Y.Doc | null;
}

/** Stores a new session with its facilitator, state and board, and gives the facilitator's token. */
export async function openSession(store: Store, spec: NewSession) {
  const now = spec.now ?? Date.now();
  const { template } = spec;
  const session: SessionRecord = {
    id: randomUUID(),
    title: spec.title,
    templateId: template.id,
    template,
    joinCode: await freshJoinCode(store),
    createdAt: now,
    ...(spec.previousSessionId ? { previousSessionId: spec.previousSessionId } : {}),
  };
  const facilitator: ParticipantRecord = {
    id: randomUUID(),
    sessionId: session.id,
    name: spec.facilitatorName ?? 'Facilitator',
    role: 'facilitator',
    color: personColor(0),
    createdAt: now,
  };
  const token = newToken();
  const fresh = initialSessionState(template, facilitator.id, spec.anonymous ?? false, session.createdAt);
  const board = spec.board?.(facilitator.id) ?? null;
  const initialState = board ? Y.encodeStateAsUpdate(board) : initialBoardState();
  board?.destroy();
  await store.createSession({
    session,
    facilitator,
    tokenHash: hashToken(token),
    initialState,
    sessionState: JSON.stringify(spec.prepare ? spec.prepare(fresh) : fresh),
  });
  return { session, facilitator, token };
}

export async function createSession(store: Store, body: CreateSessionBody) {
  return openSession(store, { title: body.title, template: templateForNewSession(body), facilitatorName: body.facilitatorName, anonymous: body.anonymous });
}

export interface JoinLimits {
  /** People who may join by code; the facilitator is not counted. */
  maxParticipants: number;
}

const joins = new OneAtATime();

export async function joinSession(store: Store, body: JoinBody, limits: JoinLimits) {
  const code = normalizeJoinCode(body.joinCode);
  const found = isJoinCode(code) ? await store.findSessionByJoinCode(code) : null;
  if (!found) {
    throw new ApiError('unknown_code', "That code isn't running a session. Check it with your facilitator.", 'joinCode');
  }
  return joins.run(found.id, async () => {
    // Read again in the queue: the facilitator may have closed joining while this one waited.
    const session = (await store.getSession(found.id)) ?? found;
    if ((await readSessionState(store, session.id))?.state.joinLocked) {
      throw new ApiError('joining_closed', "This session isn't taking new people. Ask your facilitator.");
    }
    const count = await store.countParticipants(session.id);
    // The facilitator is the session's first participant record.
    if (count - 1 >= limits.maxParticipants) {
      throw new ApiError(
        'session_full',
        `This session is full: it has room for ${limits.maxParticipants} people. Ask your facilitator.`,
      );
    }
    const participant: ParticipantRecord = {
      id: randomUUID(),
      sessionId: session.id,
      name: body.name,
      role: 'participant',
      color: personColor(count),
      createdAt: Date.now(),
    };
    const token = newToken();
    await store.addParticipant(participant, hashToken(token));
    // The state lists everyone's role; a person it does not list yet counts as a participant.
    const { current, changed } = await changeSessionState(store, session.id, (state) =>
      state.roles[participant.id] ? state : { ...state, roles: { ...state.roles, [participant.id]: 'participant' } },
    );
    return { session, participant, token, state: changed ? current : null };
  });
}

/**
 * Opens or closes joining by code; people already in the session stay. Facilitator only.
 * `changed` says whether this call changed the state (the others are then told).
 */
export async function setJoinLock(
  store: Store,
  access: Extract<Access, { ok: true }>,
  locked: boolean,
): Promise<{ current: VersionedSessionState; changed: boolean }> {
  const me = access.participant;
  return changeSessionState(store, access.session.id, (state) => {
    // Asked of the state the change is worked out from: a role taken away a moment ago counts.
    if (roleIn(state, me.id, me.role) !== 'facilitator') throw new ApiError('forbidden', 'Only the facilitator can close or reopen joining.');
    return { ...state, joinLocked: locked };
  });
}
