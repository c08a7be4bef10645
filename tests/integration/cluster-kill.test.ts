import { afterAll, describe, expect, it } from 'vitest';
import { getNotes } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { POSTGRES_URL, createSchema, dropSchema, freshSchema } from '../support/postgres.js';
import { REDIS_URL } from '../support/redis.js';
import { removeDataDir, spawnServer, type SpawnedServer } from '../support/spawnServer.js';
import { addValidNote, connectStock, createSession, joinSession, type StockClient } from './helpers.js';

const WRITERS = 20;
const NOTE_EVERY_MS = 100;
/** A note sent this long before the kill must have been stored and passed on by then. */
const SAFE_MS = 250;

describe.skipIf(!POSTGRES_URL || !REDIS_URL)('a node killed while 20 people type', () => {
  const schema = freshSchema();
  const nodes: SpawnedServer[] = [];
  const clients: StockClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all(nodes.map((n) => n.kill()));
    for (const n of nodes) removeDataDir(n.dataDir);
    await dropSchema(POSTGRES_URL!, schema);
  });

  it('loses no note sent 250 ms before the kill, expires its cursors, and its people carry on on the other nodes', { timeout: 120_000 }, async () => {
    await createSchema(POSTGRES_URL!, schema);
    const url = new URL(POSTGRES_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.toString(), REDIS_URL: REDIS_URL!, REDIS_PREFIX: `kill-${schema}` };
    for (let i = 0; i < 3; i++) nodes.push(await spawnServer({ env }));
    const [doomed, ...survivors] = nodes as [SpawnedServer, SpawnedServer, SpawnedServer];

    const session = await createSession(survivors[0].url);
    const writers: { node: SpawnedServer; token: string; client: StockClient }[] = [];
    for (let i = 0; i < WRITERS; i++) {
      const node = nodes[i % nodes.length]!;
      const joined = await joinSession(node.url, session.joinCode, `Writer ${i}`);
      const client = connectStock(node.wsUrl, session.sessionId, joined.participantToken);
      clients.push(client);
      writers.push({ node, token: joined.participantToken, client });
    }
    await Promise.all(writers.map((w) => w.client.synced()));
    // Someone on the node that will die moves a cursor; someone on another node sees it.
    const watcher = connectStock(survivors[0].wsUrl, session.sessionId, session.facilitatorToken);
    clients.push(watcher);
    await watcher.synced();
    const pointer = writers.find((w) => w.node === doomed)!.client;
    pointer.provider.awareness.setLocalStateField('cursor', { x: 100, y: 100 });
    await eventually(() => expect(watcher.provider.awareness.getStates().has(pointer.doc.clientID)).toBe(true));

    // Everyone types a note every 100 ms, staggered; each note's sending time is kept.
    const sentAt = new Map<string, number>();
    let typing = true;
    const loops = writers.map(async (w, i) => {
      await new Promise((r) => setTimeout(r, (i * NOTE_EVERY_MS) / WRITERS));
      while (typing) {
        sentAt.set(addValidNote(w.client.doc, { text: `typed by writer ${i}` }), Date.now());
        await new Promise((r) => setTimeout(r, NOTE_EVERY_MS));
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const killedAt = Date.now();
    await doomed.kill();
    await new Promise((r) => setTimeout(r, 500));
    typing = false;
    await Promise.all(loops);

    // A fresh observer on a surviving node, before anyone from the dead node comes back.
    const observer = connectStock(survivors[1].wsUrl, session.sessionId, session.facilitatorToken);
    clients.push(observer);
    await observer.synced();
    const mustHave = [...sentAt].filter(([, at]) => at <= killedAt - SAFE_MS).map(([id]) => id);
    expect(mustHave.length).toBeGreaterThan(100);
    await eventually(() => {
      const have = getNotes(observer.doc);
      expect(mustHave.filter((id) => !have.has(id))).toEqual([]);
    });

    // The dead node never said its people left: their cursors expire on the other nodes, as
    // awareness does (30 s without a renewal).
    await eventually(() => expect(watcher.provider.awareness.getStates().has(pointer.doc.clientID)).toBe(false), { timeout: 45_000, interval: 500 });

    // The dead node's people reconnect, through the load balancer, to the others, with what
    // they typed since; then every replica holds every note.
    for (const w of writers.filter((x) => x.node === doomed)) {
      const doc = w.client.doc;
      // Its cursor goes with the old provider; the expiry above is what was being checked.
      w.client.provider.awareness.setLocalState(null);
      w.client.provider.destroy();
      const again = connectStock(survivors[0].wsUrl, session.sessionId, w.token, doc);
      clients.push(again);
      w.client = again;
    }
    await eventually(
      () => {
        for (const c of [observer, ...writers.map((w) => w.client)]) {
          const have = getNotes(c.doc);
          expect([...sentAt.keys()].filter((id) => !have.has(id))).toEqual([]);
        }
      },
      { timeout: 20_000 },
    );
  });
});
