import type { ActionStatus } from '../actions.js';
import type { OutcomeRecord, RecordAction, RecordNote, RecordReviewItem } from './record.js';

/**
 * Two snapshots side by side: of one session at two moments, or of two sessions run from the
 * same template (this year's web against last year's, a follow-up against the session it
 * follows). A note is the same note when it keeps its id (a later snapshot, or a follow-up
 * started from the saved notes); otherwise when its words are close enough in the same zone,
 * since a session typed afresh gives every note a new id.
 */

/** How alike two normalised texts must be (Dice on character bigrams) to count as the same note. */
export const TEXT_MATCH_THRESHOLD = 0.6;

/** A zone, named as a reader sees it. */
export interface ZoneRef {
  frameId: string;
  frameLabel: string;
  zoneId: string;
  label: string;
}

/** How a pair was found: the same id, or alike words. */
export type MatchedBy = 'id' | 'text';

interface Pair {
  before: RecordNote;
  after: RecordNote;
  matchedBy: MatchedBy;
  /** 1 for the same words once normalised. */
  similarity: number;
}

export type NoteChange =
  | { kind: 'added'; after: RecordNote }
  | { kind: 'removed'; before: RecordNote }
  /** Now in another zone; `edited` when its words changed too. */
  | (Pair & { kind: 'moved'; from: ZoneRef; to: ZoneRef; edited: boolean })
  | (Pair & { kind: 'changed' })
  | (Pair & { kind: 'unchanged' });
export type NoteChangeKind = NoteChange['kind'];
export type NoteChangeOf<K extends NoteChangeKind> = Extract<NoteChange, { kind: K }>;

export interface ZoneComparison {
  zone: ZoneRef;
  added: NoteChangeOf<'added'>[];
  removed: NoteChangeOf<'removed'>[];
  /** Notes now here that were in another zone before. */
  movedIn: NoteChangeOf<'moved'>[];
  /** Notes that were here and are now in another zone (the same changes as that zone's `movedIn`). */
  movedOut: NoteChangeOf<'moved'>[];
  changed: NoteChangeOf<'changed'>[];
  unchanged: NoteChangeOf<'unchanged'>[];
}

export interface FrameComparison {
  frameId: string;
  label: string;
  zones: ZoneComparison[];
}

/**
 * An action in either record. `left-behind`: in the earlier session only, done or dropped there,
 * so a follow-up did not carry it over (a follow-up carries only open actions).
 */
export type ActionChangeKind = 'kept' | 'added' | 'removed' | 'left-behind';

export interface ActionComparison {
  kind: ActionChangeKind;
  before: RecordAction | null;
  after: RecordAction | null;
  matchedBy: MatchedBy | null;
  statusBefore: ActionStatus | null;
  statusAfter: ActionStatus | null;
  textChanged: boolean;
  /** For an action the later session carried over: how its review found it (outcome null until reviewed). */
  review: RecordReviewItem | null;
}

/** What a comparison says about each snapshot. */
export interface ComparedSide {
  sessionId: string;
  title: string;
  date: string;
  takenAt: number;
  ended: boolean;
  phaseName: string;
}

export interface ComparisonCounts {
  added: number;
  removed: number;
  moved: number;
  changed: number;
  unchanged: number;
  actions: { kept: number; added: number; removed: number; leftBehind: number; statusChanged: number };
}

export interface RecordComparison {
  before: ComparedSide;
  after: ComparedSide;
  template: { id: string; name: string };
  sameSession: boolean;
  frames: FrameComparison[];
  actions: ActionComparison[];
  counts: ComparisonCounts;
}

export type CompareResult =
  | { ok: true; comparison: RecordComparison }
  | { ok: false; reason: 'different_templates'; message: string; before: { id: string; name: string }; after: { id: string; name: string } };

/** Case, accents, punctuation and runs of space do not make words different. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Prepared {
  /** The words, normalised; the raw words, trimmed, when nothing is left (a note of emoji alone). */
  key: string;
  grams: Map<string, number>;
  /** How many bigrams it has. */
  size: number;
}

function prepare(text: string): Prepared {
  const normal = normaliseText(text);
  const key = normal === '' ? text.trim() : normal;
  const grams = new Map<string, number>();
  for (let i = 0; i < key.length - 1; i++) {
    const g = key.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return { key, grams, size: Math.max(0, key.length - 1) };
}

function similarityOf(x: Prepared, y: Prepared): number {
  if (x.key === y.key) return 1;
  // A single character has no bigram: only the same character matches it.
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const [g, n] of x.grams) shared += Math.min(n, y.grams.get(g) ?? 0);
  return (2 * shared) / (x.size + y.size);
}

/** Dice's coefficient on the character bigrams of the normalised texts: 1 alike, 0 nothing shared. */
export function textSimilarity(a: string, b: string): number {
  return similarityOf(prepare(a), prepare(b));
}

/**
 * Pairs items left over after matching by id by their words: every pair over the threshold, the
 * most alike first (ties by position before, then after), each item used once. `group` keeps
 * pairs within one group (a zone, for notes).
 */
function pairByText<T extends { text: string }>(
  before: readonly T[],
  after: readonly T[],
  group: (item: T) => string,
): { b: number; a: number; similarity: number }[] {
  const ready = (items: readonly T[]) => items.map((item, i) => ({ i, group: group(item), text: prepare(item.text) }));
  const chosen: { b: number; a: number; similarity: number }[] = [];
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  const xs = ready(before);
  const ys = ready(after);

  // The same words first, by lookup: on a big board most pairs are found here, and what is left
  // to weigh pair by pair is small. It picks what the weighing would (alike first, then by position).
  const exact = new Map<string, number[]>();
  for (const y of ys) {
    const k = `${y.group}\u0000${y.text.key}`;
    const list = exact.get(k);
    if (list) list.push(y.i);
    else exact.set(k, [y.i]);
  }
  for (const x of xs) {
    const a = exact.get(`${x.group}\u0000${x.text.key}`)?.shift();
    if (a === undefined) continue;
    usedB.add(x.i);
    usedA.add(a);
    chosen.push({ b: x.i, a, similarity: 1 });
  }

  const afterByGroup = new Map<string, typeof ys>();
  for (const y of ys) {
    if (usedA.has(y.i)) continue;
    const list = afterByGroup.get(y.group);
    if (list) list.push(y);
    else afterByGroup.set(y.group, [y]);
  }
  const candidates: { b: number; a: number; similarity: number }[] = [];
  for (const x of xs) {
    if (usedB.has(x.i)) continue;
    for (const y of afterByGroup.get(x.group) ?? []) {
      const similarity = similarityOf(x.text, y.text);
      if (similarity >= TEXT_MATCH_THRESHOLD) candidates.push({ b: x.i, a: y.i, similarity });
    }
  }
  candidates.sort((p, q) => q.similarity - p.similarity || p.b - q.b || p.a - q.a);
  for (const c of candidates) {
    if (usedB.has(c.b) || usedA.has(c.a)) continue;
    usedB.add(c.b);
    usedA.add(c.a);
    chosen.push(c);
  }
  return chosen;
}

/** Items paired by id first, then by words among the rest; the unpaired of each side in their order. */
function match<T extends { id: string; text: string }>(
  before: readonly T[],
  after: readonly T[],
  group: (item: T) => string,
): { pairs: { before: T; after: T; matchedBy: MatchedBy; similarity: number }[]; onlyBefore: T[]; onlyAfter: T[] } {
  const afterById = new Map(after.map((t) => [t.id, t]));
  const pairs: { before: T; after: T; matchedBy: MatchedBy; similarity: number }[] = [];
  const pairedAfter = new Set<T>();
  const restBefore: T[] = [];
  for (const b of before) {
    const a = afterById.get(b.id);
    if (a && !pairedAfter.has(a)) {
      pairedAfter.add(a);
      pairs.push({ before: b, after: a, matchedBy: 'id', similarity: textSimilarity(b.text, a.text) });
    } else restBefore.push(b);
  }
  const restAfter = after.filter((a) => !pairedAfter.has(a));
  const byText = pairByText(restBefore, restAfter, group);
  const textB = new Set(byText.map((p) => p.b));
  const textA = new Set(byText.map((p) => p.a));
  for (const p of byText) pairs.push({ before: restBefore[p.b]!, after: restAfter[p.a]!, matchedBy: 'text', similarity: p.similarity });
  return {
    pairs,
    onlyBefore: restBefore.filter((_, i) => !textB.has(i)),
    onlyAfter: restAfter.filter((_, i) => !textA.has(i)),
  };
}

const zoneKey = (n: { frameId: string; zoneId: string }) => `${n.frameId}\u0000${n.zoneId}`;

/**
 * Every frame and zone of either record: the later one's in its order, then any only the earlier
 * one had (two sessions of an own template may differ).
 */
function framesOf(before: OutcomeRecord, after: OutcomeRecord): { frameId: string; label: string; zones: ZoneRef[] }[] {
  const frames: { frameId: string; label: string; zones: ZoneRef[] }[] = [];
  const seen = new Set<string>();
  for (const record of [after, before]) {
    for (const f of record.frames) {
      let frame = frames.find((x) => x.frameId === f.id);
      if (!frame) {
        frame = { frameId: f.id, label: f.label, zones: [] };
        frames.push(frame);
      }
      for (const z of f.zones) {
        const key = zoneKey({ frameId: f.id, zoneId: z.id });
        if (seen.has(key)) continue;
        seen.add(key);
        frame.zones.push({ frameId: f.id, frameLabel: f.label, zoneId: z.id, label: z.label });
      }
    }
  }
  return frames;
}

/** A note's zone, named; a zone neither record lists (it should not happen) by its id. */
function zoneRefOf(n: RecordNote, zones: ReadonlyMap<string, ZoneRef>): ZoneRef {
  return zones.get(zoneKey(n)) ?? { frameId: n.frameId, frameLabel: n.frameId, zoneId: n.zoneId, label: n.zoneId };
}

function compareNotes(before: OutcomeRecord, after: OutcomeRecord): FrameComparison[] {
  const frames = framesOf(before, after);
  const zones = new Map(frames.flatMap((f) => f.zones.map((z) => [zoneKey(z), z] as const)));
  const byZone = new Map<string, ZoneComparison>();
  const zoneOf = (ref: ZoneRef): ZoneComparison => {
    const key = zoneKey(ref);
    let z = byZone.get(key);
    if (!z) {
      z = { zone: ref, added: [], removed: [], movedIn: [], movedOut: [], changed: [], unchanged: [] };
      byZone.set(key, z);
    }
    return z;
  };

  const { pairs, onlyBefore, onlyAfter } = match(before.notes, after.notes, zoneKey);
  for (const p of pairs) {
    const from = zoneRefOf(p.before, zones);
    const to = zoneRefOf(p.after, zones);
    const edited = p.before.text !== p.after.text;
    if (zoneKey(from) !== zoneKey(to)) {
      const moved: NoteChangeOf<'moved'> = { kind: 'moved', ...p, from, to, edited };
      zoneOf(to).movedIn.push(moved);
      zoneOf(from).movedOut.push(moved);
    } else if (edited) zoneOf(to).changed.push({ kind: 'changed', ...p });
    else zoneOf(to).unchanged.push({ kind: 'unchanged', ...p });
  }
  for (const n of onlyBefore) zoneOf(zoneRefOf(n, zones)).removed.push({ kind: 'removed', before: n });
  for (const n of onlyAfter) zoneOf(zoneRefOf(n, zones)).added.push({ kind: 'added', after: n });

  // Each list in board order on the side it is read on.
  const beforeAt = new Map(before.notes.map((n, i) => [n, i]));
  const afterAt = new Map(after.notes.map((n, i) => [n, i]));
  const byBefore = (x: { before: RecordNote }, y: { before: RecordNote }) => beforeAt.get(x.before)! - beforeAt.get(y.before)!;
  const byAfter = (x: { after: RecordNote }, y: { after: RecordNote }) => afterAt.get(x.after)! - afterAt.get(y.after)!;
  for (const z of byZone.values()) {
    z.added.sort(byAfter);
    z.removed.sort(byBefore);
    z.movedIn.sort(byAfter);
    z.movedOut.sort(byBefore);
    z.changed.sort(byAfter);
    z.unchanged.sort(byAfter);
  }

  // A note in a zone no frame lists still shows, in a frame of its own.
  const listed = new Set(zones.keys());
  const strays = [...byZone.values()].filter((z) => !listed.has(zoneKey(z.zone)));
  const result: FrameComparison[] = frames.map((f) => ({ frameId: f.frameId, label: f.label, zones: f.zones.map(zoneOf) }));
  for (const z of strays) {
    let frame = result.find((f) => f.frameId === z.zone.frameId);
    if (!frame) {
      frame = { frameId: z.zone.frameId, label: z.zone.frameLabel, zones: [] };
      result.push(frame);
    }
    frame.zones.push(z);
  }
  return result;
}

function compareActions(before: OutcomeRecord, after: OutcomeRecord): ActionComparison[] {
  const sameSession = before.sessionId === after.sessionId;
  const reviewOf = new Map(after.review.map((r) => [r.actionId, r]));
  const { pairs, onlyBefore, onlyAfter } = match(before.actions, after.actions, () => '');
  const pairOf = new Map(pairs.map((p) => [p.before, p]));
  const gone = new Set(onlyBefore);
  const out: ActionComparison[] = [];
  for (const b of before.actions) {
    const p = pairOf.get(b);
    if (p) {
      out.push({
        kind: 'kept',
        before: b,
        after: p.after,
        matchedBy: p.matchedBy,
        statusBefore: b.status,
        statusAfter: p.after.status,
        textChanged: b.text !== p.after.text,
        review: reviewOf.get(p.after.id) ?? null,
      });
    } else if (gone.has(b)) {
      const leftBehind = !sameSession && b.status !== 'open';
      out.push({ kind: leftBehind ? 'left-behind' : 'removed', before: b, after: null, matchedBy: null, statusBefore: b.status, statusAfter: null, textChanged: false, review: null });
    }
  }
  for (const a of onlyAfter) {
    out.push({ kind: 'added', before: null, after: a, matchedBy: null, statusBefore: null, statusAfter: a.status, textChanged: false, review: reviewOf.get(a.id) ?? null });
  }
  return out;
}

function sideOf(r: OutcomeRecord): ComparedSide {
  return { sessionId: r.sessionId, title: r.title, date: r.date, takenAt: r.takenAt, ended: r.ended, phaseName: r.phase.name };
}

function countsOf(frames: readonly FrameComparison[], actions: readonly ActionComparison[]): ComparisonCounts {
  const zones = frames.flatMap((f) => f.zones);
  const sum = (pick: (z: ZoneComparison) => readonly unknown[]) => zones.reduce((n, z) => n + pick(z).length, 0);
  const of = (kind: ActionChangeKind) => actions.filter((a) => a.kind === kind).length;
  return {
    added: sum((z) => z.added),
    removed: sum((z) => z.removed),
    moved: sum((z) => z.movedIn),
    changed: sum((z) => z.changed),
    unchanged: sum((z) => z.unchanged),
    actions: {
      kept: of('kept'),
      added: of('added'),
      removed: of('removed'),
      leftBehind: of('left-behind'),
      statusChanged: actions.filter((a) => a.kind === 'kept' && a.statusBefore !== a.statusAfter).length,
    },
  };
}

/**
 * Compares an earlier record (`before`) with a later one (`after`). Records of different
 * templates are refused: their zones ask different questions, so nothing in them lines up.
 */
export function compareRecords(before: OutcomeRecord, after: OutcomeRecord): CompareResult {
  if (before.template.id !== after.template.id) {
    return {
      ok: false,
      reason: 'different_templates',
      message: `These snapshots come from different templates (“${before.template.name}” and “${after.template.name}”), so they cannot be compared. Choose two snapshots of the same template.`,
      before: before.template,
      after: after.template,
    };
  }
  const frames = compareNotes(before, after);
  const actions = compareActions(before, after);
  return {
    ok: true,
    comparison: {
      before: sideOf(before),
      after: sideOf(after),
      template: after.template,
      sameSession: before.sessionId === after.sessionId,
      frames,
      actions,
      counts: countsOf(frames, actions),
    },
  };
}

/**
 * The notes of one zone as its two columns show them, each in board order: before, what was
 * there (removed, moved away, changed, unchanged); after, what is there now.
 */
export function zoneColumns(zone: ZoneComparison): { before: NoteChange[]; after: NoteChange[] } {
  const at = (n: RecordNote) => [n.y, n.x, n.createdAt] as const;
  const order = (pick: (c: NoteChange) => RecordNote) => (p: NoteChange, q: NoteChange) => {
    const [a, b] = [at(pick(p)), at(pick(q))];
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (pick(p).id < pick(q).id ? -1 : pick(p).id > pick(q).id ? 1 : 0);
  };
  const beforeNote = (c: NoteChange) => (c.kind === 'added' ? c.after : c.before);
  const afterNote = (c: NoteChange) => (c.kind === 'removed' ? c.before : c.after);
  return {
    before: [...zone.removed, ...zone.movedOut, ...zone.changed, ...zone.unchanged].sort(order(beforeNote)),
    after: [...zone.added, ...zone.movedIn, ...zone.changed, ...zone.unchanged].sort(order(afterNote)),
  };
}
