import { describe, expect, it } from 'vitest';
import type { Zone } from '@balcony/shared';
import { arrangeTheme, rectContains } from './themeLayout';

const column: Zone = { id: 'what-worked', label: 'What worked', prompt: '?', shape: { kind: 'rect', x: 0, y: 0, w: 400, h: 800 } };
const wide: Zone = { id: 'keep', label: 'Keep', prompt: '?', shape: { kind: 'rect', x: 0, y: 0, w: 1200, h: 800 } };
const box = { w: 180, h: 110 };

describe('a theme drawn as a block', () => {
  it('holds every note inside its box, none over another', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const t = arrangeTheme(wide, { x: 0.5, y: 0.5 }, ids, box);
    const rects = ids.map((id) => {
      const c = t.at.get(id)!;
      return { x: c.x - t.box.w / 2, y: c.y - t.box.h / 2, w: t.box.w, h: t.box.h };
    });
    for (const r of rects) {
      expect(r.x).toBeGreaterThanOrEqual(t.rect.x);
      expect(r.y).toBeGreaterThanOrEqual(t.rect.y);
      expect(r.x + r.w).toBeLessThanOrEqual(t.rect.x + t.rect.w);
      expect(r.y + r.h).toBeLessThanOrEqual(t.rect.y + t.rect.h);
    }
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i]!;
        const b = rects[j]!;
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
      }
    }
  });

  it('is centred where it was put, with its notes in shorter boxes than loose ones', () => {
    const t = arrangeTheme(wide, { x: 0.5, y: 0.5 }, ['a', 'b'], box);
    expect(t.rect.x + t.rect.w / 2).toBeCloseTo(600);
    expect(t.rect.y + t.rect.h / 2).toBeCloseTo(400);
    expect(t.box.h).toBeLessThan(box.h);
  });

  it('keeps inside the zone when put at its edge, and takes one note across a narrow column', () => {
    const t = arrangeTheme(column, { x: 1, y: 1 }, ['a', 'b', 'c'], box);
    expect(t.rect.x + t.rect.w).toBeLessThanOrEqual(400);
    expect(t.rect.y + t.rect.h).toBeLessThanOrEqual(800);
    expect(new Set([...t.at.values()].map((p) => p.x)).size).toBeLessThanOrEqual(2);
  });

  it('keeps below a zone name it would cover', () => {
    const label = { x: 0, y: 0, w: 300, h: 40 };
    const t = arrangeTheme(wide, { x: 0.1, y: 0 }, ['a', 'b'], box, 1, [label]);
    expect(t.rect.y).toBeGreaterThanOrEqual(40);
  });

  it('keeps clear of the themes drawn before it, however many are in the way', () => {
    const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const drawn: { x: number; y: number; w: number; h: number }[] = [];
    for (const place of [{ x: 0.3, y: 0.2 }, { x: 0.3, y: 0.25 }, { x: 0.32, y: 0.2 }]) {
      const t = arrangeTheme(wide, place, ['a', 'b'], box, 1, drawn);
      for (const r of drawn) expect(overlaps(t.rect, r)).toBe(false);
      drawn.push(t.rect);
    }
  });

  it('says which points are inside its box', () => {
    const t = arrangeTheme(wide, { x: 0.5, y: 0.5 }, ['a'], box);
    expect(rectContains(t.rect, t.at.get('a')!)).toBe(true);
    expect(rectContains(t.rect, { x: 0, y: 0 })).toBe(false);
  });
});
