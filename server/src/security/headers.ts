import type { Config } from '../config.js';

/**
 * The built client is only files from this server: scripts, styles, images and sockets all come
 * from 'self', nothing is inline, and no other site may frame a board (clickjacking a note).
 * Images may also be blob: addresses: a board's picture is fetched with a token and shown as an
 * image, where an SVG can neither run nor fetch anything.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

/**
 * A year, without includeSubDomains: the organisation running Balcony may have other hosts under
 * the same domain that are not on HTTPS, and this server cannot know.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Headers for every response. `secure` is whether the request reached the proxy over TLS; HSTS is
 * only sent behind a trusted proxy, since this server never terminates TLS itself and a plain
 * HTTP deployment must not be told to insist on HTTPS.
 */
export function securityHeaders(secure: boolean, config: Pick<Config, 'trustProxy'>): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // Join links carry the code: never pass the address on to another site.
    'Referrer-Policy': 'no-referrer',
  };
  if (config.trustProxy !== undefined && secure) headers['Strict-Transport-Security'] = STRICT_TRANSPORT_SECURITY;
  return headers;
}
