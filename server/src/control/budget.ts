/**
 * What one control socket may send. The control plane carries small, human-paced commands
 * (next phase, a vote, a reveal): a person clicking fast stays far below these, while a script
 * flooding the socket is cut off in well under a second. Counted on the raw Engine.IO packets, so
 * that packets Socket.io would drop quietly (acks nobody asked for, pongs) are paid for too.
 */
export const CONTROL_BUDGET = {
  messages: { burst: 100, perSecond: 20 },
  /** Socket.io reads packets of up to 64 KiB (`maxHttpBufferSize`); four of those are a burst. */
  bytes: { burst: 256 * 1024, perSecond: 32 * 1024 },
} as const;

/** A token bucket: `burst` tokens at most, refilled continuously at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = this.now();
  }

  /** Takes `n` tokens if there are that many; false when the budget is spent. */
  take(n: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

export type Spent = 'messages' | 'bytes';

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
 * Charges every packet of one connection to its budget and calls `onSpent` once, before the
 * packet that overdrew it is handled. Returns a function that stops counting.
 */
export function meterPackets(conn: PacketSource, onSpent: (what: Spent) => void): () => void {
  const messages = new TokenBucket(CONTROL_BUDGET.messages.burst, CONTROL_BUDGET.messages.perSecond);
  const bytes = new TokenBucket(CONTROL_BUDGET.bytes.burst, CONTROL_BUDGET.bytes.perSecond);
  const onPacket = (packet: { type: string; data?: unknown }) => {
    // Each packet costs at least one byte (its type), so empty ones still cost something.
    const spent = !messages.take(1) ? 'messages' : !bytes.take(1 + packetBytes(packet.data)) ? 'bytes' : null;
    if (!spent) return;
    stop();
    onSpent(spent);
  };
  const stop = () => conn.off('packet', onPacket);
  conn.on('packet', onPacket);
  return stop;
}
