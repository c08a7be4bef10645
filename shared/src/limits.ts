/** Limits that both sides enforce. The server is the authority; the client uses them to stop early. */
export const LIMITS = {
  titleMax: 120,
  nameMax: 40,
  /**
   * A note's text in UTF-16 units, as Y.Text counts. Text is plain characters only, so this also
   * bounds a note's bytes: at most 6,000 in UTF-8. What a board stores in all is the quota's job.
   */
  noteTextMax: 2_000,
  noteIdMax: 64,
  /** A theme's name, in UTF-16 units. */
  themeTitleMax: 80,
  themesPerBoard: 200,
  /** Dots one person may be given in a vote, and may put on one target. */
  dotsPerPersonMax: 20,
  notesPerBoard: 2_000,
  /** An action's words, its owner's free name and its stakeholder, in UTF-16 units. */
  actionTextMax: 300,
  actionNameMax: 80,
  actionsPerSession: 100,
  /** Notes one action may be linked to. */
  actionLinksMax: 20,
  /** How long a session is kept after its last activity, unless its facilitator says otherwise. */
  retentionDaysDefault: 90,
  retentionDaysMax: 3650,
  /** A review note on an action carried over, and a team link's label, in UTF-16 units. */
  reviewNoteMax: 300,
  teamLinkLabelMax: 80,
  /** Team links one session may have, revoked ones not counted. */
  teamLinksPerSession: 20,
  /** Notes a board may have held over its life: Yjs keeps one entry per note id, deleted or not. */
  noteEntriesPerBoard: 10_000,
  /** Largest WebSocket frame the board endpoint accepts. */
  frameBytesMax: 1024 * 1024,
  /** How long an update may wait for the updates it depends on before its sender is cut off. */
  missingDependencyMs: 5_000,
  /** Largest JSON body the HTTP API reads. */
  httpBodyBytesMax: 16 * 1024,
  /** Largest body of `POST /api/sessions`, which may carry a whole template. */
  sessionBodyBytesMax: 256 * 1024,
} as const;

/** Version of the Socket.io control protocol; a mismatch is refused with `protocol_mismatch`. */
export const PROTOCOL_VERSION = 1;

/** Version of the board document schema, kept in `meta.schemaVersion`. */
export const BOARD_SCHEMA_VERSION = 4;
