import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNotes } from '@balcony/shared';
import { addValidNote, connectStock, createSession, startInProcess, type InProcess, type StockClient } from './helpers.js';
import { eventually } from '../support/eventually.js';

/** One sample's value from Prometheus text, or undefined when the line is not there. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('GET /metrics', () => {
  let on: InProcess;
  let off: InProcess;
  const clients: StockClient[] = [];
  beforeAll(async () => {
    [on, off] = await Promise.all([startInProcess({ METRICS: '1' }), startInProcess()]);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all([on.close(), off.close()]);
  });

  it('is not there unless METRICS=1', async () => {
    const res = await fetch(`${off.url}/metrics`);
    expect(res.status).toBe(404);
  });

  it('counts sockets, rooms, updates in and out and times store appends, in the Prometheus format', async () => {
    const session = await createSession(on.url);
    const a = connectStock(on.wsUrl, session.sessionId, session.facilitatorToken);
    const b = connectStock(on.wsUrl, session.sessionId, session.facilitatorToken);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    addValidNote(a.doc, { text: 'counted' });
    await eventually(() => expect(getNotes(b.doc).size).toBe(1));

    const res = await fetch(`${on.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'balcony_sockets{kind="board"}')).toBe(2);
    expect(sample(text, 'balcony_rooms')).toBe(1);
    expect(sample(text, 'balcony_board_updates_in_total')).toBe(1);
    // The one update went to the other socket.
    expect(sample(text, 'balcony_board_updates_out_total')).toBe(1);
    expect(sample(text, 'balcony_store_append_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^balcony_nodejs_eventloop_lag_seconds /m);
  });
});
