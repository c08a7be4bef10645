import { describe, expect, it } from 'vitest';
import { isBoardWide, keyAction, typedText, type KeyContext, type KeyPress } from './keyMap';

const codeOf = (key: string) => (/^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key === ' ' ? 'Space' : key);
function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, code: codeOf(key), altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods };
}
const zone: KeyContext = { place: 'zone' };
const mine: KeyContext = { place: 'note', mayEdit: true };
const theirs: KeyContext = { place: 'note', mayEdit: false };
const board: KeyContext = { place: 'board' };

/** What typing a sentence key by key asks for, in order. */
const kinds = (sentence: string, ctx: KeyContext) => [...sentence].map((ch) => keyAction(press(ch, { shiftKey: ch !== ch.toLowerCase() }), ctx));

describe('typing writes', () => {
  it('puts every character of a sentence typed on a zone into a note, the first one included', () => {
    const sentence = 'Managers never sit with the team.';
    const actions = kinds(sentence, zone);
    expect(actions[0]).toEqual({ kind: 'type', text: 'M' });
    // Once the note is open the rest goes to its editor; were a key to reach the zone first, it types.
    expect(actions.every((a) => a.kind === 'type' || (a.kind === 'ignore'))).toBe(true);
    expect(actions.filter((a) => a.kind === 'type').map((a) => (a as { text: string }).text).join('')).toBe(
      sentence.replace(/ /g, ''),
    );
  });

  it('types a sentence on a selected note of your own, with no letter a shortcut', () => {
    const sentence = 'Make room for newcomers';
    const actions = kinds(sentence, { ...mine, editing: true });
    expect(actions.map((a) => (a.kind === 'type' ? a.text : `<${a.kind}>`)).join('')).toBe(sentence);
  });

  it('treats M, N, digits and signs on a note or zone as text, never as a shortcut', () => {
    for (const key of ['m', 'M', 'n', 'N', '0', '+', '-', 'é', 'ß', 'ي', '😀']) {
      expect(keyAction(press(key), zone)).toEqual({ kind: 'type', text: key });
      expect(keyAction(press(key), mine)).toEqual({ kind: 'type', text: key });
    }
  });

  it('refuses typing on a note that is not yours, and does nothing else', () => {
    for (const key of ['M', 'm', 'x', '0']) expect(keyAction(press(key), theirs)).toEqual({ kind: 'refuse' });
  });

  it('lets a lone space pass without scrolling or clicking, but types it once the editor is open', () => {
    expect(keyAction(press(' '), zone)).toEqual({ kind: 'ignore' });
    expect(keyAction(press(' '), mine)).toEqual({ kind: 'ignore' });
    expect(keyAction(press(' '), theirs)).toEqual({ kind: 'ignore' });
    expect(keyAction(press(' '), { ...mine, editing: true })).toEqual({ kind: 'type', text: ' ' });
  });

  it('counts AltGr and Option characters as typing', () => {
    expect(typedText(press('@', { ctrlKey: true, altKey: true, code: 'KeyQ' }))).toBe('@');
    expect(typedText(press('µ', { altKey: true, code: 'KeyL' }))).toBe('µ');
    expect(keyAction(press('@', { ctrlKey: true, altKey: true, code: 'KeyQ' }), zone)).toEqual({ kind: 'type', text: '@' });
  });

  it('opens the editor for a dead key or an input method, and lets the key through', () => {
    expect(keyAction(press('Dead', { code: 'Quote' }), zone)).toEqual({ kind: 'startTyping' });
    expect(keyAction(press('Process', { code: 'KeyA' }), mine)).toEqual({ kind: 'startTyping' });
    expect(keyAction(press('a', { isComposing: true }), zone)).toEqual({ kind: 'startTyping' });
    expect(keyAction(press('Dead', { code: 'Quote' }), theirs)).toEqual({ kind: 'refuse' });
  });

  it('does not take named keys for text', () => {
    for (const key of ['Enter', 'Tab', 'Escape', 'F2', 'Shift', 'Unidentified', 'ArrowLeft', 'Home']) {
      expect(typedText(press(key))).toBeNull();
    }
    expect(typedText(press('z', { ctrlKey: true }))).toBeNull();
    expect(typedText(press('z', { metaKey: true }))).toBeNull();
  });
});

describe('shortcuts', () => {
  it('adds a note with Alt+N (Option+N on a Mac sends a dead key) from anywhere, and Enter on a zone', () => {
    for (const ctx of [zone, mine, theirs, board]) {
      expect(keyAction(press('n', { altKey: true }), ctx)).toEqual({ kind: 'addNote' });
      expect(keyAction(press('Dead', { altKey: true, code: 'KeyN' }), ctx)).toEqual({ kind: 'addNote' });
    }
    expect(keyAction(press('Enter'), zone)).toEqual({ kind: 'addNote' });
  });

  it('opens Move to zone with Alt+M on any note, yours or not, and nowhere else', () => {
    expect(keyAction(press('m', { altKey: true }), mine)).toEqual({ kind: 'move' });
    expect(keyAction(press('µ', { altKey: true, code: 'KeyM' }), theirs)).toEqual({ kind: 'move' });
    expect(keyAction(press('m', { altKey: true }), zone).kind).not.toBe('move');
  });

  it('edits, deletes, nudges and opens the menu on a note', () => {
    expect(keyAction(press('Enter'), mine)).toEqual({ kind: 'edit' });
    expect(keyAction(press('F2'), theirs)).toEqual({ kind: 'edit' });
    expect(keyAction(press('Delete'), mine)).toEqual({ kind: 'delete' });
    expect(keyAction(press('Backspace'), theirs)).toEqual({ kind: 'delete' });
    expect(keyAction(press('ArrowLeft'), mine)).toEqual({ kind: 'nudge', dx: -1, dy: 0, big: false });
    expect(keyAction(press('ArrowDown', { shiftKey: true }), theirs)).toEqual({ kind: 'nudge', dx: 0, dy: 1, big: true });
    expect(keyAction(press('F10', { shiftKey: true }), mine)).toEqual({ kind: 'menu' });
    expect(keyAction(press('ContextMenu'), mine)).toEqual({ kind: 'menu' });
    expect(keyAction(press('F10'), mine)).toEqual({ kind: 'none' });
  });

  it('puts a dragged note back with Escape, and leaves Escape alone otherwise', () => {
    expect(keyAction(press('Escape'), { ...mine, dragging: true })).toEqual({ kind: 'cancelDrag' });
    expect(keyAction(press('Escape'), mine)).toEqual({ kind: 'none' });
  });

  it('undoes and redoes with Ctrl or Cmd wherever the board has focus', () => {
    for (const ctx of [zone, mine, theirs, board]) {
      expect(keyAction(press('z', { ctrlKey: true }), ctx)).toEqual({ kind: 'undo' });
      expect(keyAction(press('z', { metaKey: true }), ctx)).toEqual({ kind: 'undo' });
      expect(keyAction(press('Z', { ctrlKey: true, shiftKey: true }), ctx)).toEqual({ kind: 'redo' });
      expect(keyAction(press('y', { ctrlKey: true }), ctx)).toEqual({ kind: 'redo' });
    }
  });

  it('zooms with + − 0 only where nothing types', () => {
    expect(keyAction(press('+'), board)).toEqual({ kind: 'zoom', to: 'in' });
    expect(keyAction(press('='), board)).toEqual({ kind: 'zoom', to: 'in' });
    expect(keyAction(press('-'), board)).toEqual({ kind: 'zoom', to: 'out' });
    expect(keyAction(press('0'), board)).toEqual({ kind: 'zoom', to: 'whole' });
    expect(keyAction(press('m'), board)).toEqual({ kind: 'none' });
    expect(keyAction(press('a', { isComposing: true }), board)).toEqual({ kind: 'none' });
  });

  it('names the actions the board handles once, whatever has focus', () => {
    expect(isBoardWide({ kind: 'undo' })).toBe(true);
    expect(isBoardWide({ kind: 'addNote' })).toBe(true);
    expect(isBoardWide({ kind: 'type', text: 'a' })).toBe(false);
    expect(isBoardWide({ kind: 'move' })).toBe(false);
    expect(isBoardWide({ kind: 'group' })).toBe(true);
  });
});

describe('themes', () => {
  const theme: KeyContext = { place: 'theme' };
  it('picks a note for grouping with Ctrl+Space, yours or not, but never while typing', () => {
    expect(keyAction(press(' ', { ctrlKey: true }), mine)).toEqual({ kind: 'pick' });
    expect(keyAction(press(' ', { ctrlKey: true }), theirs)).toEqual({ kind: 'pick' });
    expect(keyAction(press(' ', { ctrlKey: true }), { ...mine, editing: true })).not.toEqual({ kind: 'pick' });
    expect(keyAction(press(' ', { ctrlKey: true }), zone)).not.toEqual({ kind: 'pick' });
  });

  it('groups with Alt+G from a note or anywhere on the board', () => {
    expect(keyAction(press('©', { altKey: true, code: 'KeyG' }), mine)).toEqual({ kind: 'group' });
    expect(keyAction(press('g', { altKey: true }), board)).toEqual({ kind: 'group' });
    expect(keyAction(press('g'), mine)).toEqual({ kind: 'type', text: 'g' });
  });

  it('moves a theme with the arrows, renames it with Enter and ungroups it with Delete', () => {
    expect(keyAction(press('ArrowLeft'), theme)).toEqual({ kind: 'nudge', dx: -1, dy: 0, big: false });
    expect(keyAction(press('ArrowDown', { shiftKey: true }), theme)).toEqual({ kind: 'nudge', dx: 0, dy: 1, big: true });
    expect(keyAction(press('Enter'), theme)).toEqual({ kind: 'rename' });
    expect(keyAction(press('Delete'), theme)).toEqual({ kind: 'ungroup' });
    expect(keyAction(press('Escape'), { ...theme, dragging: true })).toEqual({ kind: 'cancelDrag' });
  });

  it('types nothing on a theme', () => {
    expect(keyAction(press('a'), theme)).toEqual({ kind: 'none' });
    expect(keyAction(press(' '), theme)).toEqual({ kind: 'ignore' });
  });
});
