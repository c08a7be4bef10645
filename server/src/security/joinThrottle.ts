/**
 * Slows down guessing of join codes without locking out a room. Only wrong codes count. The
 * browser that keeps sending them waits first, longer after each one; the address as a whole is
 * stopped only at a ceiling that a training room behind one address, everyone mistyping a couple
 * of times, stays well under. Both are kept in memory: a restart forgets them, which is fine.
 */

export interface JoinThrottleOptions {
  /** Wrong codes one browser may send before it has to wait. */
  freeFailures: number;
  /** The first wait; it doubles with each further wrong code, up to `backoffMaxMs`. */
  backoffMs: number;
  backoffMaxMs: number;
  /** Wrong codes per address per window before every join from it waits for the window to end. */
  addressLimit: number;
  /** How long a browser's or an address's wrong codes are remembered. */
  windowMs: number;
  now?: () => number;
}

export type JoinVerdict = { ok: true } | { ok: false; by: 'client' | 'address'; retryAfterMs: number };

/** What the join guard asks of a throttle, in this process's memory or shared between nodes. */
export interface JoinThrottling {
  check(clientId: string, address: string): JoinVerdict | Promise<JoinVerdict>;
  wrongCode(clientId: string, address: string): void | Promise<void>;
  joined(clientId: string): void | Promise<void>;
}

/** How long a browser waits after its `failures`-th wrong code in a row: nothing while free. */
export function backoffAfter(failures: number, opts: Pick<JoinThrottleOptions, 'freeFailures' | 'backoffMs' | 'backoffMaxMs'>): number {
  const over = failures - opts.freeFailures;
  return over > 0 ? Math.min(opts.backoffMaxMs, opts.backoffMs * 2 ** (over - 1)) : 0;
}

interface ClientState {
  failures: number;
  waitUntil: number;
  lastFailure: number;
}

interface AddressState {
  failures: number;
  windowEnds: number;
}

/** Each map keeps at most this many entries, so that made-up ids cannot fill the memory. */
const MAX_TRACKED = 100_000;

export class JoinThrottle implements JoinThrottling {
  private readonly clients = new Map<string, ClientState>();
  private readonly addresses = new Map<string, AddressState>();
  private readonly now: () => number;

  constructor(private readonly opts: JoinThrottleOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Whether a join attempt from this browser and address may be looked at now. */
  check(clientId: string, address: string): JoinVerdict {
    const now = this.now();
    const client = this.client(clientId, now);
    if (client && client.waitUntil > now) return { ok: false, by: 'client', retryAfterMs: client.waitUntil - now };
    const addr = this.address(address, now);
    if (addr && addr.failures >= this.opts.addressLimit) return { ok: false, by: 'address', retryAfterMs: addr.windowEnds - now };
    return { ok: true };
  }

  /** The attempt named a code that no session runs. */
  wrongCode(clientId: string, address: string): void {
    const now = this.now();
    const client = this.client(clientId, now) ?? { failures: 0, waitUntil: 0, lastFailure: now };
    client.failures++;
    client.lastFailure = now;
    const wait = backoffAfter(client.failures, this.opts);
    if (wait > 0) client.waitUntil = now + wait;
    remember(this.clients, clientId, client);

    const addr = this.address(address, now) ?? { failures: 0, windowEnds: now + this.opts.windowMs };
    addr.failures++;
    remember(this.addresses, address, addr);
  }

  /** The browser got in: its earlier typos are forgiven. The address keeps its count. */
  joined(clientId: string): void {
    this.clients.delete(clientId);
  }

  private client(id: string, now: number): ClientState | undefined {
    const state = this.clients.get(id);
    if (state && now - state.lastFailure >= this.opts.windowMs && state.waitUntil <= now) {
      this.clients.delete(id);
      return undefined;
    }
    return state;
  }

  private address(address: string, now: number): AddressState | undefined {
    const state = this.addresses.get(address);
    if (state && now >= state.windowEnds) {
      this.addresses.delete(address);
      return undefined;
    }
    return state;
  }
}

/** Re-inserts so that the map's order is least recently failed first, and drops the oldest. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_TRACKED) map.delete(map.keys().next().value!);
}
