import PDFDocument from 'pdfkit';
import type { OutcomeRecord, RecordAction, RecordNote, RecordReviewItem, RecordSection, Template, ZoneShape } from '@balcony/shared';
import { measureText, registerFonts } from './fonts.js';
import { SIZES, STYLE, cardFooter, cardTextOrigin, fitLine, layoutFrame, themeTitleOrigin, type FrameDrawing } from './picture.js';
import { actionLinks, countWords, durationWords, noteMarks, recordIndex, reviewOutcomeWords, roleWords, type RecordIndex } from './words.js';

/**
 * The record as a print-ready A4 PDF: a title block, the sections in the template's order (as the
 * Markdown has them), the actions as a table, then each frame drawn as vector shapes and text on
 * a landscape page of its own, so it prints sharp at any size. The fonts are embedded, so every
 * note prints as written; the file's dates come from the record, so the same record always gives
 * the same bytes.
 */
export function recordPdf(record: OutcomeRecord, template: Template): Promise<Buffer> {
  const when = new Date(record.takenAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: record.title, Subject: `${record.template.name}, ${record.date}`, Creator: 'Balcony', CreationDate: when, ModDate: when },
    displayTitle: true,
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  const w = new Writer(doc, recordIndex(record));
  w.titleBlock(record);
  for (const section of record.sections) w.section(section);
  for (const frame of template.frames) drawFrame(doc, layoutFrame(record, frame, measureText));
  doc.end();
  return done;
}

const MARGIN = 50;
const BODY = 10.5;
const GAP = 4;
const INDENT = 14;

/** Writes flowing text top to bottom, starting a page where a block would not fit. */
class Writer {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly ix: RecordIndex,
  ) {}

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get left(): number {
    return this.doc.page.margins.left;
  }

  /** Starts a page unless `height` more points fit on this one. */
  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  private lineHeight(size: number, bold = false): number {
    return this.doc.font(bold ? 'bold' : 'regular').fontSize(size).currentLineHeight(true);
  }

  titleBlock(record: OutcomeRecord): void {
    const d = this.doc;
    d.font('bold').fontSize(22).fillColor(STYLE.heading).text(record.title, this.left, d.page.margins.top, { width: this.width });
    d.moveDown(0.3);
    d.font('regular').fontSize(BODY).fillColor(STYLE.muted);
    d.text(`${record.template.name} · ${record.date}`, { width: this.width });
    const taken = when(record.takenAt);
    d.text(record.ended ? `Final record, taken ${taken}` : `Draft record, taken ${taken} during “${record.phase.name}”`, { width: this.width });
    if (record.anonymous) d.text('Anonymous session: no writer is named.', { width: this.width });
    d.moveDown(0.6);
    this.rule();
  }

  private rule(): void {
    const d = this.doc;
    d.moveTo(this.left, d.y).lineTo(this.left + this.width, d.y).lineWidth(0.75).strokeColor(STYLE.zoneStroke).stroke();
    d.moveDown(0.6);
  }

  /** A heading, kept on a page with at least two lines of what follows it. */
  private heading(text: string, level: 1 | 2): void {
    const size = level === 1 ? 15 : 12;
    const d = this.doc;
    d.moveDown(level === 1 ? 0.8 : 0.4);
    d.font('bold').fontSize(size);
    this.room(d.heightOfString(text, { width: this.width }) + 2 * this.lineHeight(BODY));
    d.fillColor(STYLE.heading).text(text, this.left, d.y, { width: this.width });
    d.moveDown(0.25);
  }

  private para(text: string, color = STYLE.text): void {
    const d = this.doc;
    d.font('regular').fontSize(BODY);
    this.room(this.lineHeight(BODY));
    // pdfkit starts a page between lines where the text runs over, never within one.
    d.fillColor(color).text(text, this.left, d.y, { width: this.width });
    d.moveDown(0.2);
  }

  /** A bullet (or number) hanging left of its text; `extra` follows in muted type. */
  private item(marker: string, text: string, extra = ''): void {
    const d = this.doc;
    d.font('regular').fontSize(BODY);
    this.room(this.lineHeight(BODY));
    const y = d.y;
    d.fillColor(STYLE.muted).text(marker, this.left, y, { width: INDENT + 6, lineBreak: false });
    d.fillColor(STYLE.text).text(text, this.left + INDENT + 6, y, { width: this.width - INDENT - 6, continued: extra !== '' });
    if (extra) d.fillColor(STYLE.muted).text(extra);
    d.x = this.left;
    d.moveDown(GAP / BODY);
  }

  private note(n: RecordNote, where?: string, marker = '•'): void {
    const marks = noteMarks(n);
    const theme = n.themeId ? this.ix.themeTitle(n.themeId) : undefined;
    if (theme !== undefined) marks.push(`theme “${theme}”`);
    const extra = [n.author !== null ? ` (${n.author})` : '', marks.length ? ` — ${marks.join(', ')}` : '', where ? ` (in ${where})` : ''].join('');
    this.item(marker, n.text, extra);
  }

  private notes(list: readonly RecordNote[], none: string, where = false): void {
    if (list.length === 0) this.para(none, STYLE.muted);
    for (const n of list) this.note(n, where ? this.ix.zoneLabel(n.zoneId) : undefined);
  }

  section(s: RecordSection): void {
    this.heading(s.label, 1);
    switch (s.kind) {
      case 'summary':
        this.para(`${s.title} · ${s.date} · ${s.templateName}`);
        for (const n of s.notes) this.note(n);
        return;
      case 'participants':
        if (s.participants.byRole.length === 0) this.para('Nobody joined.', STYLE.muted);
        for (const r of s.participants.byRole) this.item('•', roleWords(r.role, r.count), r.names.length ? `: ${r.names.join(', ')}` : '');
        return;
      case 'phases':
        this.table(
          ['Phase', 'Planned', 'Spent'],
          [0.6, 0.2, 0.2],
          s.phases.map((p) => [p.name, `${p.plannedMinutes} min`, p.reached ? durationWords(p.spentMs) : 'not reached']),
        );
        return;
      case 'notes':
        for (const z of s.zones) {
          this.heading(`${z.label} (${z.frameLabel})`, 2);
          this.notes(z.notes, 'No notes.');
        }
        return;
      case 'starred':
        this.notes(s.notes, 'No starred notes.', true);
        return;
      case 'themes':
        if (s.themes.length === 0) this.para('No themes.', STYLE.muted);
        for (const t of s.themes) {
          this.heading(`Theme: ${t.title || 'Untitled theme'} (${this.ix.zoneLabel(t.zoneId)}${t.votes > 0 ? `, ${countWords(t.votes, 'vote')}` : ''})`, 2);
          for (const n of t.notes) this.note({ ...n, themeId: null });
        }
        return;
      case 'votes':
        if (s.votes.length === 0) this.para('No vote was held.', STYLE.muted);
        for (const v of s.votes) {
          this.heading(`Vote in “${v.phaseName}” (on ${v.targets})`, 2);
          if (v.results.length === 0) this.para('No votes were cast here.', STYLE.muted);
          v.results.forEach((r, i) => this.item(`${i + 1}.`, r.kind === 'theme' ? `Theme “${r.text}”` : r.text, ` (${this.ix.zoneLabel(r.zoneId)}): ${countWords(r.votes, 'vote')}`));
        }
        return;
      case 'priorities':
        if (s.items.length === 0) this.para('No vote was held, so there are no priorities.', STYLE.muted);
        s.items.forEach((r, i) => this.item(`${i + 1}.`, r.kind === 'theme' ? `Theme “${r.text}”` : r.text, ` (${this.ix.zoneLabel(r.zoneId)}): ${countWords(r.votes, 'vote')}`));
        return;
      case 'paradigms':
        for (const st of s.statements) {
          this.heading(`${st.label} (${st.frameLabel})`, 2);
          this.para(st.confirmed.length > 0 ? 'Confirmed:' : 'No statement was confirmed.', STYLE.muted);
          for (const n of st.confirmed) this.note(n);
          if (st.proposals.length > 0) {
            this.para('Other proposals:', STYLE.muted);
            for (const n of st.proposals) this.note(n);
          }
        }
        return;
      case 'scale':
        for (const sc of s.scales) {
          this.heading(sc.label, 2);
          this.para(`From ${sc.from} (${sc.fromLabel}) to ${sc.to} (${sc.toLabel}).`, STYLE.muted);
          if (sc.markers.length === 0) this.para('No markers.', STYLE.muted);
          for (const m of sc.markers) this.note(m.note, undefined, String(m.value));
        }
        return;
      case 'actions':
        this.actions(s.actions);
        return;
      case 'review':
        this.review(s.items);
        return;
    }
  }

  private review(items: readonly RecordReviewItem[]): void {
    if (items.length === 0) return this.para('No actions were carried over.', STYLE.muted);
    this.table(
      ['Action', 'Owner', 'Due', 'Outcome', 'Note'],
      [0.28, 0.15, 0.13, 0.15, 0.29],
      items.map((i) => [i.text, i.owner ?? '—', i.due ?? '—', reviewOutcomeWords(i), i.note || '—']),
    );
  }

  private actions(actions: readonly RecordAction[]): void {
    if (actions.length === 0) return this.para('No actions were recorded.', STYLE.muted);
    this.table(
      ['Action', 'Owner', 'Due', 'Status', 'Linked to'],
      [0.3, 0.16, 0.13, 0.1, 0.31],
      actions.map((a) => [a.text, a.owner ?? '—', a.due ?? '—', a.status, actionLinks(a, this.ix).join('; ') || '—']),
    );
  }

  /** A table whose rows never split across pages; the header is repeated on each new page. */
  private table(head: string[], fractions: number[], rows: string[][]): void {
    const d = this.doc;
    const pad = 4;
    const size = 9.5;
    const widths = fractions.map((f) => f * this.width);
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((c, i) => d.font(bold ? 'bold' : 'regular').fontSize(size).heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
    const draw = (cells: string[], bold: boolean, shade: boolean) => {
      const h = heightOf(cells, bold);
      const y = d.y;
      if (shade) d.rect(this.left, y, this.width, h).fillColor('#F3F5F8').fill();
      let x = this.left;
      cells.forEach((c, i) => {
        d.font(bold ? 'bold' : 'regular').fontSize(size).fillColor(STYLE.text).text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad });
        x += widths[i]!;
      });
      d.moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(0.5).strokeColor(STYLE.zoneStroke).stroke();
      d.x = this.left;
      d.y = y + h;
    };
    this.room(heightOf(head, true) + heightOf(rows[0] ?? head, false));
    draw(head, true, true);
    for (const row of rows) {
      if (d.y + heightOf(row, false) > d.page.maxY()) {
        d.addPage();
        draw(head, true, true);
      }
      draw(row, false, false);
    }
    d.moveDown(0.5);
  }
}

function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One frame on a landscape page of its own, scaled to fit, every mark a vector path or text. */
function drawFrame(doc: PDFKit.PDFDocument, f: FrameDrawing): void {
  doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: MARGIN - 14, bottom: MARGIN - 14, left: MARGIN - 14, right: MARGIN - 14 } });
  const m = doc.page.margins;
  const head = 26;
  doc.font('bold').fontSize(15).fillColor(STYLE.heading).text(f.frame.label, m.left, m.top, { lineBreak: false });
  const availW = doc.page.width - m.left - m.right;
  const availH = doc.page.height - m.top - m.bottom - head;
  const k = Math.min(availW / f.width, availH / f.height);
  doc.save();
  doc.translate(m.left + (availW - f.width * k) / 2, m.top + head);
  doc.scale(k);
  doc.rect(0, 0, f.width, f.height).lineWidth(1).strokeColor(STYLE.zoneStroke).stroke();
  const text = (s: string, x: number, y: number, size: number, color: string, opts: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}) => {
    const width = measureText(s, size, opts.bold);
    const left = opts.align === 'center' ? x - width / 2 : opts.align === 'right' ? x - width : x;
    doc.font(opts.bold ? 'bold' : 'regular').fontSize(size).fillColor(color).text(s, left, y, { lineBreak: false, baseline: 'alphabetic' });
  };
  for (const z of f.zones) {
    shapePath(doc, z.zone.shape);
    doc.lineWidth(2).fillColor(z.fill).strokeColor(z.stroke).fillAndStroke();
    z.label.lines.forEach((l, i) => text(l, z.label.x, z.label.y + i * SIZES.labelLine, SIZES.label, STYLE.label, { bold: true, align: z.label.align }));
    if (z.scale) {
      const s = z.scale;
      doc.moveTo(s.x0, s.y).lineTo(s.x1, s.y).lineWidth(2).strokeColor(STYLE.muted).stroke();
      for (const t of s.ticks) {
        doc.moveTo(t.x, s.y - 8).lineTo(t.x, s.y + 8).stroke();
        text(String(t.value), t.x, s.y + 28, 14, STYLE.muted, { align: 'center' });
      }
      text(s.fromLabel, s.x0 + 8, s.y + 50, 13, STYLE.muted);
      text(s.toLabel, s.x1 - 8, s.y + 50, 13, STYLE.muted, { align: 'right' });
    }
  }
  for (const t of f.themes) {
    const r = t.rect;
    doc.roundedRect(r.x, r.y, r.w, r.h, 12).fillOpacity(0.35).fillColor(t.color).fill();
    doc.fillOpacity(1);
    doc.roundedRect(r.x, r.y, r.w, r.h, 12).lineWidth(3).strokeColor(t.color).stroke();
    const o = themeTitleOrigin(t);
    text(t.title, o.x, o.y, SIZES.themeTitle, STYLE.text, { bold: true });
    if (t.theme.votes > 0) voteBadge(r.x + r.w - 18, o.y - 5, t.theme.votes);
  }
  for (const c of f.cards) {
    const r = c.rect;
    doc.roundedRect(r.x, r.y, r.w, r.h, 6).fillColor(c.color).fill();
    doc.roundedRect(r.x, r.y, r.w, r.h, 6).lineWidth(1.5).strokeColor(STYLE.text).strokeOpacity(0.18).stroke();
    doc.strokeOpacity(1);
    const o = cardTextOrigin(c);
    c.lines.forEach((l, i) => text(l, o.x, o.y + i * SIZES.noteLine, SIZES.note, STYLE.text));
    const foot = cardFooter(c);
    let right = foot.x1;
    if (c.note.votes > 0) {
      voteBadge(right - 9, foot.y - 4, c.note.votes);
      right -= 24;
    }
    if (c.note.starred) {
      text('★', right, foot.y, 17, STYLE.star, { align: 'right' });
      right -= 18;
    }
    if (c.author !== null) text(fitLine(c.author, right - foot.x0 - 4, SIZES.footer, false, measureText), foot.x0, foot.y, SIZES.footer, STYLE.muted);
  }
  doc.restore();

  function voteBadge(x: number, y: number, votes: number): void {
    doc.circle(x, y, 9).fillColor(STYLE.vote).fill();
    text(String(votes), x, y + 3.5, 10, '#FFFFFF', { bold: true, align: 'center' });
  }
}

function shapePath(doc: PDFKit.PDFDocument, s: ZoneShape): void {
  if (s.kind === 'rect') doc.roundedRect(s.x, s.y, s.w, s.h, 14);
  else if (s.kind === 'circle') doc.circle(s.cx, s.cy, s.r);
  else doc.polygon(...s.points.map((p) => [p[0], p[1]] as [number, number]));
}
