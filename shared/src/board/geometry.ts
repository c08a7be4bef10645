import type { Zone, ZoneShape } from '../templates/format.js';

/** Zones to look in: a frame, or any list of zones. */
export interface ZoneSet {
  readonly zones: readonly Zone[];
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Point {
  x: number;
  y: number;
}

/** A note's size in board units: fits about 140 characters at 16 px on a 1600-wide board. */
export const NOTE_SIZE = { w: 180, h: 110 } as const;

export function shapeBounds(shape: ZoneShape): Rect {
  switch (shape.kind) {
    case 'rect':
      return { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
    case 'circle':
      return { x: shape.cx - shape.r, y: shape.cy - shape.r, w: shape.r * 2, h: shape.r * 2 };
    case 'polygon': {
      const xs = shape.points.map((p) => p[0]);
      const ys = shape.points.map((p) => p[1]);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
    }
  }
}

export function shapeContains(shape: ZoneShape, p: Point): boolean {
  switch (shape.kind) {
    case 'rect':
      return p.x >= shape.x && p.x <= shape.x + shape.w && p.y >= shape.y && p.y <= shape.y + shape.h;
    case 'circle':
      return (p.x - shape.cx) ** 2 + (p.y - shape.cy) ** 2 <= shape.r ** 2;
    case 'polygon': {
      // Even-odd ray casting.
      let inside = false;
      const pts = shape.points;
      for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
        const [xi, yi] = pts[i]!;
        const [xj, yj] = pts[j]!;
        if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    }
  }
}

/**
 * The zone under a board point. Zones never overlap; the first match wins so that a point on a
 * shared edge still belongs to exactly one zone.
 */
export function zoneAt(frame: ZoneSet, p: Point): Zone | undefined {
  return frame.zones.find((z) => shapeContains(z.shape, p));
}

/** A zone by id, in a frame (or, given a template's `templateZones`, anywhere on it). */
export function zoneById(frame: ZoneSet, zoneId: string): Zone | undefined {
  return frame.zones.find((z) => z.id === zoneId);
}

/** A note's stored position (fractions of its zone's bounds) as a board point. */
export function notePositionToBoard(zone: Zone, pos: Point): Point {
  const b = shapeBounds(zone.shape);
  return { x: b.x + pos.x * b.w, y: b.y + pos.y * b.h };
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** A board point as a stored position in a zone, clamped to 0..1. */
export function boardToNotePosition(zone: Zone, p: Point): Point {
  const b = shapeBounds(zone.shape);
  return { x: clamp01((p.x - b.x) / b.w), y: clamp01((p.y - b.y) / b.h) };
}

/**
 * A point inside a zone's shape, for placing a new note or one moved from the keyboard: the
 * shape's centroid-ish middle for rects and circles, the mean of a polygon's far vertices
 * (which lie well inside the wide part of a wedge) otherwise.
 */
export function zoneAnchor(zone: Zone): Point {
  const s = zone.shape;
  if (s.kind === 'rect') return { x: s.x + s.w / 2, y: s.y + s.h / 5 };
  if (s.kind === 'circle') return { x: s.cx, y: s.cy };
  const n = s.points.length;
  let x = 0;
  let y = 0;
  for (const [px, py] of s.points) {
    x += px;
    y += py;
  }
  const mean = { x: x / n, y: y / n };
  return shapeContains(s, mean) ? mean : { x: s.points[0]![0], y: s.points[0]![1] };
}

/**
 * Places the n-th new note of a zone on a loose grid from its anchor, staying inside the shape,
 * so that notes added from the keyboard do not pile up exactly on top of each other.
 */
export function freeSpotInZone(zone: Zone, index: number): Point {
  const anchor = zoneAnchor(zone);
  const stepX = 40;
  const stepY = 36;
  for (let k = index; k < index + 64; k++) {
    const col = k % 4;
    const row = Math.floor(k / 4) % 8;
    const p = { x: anchor.x + (col - 1.5) * stepX, y: anchor.y + (row - 2) * stepY };
    if (shapeContains(zone.shape, p)) return p;
  }
  return anchor;
}
