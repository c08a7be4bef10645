import { notePositionToBoard, shapeBounds, type Point, type Rect, type Zone } from '@balcony/shared';
import { COMPACT_NOTE_HEIGHT } from './layout';

/** Room inside a theme's edge and between its notes, in board units. */
const PAD = 10;
const GAP = 8;
/** The theme's name above its notes, in the note's own units (board.css `.theme-head`). */
const HEAD = 40;
/** At most this many notes side by side in a theme. */
const MAX_COLUMNS = 3;

export interface ThemeArrangement {
  /** The theme's box on its frame, in board units. */
  rect: Rect;
  /** The box each of its notes is drawn in. */
  box: { w: number; h: number };
  /** Where each of its notes is drawn, by id, in the order given. */
  at: Map<string, Point>;
}

/**
 * A theme drawn as one compact block: its name on top, its notes below in a small grid of short
 * notes, centred where the theme was put, kept inside the zone's box and below the zones' names
 * and the themes drawn before it (`keepClear`) where it would cover one. Only the drawing moves
 * notes; where each was put stays in the document, and the result depends on the theme alone, so
 * everyone sees the same block.
 */
export function arrangeTheme(
  zone: Zone,
  place: { x: number; y: number },
  noteIds: readonly string[],
  noteBox: { w: number; h: number },
  zoom = 1,
  keepClear: readonly Rect[] = [],
): ThemeArrangement {
  const box = { w: noteBox.w * 0.85, h: noteBox.h * COMPACT_NOTE_HEIGHT };
  const b = shapeBounds(zone.shape);
  const head = HEAD * zoom;
  const fitAcross = Math.max(1, Math.floor((b.w - 2 * PAD + GAP) / (box.w + GAP)));
  const n = Math.max(1, noteIds.length);
  const cols = Math.max(1, Math.min(n, fitAcross, n <= 4 ? 2 : MAX_COLUMNS));
  const rowCount = Math.ceil(noteIds.length / cols);
  const w = cols * box.w + (cols - 1) * GAP + 2 * PAD;
  const h = head + rowCount * box.h + Math.max(0, rowCount - 1) * GAP + PAD;
  const c = notePositionToBoard(zone, place);
  // Inside the zone's box where it fits; a block larger than the box keeps its top left corner in.
  const x = Math.max(b.x, Math.min(c.x - w / 2, b.x + b.w - w));
  let y = Math.max(b.y, Math.min(c.y - h / 2, b.y + b.h - h));
  // Below a zone's name or a theme drawn before it that it would cover, where the zone has the
  // room. Moving below one may cover another, so it looks again until nothing moves it.
  for (let pass = 0; pass <= keepClear.length; pass++) {
    const before = y;
    for (const r of keepClear) {
      if (x < r.x + r.w && r.x < x + w && y < r.y + r.h && r.y < y + h) y = Math.max(y, Math.min(r.y + r.h + GAP, b.y + b.h - h));
    }
    if (y === before) break;
  }
  const at = new Map<string, Point>();
  noteIds.forEach((id, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    at.set(id, { x: x + PAD + col * (box.w + GAP) + box.w / 2, y: y + head + row * (box.h + GAP) + box.h / 2 });
  });
  return { rect: { x, y, w, h }, box, at };
}

/** Whether a point lies in a rectangle. */
export function rectContains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}
