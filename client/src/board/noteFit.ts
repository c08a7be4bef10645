/**
 * Whether a note's words fit its box, worked out from the widths of its words rather than by
 * laying the note out: measuring a thousand notes on the page forces the browser to lay out the
 * whole board before it can draw it. The wrapping follows board.css (`white-space: pre-wrap`,
 * `overflow-wrap: anywhere`); where a guess is needed it guesses "more", which only adds a fade
 * and a "more…" to a note that opens to show all of it anyway.
 */

/** The note's inner sizes in its own units (board.css): padding 6 + 6 top and sides, 20 px lines, a 24 px footer. */
const TEXT_INSET_X = 10 + 6 + 4;
const TEXT_INSET_Y = 6 + 24;
export const NOTE_LINE_PX = 20;
/** Room kept for the difference between these widths and the browser's own text layout. */
const WIDTH_MARGIN = 0.98;

/** How many lines the words take at a line width, given a function measuring a string. */
export function linesFor(text: string, lineWidth: number, measure: (s: string) => number): number {
  if (lineWidth <= 0) return Infinity;
  const space = measure(' ');
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      const w = word ? measure(word) : 0;
      if (w > lineWidth) {
        // A word longer than the line breaks anywhere: it fills the rest and whole lines after.
        const rest = used > 0 ? used + space : 0;
        const total = rest + w;
        lines += Math.ceil(total / lineWidth) - 1;
        used = total % lineWidth;
        continue;
      }
      const next = used === 0 ? w : used + space + w;
      if (next > lineWidth && used > 0) {
        lines += 1;
        used = w;
      } else used = next;
    }
  }
  return lines;
}

/** True when a note of this size, in its own units, shows fewer lines than its words take. */
export function holdsMore(text: string, box: { w: number; h: number }, measure: (s: string) => number): boolean {
  if (text.length === 0) return false;
  const shown = Math.floor((box.h - TEXT_INSET_Y) / NOTE_LINE_PX);
  return linesFor(text, (box.w - TEXT_INSET_X) * WIDTH_MARGIN, measure) > shown;
}

let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/**
 * The width of a string in a note's type (16 px, the page's font), measured once per word with a
 * canvas, which lays nothing out.
 */
export function measureNoteText(s: string): number {
  const known = widths.get(s);
  if (known !== undefined) return known;
  if (context === undefined) {
    context = document.createElement('canvas').getContext('2d');
    if (context) context.font = `16px ${getComputedStyle(document.body).fontFamily}`;
  }
  // Without a canvas, a wide letter per character: more often "more" than not.
  const w = context ? context.measureText(s).width : s.length * 10;
  if (widths.size > 20_000) widths.clear();
  widths.set(s, w);
  return w;
}
