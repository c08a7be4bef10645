import type { RuntimeRegistry } from '../session/runtimeRegistry.js';
import type { Extension } from './types.js';

/** Sockets per person, per session and per address, counted by the session runtimes. */
export function connectionCaps(runtimes: RuntimeRegistry): Extension {
  return {
    name: 'connection-caps',
    onConnect: (conn) => runtimes.admit(conn.runtime, conn.live),
    onDisconnect: (conn) => runtimes.leave(conn.runtime, conn.live),
  };
}
