import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { getTemplate, groupNotes, addNote, moveTheme, setThemeTitle, deleteTheme } from '@balcony/shared';
import { Announcer } from './announcer';
import { watchRemoteThemes } from './themeAnnouncer';

afterEach(() => vi.useRealTimers());

/** A replica that hears another's changes as the server's (the provider's) and says them. */
function replica() {
  const doc = new Y.Doc();
  const provider = {};
  const announcer = new Announcer();
  const said: string[] = [];
  announcer.current.subscribe(() => said.push(announcer.current.get().text));
  const stop = watchRemoteThemes({ conn: { doc, provider, synced: true }, template: getTemplate('cultural-web'), announcer, clientName: () => 'Amara' });
  const from = (other: Y.Doc) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), provider);
  return { doc, from, said, stop, announcer };
}

describe('others’ changes to themes', () => {
  it('are said: a new theme, its name, a move to another zone, and its ungrouping', () => {
    vi.useFakeTimers();
    const mine = replica();
    const theirs = new Y.Doc();
    addNote(theirs, { id: 'a', zone: 'keep', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p', createdAt: 1 });
    groupNotes(theirs, { id: 't', zone: 'keep', x: 0.5, y: 0.5, color: '#FFE98F' }, ['a']);
    mine.from(theirs);
    vi.advanceTimersByTime(5_000);
    setThemeTitle(theirs, 't', 'Trust');
    mine.from(theirs);
    vi.advanceTimersByTime(5_000);
    moveTheme(theirs, 't', { zone: 'stop', x: 0.5, y: 0.5 });
    mine.from(theirs);
    vi.advanceTimersByTime(5_000);
    deleteTheme(theirs, 't');
    mine.from(theirs);
    vi.advanceTimersByTime(5_000);
    expect(mine.said).toEqual([
      'Amara made a theme in Keep and reinforce.',
      'Amara named a theme Trust.',
      'Amara moved the theme Trust to Stop.',
      // A change that only deletes makes nothing new, so it names nobody.
      'Someone ungrouped a theme.',
    ]);
    mine.stop();
    mine.announcer.destroy();
  });
});
