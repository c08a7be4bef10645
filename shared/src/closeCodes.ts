/** WebSocket close codes of the board endpoint (4000–4999 is the application range). */
export const CLOSE_CODES = {
  /**
   * A frame broke the protocol or the board schema, or an update's dependencies never arrived:
   * the sender is cut off, everyone else goes on.
   */
  badMessage: 4400,
  /** No valid token for this session. */
  unauthorized: 4401,
  /**
   * The update changes what this person may not change (someone else's words or note, a field
   * that never changes, writing under someone else's client id): nothing of it was applied.
   */
  forbidden: 4403,
  /** The update would pass a limit of the board: notes, a note's text, the storage quota. */
  tooLarge: 4413,
  /** The socket spent its message or byte budget; reconnecting after a pause is fine. */
  slowDown: 4429,
  /** The server is shutting down; reconnecting later is fine. */
  serverShutdown: 4503,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
