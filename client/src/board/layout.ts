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
  type Frame,
  type ZoneSet,
  type Zone,
} from '@balcony/shared';
import { markerSpot, scaleTrack } from './scale';

/**
 * Below this the zones get too small to put notes in, so a narrow screen scrolls the board instead
 * of shrinking it further (a phone scrolls sideways). Note words and zone names keep a readable
 * size on their own (noteZoom, labelZoom), so a laptop with the invite panel open still fits.
 */
export const MIN_SCALE = 0.45;
/** Above this a big screen would only make the board blurry. */
export const MAX_SCALE = 2.5;

/** Zoom steps on top of the fitted scale; 1 shows the whole board. */
export const ZOOM_STEPS = [1, 1.25, 1.5, 2, 2.5] as const;

/** Room around the board, in board units, for the shadow and focus ring of notes at its edge. */
export const BOARD_MARGIN = { x: 16, y: 16 } as const;

/**
 * The scale at which the whole board fits the space (so every zone is in view, on a laptop as on
 * a projector), never below MIN_SCALE, times the person's zoom. The zoom applies on top of the
 * floor, so that on a phone, where the fit is below it, every step of "+" still zooms.
 */
/** A frame's size in board units. */
export type BoardSize = Frame['board'];

export function fitScale(availableWidth: number, availableHeight: number, board: BoardSize, zoom = 1): number {
  const w = board.width + 2 * BOARD_MARGIN.x;
  const h = board.height + 2 * BOARD_MARGIN.y;
  const fit = Math.min(availableWidth / w, availableHeight / h);
  if (!Number.isFinite(fit) || fit <= 0) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, fit) * zoom);
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
export function labelPlacement(zone: Zone, board: BoardSize): LabelPlacement {
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

/** A note's centre on its frame, or null when its zone is not among these (another frame's, say). */
export function noteCentre(zones: ZoneSet, note: { zone: string; x: number; y: number }): Point | null {
  const zone = zoneById(zones, note.zone);
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

/** The zone name's size in board units (board.css), and the least it may take on screen. */
const LABEL_FONT_PX = 22;
const LABEL_MIN_PX = 15;

/**
 * How many lines a zone's name takes at a width, in board units: an estimate from an average
 * bold letter of 0.6 em, a little wide, so that a name that wraps on a phone is still kept clear.
 */
export function labelLines(label: string, width: number, zoom = 1): number {
  const perLine = Math.max(1, Math.floor(width / (LABEL_FONT_PX * zoom * 0.6)));
  let lines = 1;
  let used = 0;
  for (const word of label.split(/\s+/)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= perLine || used === 0) used = need;
    else {
      lines += 1;
      used = word.length;
    }
  }
  return lines;
}

/** How much larger than its board size a zone's name is drawn, so that it stays readable. */
export function labelZoom(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) return 1;
  return Math.max(1, LABEL_MIN_PX / LABEL_FONT_PX / scale);
}

/**
 * The box a zone's name takes, in board units, so that notes can keep clear of it; `zoom` is
 * labelZoom at the board's scale.
 */
export function labelRect(zone: Zone, board: BoardSize, zoom = 1): Rect {
  const b = shapeBounds(zone.shape);
  const p = labelPlacement(zone, board);
  const h = labelLines(zone.label, p.width, zoom) * LABEL_FONT_PX * 1.2 * zoom + 8 * zoom;
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
export function newNoteSpot(zone: Zone, board: BoardSize, others: readonly Point[]): Point {
  // On a scale the place is the answer: a new marker starts in the middle, to be moved.
  const track = scaleTrack(zone);
  if (track) return keepNoteInside(zone, markerSpot(track, NOTE_SIZE.h));
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
  const label = labelRect(zone, board);
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

/** The size, in screen pixels, that note text keeps however small the board is drawn. */
export const NOTE_TEXT_PX = 16;
/** The note's text size in its own units (board.css); the note is scaled from this. */
const NOTE_FONT_PX = 16;

/**
 * How much a note is drawn larger than its board size, so that its words stay readable when the
 * whole board is shrunk to fit a laptop or a phone. At or above full size it grows with the board.
 */
export function noteZoom(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) return 1;
  return Math.max(1, NOTE_TEXT_PX / NOTE_FONT_PX / scale);
}

/**
 * The box a note takes on the board, in board units, once zoomed: its usual size, narrowed to fit
 * a column so that it never reaches into the next one.
 */
export function noteBox(zone: Zone, zoom: number): { w: number; h: number } {
  const b = shapeBounds(zone.shape);
  const w = NOTE_SIZE.w * zoom;
  // A column takes one note across; the paradigm circle takes two side by side.
  const room = zone.shape.kind === 'rect' ? b.w - 2 * SPACING : zone.shape.kind === 'circle' ? zone.shape.r * 1.2 : w;
  const fit = Math.min(w, room);
  return { w: Math.max(NOTE_SIZE.w * 0.5, fit), h: NOTE_SIZE.h * zoom };
}

/** Up to this many notes, each is drawn near where it was put; more are laid out in rows at once. */
const NEARBY_LIMIT = 24;

/** How much of its height a note in a crowded zone keeps: two lines of words and its footer. */
export const COMPACT_NOTE_HEIGHT = 70 / 110;

/**
 * The part of a compact note (70 units tall) a cascade leaves in view at least: its padding of 6
 * and its first line of 20 (board.css), and the next line's half-leading of 2, which has no ink.
 */
export const CASCADE_STRIP = (6 + 20 + 2) / 70;

export interface Arrangement {
  /** Where each note is drawn, by id. */
  at: Map<string, Point>;
  /** The box every note of the zone is drawn in, in board units. */
  box: { w: number; h: number };
  /**
   * The notes overlap as a cascade, each lower than the one before it in the list and drawn over
   * it, so that every note keeps at least its first line in view and opens on focus.
   */
  cascade: boolean;
}

type Box = { w: number; h: number };
type Placed = readonly { id: string; centre: Point }[];

/** A note's box at a centre. */
function boxAt(c: Point, box: Box): Rect {
  return { x: c.x - box.w / 2, y: c.y - box.h / 2, w: box.w, h: box.h };
}

/**
 * Whether a box lies inside a zone's shape: its corners and the middles of its sides, which is
 * enough for the cultural web's segments, whose inner edge bends around the paradigm.
 */
export function boxInside(zone: Zone, r: Rect): boolean {
  const xs = [r.x, r.x + r.w / 2, r.x + r.w];
  const ys = [r.y, r.y + r.h / 2, r.y + r.h];
  for (const x of xs) for (const y of ys) if ((x !== xs[1] || y !== ys[1]) && !shapeContains(zone.shape, { x, y })) return false;
  return true;
}

/**
 * Where each note of a zone is drawn, so that none hides another's words or a zone's name and
 * every note stays inside its zone: each note where it was put if it is clear there, else at the
 * nearest clear spot; failing that the zone is tidied into a grid, then into a grid of shorter
 * notes (which say they hold more and open on focus), and a zone too full even for that becomes
 * a cascade. Only the drawing moves, never the stored position, and the result depends on the
 * notes alone, so everyone sees the same arrangement.
 */
export function arrangeNotes(zone: Zone, notes: Placed, box: Box, keepClear: readonly Rect[]): Arrangement {
  const few = notes.length <= NEARBY_LIMIT;
  const compact = { w: box.w * 0.85, h: box.h * COMPACT_NOTE_HEIGHT };
  for (const size of [box, compact]) {
    if (few) {
      const near = placeNearby(zone, notes, size, keepClear);
      if (near) return { at: near, box: size, cascade: false };
    }
    const grid = (notes.length <= TIDY_LIMIT ? tidyGrid(zone, notes, size, keepClear) : null) ?? rows(zone, notes, size, keepClear);
    if (grid) return { at: grid, box: size, cascade: false };
  }
  // A cascade of notes as wide as they can be while each first line stays in view: narrower
  // notes fit a taller column in a round or wedge-shaped zone, so each can sit further below the
  // one before. Failing that, whichever shows the most of each note.
  const strip = CASCADE_STRIP * compact.h;
  let best: { at: Map<string, Point>; step: number; box: Box } | null = null;
  for (const w of [box.w, compact.w, box.w * 0.7]) {
    const tried = { ...cascade(zone, notes, { w, h: compact.h }, keepClear), box: { w, h: compact.h } };
    if (tried.step >= strip) return { at: tried.at, box: tried.box, cascade: true };
    if (!best || tried.step > best.step) best = tried;
  }
  return { at: best!.at, box: best!.box, cascade: true };
}

/** Each note where it was put if clear, else at the nearest clear spot in the zone; null if one finds none. */
function placeNearby(zone: Zone, notes: Placed, box: Box, keepClear: readonly Rect[]): Map<string, Point> | null {
  const placed = new Map<string, Point>();
  const b = shapeBounds(zone.shape);
  const gap = SPACING / 2;
  const padded = (c: Point): Rect => ({ x: c.x - box.w / 2 - gap, y: c.y - box.h / 2 - gap, w: box.w + 2 * gap, h: box.h + 2 * gap });
  const taken: Rect[] = [...keepClear];
  const fits = (c: Point) => {
    const r = padded(c);
    return boxInside(zone, boxAt(c, box)) && !taken.some((t) => overlaps(r, t));
  };
  // Quarter-note steps: fine enough to pack a small circle, few enough to stay quick.
  const stepX = (box.w + 2 * gap) / 4;
  const stepY = (box.h + 2 * gap) / 4;
  const nx = Math.ceil(b.w / stepX) + 1;
  const ny = Math.ceil(b.h / stepY) + 1;
  for (const note of notes) {
    let spot: Point | null = fits(note.centre) ? note.centre : null;
    if (!spot) {
      let best = Infinity;
      for (let i = -nx; i <= nx; i++) {
        for (let j = -ny; j <= ny; j++) {
          const d = Math.hypot(i * stepX, j * stepY);
          if (d >= best) continue;
          const c = { x: note.centre.x + i * stepX, y: note.centre.y + j * stepY };
          if (!fits(c)) continue;
          best = d;
          spot = c;
        }
      }
    }
    if (!spot) return null;
    placed.set(note.id, spot);
    taken.push(padded(spot));
  }
  return placed;
}

/** Up to this many notes, a zone where they do not all find a clear spot is tidied into a centred grid. */
const TIDY_LIMIT = 16;

/**
 * The notes in rows and columns, oldest first, as near the zone's middle as the grid fits with
 * every note inside the zone and clear of the zones' names; null when no grid fits.
 */
function tidyGrid(zone: Zone, notes: readonly { id: string }[], box: Box, keepClear: readonly Rect[]): Map<string, Point> | null {
  const k = notes.length;
  const cell = { w: box.w + SPACING, h: box.h + SPACING };
  const b = shapeBounds(zone.shape);
  const anchor = zoneAnchor(zone);
  const STEP = 12;
  const reachX = Math.ceil(b.w / 2 / STEP);
  const reachY = Math.ceil(b.h / 2 / STEP);
  const offsets: Point[] = [];
  for (let i = -reachX; i <= reachX; i++) for (let j = -reachY; j <= reachY; j++) offsets.push({ x: i * STEP, y: j * STEP });
  offsets.sort((p, q) => Math.hypot(p.x, p.y) - Math.hypot(q.x, q.y));
  // Squarer grids first: they fit round and wedge-shaped zones best.
  const shapes = Array.from({ length: k }, (_, i) => i + 1).sort((c, d) => Math.abs(c - k / c) - Math.abs(d - k / d));
  for (const cols of shapes) {
    const rowCount = Math.ceil(k / cols);
    // A grid wider or taller than the zone cannot fit wherever it goes.
    if (Math.min(cols, k) * cell.w - SPACING > b.w || rowCount * cell.h - SPACING > b.h) continue;
    const cells: Point[] = [];
    for (let n = 0; n < k; n++) {
      const row = Math.floor(n / cols);
      const inRow = row === rowCount - 1 ? k - row * cols : cols;
      cells.push({ x: (n % cols) * cell.w - ((inRow - 1) * cell.w) / 2, y: row * cell.h - ((rowCount - 1) * cell.h) / 2 });
    }
    for (const o of offsets) {
      const at = cells.map((c) => ({ x: anchor.x + o.x + c.x, y: anchor.y + o.y + c.y }));
      const fits = at.every((c) => {
        const r = boxAt(c, box);
        return boxInside(zone, r) && !keepClear.some((t) => overlaps(r, t));
      });
      if (fits) return new Map(notes.map((n, i) => [n.id, at[i]!]));
    }
  }
  return null;
}

/**
 * Spots in columns across the zone where a whole box fits inside it, clear of the names: down
 * each column, the first spot that fits, then the next at least `stepY` lower (below the box's
 * height, the notes of a column overlap). Columns go top to bottom, left to right.
 */
function columnSpots(zone: Zone, box: Box, stepY: number, keepClear: readonly Rect[], phaseX: number): Point[] {
  const b = shapeBounds(zone.shape);
  const stepX = box.w + SPACING;
  const SCAN = 4;
  const spots: Point[] = [];
  for (let x = b.x + SPACING / 2 + box.w / 2 + phaseX; x + box.w / 2 <= b.x + b.w; x += stepX) {
    let next = -Infinity;
    for (let y = b.y + SPACING / 2 + box.h / 2; y + box.h / 2 <= b.y + b.h; y += SCAN) {
      if (y < next) continue;
      const r = boxAt({ x, y }, box);
      if (!boxInside(zone, r) || keepClear.some((t) => overlaps(r, t))) continue;
      spots.push({ x, y });
      next = y + stepY;
    }
  }
  return spots;
}

/** The columns, of a few offsets across, that hold the most spots. */
function bestColumns(zone: Zone, box: Box, stepY: number, keepClear: readonly Rect[]): Point[] {
  let best: Point[] = [];
  const stepX = box.w + SPACING;
  for (let k = 0; k < 4; k++) {
    const spots = columnSpots(zone, box, stepY, keepClear, (k * stepX) / 4);
    if (spots.length > best.length) best = spots;
  }
  return best;
}

/** Many notes in rows, in their order, reading across; null when the zone has too few spots. */
function rows(zone: Zone, notes: Placed, box: Box, keepClear: readonly Rect[]): Map<string, Point> | null {
  const spots = bestColumns(zone, box, box.h + SPACING, keepClear);
  if (spots.length < notes.length) return null;
  spots.sort((p, q) => p.y - q.y || p.x - q.x);
  return new Map(notes.map((n, i) => [n.id, spots[i]!]));
}

/**
 * Columns of overlapping notes, each note as far below the one before it as still gives every
 * note a place: its first line shows while the step is at least CASCADE_STRIP of a note, less
 * when the zone is fuller still (a note opens on focus). A zone that holds more notes than even the tightest cascade
 * starts again at the top of the first column, a little to the side.
 */
function cascade(zone: Zone, notes: Placed, box: Box, keepClear: readonly Rect[]): { at: Map<string, Point>; step: number } {
  // Columns come top to bottom, left to right, so each note is drawn over the one above it.
  const spotsAt = (step: number) => bestColumns(zone, box, step, keepClear);
  const holds = (step: number) => spotsAt(step).length >= notes.length;
  // The largest step, to a board unit, at which every note has a spot: fewer spots as it grows.
  let lo = 4;
  let hi = Math.max(lo, Math.floor(box.h + SPACING));
  if (holds(lo)) {
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (holds(mid)) lo = mid;
      else hi = mid - 1;
    }
  }
  // Stepped at a line's edge, so that the note over another never cuts a line through its letters.
  const lineEdges = [2, 1].map((lines) => (CASCADE_STRIP + ((lines - 1) * 20) / 70) * box.h);
  const step = lineEdges.find((edge) => edge <= lo) ?? lo;
  const spots = spotsAt(step);
  const at = new Map<string, Point>();
  if (spots.length === 0) {
    const anchor = zoneAnchor(zone);
    for (const n of notes) at.set(n.id, anchor);
    return { at, step: 0 };
  }
  notes.forEach((n, i) => {
    const spot = spots[i % spots.length]!;
    const round = Math.floor(i / spots.length);
    at.set(n.id, { x: spot.x + round * 6, y: spot.y + round * 6 });
  });
  return { at, step };
}
