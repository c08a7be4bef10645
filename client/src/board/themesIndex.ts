import * as Y from 'yjs';
import { getThemes, readTheme, type ThemeView } from '@balcony/shared';

export interface ThemesSnapshot {
  /** Every readable theme, in id order as listThemes orders them. */
  list: readonly ThemeView[];
  byId: ReadonlyMap<string, ThemeView>;
}

/**
 * A read-only view of the themes map for React, read again whenever a theme changes. A board
 * holds a few themes, not a thousand, so reading them all again is cheap.
 */
export class ThemesIndex {
  private snapshot: ThemesSnapshot;
  private listeners = new Set<() => void>();
  private readonly themes: Y.Map<Y.Map<unknown>>;

  constructor(doc: Y.Doc) {
    this.themes = getThemes(doc);
    this.snapshot = this.build();
    this.themes.observeDeep(this.onChange);
  }

  get = (): ThemesSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.themes.unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  private onChange = (): void => {
    this.snapshot = this.build();
    for (const listener of [...this.listeners]) listener();
  };

  private build(): ThemesSnapshot {
    const byId = new Map<string, ThemeView>();
    this.themes.forEach((theme, id) => {
      const view = theme instanceof Y.Map ? readTheme(id, theme) : null;
      if (view) byId.set(id, view);
    });
    const list = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { list, byId };
  }
}

const indexes = new WeakMap<object, ThemesIndex>();

/**
 * The themes of a session's shared board, one index for each connection, made when first asked
 * for. Undo is widened to themes then too (themeActions.ts), before any theme is changed here.
 */
export function themesOf(conn: { doc: Y.Doc; undoManager: Y.UndoManager }): ThemesIndex {
  let index = indexes.get(conn);
  if (!index) {
    index = new ThemesIndex(conn.doc);
    conn.undoManager.addToScope(getThemes(conn.doc));
    indexes.set(conn, index);
  }
  return index;
}
