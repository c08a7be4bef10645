import {
  DEFAULT_NOTE_COLOR,
  NOTE_SIZE,
  notePositionToBoard,
  shapeBounds,
  type Frame,
  type OutcomeRecord,
  type RecordNote,
  type RecordTheme,
  type Rect,
  type Template,
  type Zone,
} from '@balcony/shared';
import type { Measure } from './fonts.js';

/**
 * Where everything on a frame is drawn, in board units, worked out once for both the SVG (and so
 * the PNG) and the PDF, so that every picture of a frame is the same picture. It follows the
 * board as the client draws it: zone shapes with their names, each theme a block holding its
 * notes in a small grid, other notes at their places, moved only as far as keeps them clear of
 * each other and of the names.
 */

/** Thrown for a frame id the template does not have; the HTTP layer answers 404. */
export class UnknownFrameError extends Error {
  constructor(readonly frameId: string) {
    super(`There is no frame ${frameId}.`);
    this.name = 'UnknownFrameError';
  }
}

/** The frames asked for: one by id, or every frame when none is named. */
export function framesOf(template: Template, frameId?: string): Frame[] {
  if (frameId === undefined) return template.frames;
  const frame = template.frames.find((f) => f.id === frameId);
  if (!frame) throw new UnknownFrameError(frameId);
  return [frame];
}

export const STYLE = {
  zoneFill: ['#FBFCFD', '#F3F5F8'],
  zoneStroke: '#C3CAD2',
  centreFill: '#E9F0FA',
  centreStroke: '#9FB6D6',
  label: '#424A53',
  text: '#1F2328',
  muted: '#57606A',
  cardStroke: 'rgba(31,35,40,0.18)',
  star: '#9A6700',
  vote: '#1F6FEB',
  themeFill: 'rgba(255,255,255,0.55)',
  background: '#FFFFFF',
  heading: '#1F2328',
};

export const SIZES = {
  label: 22,
  labelLine: 26,
  note: 15,
  noteLine: 18,
  footer: 11,
  themeTitle: 16,
  /** The band above each frame that holds its name. */
  header: 64,
  headerText: 28,
};

const PAD = 8;
const FOOTER = 16;
const THEME_PAD = 10;
const THEME_GAP = 8;
const THEME_HEAD = 40;
const THEME_CARD = { w: Math.round(NOTE_SIZE.w * 0.85), h: 92 };

export interface ZoneDrawing {
  zone: Zone;
  fill: string;
  stroke: string;
  /** The name's lines; `x` is the left edge or, centred, the middle; `y` the first baseline. */
  label: { x: number; y: number; align: 'left' | 'center'; lines: string[] };
  scale: { x0: number; x1: number; y: number; ticks: { value: number; x: number }[]; fromLabel: string; toLabel: string } | null;
}

export interface CardDrawing {
  note: RecordNote;
  rect: Rect;
  color: string;
  /** The words as wrapped to fit, the last line ending in an ellipsis when some were cut. */
  lines: string[];
  author: string | null;
}

export interface ThemeDrawing {
  theme: RecordTheme;
  rect: Rect;
  color: string;
  title: string;
}

export interface FrameDrawing {
  frame: Frame;
  width: number;
  height: number;
  zones: ZoneDrawing[];
  themes: ThemeDrawing[];
  cards: CardDrawing[];
}

export function layoutFrame(record: OutcomeRecord, frame: Frame, measure: Measure): FrameDrawing {
  const board = frame.board;
  const zones = frame.zones.map((zone, i) => zoneDrawing(zone, i, frame, measure));
  const labelRects = zones.map((z) => labelRect(z, measure));
  const themes: ThemeDrawing[] = [];
  const cards: CardDrawing[] = [];
  const taken: Rect[] = [...labelRects];
  for (const zone of frame.zones) {
    const bounds = shapeBounds(zone.shape);
    for (const theme of record.themes.filter((t) => t.zoneId === zone.id)) {
      const members = record.notes.filter((n) => n.themeId === theme.id);
      const block = themeBlock(zone, theme, members.length, taken);
      themes.push({ theme, rect: block.rect, color: safeColor(theme.color), title: fitLine(theme.title || 'Untitled theme', block.rect.w - 2 * THEME_PAD, SIZES.themeTitle, true, measure) });
      taken.push(block.rect);
      members.forEach((n, i) => cards.push(card(n, block.cells[i]!, measure)));
    }
    for (const note of record.notes.filter((n) => n.zoneId === zone.id && n.themeId === null)) {
      const centre = notePositionToBoard(zone, note);
      const rect = clearOf(inside({ x: centre.x - NOTE_SIZE.w / 2, y: centre.y - NOTE_SIZE.h / 2, ...NOTE_SIZE }, bounds, board), taken, bounds);
      taken.push(rect);
      cards.push(card(note, rect, measure));
    }
  }
  return { frame, width: board.width, height: board.height, zones, themes, cards };
}

function zoneDrawing(zone: Zone, index: number, frame: Frame, measure: Measure): ZoneDrawing {
  const b = shapeBounds(zone.shape);
  const centre = zone.shape.kind === 'circle';
  const fill = centre ? STYLE.centreFill : STYLE.zoneFill[index % 2]!;
  const stroke = centre ? STYLE.centreStroke : STYLE.zoneStroke;
  const place = labelPlace(zone, frame);
  const lines = wrap(zone.label, place.width, SIZES.label, true, measure, 2);
  const y = place.middle ? place.top - (lines.length * SIZES.labelLine) / 2 + SIZES.label : place.top + SIZES.label;
  const scale = zone.scale
    ? {
        // Ticks where derive reads a marker's value: across the zone's bounds, left to right.
        x0: b.x,
        x1: b.x + b.w,
        y: b.y + b.h - 60,
        ticks: Array.from({ length: zone.scale.to - zone.scale.from + 1 }, (_, i) => ({
          value: zone.scale!.from + i,
          x: b.x + (b.w * i) / (zone.scale!.to - zone.scale!.from),
        })),
        fromLabel: zone.scale.fromLabel,
        toLabel: zone.scale.toLabel,
      }
    : null;
  return { zone, fill, stroke, label: { x: place.x, y, align: place.align, lines }, scale };
}

/** Where a zone's name goes, as the client places it: top left of a column, high in the centre circle, at a wedge's wide end. */
function labelPlace(zone: Zone, frame: Frame): { x: number; top: number; width: number; align: 'left' | 'center'; middle: boolean } {
  const s = zone.shape;
  const b = shapeBounds(s);
  if (s.kind === 'rect') return { x: b.x + 12, top: b.y + 16, width: Math.max(40, b.w - 24), align: 'left', middle: false };
  if (s.kind === 'circle') return { x: s.cx, top: b.y + s.r * 0.2, width: s.r * 1.3, align: 'center', middle: false };
  const dx = (b.x + b.w / 2 - frame.board.width / 2) / frame.board.width;
  const dy = (b.y + b.h / 2 - frame.board.height / 2) / frame.board.height;
  if (Math.abs(dy) >= Math.abs(dx)) {
    const width = Math.max(80, Math.min(380, b.w - 48));
    const x = dx < 0 ? b.x + b.w - 24 - width : b.x + 24;
    return { x, top: dy < 0 ? b.y + 20 : b.y + b.h - 20 - 2 * SIZES.labelLine, width, align: 'left', middle: false };
  }
  const width = Math.max(80, Math.min(260, b.w * 0.45));
  const x = dx > 0 ? b.x + b.w - 20 - width : b.x + 20;
  return { x, top: b.y + b.h / 2, width, align: 'left', middle: true };
}

function labelRect(z: ZoneDrawing, measure: Measure): Rect {
  const w = Math.max(...z.label.lines.map((l) => measure(l, SIZES.label, true)), 1);
  const x = z.label.align === 'center' ? z.label.x - w / 2 : z.label.x;
  return { x, y: z.label.y - SIZES.label, w, h: z.label.lines.length * SIZES.labelLine + 6 };
}

function themeBlock(zone: Zone, theme: RecordTheme, count: number, keepClear: readonly Rect[]): { rect: Rect; cells: Rect[] } {
  const b = shapeBounds(zone.shape);
  const fitAcross = Math.max(1, Math.floor((b.w - 2 * THEME_PAD + THEME_GAP) / (THEME_CARD.w + THEME_GAP)));
  const n = Math.max(1, count);
  const cols = Math.max(1, Math.min(n, fitAcross, n <= 4 ? 2 : 3));
  const rows = Math.max(1, Math.ceil(count / cols));
  const w = cols * THEME_CARD.w + (cols - 1) * THEME_GAP + 2 * THEME_PAD;
  const h = THEME_HEAD + rows * THEME_CARD.h + (rows - 1) * THEME_GAP + THEME_PAD;
  const c = notePositionToBoard(zone, theme);
  const rect = clearOf({ x: Math.max(b.x, Math.min(c.x - w / 2, b.x + b.w - w)), y: Math.max(b.y, Math.min(c.y - h / 2, b.y + b.h - h)), w, h }, keepClear, b);
  const cells = Array.from({ length: count }, (_, i) => ({
    x: rect.x + THEME_PAD + (i % cols) * (THEME_CARD.w + THEME_GAP),
    y: rect.y + THEME_HEAD + Math.floor(i / cols) * (THEME_CARD.h + THEME_GAP),
    ...THEME_CARD,
  }));
  return { rect, cells };
}

function card(note: RecordNote, rect: Rect, measure: Measure): CardDrawing {
  const lineCount = Math.max(1, Math.floor((rect.h - 2 * PAD - FOOTER) / SIZES.noteLine));
  return {
    note,
    rect,
    color: safeColor(note.color),
    lines: wrap(note.text, rect.w - 2 * PAD, SIZES.note, false, measure, lineCount),
    author: note.author,
  };
}

/** A colour as the board allows it (#RRGGBB), so a record's colour can never break out of an attribute. */
function safeColor(c: string): string {
  return /^#[0-9A-Fa-f]{6}$/.test(c) ? c : DEFAULT_NOTE_COLOR;
}

/** A card's inner edges, for its footer: the author on the left, the marks on the right. */
export function cardFooter(c: CardDrawing): { x0: number; x1: number; y: number } {
  return { x0: c.rect.x + PAD, x1: c.rect.x + c.rect.w - PAD, y: c.rect.y + c.rect.h - PAD };
}

export function cardTextOrigin(c: CardDrawing): { x: number; y: number } {
  return { x: c.rect.x + PAD, y: c.rect.y + PAD + SIZES.note };
}

export function themeTitleOrigin(t: ThemeDrawing): { x: number; y: number } {
  return { x: t.rect.x + THEME_PAD, y: t.rect.y + THEME_PAD + SIZES.themeTitle + 4 };
}

/** A rect moved to lie inside `bounds` where it fits, and inside the board in any case. */
function inside(r: Rect, bounds: Rect, board: { width: number; height: number }): Rect {
  const within = (v: number, lo: number, size: number, span: number) => (size <= span ? Math.min(Math.max(v, lo), lo + span - size) : lo + (span - size) / 2);
  const x = within(r.x, bounds.x, r.w, bounds.w);
  const y = within(r.y, bounds.y, r.h, bounds.h);
  return { ...r, x: Math.min(Math.max(x, 0), board.width - r.w), y: Math.min(Math.max(y, 0), board.height - r.h) };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The nearest place below (then above) `r` that covers nothing already drawn, within the zone's
 * height; where the zone is full, `r` as it was, drawn over the others as the board would.
 */
function clearOf(r: Rect, taken: readonly Rect[], bounds: Rect): Rect {
  const step = 12;
  for (let k = 0; k < 200; k++) {
    const dy = (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * step;
    const y = r.y + dy;
    if (y < bounds.y || y + r.h > bounds.y + bounds.h) continue;
    const moved = { ...r, y };
    if (!taken.some((t) => overlaps(moved, t))) return moved;
  }
  return r;
}

/**
 * Greedy word wrap to `width`, at most `maxLines` lines; a word longer than a line is broken,
 * and text that does not fit ends in an ellipsis. A note's own line breaks are kept.
 */
export function wrap(text: string, width: number, size: number, bold: boolean, measure: Measure, maxLines: number): string[] {
  const fits = (s: string) => measure(s, size, bold) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the line is broken where it runs out.
      while (word.length > 1 && !fits(word)) {
        let n = word.length - 1;
        while (n > 1 && !fits(word.slice(0, n))) n--;
        lines.push(word.slice(0, n));
        word = word.slice(n);
      }
      line = word;
    }
    if (line) lines.push(line);
    if (lines.length > maxLines) break;
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1]!, fits);
  return kept;
}

function withEllipsis(line: string, fits: (s: string) => boolean): string {
  let s = line.trimEnd();
  while (s.length > 0 && !fits(`${s}…`)) s = s.slice(0, -1).trimEnd();
  return `${s}…`;
}

/** One line, cut with an ellipsis when it is too wide. */
export function fitLine(text: string, width: number, size: number, bold: boolean, measure: Measure): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return measure(flat, size, bold) <= width ? flat : withEllipsis(flat, (s) => measure(s, size, bold) <= width);
}
