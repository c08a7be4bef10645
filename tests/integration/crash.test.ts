import { afterAll, describe, expect, it } from 'vitest';
import { getNotes, listNotes } from '@balcony/shared';
import { removeDataDir, spawnServer, type SpawnedServer } from '../support/spawnServer.js';
import { eventually } from '../support/eventually.js';
import { addValidNote, connectStock, createSession, joinSession, type StockClient } from './helpers.js';
import { command, commandOnce, controlConnected, openControl, recordStates } from '../support/control.js';

/** A note sent this long before the kill must have reached the disk. */
const SAFE_MARGIN_MS = 250;

const servers: SpawnedServer[] = [];
const clients: StockClient[] = [];
let writeTimer: NodeJS.Timeout | null = null;

afterAll(async () => {
  if (writeTimer) clearInterval(writeTimer);
  for (const c of clients) c.destroy();
  await Promise.all(servers.map((s) => s.kill()));
  for (const dir of new Set(servers.map((s) => s.dataDir))) removeDataDir(dir);
});

describe('a server killed mid-write', () => {
  it('keeps every note sent 250 ms or more before SIGKILL', async () => {
    const first = await spawnServer();
    servers.push(first);
    const created = await createSession(first.url, 'Crash');
    const writer = connectStock(first.wsUrl, created.sessionId, created.facilitatorToken);
    clients.push(writer);
    await writer.synced();

    const sentAt = new Map<string, number>();
    let n = 0;
    writeTimer = setInterval(() => {
      if (!writer.provider.wsconnected) return;
      const id = `crash-${String(n++).padStart(4, '0')}`;
      addValidNote(writer.doc, { id, text: `note ${n}` });
      sentAt.set(id, Date.now());
    }, 10);

    // Writes run for a while, and the server is seen to take them in, before the kill.
    const watcher = connectStock(first.wsUrl, created.sessionId, created.facilitatorToken);
    clients.push(watcher);
    await eventually(() => expect(getNotes(watcher.doc).size).toBeGreaterThanOrEqual(60));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    await first.kill();
    clearInterval(writeTimer);
    writeTimer = null;
    // The writer must not hand its notes to the next server: only the disk may.
    writer.destroy();
    watcher.destroy();

    expect(first.child.signalCode).toBe('SIGKILL');
    const mustSurvive = [...sentAt].filter(([, at]) => at <= killedAt - SAFE_MARGIN_MS).map(([id]) => id);
    expect(mustSurvive.length).toBeGreaterThan(40);

    const second = await spawnServer({ dataDir: first.dataDir });
    servers.push(second);
    const fresh = connectStock(second.wsUrl, created.sessionId, created.facilitatorToken);
    clients.push(fresh);
    await fresh.synced();
    const present = new Set<string>(listNotes(fresh.doc).map((note) => note.id));
    const lost = mustSurvive.filter((id) => !present.has(id));
    expect(lost, `lost ${lost.length} of ${mustSurvive.length} notes; server said:\n${second.output()}`).toEqual([]);
    // Nothing appears that was never sent.
    for (const id of present) expect(sentAt.has(id)).toBe(true);
    expect(fresh.closes).toEqual([]);
  });

  it('comes back in the same phase, with a running timer ending at the same moment', async () => {
    const first = await spawnServer();
    servers.push(first);
    const created = await createSession(first.url, 'Restart', 'Fay', { phase: null });
    const amara = await joinSession(first.url, created.joinCode, 'Amara');
    const fay = await controlConnected(openControl(first.url, created.facilitatorToken));
    try {
      for (const cmd of [
        { type: 'phase.goto', phaseId: 'questions' },
        { type: 'role.set', participantId: amara.participantId, role: 'presenter' },
        { type: 'board.lock', locked: true },
        { type: 'timer.start' },
        { type: 'timer.add', seconds: 90 },
      ]) {
        expect(await command(fay, cmd), cmd.type).toMatchObject({ ok: true });
      }
    } finally {
      fay.disconnect();
    }
    // Listening before the socket connects: the state is sent at once on connecting.
    const watching = openControl(first.url, amara.participantToken);
    const before = recordStates(watching);
    await controlConnected(watching);
    await eventually(() => expect(before.latest()?.state.timer.running).toBe(true));
    const was = before.latest()!;
    await first.kill();

    const second = await spawnServer({ dataDir: first.dataDir });
    servers.push(second);
    const socket = openControl(second.url, amara.participantToken);
    const after = recordStates(socket);
    await controlConnected(socket);
    try {
      await eventually(() => expect(after.latest()).toBeDefined());
      expect(after.latest()).toEqual(was);
      expect(was.state).toMatchObject({ phase: { id: 'questions', index: 2 }, locked: true, timer: { running: true } });
      expect(was.state.roles[amara.participantId]).toBe('presenter');
      // And it carries on from there.
      expect(await commandOnce(second.url, created.facilitatorToken, { type: 'phase.next' })).toMatchObject({ ok: true, version: was.version + 1 });
    } finally {
      socket.disconnect();
    }
  });
});
