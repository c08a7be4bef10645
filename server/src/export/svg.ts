import type { OutcomeRecord, Template, ZoneShape } from '@balcony/shared';
import { FONT_FAMILY, measureText } from './fonts.js';
import {
  SIZES,
  STYLE,
  cardFooter,
  cardTextOrigin,
  fitLine,
  framesOf,
  layoutFrame,
  themeTitleOrigin,
  type CardDrawing,
  type FrameDrawing,
  type ThemeDrawing,
  type ZoneDrawing,
} from './picture.js';
import { noteMarks } from './words.js';

export { UnknownFrameError } from './picture.js';

/** Room between frames stacked one under another, and around the whole picture. */
const FRAME_GAP = 40;
const MARGIN = 24;

/**
 * A picture of a frame as it was laid out on the board, or of every frame one under another when
 * no frame is named, each under its name. A standalone SVG document in board units (1 unit = 1 px).
 * Each note carries its full words and marks in a <title>, so what the card cuts short is still
 * there for a screen reader and for a search.
 */
export function frameSvg(record: OutcomeRecord, template: Template, frameId?: string): string {
  const drawings = framesOf(template, frameId).map((f) => layoutFrame(record, f, measureText));
  const width = Math.max(...drawings.map((d) => d.width)) + 2 * MARGIN;
  const height = drawings.reduce((sum, d) => sum + SIZES.header + d.height, 0) + FRAME_GAP * (drawings.length - 1) + 2 * MARGIN;
  const parts: string[] = [];
  let top = MARGIN;
  for (const d of drawings) {
    parts.push(frameGroup(d, top));
    top += SIZES.header + d.height + FRAME_GAP;
  }
  const name = `${record.title} — ${drawings.map((d) => d.frame.label).join(', ')}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'${FONT_FAMILY}', sans-serif" role="img">`,
    `<title>${xml(name)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${STYLE.background}"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function frameGroup(d: FrameDrawing, top: number): string {
  return [
    `<g transform="translate(${MARGIN} ${top})">`,
    `<text x="0" y="${SIZES.headerText + 8}" font-size="${SIZES.headerText}" font-weight="bold" fill="${STYLE.heading}">${xml(d.frame.label)}</text>`,
    `<g transform="translate(0 ${SIZES.header})">`,
    `<rect x="0.5" y="0.5" width="${d.width - 1}" height="${d.height - 1}" fill="#FFFFFF" stroke="${STYLE.zoneStroke}"/>`,
    ...d.zones.map(zone),
    ...d.themes.map(theme),
    ...d.cards.map(card),
    '</g>',
    '</g>',
  ].join('\n');
}

function shape(s: ZoneShape, attrs: string): string {
  switch (s.kind) {
    case 'rect':
      return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="14" ${attrs}/>`;
    case 'circle':
      return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" ${attrs}/>`;
    case 'polygon':
      return `<polygon points="${s.points.map((p) => `${n(p[0])},${n(p[1])}`).join(' ')}" ${attrs}/>`;
  }
}

function zone(z: ZoneDrawing): string {
  const out = [`<g data-zone="${attr(z.zone.id)}">`, shape(z.zone.shape, `fill="${z.fill}" stroke="${z.stroke}" stroke-width="2"`)];
  const anchor = z.label.align === 'center' ? 'middle' : 'start';
  out.push(
    `<text x="${n(z.label.x)}" y="${n(z.label.y)}" font-size="${SIZES.label}" font-weight="bold" fill="${STYLE.label}" text-anchor="${anchor}">` +
      z.label.lines.map((l, i) => `<tspan x="${n(z.label.x)}" dy="${i === 0 ? 0 : SIZES.labelLine}">${xml(l)}</tspan>`).join('') +
      '</text>',
  );
  if (z.scale) {
    const s = z.scale;
    out.push(`<line x1="${n(s.x0)}" y1="${n(s.y)}" x2="${n(s.x1)}" y2="${n(s.y)}" stroke="${STYLE.muted}" stroke-width="2"/>`);
    for (const t of s.ticks) {
      out.push(`<line x1="${n(t.x)}" y1="${n(s.y - 8)}" x2="${n(t.x)}" y2="${n(s.y + 8)}" stroke="${STYLE.muted}" stroke-width="2"/>`);
      out.push(`<text x="${n(t.x)}" y="${n(s.y + 28)}" font-size="14" fill="${STYLE.muted}" text-anchor="middle">${t.value}</text>`);
    }
    out.push(`<text x="${n(s.x0 + 8)}" y="${n(s.y + 50)}" font-size="13" fill="${STYLE.muted}">${xml(s.fromLabel)}</text>`);
    out.push(`<text x="${n(s.x1 - 8)}" y="${n(s.y + 50)}" font-size="13" fill="${STYLE.muted}" text-anchor="end">${xml(s.toLabel)}</text>`);
  }
  out.push('</g>');
  return out.join('\n');
}

function theme(t: ThemeDrawing): string {
  const r = t.rect;
  const o = themeTitleOrigin(t);
  const votes = t.theme.votes > 0 ? voteBadge(r.x + r.w - 18, o.y - 5, t.theme.votes) : '';
  const label = `Theme: ${t.theme.title}${t.theme.votes > 0 ? `, ${t.theme.votes} vote${t.theme.votes === 1 ? '' : 's'}` : ''}`;
  return [
    `<g data-theme="${attr(t.theme.id)}">`,
    `<title>${xml(label)}</title>`,
    `<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" rx="12" fill="${t.color}" fill-opacity="0.35" stroke="${t.color}" stroke-width="3"/>`,
    `<text x="${n(o.x)}" y="${n(o.y)}" font-size="${SIZES.themeTitle}" font-weight="bold" fill="${STYLE.text}">${xml(t.title)}</text>`,
    votes,
    '</g>',
  ].join('\n');
}

function card(c: CardDrawing): string {
  const r = c.rect;
  const o = cardTextOrigin(c);
  const f = cardFooter(c);
  const marks = noteMarks(c.note);
  const label = [c.note.text, c.author !== null ? `by ${c.author}` : null, ...marks].filter(Boolean).join(', ');
  const out = [
    `<g data-note="${attr(c.note.id)}">`,
    `<title>${xml(label)}</title>`,
    `<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" rx="6" fill="${c.color}" stroke="${STYLE.cardStroke}" stroke-width="1.5"/>`,
    `<text x="${n(o.x)}" y="${n(o.y)}" font-size="${SIZES.note}" fill="${STYLE.text}">` +
      c.lines.map((l, i) => `<tspan x="${n(o.x)}" dy="${i === 0 ? 0 : SIZES.noteLine}">${xml(l)}</tspan>`).join('') +
      '</text>',
  ];
  // Marks sit at the right of the footer, the author's name in what is left of it.
  let right = f.x1;
  if (c.note.votes > 0) {
    out.push(voteBadge(right - 9, f.y - 4, c.note.votes));
    right -= 24;
  }
  if (c.note.starred) {
    out.push(`<text x="${n(right)}" y="${n(f.y)}" font-size="17" fill="${STYLE.star}" text-anchor="end">★</text>`);
    right -= 18;
  }
  if (c.author !== null) {
    const name = fitLine(c.author, right - f.x0 - 4, SIZES.footer, false, measureText);
    out.push(`<text x="${n(f.x0)}" y="${n(f.y)}" font-size="${SIZES.footer}" fill="${STYLE.muted}">${xml(name)}</text>`);
  }
  out.push('</g>');
  return out.join('\n');
}

/** A dot with the number of votes in it, centred on (x, y). */
function voteBadge(x: number, y: number, votes: number): string {
  return (
    `<circle cx="${n(x)}" cy="${n(y)}" r="9" fill="${STYLE.vote}"/>` +
    `<text x="${n(x)}" y="${n(y + 3.5)}" font-size="10" font-weight="bold" fill="#FFFFFF" text-anchor="middle">${votes}</text>`
  );
}

/** A coordinate, rounded so the file stays small and the same every time. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/**
 * Text for XML content: the markup characters as entities, and characters XML 1.0 does not allow
 * (control characters, lone surrogates, U+FFFE/FFFF) dropped, since any one of them makes the
 * whole file unreadable.
 */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Text for a double-quoted attribute. */
function attr(text: string): string {
  return xml(text).replace(/"/g, '&quot;');
}
