/** WebSocket close codes of the board endpoint (4000–4999 is the application range). */
export const CLOSE_CODES = {
  /**
   * A frame broke the protocol or the board schema, or an update's dependencies never arrived:
   * the sender is cut off, everyone else goes on.
   */
  badMessage: 4400,
  /** No valid token for this session. */
  unauthorized: 4401,
  /** The server is shutting down; reconnecting later is fine. */
  serverShutdown: 4503,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
