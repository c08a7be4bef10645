/**
 * Bytes handed to sockets that the network has not taken yet, per socket and across the process.
 * A reader that stops reading would otherwise make the server hold everything sent to it; many
 * such readers would hold the process's memory.
 */
export class OutboundBudget {
  private total = 0;

  constructor(
    /** Unread bytes one socket may hold; a single larger message still goes when it holds none. */
    readonly perSocket: number,
    /** Unread bytes all sockets together may hold. */
    readonly perProcess: number,
    /** Under pressure, a socket holding this much already is the one cut off. */
    readonly slackPerSocket: number,
  ) {}

  /** Whether a socket holding `queued` bytes may be handed `bytes` more. */
  allows(queued: number, bytes: number): boolean {
    if (queued > 0 && queued + bytes > this.perSocket) return false;
    if (this.total + bytes > this.perProcess && queued > this.slackPerSocket) return false;
    return true;
  }

  add(bytes: number): void {
    this.total += bytes;
  }

  release(bytes: number): void {
    this.total -= bytes;
  }

  get queued(): number {
    return this.total;
  }
}
