import { describe, expect, it } from 'vitest';
import { holdsMore, linesFor } from './noteFit';

// Every letter and space 8 units wide, like a monospaced font.
const mono = (s: string) => s.length * 8;

describe('linesFor', () => {
  it('wraps words at the line width', () => {
    // 10 letters a line.
    expect(linesFor('aaaa bbbb', 80, mono)).toBe(1);
    expect(linesFor('aaaa bbbb cc', 80, mono)).toBe(2);
  });

  it('counts each paragraph from a new line, empty ones too', () => {
    expect(linesFor('one\n\ntwo', 80, mono)).toBe(3);
  });

  it('breaks a word longer than the line anywhere', () => {
    expect(linesFor('a'.repeat(25), 80, mono)).toBe(3);
    expect(linesFor(`ab ${'c'.repeat(20)}`, 80, mono)).toBe(3);
  });
});

describe('holdsMore', () => {
  const note = { w: 180, h: 110 };

  it('says a short note fits and a long one holds more', () => {
    // 180 wide holds about 18 letters a line, 110 tall shows four lines.
    expect(holdsMore('We cope', note, mono)).toBe(false);
    expect(holdsMore('word '.repeat(40), note, mono)).toBe(true);
  });

  it('judges a shorter note of a crowded zone by its two lines', () => {
    const text = 'Paperwork first, people second, always';
    expect(holdsMore(text, note, mono)).toBe(false);
    expect(holdsMore(text, { w: 153, h: 70 }, mono)).toBe(true);
  });

  it('says an empty note holds nothing more', () => {
    expect(holdsMore('', { w: 153, h: 70 }, mono)).toBe(false);
  });
});
