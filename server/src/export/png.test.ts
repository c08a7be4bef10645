import { describe, expect, it } from 'vitest';
import { culturalWebFixture } from './fixtures.js';
import { framePng, PNG_WIDTH } from './png.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a PNG must start with. */
function size(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('framePng', () => {
  const web = culturalWebFixture();

  it('renders one frame as a PNG of the set width, in the frame\'s proportions', () => {
    const png = framePng(web.record, web.template, 'current');
    expect(png.subarray(0, 8).equals(SIGNATURE)).toBe(true);
    const { width, height } = size(png);
    expect(width).toBe(PNG_WIDTH);
    // 1600×1000 board units plus the name's band and the margins.
    expect(height / width).toBeGreaterThan(0.6);
    expect(height / width).toBeLessThan(0.75);
  });

  it('renders every frame one under another at the same width', () => {
    const { width, height } = size(framePng(web.record, web.template));
    expect(width).toBe(PNG_WIDTH);
    expect(height).toBeGreaterThan(3 * 0.6 * PNG_WIDTH);
  });

  it('draws the notes\' words: with no system fonts loaded, only the embedded font can make two texts differ', () => {
    const retext = (text: string) => ({ ...web.record, notes: web.record.notes.map((n) => (n.id === 'n-ritual' ? { ...n, text } : n)) });
    const a = framePng(retext('Café — naïve ✓'), web.template, 'current');
    const b = framePng(retext('Cafe - naive v'), web.template, 'current');
    expect(a.equals(b)).toBe(false);
  });
});
