import { describe, expect, it } from 'vitest';
import { getTemplate, shapeContains, zoneAt, zoneById, type Point } from '@balcony/shared';
import { CASCADE_STRIP, MIN_SCALE, arrangeNotes, boxInside, fitScale, labelLines, labelRect, newNoteSpot, noteBox, noteRect, noteZoom, type Arrangement } from './layout';

// Layout works frame by frame: a frame has the zones and the board size it needs.
const circle = getTemplate('what-works-circle').frames[0]!;
const web = getTemplate('cultural-web').frames[0]!;

describe('fitScale', () => {
  it('fits the whole board into a big screen', () => {
    const s = fitScale(1920, 1000, circle.board);
    expect(s * circle.board.height).toBeLessThanOrEqual(1000);
    expect(s).toBeGreaterThan(0.9);
  });

  it('stops at a readable scale on a phone, which then scrolls', () => {
    expect(fitScale(360, 640, circle.board)).toBe(MIN_SCALE);
  });

  it('zooms a phone from its readable floor, so that the first step already zooms', () => {
    expect(fitScale(360, 640, circle.board, 1.25)).toBeCloseTo(1.25 * MIN_SCALE, 5);
  });

  it('zooms on top of the fit', () => {
    expect(fitScale(1280, 700, circle.board, 2)).toBeCloseTo(2 * fitScale(1280, 700, circle.board), 5);
  });
});

describe('newNoteSpot', () => {
  it('puts notes one under another in a column, clear of its name and of each other', () => {
    const zone = zoneById(circle, 'questions')!;
    const spots: Point[] = [];
    for (let i = 0; i < 5; i++) spots.push(newNoteSpot(zone, circle.board, spots));
    for (const [i, p] of spots.entries()) {
      expect(zoneAt(circle, p)?.id).toBe('questions');
      const r = noteRect(p);
      for (const q of spots.slice(i + 1)) {
        const o = noteRect(q);
        expect(r.y + r.h <= o.y || o.y + o.h <= r.y).toBe(true);
      }
      const label = labelRect(zone, circle.board);
      expect(r.y).toBeGreaterThanOrEqual(label.y + label.h);
    }
  });

  it('keeps every new note whole inside its cultural-web segment', () => {
    for (const zone of web.zones) {
      const spots: Point[] = [];
      for (let i = 0; i < 3; i++) spots.push(newNoteSpot(zone, web.board, spots));
      for (const p of spots) {
        expect(zoneAt(web, p)?.id).toBe(zone.id);
        const r = noteRect(p);
        expect(shapeContains(zone.shape, { x: r.x, y: r.y }) || shapeContains(zone.shape, { x: r.x + r.w, y: r.y + r.h })).toBe(true);
      }
    }
  });

  it('still finds a place in the zone when it is full', () => {
    const zone = zoneById(circle, 'actions')!;
    const spots: Point[] = [];
    for (let i = 0; i < 40; i++) spots.push(newNoteSpot(zone, circle.board, spots));
    expect(spots.every((p) => zoneAt(circle, p)?.id === 'actions')).toBe(true);
  });
});

describe('readable notes', () => {
  it('draws notes larger when the board is shrunk, and never smaller than their size', () => {
    expect(noteZoom(0.5)).toBeCloseTo(2, 5);
    expect(noteZoom(1.5)).toBe(1);
  });

  it('narrows a zoomed note to fit its column', () => {
    const zone = zoneById(circle, 'questions')!;
    expect(noteBox(zone, 1.5).w).toBeLessThanOrEqual(220 - 24);
  });

  it('draws four notes put on the same spot in the paradigm inside the circle, each first line in view', () => {
    const zone = zoneById(web, 'paradigm')!;
    const box = noteBox(zone, noteZoom(0.68));
    const notes = ['a', 'b', 'c', 'd'].map((id) => ({ id, centre: { x: 800, y: 500 } }));
    const labels = web.zones.map((z) => labelRect(z, web.board));
    expectReadable(zone, arrangeNotes(zone, notes, box, labels), labels);
  });

  it('draws a crowded zone with shorter notes rather than let them cover each other', () => {
    const zone = zoneById(web, 'paradigm')!;
    const box = noteBox(zone, noteZoom(1));
    const notes = ['a', 'b', 'c', 'd'].map((id) => ({ id, centre: { x: 800, y: 500 } }));
    const labels = web.zones.map((z) => labelRect(z, web.board, 1));
    const drawn = arrangeNotes(zone, notes, box, labels);
    expect(drawn.box.h).toBeLessThan(box.h);
    expect(drawn.cascade).toBe(false);
    expectReadable(zone, drawn, labels);
  });

  it('lays out thirty notes in a roomy zone in rows, none over another', () => {
    const zone = { ...zoneById(circle, 'story')!, shape: { kind: 'rect' as const, x: 0, y: 0, w: 1600, h: 1000 } };
    const notes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, centre: { x: 800, y: 500 } }));
    const drawn = arrangeNotes(zone, notes, noteBox(zone, 1), []);
    expect(drawn.cascade).toBe(false);
    expect(drawn.box.h).toBe(110);
    expectReadable(zone, drawn, []);
  });

  it('turns a zone too full for rows into a cascade inside the zone, first lines in view', () => {
    const zone = zoneById(web, 'stories')!;
    const box = noteBox(zone, noteZoom(0.68));
    const notes = Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, centre: { x: 400, y: 150 } }));
    const labels = web.zones.map((z) => labelRect(z, web.board));
    const drawn = arrangeNotes(zone, notes, box, labels);
    expect(drawn.cascade).toBe(true);
    expectReadable(zone, drawn, labels);
  });

  it('keeps even a board-breaking pile of notes inside its zone', () => {
    const zone = zoneById(web, 'symbols')!;
    const box = noteBox(zone, noteZoom(0.68));
    const notes = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, centre: { x: 1300, y: 500 } }));
    const labels = web.zones.map((z) => labelRect(z, web.board));
    const drawn = arrangeNotes(zone, notes, box, labels);
    expect(drawn.at.size).toBe(300);
    for (const c of drawn.at.values()) expect(zoneAt(web, c)?.id).toBe('symbols');
  });
});

type R = { x: number; y: number; w: number; h: number };
const hit = (r: R, q: R) => r.x < q.x + q.w && q.x < r.x + r.w && r.y < q.y + q.h && q.y < r.y + r.h;

/**
 * Every note drawn whole inside its zone and clear of every zone's name; none over another, or,
 * in a cascade, none over the first line of a note before it.
 */
function expectReadable(zone: Parameters<typeof boxInside>[0], drawn: Arrangement, labels: R[]): void {
  const rects = [...drawn.at.values()].map((c) => ({ x: c.x - drawn.box.w / 2, y: c.y - drawn.box.h / 2, w: drawn.box.w, h: drawn.box.h }));
  for (const [i, r] of rects.entries()) {
    expect(boxInside(zone, r), 'a note reaches out of its zone').toBe(true);
    for (const l of labels) expect(hit(r, l), 'a note covers a zone name').toBe(false);
    const firstLine = drawn.cascade ? { ...r, h: r.h * CASCADE_STRIP } : r;
    for (const q of rects.slice(i + 1)) expect(hit(firstLine, q), 'a note hides words of another').toBe(false);
  }
}

describe('zone names', () => {
  it('keeps clear the lines a long name wraps to on a phone', () => {
    const zone = zoneById(web, 'structures')!;
    const laptop = labelRect(zone, web.board, 1);
    const phone = labelRect(zone, web.board, 1.5);
    expect(labelLines(zone.label, laptop.w, 1)).toBe(1);
    expect(labelLines(zone.label, phone.w, 1.5)).toBe(2);
    expect(phone.h).toBeGreaterThan(2 * laptop.h);
  });
});
