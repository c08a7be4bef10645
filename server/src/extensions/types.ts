import type { Access } from '../sessions/access.js';
import type { ParticipantRecord, SessionRecord, Store } from '../store/types.js';
import type { Admission, ConnectionKind, LiveConnection, SessionRuntime } from '../session/sessionRuntime.js';

export type { Admission };

/** One socket, board or control, once its token is known: what every hook is told about it. */
export interface ConnectionInfo {
  readonly kind: ConnectionKind;
  readonly participant: ParticipantRecord;
  readonly session: SessionRecord;
  readonly runtime: SessionRuntime;
  /** The client's address (behind a trusted proxy, the one it names). */
  readonly address: string;
  /** Closes the socket with a code and a reason the client can show. */
  readonly live: LiveConnection;
}

/** What a message overdrew: the count of messages or the bytes. */
export type Spent = 'messages' | 'bytes';

/** What a board in memory needs from storage; the store provides it, through an extension. */
export type BoardPersistence = Pick<
  Store,
  'loadDoc' | 'appendUpdate' | 'compact' | 'bindClientIds' | 'loadPrivateDoc' | 'appendPrivateUpdate' | 'compactPrivate'
>;

/**
 * A server concern as a few optional hooks, after the model of Hocuspocus's extensions: the
 * board endpoint, the control plane and the rooms call the composed hooks and know nothing of
 * what stands behind them. Extensions run in the order they are given.
 */
export interface Extension {
  readonly name: string;
  /** Who a token belongs to. The first extension that answers decides. */
  onAuthenticate?(token: string | null | undefined): Promise<Access | null>;
  /** A socket asks to open. The first refusal keeps it shut; those admitted before hear onDisconnect. */
  onConnect?(conn: ConnectionInfo): Admission;
  /** The socket closed, or an extension after this one refused it. */
  onDisconnect?(conn: ConnectionInfo): void;
  /** A message of `bytes` arrived; returning what it overdrew closes the socket. */
  onMessage?(conn: ConnectionInfo, bytes: number): Spent | null;
  /** The server refused something of this connection: a write, a message, the socket itself. */
  onRefused?(conn: ConnectionInfo, code: number, reason: string): void;
  /** Where boards are kept; exactly one extension provides it. */
  persistence?: BoardPersistence;
}
