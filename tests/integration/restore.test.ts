import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, addNote, getMeta, getNotes, groupNotes, listNotes, listThemes, getTemplate } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { openSqliteStore } from '../../server/src/store/sqliteStore.js';
import { ZONE, connectStock, createSession, openRaw, startInProcess, type StockClient } from './helpers.js';

/** A board as version 1 stored it: a note showing "hi" that carries an embed and a format. */
function versionOneState(authorId: string): Uint8Array {
  const doc = new Y.Doc();
  getMeta(doc).set('schemaVersion', 1);
  addNote(doc, { id: 'plain', text: 'We debrief after visits', zone: ZONE, x: 0.5, y: 0.5, color: '#FFE98F', authorId, createdAt: 1 });
  addNote(doc, { id: 'rich', text: 'hi', zone: ZONE, x: 0.5, y: 0.5, color: '#FFE98F', authorId, createdAt: 2 });
  const text = getNotes(doc).get('rich')!.get('text') as Y.Text;
  text.insertEmbed(1, { image: 'x'.repeat(200_000) });
  text.format(0, 1, { bold: true });
  return Y.encodeStateAsUpdate(doc);
}

describe('a board stored under an older schema', () => {
  // It puts the old board in place by replacing the stored state through compact(), which the
  // PostgreSQL store does not do (its fold keeps updates other nodes appended); the migration on
  // load it tests is the same whatever the store.
  it.skipIf(process.env.TEST_STORE === 'postgres')('is migrated as it loads, and a browser receives only the plain board', async () => {
    const first = await startInProcess();
    const s = await createSession(first.url, 'Old board', 'Fay');
    await first.close();

    // The store holds a version 1 board, as an older server left it.
    const store = openSqliteStore(first.dataDir);
    const stored = await store.loadDoc(s.sessionId);
    await store.compact(s.sessionId, versionOneState(s.participantId), stored.lastSeq);
    await store.close();

    const again = await startInProcess({}, first.dataDir);
    let client: StockClient | null = null;
    try {
      client = connectStock(again.wsUrl, s.sessionId, s.facilitatorToken);
      await client.synced();
      expect(getMeta(client.doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
      expect(listNotes(client.doc).map((n) => [n.id, n.text])).toEqual([
        ['plain', 'We debrief after visits'],
        ['rich', 'hi'],
      ]);
      const text = getNotes(client.doc).get('rich')!.get('text') as Y.Text;
      expect(text.toDelta()).toEqual([{ insert: 'hi' }]);
      // A migrated board takes what the current schema adds: its old notes group into a theme.
      groupNotes(client.doc, { id: 'theme', title: 'Debriefs', zone: ZONE, x: 0.4, y: 0.4, color: '#FFE98F' }, ['plain', 'rich']);
      // The migration is stored: the board reloads as the current version without running it again.
      const room = await again.server.rooms.acquire(s.sessionId, getTemplate('what-works-circle'));
      await eventually(() => expect(listNotes(room.doc).map((n) => n.themeId)).toEqual(['theme', 'theme']));
      expect(listThemes(room.doc).map((t) => t.title)).toEqual(['Debriefs']);
      await room.flushed();
      again.server.rooms.releaseIfIdle(room);
    } finally {
      client?.destroy();
      await again.close();
    }
    const check = openSqliteStore(first.dataDir);
    const after = await check.loadDoc(s.sessionId);
    await check.close();
    const doc = new Y.Doc();
    if (after.state) Y.applyUpdate(doc, after.state);
    for (const u of after.updates) Y.applyUpdate(doc, u);
    expect(getMeta(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(100_000);
    rmSync(first.dataDir, { recursive: true, force: true });
  });
});

describe('a store that refuses every write', () => {
  it('answers the board upgrade with 503 instead of reloading the room for ever', async () => {
    const srv = await startInProcess();
    try {
      const s = await createSession(srv.url, 'Broken store', 'Fay');
      const store = srv.server.store;
      store.bindClientIds = () => Promise.reject(new Error('disk full'));
      store.appendUpdate = () => Promise.reject(new Error('disk full'));
      // A stored board the gate must repair, so loading it writes.
      const stored = await store.loadDoc(s.sessionId);
      const old = new Y.Doc();
      getMeta(old).set('schemaVersion', 1);
      await store.compact(s.sessionId, Y.encodeStateAsUpdate(old), stored.lastSeq);
      const opened = await openRaw(srv.wsUrl, s.sessionId, s.facilitatorToken);
      expect(opened).toEqual({ ok: false, status: 503 });
    } finally {
      await srv.close();
      rmSync(srv.dataDir, { recursive: true, force: true });
    }
  });
});
