import type { Socket } from 'socket.io-client';
import { timeAckSchema, type ClientToServerEvents, type ServerToClientEvents } from '@balcony/shared';
import { ValueStore } from './store';

/** One round trip of `time`: asked at `t0` and answered at `t1` on this device; `now` is the server's. */
export interface ClockSample {
  t0: number;
  now: number;
  t1: number;
}

/**
 * The server's clock minus this device's (NTP's estimate): the server read its clock about
 * halfway through the round trip. Of several samples the shortest trip is the surest, since the
 * middle of a short trip can be the least far from when the server really read its clock.
 */
export function offsetFrom(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (s.t1 >= s.t0 && (!best || s.t1 - s.t0 < best.t1 - best.t0)) best = s;
  return best ? best.now - (best.t0 + best.t1) / 2 : null;
}

/** Round trips per estimate: enough to skip one slowed by a busy network, few enough to be quiet. */
const SAMPLES = 3;
const ANSWER_WITHIN_MS = 3_000;
/** Smaller corrections than this change no second on the timer; they are not worth a re-render. */
const WORTH_MS = 100;

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * This device's idea of the server's clock, so that a timer that ends at a server time reads the
 * same on a laptop whose clock is a minute out. Estimated each time the control socket connects.
 */
export class ServerClock {
  /** Milliseconds to add to Date.now() for the server's time; 0 until measured. */
  readonly offset = new ValueStore(0);
  private destroyed = false;

  constructor(private readonly socket: ControlSocket) {
    socket.on('connect', this.measure);
    if (socket.connected) this.measure();
  }

  /** The server's time now, as well as this device can tell. */
  now(): number {
    return Date.now() + this.offset.get();
  }

  destroy(): void {
    this.destroyed = true;
    this.socket.off('connect', this.measure);
  }

  private measure = async (): Promise<void> => {
    const samples: ClockSample[] = [];
    for (let i = 0; i < SAMPLES && !this.destroyed && this.socket.connected; i++) {
      const sample = await this.ask();
      if (sample) samples.push(sample);
    }
    const offset = offsetFrom(samples);
    if (offset !== null && !this.destroyed && Math.abs(offset - this.offset.get()) >= WORTH_MS) this.offset.set(Math.round(offset));
  };

  private ask(): Promise<ClockSample | null> {
    return new Promise((resolve) => {
      const t0 = Date.now();
      this.socket.timeout(ANSWER_WITHIN_MS).emit('time', (err: Error | null, answer: unknown) => {
        const t1 = Date.now();
        const parsed = timeAckSchema.safeParse(answer);
        resolve(!err && parsed.success ? { t0, now: parsed.data.now, t1 } : null);
      });
    });
  }
}
