import type { ExportFormat, OutcomeRecord, Template } from '@balcony/shared';
import { recordCsv } from './csv.js';
import { recordJson } from './json.js';
import { recordMarkdown } from './markdown.js';
import { recordPdf } from './pdf.js';
import { framePng } from './png.js';
import { frameSvg } from './svg.js';

export { UnknownFrameError } from './picture.js';

export interface ExportedFile {
  /** For the Content-Type header. */
  contentType: string;
  /** ASCII letters, digits and dashes and the extension: safe in a Content-Disposition header as it is. */
  filename: string;
  body: Buffer | string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * A record in one export format, with its type and a file name. `frameId` picks one frame's
 * picture for svg and png (every frame when absent) and throws `UnknownFrameError` for an id the
 * template does not have; the other formats always hold the whole record.
 */
export async function exportRecord(format: ExportFormat, record: OutcomeRecord, template: Template, frameId?: string): Promise<ExportedFile> {
  const picture = format === 'svg' || format === 'png';
  const filename = exportFilename(record, format, picture ? frameId : undefined);
  const file = (body: Buffer | string): ExportedFile => ({ contentType: CONTENT_TYPES[format], filename, body });
  switch (format) {
    case 'md':
      return file(recordMarkdown(record));
    case 'csv':
      return file(recordCsv(record));
    case 'json':
      return file(recordJson(record));
    case 'pdf':
      return file(await recordPdf(record, template));
    case 'svg':
      return file(frameSvg(record, template, frameId));
    case 'png':
      return file(framePng(record, template, frameId));
  }
}

/**
 * `<title>-<date>[-<frame>].<ext>`, in lower-case ASCII: accents are taken off letters, anything
 * else becomes a dash, so the name survives every browser, mail client and file system.
 */
export function exportFilename(record: Pick<OutcomeRecord, 'title' | 'date'>, format: ExportFormat, frameId?: string): string {
  const parts = [slug(record.title, 60) || 'record', slug(record.date, 10), ...(frameId ? [slug(frameId, 40)] : [])].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}

function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
