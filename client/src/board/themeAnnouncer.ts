import * as Y from 'yjs';
import { frameOfZone, getThemes, zoneById, type Template } from '@balcony/shared';
import type { Announcer } from './announcer';
import { themeName } from './grouping';

export interface ThemeWatcherDeps {
  /** The shared board, and what tells a change from the server apart: its provider. */
  conn: { doc: Y.Doc; provider: unknown; synced: boolean };
  template: Template;
  announcer: Announcer;
  /** A person's name from their replica's client id (from awareness). */
  clientName: (clientId: number) => string | undefined;
}

/**
 * Turns others' changes to themes into sentences, throttled with the notes' ("Amara made a
 * theme in Keep and reinforce", "Ben named a theme Trust"). Changes that arrive while the board
 * catches up after (re)connecting are not announced one by one.
 */
export function watchRemoteThemes(deps: ThemeWatcherDeps): () => void {
  const { conn, template, announcer } = deps;
  const themes = getThemes(conn.doc);
  const label = (zoneId: unknown) => {
    const frame = typeof zoneId === 'string' ? frameOfZone(template, zoneId) : undefined;
    return (frame && typeof zoneId === 'string' && zoneById(frame, zoneId)?.label) || 'the board';
  };

  const observer = (events: Array<Y.YEvent<any>>, transaction: Y.Transaction) => {
    if (transaction.origin !== conn.provider || !conn.synced) return;
    let who: string | undefined;
    for (const [client, clock] of transaction.afterState) {
      if (clock > (transaction.beforeState.get(client) ?? 0)) who ??= deps.clientName(client);
    }
    const actor = who ?? 'Someone';
    for (const event of events) {
      if (event.target === themes) {
        for (const [id, change] of event.changes.keys) {
          const theme = themes.get(id);
          if (change.action === 'add' && theme instanceof Y.Map) announcer.report(`${actor} made a theme in ${label(theme.get('zone'))}.`, actor);
          else if (change.action === 'delete') announcer.report(`${actor} ungrouped a theme.`, actor);
        }
      } else if (event.target instanceof Y.Text && event.path.length === 2 && event.path[1] === 'title') {
        const title = event.target.toString();
        if (title.trim()) announcer.report(`${actor} named a theme ${themeName(title)}.`, actor);
      } else if (event instanceof Y.YMapEvent && event.target instanceof Y.Map && event.path.length === 1 && event.keysChanged.has('zone')) {
        const title = event.target.get('title');
        announcer.report(`${actor} moved the theme ${themeName(title instanceof Y.Text ? title.toString() : '')} to ${label(event.target.get('zone'))}.`, actor);
      }
    }
  };
  themes.observeDeep(observer);
  return () => themes.unobserveDeep(observer);
}
