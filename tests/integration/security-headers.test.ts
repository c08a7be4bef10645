import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, startInProcess, type InProcess } from './helpers.js';
import { CONTENT_SECURITY_POLICY } from '../../server/src/security/headers.js';

let server: InProcess;
/** Behind a reverse proxy on this machine, named by address and by a count of hops. */
let proxied: InProcess;
let oneHop: InProcess;

beforeAll(async () => {
  [server, proxied, oneHop] = await Promise.all([
    startInProcess(),
    startInProcess({ TRUST_PROXY: 'loopback' }),
    startInProcess({ TRUST_PROXY: '1' }),
  ]);
});
afterAll(async () => {
  await Promise.all([server, proxied, oneHop].map((s) => s.close()));
});

describe('security headers', () => {
  it('sends the Content-Security-Policy on every kind of response', async () => {
    const created = await createSession(server.url);
    const responses = await Promise.all([
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/nothing-here`),
      fetch(`${server.url}/api/sessions/${created.sessionId}`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } }),
      fetch(`${server.url}/`),
      fetch(`${server.url}/join/ABCDEF`),
      fetch(`${server.url}/favicon.svg`),
      fetch(`${server.url}/socket.io/?EIO=4&transport=polling`),
    ]);
    for (const res of responses) {
      expect(res.headers.get('content-security-policy'), res.url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      await res.arrayBuffer();
    }
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'self'; img-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'");
  });

  it('sends Strict-Transport-Security only behind a trusted proxy that says the request came over TLS', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const hsts = async (on: InProcess, headers: Record<string, string> = {}) =>
      (await fetch(`${on.url}/api/health`, { headers })).headers.get('strict-transport-security');
    expect(await hsts(proxied, https)).toMatch(/^max-age=\d{7,}/);
    expect(await hsts(oneHop, https)).toMatch(/^max-age=\d{7,}/);
    expect(await hsts(proxied)).toBeNull();
    // Without TRUST_PROXY the header is anyone's to send, so it decides nothing.
    expect(await hsts(server, https)).toBeNull();
  });
});
