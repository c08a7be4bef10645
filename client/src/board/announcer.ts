import * as Y from 'yjs';
import { frameOfZone, readNote, zoneById, type NoteMap, type Template } from '@balcony/shared';
import { ValueStore } from '../session/store';
import type { SessionConnection } from '../session/SessionConnection';

/** At most one announcement of others' changes in this time, so a busy board does not flood. */
const THROTTLE_MS = 3_000;
/** Beyond this many changes in one announcement, they are summed up instead of listed. */
const MAX_LISTED = 3;

export interface Announcement {
  text: string;
  /** Changes with each announcement so that the same words are read out again. */
  seq: number;
}

/** Words for the polite live region: this person's own actions at once, others' throttled. */
export class Announcer {
  readonly current = new ValueStore<Announcement>({ text: '', seq: 0 });
  private queue: { text: string; actor: string }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;

  say(text: string): void {
    this.current.set({ text, seq: this.current.get().seq + 1 });
  }

  /** Queues a change by someone else. */
  report(text: string, actor: string): void {
    this.queue.push({ text, actor });
    if (this.timer !== null) return;
    const wait = Math.max(0, THROTTLE_MS - (Date.now() - this.lastFlush));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }

  private flush(): void {
    this.timer = null;
    this.lastFlush = Date.now();
    const items = this.queue;
    this.queue = [];
    if (items.length === 0) return;
    this.say(summarise(items));
  }
}

export function summarise(items: readonly { text: string; actor: string }[]): string {
  if (items.length <= MAX_LISTED) return items.map((i) => i.text).join(' ');
  const actors = [...new Set(items.map((i) => i.actor))];
  const who =
    actors.length === 1
      ? actors[0]
      : actors.length === 2
        ? `${actors[0]} and ${actors[1]}`
        : `${actors.slice(0, -1).join(', ')} and ${actors[actors.length - 1]}`;
  return `${items.length} changes on the board by ${who}.`;
}

export interface ChangeWatcherDeps {
  conn: SessionConnection;
  template: Template;
  announcer: Announcer;
  /** A participant's name from their id (for a note's author). */
  participantName: (participantId: string) => string | undefined;
  /** A person's name from their replica's client id (from awareness). */
  clientName: (clientId: number) => string | undefined;
}

/**
 * Turns others' changes to the notes into sentences ("Amara added a note to Stories"). Changes
 * that arrive while the board catches up after (re)connecting are not announced one by one.
 */
export function watchRemoteChanges(deps: ChangeWatcherDeps): () => void {
  const { conn, template, announcer } = deps;
  const zoneOf = new Map<string, string>();
  conn.notes.forEach((note, id) => {
    const zone = note instanceof Y.Map ? note.get('zone') : undefined;
    if (typeof zone === 'string') zoneOf.set(id, zone);
  });
  // With several frames a zone's name can come twice (Stories, as it is and as we want it): the
  // frame says which.
  const label = (zoneId: string | undefined) => {
    const frame = zoneId ? frameOfZone(template, zoneId) : undefined;
    const zone = frame && zoneId ? zoneById(frame, zoneId) : undefined;
    if (!frame || !zone) return 'the board';
    return template.frames.length > 1 ? `${zone.label} (${frame.label})` : zone.label;
  };

  const observer = (events: Array<Y.YEvent<any>>, transaction: Y.Transaction) => {
    const announce = transaction.origin === conn.provider && conn.synced;
    let actor: string | undefined;
    if (announce) {
      for (const [client, clock] of transaction.afterState) {
        if (clock > (transaction.beforeState.get(client) ?? 0)) actor ??= deps.clientName(client);
      }
    }
    for (const event of events) {
      if (event.target === conn.notes) {
        for (const [id, change] of event.changes.keys) {
          const note = conn.notes.get(id);
          const view = note instanceof Y.Map ? readNote(id, note as NoteMap) : null;
          const before = zoneOf.get(id);
          if (view) zoneOf.set(id, view.zone);
          else zoneOf.delete(id);
          if (!announce) continue;
          if (change.action === 'add' && view) {
            const who = deps.participantName(view.authorId) ?? actor ?? 'Someone';
            announcer.report(`${who} added a note to ${label(view.zone)}.`, who);
          } else if (change.action === 'delete') {
            const who = actor ?? 'Someone';
            announcer.report(`${who} removed a note from ${label(before)}.`, who);
          }
        }
      } else if (event instanceof Y.YMapEvent && event.target instanceof Y.Map && event.keysChanged.has('zone')) {
        const id = event.path[0];
        if (typeof id !== 'string') continue;
        const zone = event.target.get('zone');
        const previous = zoneOf.get(id);
        if (typeof zone === 'string') zoneOf.set(id, zone);
        if (announce && typeof zone === 'string' && zone !== previous) {
          const who = actor ?? 'Someone';
          announcer.report(`${who} moved a note to ${label(zone)}.`, who);
        }
      }
    }
  };
  conn.notes.observeDeep(observer);
  return () => conn.notes.unobserveDeep(observer);
}
