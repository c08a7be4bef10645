import { useMemo } from 'react';
import { frameOfZone, zoneById, type Template } from '@balcony/shared';
import { useUi } from '../state/ui';
import { useBoard, type BoardContextValue } from './BoardContext';
import { makeCommands } from './commands';
import { notesToGroup, themeName, togglePick } from './grouping';
import { isPrivateNote } from './notesIndex';
import { mayStar } from './noteRights';
import { themesOf } from './themesIndex';
import { ThemesFullError, groupIntoNewTheme, joinTheme, renameTheme, starNote, takeOutOfTheme, ungroupTheme } from './themeActions';

/** Theme and star commands shared by drags, buttons, menus and keys, with what each says. */
export interface ThemeCommands {
  /** A new theme of these notes (two or more), where the first is, named next. */
  groupNew: (noteIds: readonly string[], at?: { zone: string; x: number; y: number }) => string | null;
  /** Puts notes into a theme that is there. */
  join: (themeId: string, noteIds: readonly string[]) => void;
  /** Groups the notes picked (and the one with focus); says how when fewer than two are. */
  groupPicked: () => void;
  takeOut: (noteId: string, to?: { zone: string; x: number; y: number }) => void;
  ungroup: (themeId: string) => void;
  rename: (themeId: string, title: string) => void;
  toggleStar: (noteId: string) => void;
  /** Picks a note for grouping, or puts it back, and says how many are picked. */
  togglePicked: (noteId: string) => void;
}

export function focusThemeNow(themeId: string): void {
  document.querySelector<HTMLElement>(`[data-testid="board.theme"][data-theme-id="${CSS.escape(themeId)}"]`)?.focus();
}

function zoneLabel(template: Template, zoneId: string): string {
  const frame = frameOfZone(template, zoneId);
  return (frame && zoneById(frame, zoneId)?.label) || 'the board';
}

export function makeThemeCommands(ctx: BoardContextValue): ThemeCommands {
  const { conn, template, notesIndex, announcer, me } = ctx;
  const commands = makeCommands(ctx);
  const themes = themesOf(conn);
  const tell = (text: string) => {
    useUi.getState().showToast(text);
    announcer.say(text);
  };
  /** The notes of the shared board among these: a private note joins no theme until it is revealed. */
  const shared = (noteIds: readonly string[]) =>
    noteIds.filter((id) => {
      const n = notesIndex.get().byId.get(id);
      return n && !isPrivateNote(n);
    });

  const groupNew: ThemeCommands['groupNew'] = (noteIds, at) => {
    if (!commands.mayWrite()) return null;
    const ids = shared(noteIds);
    const first = notesIndex.get().byId.get(ids[0] ?? '');
    if (ids.length < 2 || !first) {
      tell('A theme needs two notes or more. Your own private notes join themes once they are revealed.');
      return null;
    }
    try {
      const id = groupIntoNewTheme(conn, at ?? { zone: first.zone, x: first.x, y: first.y }, ids, first.color);
      const ui = useUi.getState();
      ui.setPicked([]);
      ui.startRenamingTheme(id);
      announcer.say(`New theme of ${ids.length} notes in ${zoneLabel(template, at?.zone ?? first.zone)}. Type its name, then press Enter.`);
      return id;
    } catch (err) {
      tell(err instanceof ThemesFullError ? err.message : 'The theme could not be made.');
      return null;
    }
  };

  const join: ThemeCommands['join'] = (themeId, noteIds) => {
    if (!commands.mayWrite()) return;
    const theme = themes.get().byId.get(themeId);
    const ids = shared(noteIds);
    if (!theme || ids.length === 0) return;
    joinTheme(conn, theme, ids);
    useUi.getState().setPicked([]);
    announcer.say(`${ids.length === 1 ? 'Note' : `${ids.length} notes`} added to the theme ${themeName(theme.title)}.`);
  };

  return {
    groupNew,
    join,
    togglePicked(noteId) {
      const note = notesIndex.get().byId.get(noteId);
      if (!note || isPrivateNote(note)) return;
      const ui = useUi.getState();
      const next = togglePick(ui.pickedNoteIds, noteId);
      ui.setPicked(next);
      const n = next.length;
      const count = n === 1 ? '1 note picked' : `${n} notes picked`;
      announcer.say(next.includes(noteId) ? `Picked for grouping: ${count}.${n >= 2 ? ' Press Alt and G to group them.' : ''}` : `Put back: ${count}.`);
    },
    groupPicked() {
      const ui = useUi.getState();
      const ids = notesToGroup(ui.pickedNoteIds, ui.selectedNoteId);
      if (ids.length < 2) {
        tell('Pick two notes or more to group: Shift-click them, or press Control and Space on each. Then choose Group.');
        return;
      }
      // Picked notes already in one theme, with others: the others join it.
      const all = notesIndex.get();
      const inTheme = ids.map((id) => all.byId.get(id)?.themeId).find((t) => Boolean(t && themes.get().byId.has(t)));
      if (inTheme) {
        join(inTheme, ids);
        return;
      }
      groupNew(ids);
    },
    takeOut(noteId, to) {
      if (!commands.mayWrite()) return;
      const note = notesIndex.get().byId.get(noteId);
      const theme = note?.themeId ? themes.get().byId.get(note.themeId) : undefined;
      if (!note?.themeId) return;
      takeOutOfTheme(conn, noteId, to);
      announcer.say(`Note taken out of the theme ${themeName(theme?.title ?? '')}.`);
      useUi.getState().requestFocus(noteId);
    },
    ungroup(themeId) {
      if (!commands.mayWrite()) return;
      const theme = themes.get().byId.get(themeId);
      if (!theme) return;
      const firstNote = notesIndex.get().list.find((n) => n.themeId === themeId);
      ungroupTheme(conn, themeId);
      const ui = useUi.getState();
      if (ui.renamingThemeId === themeId) ui.stopRenamingTheme();
      ui.showToast('Theme ungrouped. Its notes stay on the board.', true);
      announcer.say(`Theme ${themeName(theme.title)} ungrouped. Its notes stay on the board. Press Control and Z to undo.`);
      if (firstNote) ui.requestFocus(firstNote.id);
    },
    rename(themeId, title) {
      if (!commands.mayWrite()) return;
      const theme = themes.get().byId.get(themeId);
      if (!theme) return;
      if (title.trim() !== theme.title) renameTheme(conn, themeId, title.trim());
      announcer.say(title.trim() ? `Theme named ${title.trim()}.` : 'The theme has no name yet.');
    },
    toggleStar(noteId) {
      const note = notesIndex.get().byId.get(noteId);
      if (!note || isPrivateNote(note)) return;
      if (!mayStar(me, ctx.access())) {
        tell('Only the presenter or the facilitator stars notes.');
        return;
      }
      starNote(conn, noteId, !note.starred);
      announcer.say(note.starred ? 'Star taken off the note.' : 'Note starred.');
    },
  };
}

export function useThemeCommands(): ThemeCommands {
  const ctx = useBoard();
  return useMemo(() => makeThemeCommands(ctx), [ctx]);
}
