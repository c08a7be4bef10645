/**
 * Which key does what, where, on the board. One table, so that the rule "typing writes" holds
 * everywhere: a key that types a character always goes into a note (or is refused politely), and
 * no shortcut is a bare letter, digit or space on a zone or a note, where people expect to type.
 *
 * Places:
 * - `zone`: a zone has focus. Typing starts a new note there with what was typed; Enter starts an
 *   empty one.
 * - `note`: a note has focus (it is selected). Typing goes on the end of its words if this person
 *   may change them, and is refused with a reason if not; Enter edits, arrows nudge, Delete removes.
 * - `theme`: a theme's block has focus. Arrows move it with its notes, Enter renames it, Delete
 *   ungroups it (its notes stay). Nothing types there.
 * - `board`: anywhere else on the board page that is not a text field (the toolbar, the empty
 *   canvas). Nothing types there, so + and − zoom and 0 shows the whole board.
 *
 * Everywhere: Alt+N (Option+N) adds a note to the zone in view; Ctrl/Cmd+Z undoes,
 * Shift+Ctrl/Cmd+Z and Ctrl+Y redo. On a note, Alt+M (Option+M) opens "Move to zone…" and
 * Shift+F10 or the menu key opens its menu, and Ctrl+Space picks it for grouping or puts it back
 * (a lone Space is part of typing). Alt+G (Option+G) groups the picked notes, or opens "Group
 * with…" on a note when none are picked. The letters are read from the physical key, since Option changes
 * the character a Mac sends.
 */

export type KeyPlace = 'zone' | 'note' | 'theme' | 'board';

/** The parts of a keydown that decide: a DOM KeyboardEvent (or React's) fits. */
export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

export interface KeyContext {
  place: KeyPlace;
  /** On a note: whether this person may change its words. */
  mayEdit?: boolean;
  /** On a note: whether it is being dragged (Escape puts it back). */
  dragging?: boolean;
  /** On a note: whether its editor is already open (typing has begun and focus is on its way). */
  editing?: boolean;
}

export type KeyAction =
  /** Not the board's: let the browser do what it does. */
  | { kind: 'none' }
  /** Put this text in a note: a new one on a zone, the end of the note's words on a note. */
  | { kind: 'type'; text: string }
  /** A key that will compose a character (a dead key, an input method): open the editor, let it through. */
  | { kind: 'startTyping' }
  /** Typing on a note that is not this person's: say why, change nothing. */
  | { kind: 'refuse' }
  /** Swallowed: a key that would otherwise scroll or click, with nothing to do here (Space on a zone). */
  | { kind: 'ignore' }
  | { kind: 'addNote' }
  | { kind: 'edit' }
  | { kind: 'move' }
  | { kind: 'delete' }
  | { kind: 'menu' }
  | { kind: 'nudge'; dx: number; dy: number; big: boolean }
  | { kind: 'cancelDrag' }
  /** Picks the note for grouping, or puts it back. */
  | { kind: 'pick' }
  /** Groups the picked notes (board-wide); on a note with none picked, "Group with…". */
  | { kind: 'group' }
  /** On a theme: write its name. */
  | { kind: 'rename' }
  /** On a theme: dissolve it; its notes stay. */
  | { kind: 'ungroup' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'zoom'; to: 'in' | 'out' | 'whole' };

const NONE: KeyAction = { kind: 'none' };

/** Actions handled once for the whole board, whatever has focus. */
export function isBoardWide(action: KeyAction): boolean {
  return action.kind === 'addNote' || action.kind === 'undo' || action.kind === 'redo' || action.kind === 'zoom' || action.kind === 'group';
}

/**
 * The character a key types, or null. AltGr (reported as Ctrl+Alt on Windows) and Option (Alt on
 * a Mac) type characters too, so only Ctrl or Cmd alone mean "not typing".
 */
export function typedText(e: KeyPress): string | null {
  const altGr = e.ctrlKey && e.altKey && !e.metaKey;
  if ((e.ctrlKey || e.metaKey) && !altGr) return null;
  // Named keys ("Enter", "ArrowLeft", "Dead") are words; a character is one code point or a few
  // that make one grapheme (an emoji), never a capitalised name.
  if ([...e.key].length === 1) return e.key;
  if (e.key.length > 1 && !/^[A-Z][A-Za-z0-9]+$/.test(e.key)) return e.key;
  return null;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Alt (Option) with one physical letter key and nothing else held. */
const altLetter = (e: KeyPress, code: string) => e.altKey && !e.ctrlKey && !e.metaKey && e.code === code;

export function keyAction(e: KeyPress, ctx: KeyContext): KeyAction {
  if (e.isComposing || e.key === 'Process') return ctx.place === 'board' ? NONE : { kind: 'startTyping' };

  const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
  if (ctx.place === 'note' && e.key === ' ' && e.ctrlKey && !e.altKey && !e.metaKey && !ctx.editing) return { kind: 'pick' };
  if (mod && e.code === 'KeyZ') return { kind: e.shiftKey ? 'redo' : 'undo' };
  if (mod && !e.shiftKey && e.code === 'KeyY') return { kind: 'redo' };
  if (altLetter(e, 'KeyN')) return { kind: 'addNote' };
  if (ctx.place === 'note' && altLetter(e, 'KeyM')) return { kind: 'move' };
  if (altLetter(e, 'KeyG')) return { kind: 'group' };

  if (ctx.place === 'board') {
    if (e.ctrlKey || e.metaKey || e.altKey) return NONE;
    if (e.key === '+' || e.key === '=') return { kind: 'zoom', to: 'in' };
    if (e.key === '-') return { kind: 'zoom', to: 'out' };
    if (e.key === '0') return { kind: 'zoom', to: 'whole' };
    return NONE;
  }

  const plain = !e.ctrlKey && !e.metaKey && !e.altKey;

  if (ctx.place === 'theme') {
    if (!plain) return NONE;
    const arrow = ARROWS[e.key];
    if (arrow) return { kind: 'nudge', dx: arrow[0], dy: arrow[1], big: e.shiftKey };
    if (e.key === 'Enter' || e.key === 'F2') return { kind: 'rename' };
    if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'ungroup' };
    if (e.key === 'Escape' && ctx.dragging) return { kind: 'cancelDrag' };
    // A theme's block holds no words of its own to type into; a space would only scroll.
    return e.key === ' ' ? { kind: 'ignore' } : NONE;
  }

  if (ctx.place === 'note' && plain) {
    const arrow = ARROWS[e.key];
    if (arrow) return { kind: 'nudge', dx: arrow[0], dy: arrow[1], big: e.shiftKey };
    switch (e.key) {
      case 'Enter':
      case 'F2':
        return { kind: 'edit' };
      case 'Delete':
      case 'Backspace':
        return { kind: 'delete' };
      case 'Escape':
        return ctx.dragging ? { kind: 'cancelDrag' } : NONE;
      case 'ContextMenu':
        return { kind: 'menu' };
    }
  }
  if (ctx.place === 'note' && e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) return { kind: 'menu' };
  if (ctx.place === 'zone' && plain && e.key === 'Enter') return { kind: 'addNote' };

  if (e.key === 'Dead') return ctx.place === 'note' && !ctx.mayEdit ? { kind: 'refuse' } : { kind: 'startTyping' };
  const text = typedText(e);
  if (text === null) return NONE;
  // A lone space is how people press a thing that has focus, not the start of a sentence.
  if (text === ' ' && !ctx.editing) return { kind: 'ignore' };
  if (ctx.place === 'note' && !ctx.mayEdit) return { kind: 'refuse' };
  return { kind: 'type', text };
}
