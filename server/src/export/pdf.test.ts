import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { culturalWebFixture, followUpFixture, learningCircleFixture, UNICODE_TEXT, WITHHELD_TEXT } from './fixtures.js';
import { recordPdf } from './pdf.js';

interface PageText {
  width: number;
  height: number;
  text: string;
  /** Baselines of every piece of text, in points from the bottom of the page. */
  baselines: number[];
  /** How many path-drawing and image-painting operations the page holds. */
  paths: number;
  images: number;
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);

async function readPdf(buf: Buffer): Promise<{ title: unknown; pages: PageText[] }> {
  const pdf = await getDocument({ data: new Uint8Array(buf) }).promise;
  const pages: PageText[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [, , width, height] = page.view;
    const items = (await page.getTextContent()).items.filter((it) => 'str' in it);
    const ops = (await page.getOperatorList()).fnArray;
    pages.push({
      width: width!,
      height: height!,
      text: items.map((it) => it.str + (it.hasEOL ? '\n' : '')).join(''),
      baselines: items.filter((it) => it.str.trim() !== '').map((it) => it.transform[5] as number),
      paths: ops.filter((op) => op === OPS.constructPath).length,
      images: ops.filter((op) => IMAGE_OPS.has(op)).length,
    });
  }
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  return { title: (meta.info as Record<string, unknown>).Title, pages };
}

describe('recordPdf', async () => {
  const web = culturalWebFixture();
  const buf = await recordPdf(web.record, web.template);
  const { title, pages } = await readPdf(buf);
  const all = pages.map((p) => p.text).join('\n');

  it('is a PDF titled as the session, with the title, notes, actions and owners readable as text', () => {
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(title).toBe('Team web: Café naïve ✓');
    expect(pages[0]!.text.startsWith('Team web: Café naïve ✓')).toBe(true);
    expect(all).toContain(UNICODE_TEXT);
    expect(all).toContain('Keep the service safe from criticism');
    expect(all).toContain('Agree quiet hours for email');
    expect(all).toContain('Priya Shah');
    expect(all).toMatch(/Draft a no-blame debrief\s*routine\s*Amara\s*2027-01-15\s*open/);
  });

  it('keeps the sections in the template order', () => {
    const at = web.template.outcome.map((s) => all.indexOf(s.label));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('leaves out the note marked "don\'t record"', () => {
    expect(all).not.toContain(WITHHELD_TEXT);
    expect(buf.includes(Buffer.from(WITHHELD_TEXT))).toBe(false);
  });

  it('ends with each frame on a landscape page of its own, drawn as vectors with its notes as text', () => {
    const frames = pages.slice(-web.template.frames.length);
    expect(frames.every((p) => p.width > p.height)).toBe(true);
    expect(pages.slice(0, -web.template.frames.length).every((p) => p.width < p.height)).toBe(true);
    web.template.frames.forEach((f, i) => expect(frames[i]!.text.startsWith(f.label)).toBe(true));
    expect(frames[0]!.text).toContain('Paradigm');
    expect(frames[0]!.text).toContain('Fear of blame');
    expect(frames[0]!.text).toContain(UNICODE_TEXT);
    // No raster image on any page: the frames are paths (zones, themes, cards) and text.
    expect(pages.every((p) => p.images === 0)).toBe(true);
    expect(frames[0]!.paths).toBeGreaterThan(web.template.frames[0]!.zones.length + web.record.notes.filter((n) => n.frameId === 'current').length);
  });

  it('embeds DejaVu Sans, regular and bold', () => {
    const raw = buf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).toContain('/FontFile2');
  });

  it('gives the same bytes for the same record', async () => {
    expect((await recordPdf(web.record, web.template)).equals(buf)).toBe(true);
  });

  it('flows a long record over pages without writing into the bottom margin', async () => {
    const circle = learningCircleFixture();
    const many = Array.from({ length: 120 }, (_, i) => ({ ...circle.record.notes[0]!, id: `many-${i}`, text: `Note number ${i} with enough words to wrap onto a second line in the printed record of this circle` }));
    const summary = circle.record.sections.find((s) => s.kind === 'summary')!;
    const record = { ...circle.record, sections: circle.record.sections.map((s) => (s === summary ? { ...summary, notes: many } : s)) };
    const long = await readPdf(await recordPdf(record, circle.template));
    const text = long.pages.filter((p) => p.width < p.height);
    expect(text.length).toBeGreaterThan(3);
    for (const p of text) expect(Math.min(...p.baselines)).toBeGreaterThan(40);
    const joined = text.map((p) => p.text).join('\n');
    for (const i of [0, 59, 119]) expect(joined).toContain(`Note number ${i} with`);
  });
});

describe('recordPdf, for a follow-up', async () => {
  const followUp = followUpFixture();
  const { pages } = await readPdf(await recordPdf(followUp.record, followUp.template));
  const all = pages.map((p) => p.text).join('\n');

  it('starts with the review of the carried actions, each with its outcome and note, before the template\'s sections', () => {
    const review = all.indexOf('Review of actions carried over');
    expect(review).toBeGreaterThan(0);
    expect(review).toBeLessThan(all.indexOf(followUp.template.outcome[0]!.label));
    expect(all).toMatch(/Try six visits before\s*escalating\s*Ben\s*2027-01-10\s*done\s*Six visits, and the door\s*opened/);
    expect(all).toMatch(/Ask for a second worker\s*Priya Shah\s*—\s*dropped\s*No longer needed/);
    expect(all).toMatch(/Read the new guidance\s*together\s*—\s*—\s*not reviewed/);
  });
});
