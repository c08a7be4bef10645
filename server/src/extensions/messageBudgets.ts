import { TokenBucket } from '../limits/tokenBucket.js';
import type { ConnectionKind } from '../session/sessionRuntime.js';
import type { ConnectionInfo, Extension } from './types.js';

export interface MessageBudget {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

/**
 * A message and byte budget for every socket, by kind: a person working fast stays far below
 * it, a script flooding the socket spends it in well under a second and is closed.
 */
export function messageBudgets(budgets: Record<ConnectionKind, MessageBudget>): Extension {
  const buckets = new WeakMap<ConnectionInfo, { messages: TokenBucket; bytes: TokenBucket }>();
  return {
    name: 'message-budgets',
    onConnect(conn) {
      const b = budgets[conn.kind];
      buckets.set(conn, {
        messages: new TokenBucket(b.messagesPerSecond, b.messageBurst),
        bytes: new TokenBucket(b.bytesPerSecond, b.byteBurst),
      });
      return { ok: true };
    },
    onDisconnect: (conn) => void buckets.delete(conn),
    onMessage(conn, bytes) {
      const b = buckets.get(conn);
      if (!b) return null;
      if (!b.messages.take(1)) return 'messages';
      return b.bytes.take(bytes) ? null : 'bytes';
    },
  };
}
