import type { ExportFormat } from '@balcony/shared';

/** The downloads of a record, in the order offered, with the words on their buttons. */
export const EXPORT_CHOICES: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'pdf', label: 'PDF', hint: 'to print or file' },
  { format: 'md', label: 'Markdown', hint: 'plain text' },
  { format: 'csv', label: 'CSV', hint: 'for a spreadsheet' },
  { format: 'json', label: 'JSON', hint: 'for another system' },
  { format: 'svg', label: 'SVG picture', hint: 'the board' },
  { format: 'png', label: 'PNG picture', hint: 'the board' },
];

/**
 * The file name a Content-Disposition header gives ("attachment; filename=...", or the RFC 5987
 * `filename*=UTF-8''...` form, which wins), or null when it gives none.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      /* a malformed escape: fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  if (!plain) return null;
  const name = (plain[2] ?? plain[1]!).trim();
  return name || null;
}

/** A name for the file when the server gives none. */
export function fallbackFilename(title: string, format: ExportFormat): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'session';
  return `${slug}-record.${format}`;
}
