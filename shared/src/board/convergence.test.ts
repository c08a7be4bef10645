import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, getNotes, listNotes, moveNote, setNoteColor, setNoteText } from './document.js';
import { checkNote } from './note.js';
import { NOTE_COLORS } from '../colors.js';
import { getTemplate, templateZones } from '../templates/index.js';

/** Mulberry32: a small seeded generator, so that a failing seed can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const zoneIds: string[] = templateZones(getTemplate('cultural-web')).map((z) => z.id);

interface Peer {
  doc: Y.Doc;
  /** Updates this peer produced that each other peer has not received yet. */
  outbox: Map<number, Uint8Array[]>;
}

/**
 * Several replicas edit the same board while their updates are delivered late, out of order
 * and in random batches; once everything is delivered every replica must hold the same board.
 */
function simulate(seed: number, peerCount: number, steps: number) {
  const rnd = prng(seed);
  const peers: Peer[] = Array.from({ length: peerCount }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return { doc, outbox: new Map() };
  });
  peers.forEach((peer, i) => {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      peers.forEach((_, j) => {
        if (j === i) return;
        const queue = peer.outbox.get(j) ?? [];
        queue.push(update);
        peer.outbox.set(j, queue);
      });
    });
  });

  const deliverSome = () => {
    const from = rnd.pick(peers);
    const toIndex = rnd.int(peerCount);
    const queue = from.outbox.get(toIndex);
    if (!queue || queue.length === 0) return;
    // Take one at random, not the oldest: updates arrive out of order.
    const [update] = queue.splice(rnd.int(queue.length), 1);
    Y.applyUpdate(peers[toIndex]!.doc, update!, 'remote');
  };

  let made = 0;
  for (let step = 0; step < steps; step++) {
    const peer = rnd.pick(peers);
    const ids = [...getNotes(peer.doc).keys()];
    const op = rnd.int(10);
    if (op < 3 || ids.length === 0) {
      addNote(peer.doc, {
        id: `${seed}-${made++}`,
        text: `note ${made}`,
        zone: rnd.pick(zoneIds),
        x: rnd.next(),
        y: rnd.next(),
        color: rnd.pick(NOTE_COLORS).hex,
        authorId: `p${peer.doc.clientID}`,
        createdAt: 1_000 + step,
      });
    } else if (op < 6) {
      const id = rnd.pick(ids);
      const current = getNotes(peer.doc).get(id)?.get('text')?.toString() ?? '';
      const at = rnd.int(current.length + 1);
      setNoteText(peer.doc, id, current.slice(0, at) + `+${peer.doc.clientID}` + current.slice(at + rnd.int(3)));
    } else if (op < 8) {
      moveNote(peer.doc, rnd.pick(ids), { zone: rnd.pick(zoneIds), x: rnd.next(), y: rnd.next() });
    } else if (op < 9) {
      setNoteColor(peer.doc, rnd.pick(ids), rnd.pick(NOTE_COLORS).hex);
    } else {
      deleteNote(peer.doc, rnd.pick(ids));
    }
    for (let k = rnd.int(4); k > 0; k--) deliverSome();
  }

  // Deliver everything that is left, in random order.
  for (;;) {
    const pending = peers.flatMap((p, i) => [...p.outbox.entries()].filter(([, q]) => q.length > 0).map(([to]) => [i, to] as const));
    if (pending.length === 0) break;
    const [from, to] = rnd.pick(pending);
    const queue = peers[from]!.outbox.get(to)!;
    const [update] = queue.splice(rnd.int(queue.length), 1);
    Y.applyUpdate(peers[to]!.doc, update!, 'remote');
  }
  return peers.map((p) => p.doc);
}

describe('convergence', () => {
  it.each([1, 2, 3, 42, 1234, 99991])('seed %i: five replicas with random delivery converge', (seed) => {
    const docs = simulate(seed, 5, 300);
    const expected = listNotes(docs[0]!);
    expect(expected.length).toBeGreaterThan(0);
    for (const doc of docs.slice(1)) {
      expect(listNotes(doc)).toEqual(expected);
      expect(doc.getMap('notes').toJSON()).toEqual(docs[0]!.getMap('notes').toJSON());
    }
    // Every op keeps notes inside the board schema, whatever the interleaving.
    const zones = new Set(zoneIds);
    getNotes(docs[0]!).forEach((note, id) => expect(checkNote(id, note, zones)).toEqual([]));
    for (const doc of docs) doc.destroy();
  });
});
