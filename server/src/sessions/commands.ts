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

// The board endpoint still imports the token check from here; it lives in access.ts.
export { authorize, type Access } from './access.js';

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
    joinLocked: false,
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

