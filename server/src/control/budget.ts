/**
 * What one control socket may send. The control plane carries small, human-paced commands
 * (next phase, a vote, a reveal): a person clicking fast stays far below these, while a script
 * flooding the socket is cut off in well under a second. Counted on the raw Engine.IO packets, so
 * that packets Socket.io would drop quietly (acks nobody asked for, pongs) are paid for too.
 */
export const CONTROL_BUDGET = {
  messageBurst: 100,
  messagesPerSecond: 20,
  /** Socket.io reads packets of up to 64 KiB (`maxHttpBufferSize`); four of those are a burst. */
  byteBurst: 256 * 1024,
  bytesPerSecond: 32 * 1024,
} as const;

import type { Spent } from '../extensions/types.js';

/** Size of an Engine.IO packet's payload as it came off the wire. */
function packetBytes(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

interface PacketSource {
  on(event: 'packet', listener: (packet: { type: string; data?: unknown }) => void): unknown;
  off(event: 'packet', listener: (packet: { type: string; data?: unknown }) => void): unknown;
}

/**
 * Charges every packet of one connection to its budget (`charge`, the message-budget hook) and
 * calls `onSpent` once, before the packet that overdrew it is handled. Returns a function that
 * stops counting.
 */
export function meterPackets(conn: PacketSource, charge: (bytes: number) => Spent | null, onSpent: (what: Spent) => void): () => void {
  const onPacket = (packet: { type: string; data?: unknown }) => {
    // Each packet costs at least one byte (its type), so empty ones still cost something.
    const spent = charge(1 + packetBytes(packet.data));
    if (!spent) return;
    stop();
    onSpent(spent);
  };
  const stop = () => conn.off('packet', onPacket);
  conn.on('packet', onPacket);
  return stop;
}
