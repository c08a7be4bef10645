import {
  NOTE_SIZE,
  freeSpotInZone,
  zoneAnchor,
  notePositionToBoard,
  shapeBounds,
  shapeContains,
  zoneById,
  type Point,
  type Rect,
  type Template,
  type Zone,
} from '@balcony/shared';

/**
 * Below this the note text gets too small to read, so a narrow screen scrolls the board instead
 * of shrinking it further (a 360 px phone scrolls sideways).
 */
export const MIN_SCALE = 0.6;
/** Above this a big screen would only make the board blurry. */
export const MAX_SCALE = 2.5;

/** Zoom steps on top of the fitted scale; 1 shows the whole board. */
export const ZOOM_STEPS = [1, 1.25, 1.5, 2, 2.5] as const;

/** Room around the board, in board units, for the shadow and focus ring of notes at its edge. */
export const BOARD_MARGIN = { x: 16, y: 16 } as const;

/**
 * The scale at which the whole board fits the space (so every zone is in view, on a laptop as on
 * a projector), times the person's zoom, never below MIN_SCALE.
 */
export function fitScale(availableWidth: number, availableHeight: number, board: Template['board'], zoom = 1): number {
  const w = board.width + 2 * BOARD_MARGIN.x;
  const h = board.height + 2 * BOARD_MARGIN.y;
  const fit = Math.min(availableWidth / w, availableHeight / h);
  if (!Number.isFinite(fit) || fit <= 0) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, fit * zoom));
}

/** Where a zone's name and question sit, relative to the zone's bounding box, in board units. */
export interface LabelPlacement {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
  width: number;
  align: 'left' | 'center';
  /** The box is centred on `top` rather than hanging from it. */
  middle?: boolean;
}

/**
 * Places a zone's label where its shape is widest and away from where new notes go: the top of a
 * column, the top of the paradigm circle, the outer part of a cultural-web segment.
 */
export function labelPlacement(zone: Zone, board: Template['board']): LabelPlacement {
  const shape = zone.shape;
  const b = shapeBounds(shape);
  if (shape.kind === 'rect') return { left: 12, top: 16, width: Math.max(40, b.w - 24), align: 'left' };
  if (shape.kind === 'circle') {
    const width = shape.r * 1.3;
    return { left: (b.w - width) / 2, top: shape.r * 0.2, width, align: 'center' };
  }
  const dx = (b.x + b.w / 2 - board.width / 2) / board.width;
  const dy = (b.y + b.h / 2 - board.height / 2) / board.height;
  if (Math.abs(dy) >= Math.abs(dx)) {
    // A segment above or below the centre: its widest part runs along the board's middle line.
    const width = Math.max(80, Math.min(380, b.w - 48));
    const side = dx < 0 ? { right: 24 } : { left: 24 };
    const edge = dy < 0 ? { top: 20 } : { bottom: 20 };
    return { ...side, ...edge, width, align: 'left' };
  }
  // A segment left or right of the centre: its widest part is at the board's outer edge.
  const width = Math.max(80, Math.min(260, b.w * 0.45));
  const side = dx > 0 ? { right: 20 } : { left: 20 };
  return { ...side, top: b.h / 2, width, align: 'left', middle: true };
}

/** A note's centre on the board, or null when its zone is not part of this template. */
export function noteCentre(template: Template, note: { zone: string; x: number; y: number }): Point | null {
  const zone = zoneById(template, note.zone);
  return zone ? notePositionToBoard(zone, note) : null;
}

/**
 * Pulls a point in so that a whole note fits inside the zone's bounding box where it can; a point
 * that would then leave the zone's shape is kept as it was.
 */
export function keepNoteInside(zone: Zone, p: Point): Point {
  const b = shapeBounds(zone.shape);
  const x = b.w >= NOTE_SIZE.w ? clamp(p.x, b.x + NOTE_SIZE.w / 2, b.x + b.w - NOTE_SIZE.w / 2) : b.x + b.w / 2;
  const y = b.h >= NOTE_SIZE.h ? clamp(p.y, b.y + NOTE_SIZE.h / 2, b.y + b.h - NOTE_SIZE.h / 2) : b.y + b.h / 2;
  const inside = { x, y };
  return shapeContains(zone.shape, inside) ? inside : p;
}

/** The box a zone's name takes, in board units, so that new notes can keep clear of it. */
export function labelRect(zone: Zone, board: Template['board']): Rect {
  const b = shapeBounds(zone.shape);
  const p = labelPlacement(zone, board);
  const h = 34;
  const x = p.left !== undefined ? b.x + p.left : b.x + b.w - (p.right ?? 0) - p.width;
  const y = p.bottom !== undefined ? b.y + b.h - p.bottom - h : b.y + (p.top ?? 0) - (p.middle ? h / 2 : 0);
  return { x, y, w: p.width, h };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Gap between notes placed side by side, in board units. */
const SPACING = 12;

/**
 * Where a note added without a pointer goes: the first spot where a whole note fits inside the
 * zone without covering another note or the zone's name (top to bottom in a column, outwards from
 * the middle elsewhere). A full zone falls back to the shared loose grid, which stacks notes with
 * an offset so that each stays visible.
 */
export function newNoteSpot(zone: Zone, template: Template, others: readonly Point[]): Point {
  const b = shapeBounds(zone.shape);
  const { w, h } = NOTE_SIZE;
  // Spots along one axis, centred in the room or packed from its start (rows from a column's top).
  const axis = (start: number, size: number, note: number, lead: number, centred: boolean) => {
    const room = size - lead - SPACING;
    const n = Math.floor((room + SPACING) / (note + SPACING));
    if (n < 1) return [start + size / 2];
    const used = n * note + (n - 1) * SPACING;
    const first = start + lead + (centred ? (room - used) / 2 : 0) + note / 2;
    return Array.from({ length: n }, (_, i) => first + i * (note + SPACING));
  };
  const isRect = zone.shape.kind === 'rect';
  const xs = axis(b.x, b.w, w, SPACING, true);
  const ys = isRect ? axis(b.y, b.h, h, 56, false) : axis(b.y, b.h, h, SPACING, true);
  const label = labelRect(zone, template.board);
  const taken = others.map(noteRect);
  const anchor = zoneAnchor(zone);
  const candidates: Point[] = [];
  for (const y of ys) for (const x of xs) candidates.push({ x, y });
  if (!isRect) candidates.sort((p, q) => Math.hypot(p.x - anchor.x, p.y - anchor.y) - Math.hypot(q.x - anchor.x, q.y - anchor.y));
  for (const c of candidates) {
    const r = noteRect(c);
    const corners = [
      { x: r.x, y: r.y },
      { x: r.x + r.w, y: r.y },
      { x: r.x, y: r.y + r.h },
      { x: r.x + r.w, y: r.y + r.h },
    ];
    if (!corners.every((p) => shapeContains(zone.shape, p))) continue;
    if (overlaps(r, label) || taken.some((t) => overlaps(r, t))) continue;
    return c;
  }
  const inZone = others.filter((p) => shapeContains(zone.shape, p)).length;
  return keepNoteInside(zone, freeSpotInZone(zone, inZone));
}

export function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** A note's box in board units, from its centre. */
export function noteRect(centre: Point): Rect {
  return { x: centre.x - NOTE_SIZE.w / 2, y: centre.y - NOTE_SIZE.h / 2, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
}
