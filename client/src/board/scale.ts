import { shapeBounds, type Point, type Zone, type ZoneScale } from '@balcony/shared';

/**
 * A zone read as a scale (Signs of Safety's 0 to 10): where its ticks are drawn, and the value
 * a marker's place gives. Left to right is low to high; the ends are inset so that a marker on
 * 0 or 10 is still whole inside the zone.
 */
export interface ScaleTrack {
  x0: number;
  x1: number;
  /** The line the ticks stand on, in board units. */
  y: number;
  scale: ZoneScale;
}

const INSET_X = 90;
/** Room under the line for the numbers and the end labels. */
const BELOW = 84;

export function scaleTrack(zone: Zone): ScaleTrack | null {
  if (!zone.scale) return null;
  const b = shapeBounds(zone.shape);
  const inset = Math.min(INSET_X, b.w / 4);
  return { x0: b.x + inset, x1: b.x + b.w - inset, y: b.y + b.h - BELOW, scale: zone.scale };
}

/** Each whole value and where its tick is. */
export function scaleTicks(track: ScaleTrack): { value: number; x: number }[] {
  const { from, to } = track.scale;
  const span = to - from;
  return Array.from({ length: span + 1 }, (_, i) => ({ value: from + i, x: track.x0 + ((track.x1 - track.x0) * i) / span }));
}

/** The value a marker at a board x gives, to the nearest whole number, kept within the scale. */
export function scaleValueAt(track: ScaleTrack, x: number): number {
  const { from, to } = track.scale;
  const t = (x - track.x0) / (track.x1 - track.x0);
  return Math.min(to, Math.max(from, Math.round(from + t * (to - from))));
}

/** "On the scale: 6 of 10." */
export function scaleWords(track: ScaleTrack, x: number): string {
  return `On the scale: ${scaleValueAt(track, x)} of ${track.scale.to}.`;
}

/**
 * Where markers are drawn: each at its own left-to-right place, which is its value, never moved
 * sideways to make room as other notes are. Markers that would overlap go up a row; when the
 * rows run out they stack, each a little higher than the last, so every one shows.
 */
export function arrangeMarkers(zone: Zone, track: ScaleTrack, notes: readonly { id: string; centre: Point }[], box: { w: number; h: number }) {
  const b = shapeBounds(zone.shape);
  // Clear of the ticks, with room for the marker's point (board.css).
  const GAP = 22;
  const rowY = (row: number) => track.y - GAP - box.h / 2 - row * (box.h + GAP);
  let rows = 1;
  while (rowY(rows) - box.h / 2 >= b.y + GAP) rows++;
  const ends: number[][] = Array.from({ length: rows }, () => []);
  const at = new Map<string, Point>();
  let stacked = 0;
  for (const n of notes) {
    const x = Math.min(b.x + b.w - box.w / 2, Math.max(b.x + box.w / 2, n.centre.x));
    const row = ends.findIndex((xs) => xs.every((o) => Math.abs(o - x) >= box.w + GAP));
    if (row >= 0) {
      ends[row]!.push(x);
      at.set(n.id, { x, y: rowY(row) });
    } else {
      stacked++;
      at.set(n.id, { x, y: Math.max(b.y + box.h / 2, rowY(0) - stacked * 14) });
    }
  }
  return { at, box, cascade: false };
}

/** A new marker's place: the middle of the scale, just above its line. */
export function markerSpot(track: ScaleTrack, noteHeight: number): Point {
  return { x: (track.x0 + track.x1) / 2, y: track.y - 22 - noteHeight / 2 };
}
