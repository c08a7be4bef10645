/**
 * How a board socket carries its token: in the WebSocket subprotocol header, beside the
 * protocol's name, so that it never appears in a URL (reverse proxies log URLs, not this header).
 * A stock y-websocket provider passes it with its `protocols` option.
 */
export const BOARD_SUBPROTOCOL = 'balcony.board.v1';
const TOKEN_PREFIX = 'balcony.token.';
/** Tokens are base64url, which is all valid in a subprotocol name. */
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

/** The subprotocols a client offers to open a board with this token. */
export function boardSubprotocols(token: string): string[] {
  return [BOARD_SUBPROTOCOL, TOKEN_PREFIX + token];
}

/** The token a client offered in its `Sec-WebSocket-Protocol` header, or null. */
export function tokenFromSubprotocols(header: string | undefined): string | null {
  if (!header) return null;
  const offered = header.split(',').map((p) => p.trim());
  if (!offered.includes(BOARD_SUBPROTOCOL)) return null;
  const carrier = offered.find((p) => p.startsWith(TOKEN_PREFIX));
  const token = carrier?.slice(TOKEN_PREFIX.length) ?? '';
  return TOKEN.test(token) ? token : null;
}
