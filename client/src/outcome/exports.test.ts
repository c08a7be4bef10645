import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '@balcony/shared';
import { EXPORT_CHOICES, fallbackFilename, filenameFromDisposition } from './exports';

describe('filenameFromDisposition', () => {
  it('reads a quoted and a bare name', () => {
    expect(filenameFromDisposition('attachment; filename="team-day.pdf"')).toBe('team-day.pdf');
    expect(filenameFromDisposition('attachment; filename=team-day.md')).toBe('team-day.md');
  });

  it('prefers the UTF-8 form, decoded', () => {
    expect(filenameFromDisposition(`attachment; filename="caf.pdf"; filename*=UTF-8''caf%C3%A9.pdf`)).toBe('café.pdf');
  });

  it('gives null without a name', () => {
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('attachment')).toBeNull();
  });
});

describe('downloads', () => {
  it('offers every format the server exports, once', () => {
    expect(EXPORT_CHOICES.map((c) => c.format).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it('makes a plain file name from a title when the server gives none', () => {
    expect(fallbackFilename('Team Day: what worked!', 'md')).toBe('team-day-what-worked-record.md');
    expect(fallbackFilename('', 'pdf')).toBe('session-record.pdf');
  });
});
