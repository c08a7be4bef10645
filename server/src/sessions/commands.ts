import { randomBytes, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
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

export async function createSession(store: Store, body: CreateSessionBody) {
  const now = Date.now();
  const session: SessionRecord = {
    id: randomUUID(),
    title: body.title,
    template: body.template,
    joinCode: await freshJoinCode(store),
    createdAt: now,
  };
  const facilitator: ParticipantRecord = {
    id: randomUUID(),
    sessionId: session.id,
    name: body.facilitatorName ?? 'Facilitator',
    role: 'facilitator',
    color: personColor(0),
    createdAt: now,
  };
  const token = newToken();
  await store.createSession({ session, facilitator, tokenHash: hashToken(token), initialState: initialBoardState() });
  return { session, facilitator, token };
}

export async function joinSession(store: Store, body: JoinBody) {
  const code = normalizeJoinCode(body.joinCode);
  const session = isJoinCode(code) ? await store.findSessionByJoinCode(code) : null;
  if (!session) {
    throw new ApiError('unknown_code', "That code isn't running a session. Check it with your facilitator.", 'joinCode');
  }
  const index = await store.countParticipants(session.id);
  const participant: ParticipantRecord = {
    id: randomUUID(),
    sessionId: session.id,
    name: body.name,
    role: 'participant',
    color: personColor(index),
    createdAt: Date.now(),
  };
  const token = newToken();
  await store.addParticipant(participant, hashToken(token));
  return { session, participant, token };
}

export type Access =
  | { ok: true; participant: ParticipantRecord; session: SessionRecord }
  | { ok: false; error: ApiError };

/**
 * Who a token belongs to, for a given session. The order of the checks decides which error a
 * caller sees: no token, unknown token, unknown session, then a token of another session.
 */
export async function authorize(store: Store, token: string | null | undefined, sessionId: string): Promise<Access> {
  if (!token) return { ok: false, error: new ApiError('unauthorized', 'This needs a session token.') };
  const participant = await store.findParticipantByTokenHash(hashToken(token));
  if (!participant) return { ok: false, error: new ApiError('unauthorized', 'That token is not valid. Join the session again.') };
  const session = await store.getSession(sessionId);
  if (!session) return { ok: false, error: new ApiError('not_found', 'There is no such session.') };
  if (participant.sessionId !== session.id) {
    return { ok: false, error: new ApiError('forbidden', 'That token belongs to another session.') };
  }
  return { ok: true, participant, session };
}
