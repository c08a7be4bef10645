import { describe, expect, it } from 'vitest';
import { stripUnsafeText } from './text.js';

describe('stripUnsafeText', () => {
  it('removes C0 and C1 controls and bidirectional formatting, keeping letters of every script', () => {
    expect(stripUnsafeText('A\u0000B\u001FC\u007FD\u0080E\u009FF')).toBe('ABCDEF');
    expect(stripUnsafeText('\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee')).toBe('abcde');
    expect(stripUnsafeText('\u2066a\u2067b\u2068c\u2069\u200Ed\u200Fe\u061C')).toBe('abcde');
    expect(stripUnsafeText('Zoë Ó Dálaigh, أمل, 田中')).toBe('Zoë Ó Dálaigh, أمل, 田中');
  });

  it('turns line breaks and tabs into spaces, so words stay apart', () => {
    expect(stripUnsafeText('Team\nreview\tMarch\r\n')).toBe('Team review March  ');
  });
});
