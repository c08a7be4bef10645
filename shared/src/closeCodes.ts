/** WebSocket close codes of the board endpoint (4000–4999 is the application range). */
export const CLOSE_CODES = {
  /** A frame broke the protocol or the board schema; the sender is cut off, everyone else goes on. */
  badMessage: 4400,
  /** No valid token for this session. */
  unauthorized: 4401,
  /** An update waited too long for updates it depends on. */
  missingDependency: 4408,
  /** The server is shutting down; reconnecting later is fine. */
  serverShutdown: 4503,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
