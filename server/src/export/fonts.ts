import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The one font every picture and PDF is drawn in, embedded rather than looked up on the system:
 * a server in a container has no fonts, and DejaVu Sans covers accented Latin, Greek, Cyrillic
 * and the marks (★ ✓ —) notes hold.
 */
const require = createRequire(import.meta.url);
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;
export const FONT_FAMILY = 'DejaVu Sans';

/** Registers the fonts on a pdfkit document as `regular` and `bold`. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
}

export type Measure = (text: string, size: number, bold?: boolean) => number;

let measurer: PDFKit.PDFDocument | null = null;

/**
 * The width of a line of text in DejaVu Sans, from the font's own metrics (through pdfkit, which
 * reads them anyway): the SVG, the PNG and the PDF then wrap a note's words at the same places,
 * and the PNG's text, drawn in the same font, fits its card exactly.
 */
export const measureText: Measure = (text, size, bold = false) => {
  measurer ??= (() => {
    const doc = new PDFDocument({ autoFirstPage: false });
    registerFonts(doc);
    return doc;
  })();
  return measurer.font(bold ? 'bold' : 'regular').fontSize(size).widthOfString(text);
};
