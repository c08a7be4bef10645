import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the board path reports as it runs; every call is a counter bump, cheap enough to keep on. */
export interface BoardMetrics {
  /** An update a client sent was accepted and changed the board. */
  updateIn(): void;
  /** An update another node accepted was applied here. */
  updateRelayedIn(): void;
  /** Update messages sent to sockets. */
  updatesOut(n: number): void;
}

export interface Metrics {
  board: BoardMetrics;
  /** Times one store append, from the call to its commit. */
  appendStarted(): () => void;
  /** How long a relayed message took from the node that sent it to this one. */
  relayLag(ms: number): void;
  /** The Prometheus text of every metric, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface LiveCounts {
  sockets(kind: 'board' | 'control'): number;
  rooms(): number;
}

/**
 * The node's metrics in a registry of their own (METRICS=1 serves them at /metrics): sockets,
 * rooms, updates in and out, store append latency, relay lag, and Node's own, event-loop lag
 * among them.
 */
export function createMetrics(live: LiveCounts, withProcessMetrics: boolean): Metrics {
  const registry = new Registry();
  if (withProcessMetrics) collectDefaultMetrics({ register: registry, prefix: 'balcony_' });
  const sockets = new Gauge({
    name: 'balcony_sockets',
    help: 'Open sockets on this node, by kind (board or control).',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      for (const kind of ['board', 'control'] as const) this.set({ kind }, live.sockets(kind));
    },
  });
  void sockets;
  new Gauge({
    name: 'balcony_rooms',
    help: 'Boards loaded in memory on this node.',
    registers: [registry],
    collect() {
      this.set(live.rooms());
    },
  });
  const updatesIn = new Counter({ name: 'balcony_board_updates_in_total', help: 'Board updates accepted from this node’s sockets.', registers: [registry] });
  const relayedIn = new Counter({ name: 'balcony_board_updates_relayed_in_total', help: 'Board updates from other nodes applied here.', registers: [registry] });
  const updatesOut = new Counter({ name: 'balcony_board_updates_out_total', help: 'Board update messages sent to sockets.', registers: [registry] });
  const append = new Histogram({
    name: 'balcony_store_append_seconds',
    help: 'Time from a board update’s append to the store to its commit.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'balcony_relay_lag_seconds',
    help: 'Time a message between nodes took, from the sending node’s clock to this one’s.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return {
    board: {
      updateIn: () => updatesIn.inc(),
      updateRelayedIn: () => relayedIn.inc(),
      updatesOut: (n) => updatesOut.inc(n),
    },
    appendStarted: () => append.startTimer(),
    // Clocks of two machines may disagree by a little: a negative lag is counted as none.
    relayLag: (ms) => lag.observe(Math.max(0, ms) / 1000),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
