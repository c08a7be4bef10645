import { describe, expect, it } from 'vitest';
import { getTemplate, shapeContains, zoneAt, zoneById, type Point } from '@balcony/shared';
import { MIN_SCALE, fitScale, labelRect, newNoteSpot, noteRect } from './layout';

const circle = getTemplate('what-works-circle');
const web = getTemplate('cultural-web');

describe('fitScale', () => {
  it('fits the whole board into a big screen', () => {
    const s = fitScale(1920, 1000, circle.board);
    expect(s * circle.board.height).toBeLessThanOrEqual(1000);
    expect(s).toBeGreaterThan(0.9);
  });

  it('stops at a readable scale on a phone, which then scrolls', () => {
    expect(fitScale(360, 640, circle.board)).toBe(MIN_SCALE);
  });

  it('zooms on top of the fit', () => {
    expect(fitScale(1280, 700, circle.board, 2)).toBeCloseTo(2 * fitScale(1280, 700, circle.board), 5);
  });
});

describe('newNoteSpot', () => {
  it('puts notes one under another in a column, clear of its name and of each other', () => {
    const zone = zoneById(circle, 'questions')!;
    const spots: Point[] = [];
    for (let i = 0; i < 5; i++) spots.push(newNoteSpot(zone, circle, spots));
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
      for (let i = 0; i < 3; i++) spots.push(newNoteSpot(zone, web, spots));
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
    for (let i = 0; i < 40; i++) spots.push(newNoteSpot(zone, circle, spots));
    expect(spots.every((p) => zoneAt(circle, p)?.id === 'actions')).toBe(true);
  });
});
