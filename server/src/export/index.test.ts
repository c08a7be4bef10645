import { EXPORT_FORMATS } from '@balcony/shared';
import { describe, expect, it } from 'vitest';
import { culturalWebFixture } from './fixtures.js';
import { exportFilename, exportRecord, UnknownFrameError } from './index.js';

describe('exportRecord', () => {
  const web = culturalWebFixture();

  it('gives every format its content type, an ASCII file name from the title and date, and a body of that format', async () => {
    const expected = {
      md: ['text/markdown; charset=utf-8', '# Team web'],
      csv: ['text/csv; charset=utf-8', '\uFEFFkind,id,'],
      json: ['application/json', '{\n  "recordVersion": 1'],
      pdf: ['application/pdf', '%PDF-'],
      svg: ['image/svg+xml', '<?xml version="1.0" encoding="UTF-8"?>\n<svg '],
      png: ['image/png', '\u0089PNG'],
    } as const;
    for (const format of EXPORT_FORMATS) {
      const file = await exportRecord(format, web.record, web.template);
      const [type, start] = expected[format];
      expect(file.contentType, format).toBe(type);
      expect(file.filename, format).toBe(`team-web-cafe-naive-2026-12-02.${format}`);
      const head = typeof file.body === 'string' ? file.body : file.body.subarray(0, 60).toString('latin1');
      expect(head.startsWith(start), format).toBe(true);
    }
  });

  it('names one frame\'s picture after the frame, and refuses a frame the template does not have', async () => {
    expect((await exportRecord('png', web.record, web.template, 'gap')).filename).toBe('team-web-cafe-naive-2026-12-02-gap.png');
    // The frame is for pictures: the whole record ignores it.
    expect((await exportRecord('md', web.record, web.template, 'nowhere')).filename).toBe('team-web-cafe-naive-2026-12-02.md');
    await expect(exportRecord('svg', web.record, web.template, 'nowhere')).rejects.toBeInstanceOf(UnknownFrameError);
    await expect(exportRecord('png', web.record, web.template, 'nowhere')).rejects.toBeInstanceOf(UnknownFrameError);
  });

  it('builds a safe name from any title', () => {
    expect(exportFilename({ title: 'Équipe «Ouest» / Ünit 3: "Review"', date: '2026-12-02' }, 'pdf')).toBe('equipe-ouest-unit-3-review-2026-12-02.pdf');
    expect(exportFilename({ title: '文化 ✓', date: '2026-12-02' }, 'md')).toBe('record-2026-12-02.md');
    expect(exportFilename({ title: 'x'.repeat(200), date: '2026-12-02' }, 'csv')).toMatch(/^x{60}-2026-12-02\.csv$/);
  });
});
