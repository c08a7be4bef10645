import { describe, expect, it } from 'vitest';
import { dropOutcome, notesToGroup, themeLabel, themeName, togglePick } from './grouping';

const loose = (id: string) => ({ id, themeId: null });
const inTheme = (id: string, themeId: string) => ({ id, themeId });

describe('dropping a note', () => {
  it('on another loose note makes a theme of the two', () => {
    expect(dropOutcome(loose('a'), { kind: 'note', note: loose('b') })).toEqual({ kind: 'newTheme', withNoteId: 'b' });
  });

  it('on a note of a theme, or on the theme, joins that theme', () => {
    expect(dropOutcome(loose('a'), { kind: 'note', note: inTheme('b', 't') })).toEqual({ kind: 'join', themeId: 't' });
    expect(dropOutcome(inTheme('a', 's'), { kind: 'theme', themeId: 't' })).toEqual({ kind: 'join', themeId: 't' });
  });

  it('within its own theme leaves it where it is', () => {
    expect(dropOutcome(inTheme('a', 't'), { kind: 'theme', themeId: 't' })).toEqual({ kind: 'stay' });
    expect(dropOutcome(inTheme('a', 't'), { kind: 'note', note: inTheme('b', 't') })).toEqual({ kind: 'stay' });
  });

  it('on empty space moves it, out of its theme if it was in one', () => {
    expect(dropOutcome(loose('a'), null)).toEqual({ kind: 'move' });
    expect(dropOutcome(inTheme('a', 't'), null)).toEqual({ kind: 'leave' });
    // The note itself is never a target.
    expect(dropOutcome(loose('a'), { kind: 'note', note: loose('a') })).toEqual({ kind: 'move' });
  });
});

describe('picking notes to group', () => {
  it('adds a note, and takes it off when picked again', () => {
    expect(togglePick([], 'a')).toEqual(['a']);
    expect(togglePick(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('groups the picked notes with the one in focus', () => {
    expect(notesToGroup(['a'], 'b')).toEqual(['a', 'b']);
    expect(notesToGroup(['a', 'b'], 'a')).toEqual(['a', 'b']);
    expect(notesToGroup([], 'b')).toEqual([]);
  });
});

describe('a theme’s words', () => {
  it('names an unnamed theme as such, and counts its notes', () => {
    expect(themeName('  ')).toBe('Untitled theme');
    expect(themeLabel('Trust', 1)).toBe('Theme: Trust, 1 note');
    expect(themeLabel('', 3)).toBe('Theme: Untitled theme, 3 notes');
  });
});
