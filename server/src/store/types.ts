import type { Role, SnapshotReason, Template } from '@balcony/shared';

export interface SessionRecord {
  id: string;
  title: string;
  /** The id of the template the session began from (a built-in's, or the facilitator's own). */
  templateId: string;
  /** The session's own copy of it, kept with the session: changing a built-in never changes it. */
  template: Template;
  joinCode: string;
  createdAt: number;
  /** When the session ended (its code no longer admits anyone); null or absent while it runs. */
  closedAt?: number | null;
  /**
   * The session this one follows up; null or absent for a first session. It may name a session
   * erased since.
   */
  previousSessionId?: string | null;
}

/** A read-only link to one session's outcome; only its token's hash is kept. */
export interface TeamLinkRecord {
  id: string;
  sessionId: string;
  label: string | null;
  createdAt: number;
}

/** A session started as a follow-up of another, as the one before lists it. */
export interface FollowUpRecord {
  id: string;
  title: string;
  createdAt: number;
}

/**
 * One snapshot of a session's outcome: the board as filed (notes marked "don't record" left out),
 * the session state, and the outcome record derived from them. Never changed, except when a
 * participant withdraws a note (rewriteSnapshot).
 */
export interface SnapshotRecord {
  id: string;
  sessionId: string;
  takenAt: number;
  reason: SnapshotReason;
  /** The phase whose work it holds (the one being left, for a phase change). */
  phaseId: string;
  final: boolean;
  /** The filed board's Yjs state. */
  board: Uint8Array;
  /** The session state as JSON (shared/sessionState.ts). */
  state: string;
  /** The outcome record as JSON (shared/outcome/record.ts). */
  record: string;
}
export type SnapshotSummaryRecord = Omit<SnapshotRecord, 'board' | 'state' | 'record'>;

/** How long a session is kept: `days` after `lastActivityAt`. */
export interface RetentionRecord {
  days: number;
  lastActivityAt: number;
}

/** A session's changing state as stored: JSON text (shared/sessionState.ts) and its version. */
export interface StoredSessionState {
  version: number;
  state: string;
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  name: string;
  role: Role;
  color: string;
  createdAt: number;
}

export interface StoredDoc {
  /** The compacted state, if the log has ever been compacted. */
  state: Uint8Array | null;
  /** Updates appended since, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update, for compact(). 0 when there is none. */
  lastSeq: number;
  /** Yjs client id → the participant who first wrote under it (see bindClientIds). */
  clientOwners: Map<number, string>;
}

/**
 * Everything the server keeps. One interface so that the embedded SQLite store and a server
 * database can stand behind it alike; every method may be asynchronous.
 */
export interface Store {
  /** Creates a session with its first (facilitator) participant, initial board and state (version 1). */
  createSession(input: {
    session: SessionRecord;
    facilitator: ParticipantRecord;
    tokenHash: string;
    initialState: Uint8Array;
    sessionState: string;
  }): Promise<void>;
  /** True when a live session already uses the code. */
  joinCodeInUse(code: string): Promise<boolean>;
  findSessionByJoinCode(code: string): Promise<SessionRecord | null>;
  getSession(sessionId: string): Promise<SessionRecord | null>;
  addParticipant(participant: ParticipantRecord, tokenHash: string): Promise<void>;
  countParticipants(sessionId: string): Promise<number>;
  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null>;
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
  /** The session's state and its version; null for a session the store does not hold. */
  loadSessionState(sessionId: string): Promise<StoredSessionState | null>;
  /**
   * Writes `state` as version `expectedVersion + 1` if the stored version is still
   * `expectedVersion`, and says whether it did: false means someone else changed it first, and
   * the change must be worked out again from what they wrote.
   */
  replaceSessionState(sessionId: string, expectedVersion: number, state: string): Promise<boolean>;

  /** Loads a board: the compacted state plus every update appended since. */
  loadDoc(sessionId: string): Promise<StoredDoc>;
  /**
   * Appends one accepted update and resolves once it is durable (it survives a process kill);
   * resolves to the update's sequence number.
   */
  appendUpdate(sessionId: string, update: Uint8Array): Promise<number>;
  /** Replaces the state and every update up to and including `throughSeq` with `state`. */
  compact(sessionId: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * Binds Yjs client ids to the participant who first wrote under them, kept with the board.
   * An id that is already bound keeps its first owner. Durable like appendUpdate, and called
   * before the update that first uses the id is appended.
   */
  bindClientIds(sessionId: string, participantId: string, clientIds: readonly number[]): Promise<void>;
  /** A person's private board (see loadDoc); empty for one never written. */
  loadPrivateDoc(sessionId: string, ownerId: string): Promise<StoredDoc>;
  /** Appends to a private board; durable on return, like appendUpdate. */
  appendPrivateUpdate(sessionId: string, ownerId: string, update: Uint8Array): Promise<number>;
  /**
   * Folds a private board's log up to `throughSeq` into one state. Folds with what is stored, so
   * that two nodes folding the same board lose nothing of each other's.
   */
  compactPrivate(sessionId: string, ownerId: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * Records who wrote notes revealed in an anonymous session (the board says nobody). A note's
   * first writer stays.
   */
  recordNoteAuthors(sessionId: string, authors: readonly { noteId: string; participantId: string }[]): Promise<void>;
  /** noteId → writer, for the notes recordNoteAuthors was told of. */
  loadNoteAuthors(sessionId: string): Promise<Map<string, string>>;
  /** Stores a new snapshot. */
  saveSnapshot(snapshot: SnapshotRecord): Promise<void>;
  /** A session's snapshots without their content, oldest first (by takenAt, then as stored). */
  listSnapshots(sessionId: string): Promise<SnapshotSummaryRecord[]>;
  getSnapshot(snapshotId: string): Promise<SnapshotRecord | null>;
  /**
   * Replaces a snapshot's content, for a withdrawn note only; the old bytes are overwritten, not
   * left in free space.
   */
  rewriteSnapshot(snapshotId: string, content: Pick<SnapshotRecord, 'board' | 'state' | 'record'>): Promise<void>;
  /** Marks a session ended at `at`: its join code stops admitting anyone (and may be issued again). */
  closeSession(sessionId: string, at: number): Promise<void>;
  /** Notes activity on a session: its last activity becomes `at` unless it is already later. */
  touchSession(sessionId: string, at: number): Promise<void>;
  /** Sets how many days after its last activity a session is kept. */
  setRetention(sessionId: string, days: number): Promise<void>;
  /** A session's retention; a session never touched counts from its creation. Null when unknown. */
  getRetention(sessionId: string): Promise<RetentionRecord | null>;
  /** Ids of sessions whose retention ran out at or before `now`, oldest expiry first, at most `limit`. */
  listExpiredSessions(now: number, limit: number): Promise<string[]>;
  /**
   * Removes a session and everything kept for it (participants, boards shared and private,
   * bindings, authors, snapshots, team links): afterwards no row and no readable byte of it is left in the
   * store's files. Resolves true when there was a session to remove.
   */
  eraseSession(sessionId: string): Promise<boolean>;

  /** Keeps a new team link of a session, live until revoked. */
  createTeamLink(input: TeamLinkRecord & { tokenHash: string }): Promise<void>;
  /** A session's live team links, oldest first. */
  listTeamLinks(sessionId: string): Promise<TeamLinkRecord[]>;
  /** How many live team links a session has. */
  countTeamLinks(sessionId: string): Promise<number>;
  /** The live link with this token hash; null for a revoked or unknown one. */
  findTeamLinkByTokenHash(tokenHash: string): Promise<TeamLinkRecord | null>;
  /**
   * Revokes a live link of the session at `at`, and says whether it did: false for a link
   * unknown, already revoked, or of another session.
   */
  revokeTeamLink(sessionId: string, linkId: string, at: number): Promise<boolean>;
  /** The sessions started as follow-ups of this one, oldest first. */
  listFollowUps(sessionId: string): Promise<FollowUpRecord[]>;

  /** Resolves when the store answers a trivial query, for readiness; rejects when it cannot. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
