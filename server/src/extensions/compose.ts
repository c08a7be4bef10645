import type { Access } from '../sessions/access.js';
import type { Admission, BoardPersistence, ConnectionInfo, Extension, Spent } from './types.js';

/** The hooks of every extension, composed: what the endpoints and rooms call. */
export interface ServerHooks {
  authenticate(token: string | null | undefined): Promise<Access>;
  connect(conn: ConnectionInfo): Admission;
  disconnect(conn: ConnectionInfo): void;
  message(conn: ConnectionInfo, bytes: number): Spent | null;
  refused(conn: ConnectionInfo, code: number, reason: string): void;
  readonly persistence: BoardPersistence;
}

export function composeExtensions(extensions: readonly Extension[]): ServerHooks {
  const providers = extensions.filter((e) => e.persistence);
  if (providers.length !== 1) throw new Error(`exactly one extension must keep the boards; ${providers.length} do`);
  const persistence = providers[0]!.persistence!;
  const authenticators = extensions.filter((e) => e.onAuthenticate);
  if (authenticators.length === 0) throw new Error('no extension authenticates');

  return {
    persistence,
    async authenticate(token) {
      for (const e of authenticators) {
        const access = await e.onAuthenticate!(token);
        if (access) return access;
      }
      throw new Error('no extension answered for the token');
    },
    connect(conn) {
      const admitted: Extension[] = [];
      for (const e of extensions) {
        const answer = e.onConnect?.(conn) ?? { ok: true };
        if (!answer.ok) {
          // Whoever let the socket in before the refusal gives its place back.
          for (const a of admitted.reverse()) a.onDisconnect?.(conn);
          return answer;
        }
        admitted.push(e);
      }
      return { ok: true };
    },
    disconnect(conn) {
      for (const e of extensions) e.onDisconnect?.(conn);
    },
    message(conn, bytes) {
      for (const e of extensions) {
        const spent = e.onMessage?.(conn, bytes) ?? null;
        if (spent) return spent;
      }
      return null;
    },
    refused(conn, code, reason) {
      for (const e of extensions) e.onRefused?.(conn, code, reason);
    },
  };
}
