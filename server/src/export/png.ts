import { Resvg } from '@resvg/resvg-js';
import type { OutcomeRecord, Template } from '@balcony/shared';
import { FONT_FAMILY, FONT_FILES } from './fonts.js';
import { frameSvg } from './svg.js';

/** Every frame's picture is this many pixels wide: sharp enough to print at A4, small enough to mail. */
export const PNG_WIDTH = 1600;

/**
 * The frame picture (see svg.ts) as a PNG. Only the embedded fonts are used, never the system's,
 * so the picture comes out the same on every server, with no missing glyphs where none is installed.
 */
export function framePng(record: OutcomeRecord, template: Template, frameId?: string): Buffer {
  const svg = frameSvg(record, template, frameId);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: PNG_WIDTH },
    background: '#FFFFFF',
    font: { fontFiles: [FONT_FILES.regular, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}
