import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config.js';

export type OriginPolicy = Pick<Config, 'allowedOrigins'>;

/**
 * Whether a socket handshake may go ahead, judged by its `Origin` header. A browser always sends
 * one on a WebSocket or cross-site request, so a page on another site cannot open a socket here
 * with a token it got hold of. Allowed: the server's own origin (the Origin's host is the Host
 * the request was sent to), the origins in ALLOWED_ORIGINS, and no Origin at all (a non-browser
 * client, which could send any header it liked anyway).
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    // "null" (a sandboxed frame, a file) and anything else that is not a URL is refused here.
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (policy.allowedOrigins.includes(url.origin)) return true;
  return headers.host !== undefined && sameHost(url, headers.host);
}

/** Compares hosts the way URLs do, so that case and an explicit default port make no difference. */
function sameHost(origin: URL, hostHeader: string): boolean {
  try {
    return new URL(`${origin.protocol}//${hostHeader}`).host === origin.host;
  } catch {
    return false;
  }
}
