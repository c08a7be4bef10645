import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin.js';

const none = { allowedOrigins: [] };

describe('isAllowedOrigin', () => {
  it('allows a request without an Origin header', () => {
    expect(isAllowedOrigin({ host: 'balcony.example.org' }, none)).toBe(true);
  });

  it('allows the server\'s own origin, whatever the case or an explicit default port', () => {
    expect(isAllowedOrigin({ origin: 'https://balcony.example.org', host: 'balcony.example.org' }, none)).toBe(true);
    expect(isAllowedOrigin({ origin: 'https://Balcony.Example.org', host: 'balcony.example.org:443' }, none)).toBe(true);
    expect(isAllowedOrigin({ origin: 'http://localhost:3000', host: 'localhost:3000' }, none)).toBe(true);
  });

  it('refuses another host, another port, a look-alike, "null" and non-web schemes', () => {
    const host = 'balcony.example.org';
    for (const origin of [
      'https://evil.example',
      'https://balcony.example.org:8443',
      'https://balcony.example.org.evil.example',
      'null',
      'file://',
      'chrome-extension://abc',
      'not a url',
    ]) {
      expect(isAllowedOrigin({ origin, host }, none), origin).toBe(false);
    }
    expect(isAllowedOrigin({ origin: 'https://balcony.example.org' }, none)).toBe(false);
  });

  it('allows the listed origins exactly', () => {
    const policy = { allowedOrigins: ['https://boards.example.org'] };
    expect(isAllowedOrigin({ origin: 'https://boards.example.org', host: 'internal:3000' }, policy)).toBe(true);
    expect(isAllowedOrigin({ origin: 'http://boards.example.org', host: 'internal:3000' }, policy)).toBe(false);
  });
});
