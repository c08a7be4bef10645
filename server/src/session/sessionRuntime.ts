import { ANONYMOUS_AUTHOR, accessIn, roleIn, type BoardAccess, type Role, type Template, type VersionedSessionState } from '@balcony/shared';
import type { ParticipantRecord } from '../store/types.js';

export type ConnectionKind = 'board' | 'control';

/** A live socket of one participant, board or control, as the runtime sees it. */
export interface LiveConnection {
  readonly kind: ConnectionKind;
  readonly participantId: string;
  /** The peer's address, for the per-address cap. */
  readonly address: string;
  /** Cuts the connection off with a close code and a reason the client can show. */
  close(code: number, reason: string): void;
  /** The session's state changed: what this person may do may have changed with it. */
  stateChanged?(): void;
}

/** What one participant may do on the board right now. */
export interface Permissions {
  /** Add notes, move and recolour any note, edit and delete their own. */
  mayWrite: boolean;
  /** Edit and delete other people's notes too. */
  mayEditOthersNotes: boolean;
  /** Why not, when they may not write: the words the board shows. */
  readOnlyReason: string | null;
}

export interface ConnectionCaps {
  perParticipant: number;
  perSession: number;
}

export type Admission = { ok: true } | { ok: false; reason: string };

const NO_PERMISSIONS: Permissions = { mayWrite: false, mayEditOthersNotes: false, readOnlyReason: 'Not in this session' };

function permissionsOf(access: BoardAccess): Permissions {
  return access.write
    ? { mayWrite: true, mayEditOthersNotes: access.editOthers, readOnlyReason: null }
    : { mayWrite: false, mayEditOthersNotes: false, readOnlyReason: access.reason };
}

/**
 * One session on this server: its template, its state (phase, roles, lock) as last written, who
 * is in it, and which of their sockets are open. Board connections ask it before applying a
 * write, and it tells them when the state changes, so a new phase, role or lock takes effect on
 * a live connection at once. It holds no socket logic of its own.
 */
export class SessionRuntime {
  private readonly people = new Map<string, ParticipantRecord>();
  private readonly connections = new Set<LiveConnection>();
  /** Who wrote each note revealed in an anonymous session: known here, never written on the board. */
  private authors = new Map<string, string>();

  constructor(
    readonly sessionId: string,
    readonly template: Template,
    participants: readonly ParticipantRecord[],
    private readonly caps: ConnectionCaps,
    private current: VersionedSessionState,
  ) {
    for (const p of participants) this.people.set(p.id, p);
  }

  /** The session's state as this node last heard it. */
  get state(): VersionedSessionState {
    return this.current;
  }

  /**
   * Takes a state written by this node or another; an older one than held (two changes told in
   * the other order) is ignored.
   */
  follow(next: VersionedSessionState): void {
    if (next.version <= this.current.version) return;
    this.current = next;
    for (const conn of this.connections) conn.stateChanged?.();
  }

  /** Adds or refreshes a participant, as a token is checked or someone joins. */
  know(participant: ParticipantRecord): void {
    if (participant.sessionId !== this.sessionId) throw new Error('participant of another session');
    this.people.set(participant.id, participant);
  }

  /** Someone's role now: the state's, or for a person it does not list, the one they joined with. */
  roleOf(participantId: string): Role | null {
    const p = this.people.get(participantId);
    return p ? roleIn(this.current.state, p.id, p.role) : null;
  }

  /** What someone may do on the board now: the phase's writers, their role and the lock. */
  permissions(participantId: string): Permissions {
    const p = this.people.get(participantId);
    return p ? permissionsOf(accessIn(this.template, this.current.state, p.id, p.role)) : NO_PERMISSIONS;
  }

  /** Whether nothing sent may link a note to its writer (set when the session was made). */
  get anonymous(): boolean {
    return this.current.state.anonymous;
  }

  /** Whether the facilitator has ended the session. */
  get ended(): boolean {
    return this.current.state.endedAt !== null;
  }

  /** Takes in the writers of anonymous notes, as the store holds them. */
  knowAuthors(authors: ReadonlyMap<string, string>): void {
    this.authors = new Map(authors);
  }

  /** The writer of a note, also when the board says only that it is anonymous. */
  writerOf(noteId: string, authorId: string): string {
    return authorId === ANONYMOUS_AUTHOR ? (this.authors.get(noteId) ?? ANONYMOUS_AUTHOR) : authorId;
  }

  /** Whether this participant may change the words of, or delete, this note by `authorId`. */
  mayEditNote(participantId: string, noteId: string, authorId: string): boolean {
    const perms = this.permissions(participantId);
    return perms.mayWrite && (perms.mayEditOthersNotes || this.writerOf(noteId, authorId) === participantId);
  }

  /** Stars are the presenter's, while they may write, and facilitators'. */
  mayStar(participantId: string): boolean {
    const role = this.roleOf(participantId);
    return (role === 'facilitator' || role === 'presenter') && this.permissions(participantId).mayWrite;
  }

  /** Lets a connection in unless it would pass a cap for its kind. */
  admit(conn: LiveConnection): Admission {
    let mine = 0;
    let all = 0;
    for (const c of this.connections) {
      if (c.kind !== conn.kind) continue;
      all++;
      if (c.participantId === conn.participantId) mine++;
    }
    if (mine >= this.caps.perParticipant) {
      return { ok: false, reason: `at most ${this.caps.perParticipant} open ${conn.kind} connections per person` };
    }
    if (all >= this.caps.perSession) return { ok: false, reason: `at most ${this.caps.perSession} open ${conn.kind} connections per session` };
    this.connections.add(conn);
    return { ok: true };
  }

  /** Closes every connection (the session is gone); each leaves as its socket closes. */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) conn.close(code, reason);
  }

  /** Takes a connection out; false when it was not in. */
  leave(conn: LiveConnection): boolean {
    return this.connections.delete(conn);
  }

  get connectionCount(): number {
    return this.connections.size;
  }
}
