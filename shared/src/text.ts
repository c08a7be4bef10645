/**
 * Names and titles are shown to everyone in a session, in lists and next to notes. Control
 * characters and bidirectional format characters can hide text, reorder what others see around
 * the name (a name that makes the next one read backwards), or break a line a screen reader reads,
 * so they are taken out before a name or title is accepted.
 */

/** Line breaks and tabs become spaces, so that "Team\nreview" still reads as two words. */
const CONTROL_WHITESPACE = /[\t\n\v\f\r\u0085]/g;

/**
 * C0 controls (U+0000–U+001F), DEL and C1 controls (U+007F–U+009F), and the bidirectional
 * formatting characters: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), and
 * the left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C).
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text with every unsafe character removed; what is left is not trimmed. */
export function stripUnsafeText(text: string): string {
  return text.replace(CONTROL_WHITESPACE, ' ').replace(UNSAFE, '');
}
