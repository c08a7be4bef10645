import type { Awareness } from 'y-protocols/awareness';
import {
  awarenessCursorSchema,
  awarenessDragSchema,
  awarenessUserSchema,
  type AwarenessUser,
  type Point,
} from '@balcony/shared';

export interface PeerDrag {
  noteId: string;
  zone: string;
  x: number;
  y: number;
}

/** The colour of someone the board may not name: in an anonymous session awareness says nobody's name. */
export const NEUTRAL_PEER_COLOR = '#57606a';

export interface Peer {
  clientId: number;
  /** Who they are; null in an anonymous session, whose awareness carries no name, id or colour. */
  user: AwarenessUser | null;
  cursor: Point | null;
  /**
   * The frame their cursor is on, when their awareness says; null when it does not (the shared
   * awareness schema does not carry it yet, so the server drops it on the way).
   */
  frame: string | null;
  drag: PeerDrag | null;
  /** When this peer's cursor last moved (ms, this device's clock), for fading a still cursor. */
  cursorMovedAt: number;
}

interface LocalFields {
  cursor?: Point | null;
  frame?: string | null;
  drag?: PeerDrag | null;
}

/** Awareness goes to everyone on every change, so pointer moves are sent at most this often. */
const SEND_INTERVAL_MS = 50;

/**
 * Other people's cursors and in-progress drags, read from awareness, and this device's own
 * cursor and drag written to it. Drags travel only here; the drop writes the board.
 */
export class PeersIndex {
  private peers: readonly Peer[] = [];
  private listeners = new Set<() => void>();
  private pending: LocalFields = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.onChange);
    this.onChange();
  }

  get = (): readonly Peer[] => this.peers;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A point in board units on a frame, or null when the pointer leaves the board. */
  setCursor(point: Point | null, frame: string | null = null): void {
    this.queue({ cursor: point ? { x: Math.round(point.x), y: Math.round(point.y) } : null, frame: point ? frame : null }, point === null);
  }

  /** Where a note being dragged would land now, or null when the drag ends. */
  setDrag(drag: PeerDrag | null): void {
    this.queue({ drag }, drag === null);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    if (this.timer !== null) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private queue(fields: LocalFields, now: boolean): void {
    this.pending = { ...this.pending, ...fields };
    const wait = SEND_INTERVAL_MS - (Date.now() - this.lastSent);
    if (now || wait <= 0) this.flush();
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const fields = this.pending;
    this.pending = {};
    const local = this.awareness.getLocalState();
    if (local === null) return;
    const changed = Object.entries(fields).some(([k, v]) => JSON.stringify(local[k] ?? null) !== JSON.stringify(v ?? null));
    if (!changed) return;
    this.lastSent = Date.now();
    this.awareness.setLocalState({ ...local, ...fields });
  }

  private onChange = (): void => {
    const previous = new Map(this.peers.map((p) => [p.clientId, p]));
    const now = Date.now();
    const next: Peer[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      // Each field is read on its own, so one odd field does not hide the whole person.
      // No user at all is an anonymous session's way; one that does not read is someone unknown.
      const user = state.user === undefined ? null : awarenessUserSchema.safeParse(state.user);
      if (user && !user.success) return;
      const cursor = awarenessCursorSchema.safeParse(state.cursor);
      const drag = awarenessDragSchema.safeParse(state.drag);
      const frame = typeof state.frame === 'string' && state.frame.length <= 40 ? state.frame : null;
      const cursorPoint = cursor.success ? cursor.data : null;
      const before = previous.get(clientId);
      const moved = !before || before.cursor?.x !== cursorPoint?.x || before.cursor?.y !== cursorPoint?.y;
      next.push({
        clientId,
        user: user ? user.data : null,
        cursor: cursorPoint,
        frame,
        drag: drag.success ? drag.data : null,
        cursorMovedAt: moved || !before ? now : before.cursorMovedAt,
      });
    });
    this.peers = next;
    for (const listener of [...this.listeners]) listener();
  };

  /** The name of the person behind a replica, if they are here now. */
  nameOf(clientId: number): string | undefined {
    return this.peers.find((p) => p.clientId === clientId)?.user?.name;
  }
}
