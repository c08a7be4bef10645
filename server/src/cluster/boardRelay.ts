import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { openRedis } from './redis.js';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './relayMessage.js';

/** How one node's rooms hear the other nodes' rooms of the same sessions. */
export interface BoardRelay {
  readonly nodeId: string;
  /** Hears another node's messages for this session; resolves once they are being heard. */
  join(sessionId: string, hear: (message: RelayMessage) => void): Promise<void>;
  leave(sessionId: string): void;
  /** Tells the other nodes; at most once, so a missed message is healed by a resync. */
  publish(sessionId: string, message: RelayMessage): void;
  /** Called once the relay is back after Redis was out of reach: every room should resync. */
  onHealed(listener: () => void): void;
  /** Whether Redis answers now, for readiness. */
  isConnected(): boolean;
  close(): Promise<void>;
}

/**
 * The relay over Redis pub/sub: one channel per session, subscribed by every node that holds the
 * session's room. Each node ignores its own messages, which Redis sends back to it too.
 */
export function redisBoardRelay(url: string, prefix: string, log: Logger, onLag: (ms: number) => void = () => {}): BoardRelay {
  const nodeId = randomUUID();
  const channelOf = (sessionId: string) => `${prefix}:board:${sessionId}`;
  const sessionOf = (channel: string) => channel.slice(`${prefix}:board:`.length);
  // A publish while Redis is out of reach fails at once rather than queueing without bound; the
  // sessions it was for are told to resync once Redis is back.
  const pub = openRedis(url, 'relay publisher', log, { offlineQueue: false });
  const sub = openRedis(url, 'relay subscriber', log);
  const dropped = new Set<string>();
  const hearers = new Map<string, (message: RelayMessage) => void>();
  const healed: (() => void)[] = [];
  let lost = false;

  sub.on('close', () => {
    lost = true;
  });
  // ioredis subscribes again to every channel on reconnect; what was sent meanwhile is gone.
  sub.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info('redis back: resyncing every room with the store');
    for (const listener of healed) listener();
  });
  pub.on('ready', () => {
    for (const sessionId of dropped) publish(sessionId, { kind: 'resync' });
    dropped.clear();
  });
  sub.on('messageBuffer', (channel: Buffer, bytes: Buffer) => {
    const hear = hearers.get(sessionOf(channel.toString()));
    if (!hear) return;
    const decoded = decodeRelayMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!decoded) {
      log.warn({ channel: channel.toString() }, 'unreadable relay message ignored');
      return;
    }
    if (decoded.nodeId === nodeId) return;
    onLag(Date.now() - decoded.sentAt);
    hear(decoded.message);
  });

  function publish(sessionId: string, message: RelayMessage): void {
    pub.publish(channelOf(sessionId), Buffer.from(encodeRelayMessage(nodeId, message))).catch((err: unknown) => {
      log.warn({ err: (err as Error).message, sessionId }, 'relay publish failed; the other nodes will resync');
      dropped.add(sessionId);
    });
  }

  return {
    nodeId,
    async join(sessionId, hear) {
      hearers.set(sessionId, hear);
      const subscribing = sub.subscribe(channelOf(sessionId));
      // With Redis away the board still opens; the subscription is made, and the room resynced,
      // once Redis is back.
      if (sub.status === 'ready') await subscribing;
      else subscribing.catch((err: unknown) => log.warn({ err: (err as Error).message, sessionId }, 'subscribe failed'));
    },
    leave(sessionId) {
      hearers.delete(sessionId);
      sub.unsubscribe(channelOf(sessionId)).catch((err: unknown) => log.warn({ err, sessionId }, 'unsubscribe failed'));
    },
    publish,
    onHealed(listener) {
      healed.push(listener);
    },
    isConnected() {
      return pub.status === 'ready' && sub.status === 'ready';
    },
    async close() {
      hearers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
