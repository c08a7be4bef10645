import type { Logger } from 'pino';
import type { Template } from '@balcony/shared';
import type { BoardPersistence } from '../extensions/types.js';
import type { BoardRelay } from '../cluster/boardRelay.js';
import type { RelayMessage } from '../cluster/relayMessage.js';
import { Room, type RoomOptions } from './room.js';
import { roomKeyOf, type BoardRef } from './boardStorage.js';

/** A session id alone names its shared board. */
const refOf = (board: BoardRef | string): BoardRef => (typeof board === 'string' ? { sessionId: board, owner: null } : board);

export interface RoomManagerOptions extends RoomOptions {
  /** How long a room stays in memory after its last member leaves. */
  unloadMs: number;
  /** How many notes a private board holds, after each change made on this node. */
  onPrivateCount?: (ref: BoardRef, count: number) => void;
}

/**
 * Loads a session's room on first use and unloads it a while after its last member leaves,
 * compacting its log on the way out. Loading and unloading never overlap for one session.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly store: BoardPersistence,
    private readonly log: Logger,
    private readonly options: RoomManagerOptions,
    /** Other nodes serving the same sessions; null on a node of its own. */
    private readonly relay: BoardRelay | null = null,
  ) {
    relay?.onHealed(() => {
      for (const pending of this.rooms.values()) void pending.then((room) => room.resync(), () => {});
    });
  }

  /**
   * Loads a room. With other nodes, this one listens to the session before reading the store, so
   * that nothing stored meanwhile is missed; what arrives during the read is applied after it.
   */
  private async load(ref: BoardRef, template: Template): Promise<Room> {
    const room = await this.loadRoom(ref, template);
    const report = this.options.onPrivateCount;
    if (ref.owner !== null && report) room.onNoteCount = (count) => report(ref, count);
    return room;
  }

  private async loadRoom(ref: BoardRef, template: Template): Promise<Room> {
    const relay = this.relay;
    if (!relay) return Room.load(ref, template, this.store, this.log, this.options);
    const key = roomKeyOf(ref);
    const early: RelayMessage[] = [];
    let room: Room | null = null;
    await relay.join(key, (message) => (room ? room.hear(message) : early.push(message)));
    try {
      room = await Room.load(ref, template, this.store, this.log, this.options, (message) => relay.publish(key, message));
    } catch (err) {
      relay.leave(key);
      throw err;
    }
    for (const message of early) room.hear(message);
    return room;
  }

  /** The loaded room; the caller must add a member or call releaseIfIdle. */
  async acquire(board: BoardRef | string, template: Template, retried = false): Promise<Room> {
    const ref = refOf(board);
    const key = roomKeyOf(ref);
    await this.unloading.get(key);
    let pending = this.rooms.get(key);
    if (!pending) {
      pending = this.load(ref, template);
      this.rooms.set(key, pending);
      pending.catch(() => this.rooms.delete(key));
    }
    const room = await pending;
    if (room.isFailed) {
      // A room whose store write failed is dropped and read again from the store, once: a store
      // that refuses the fresh room too is not going to take the next one either.
      await this.unload(room);
      if (retried) throw new Error('the store refused a write to this board');
      return this.acquire(ref, template, true);
    }
    if (room.unloadTimer) {
      clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
    }
    return room;
  }

  /** Starts the unload timer when the room has no members. */
  releaseIfIdle(room: Room): void {
    if (room.members.size > 0 || room.unloadTimer || room.isDestroyed) return;
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = null;
      if (room.members.size === 0) void this.unload(room);
    }, this.options.unloadMs);
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  isLoaded(board: BoardRef | string): boolean {
    return this.rooms.has(roomKeyOf(refOf(board)));
  }

  private unload(room: Room): Promise<void> {
    const done = (async () => {
      this.rooms.delete(room.key);
      try {
        await room.flushed();
        await room.compact();
      } catch (err) {
        this.log.error({ err, sessionId: room.sessionId }, 'compaction on unload failed');
      } finally {
        this.relay?.leave(room.key);
        room.destroy();
        this.unloading.delete(room.key);
      }
    })();
    this.unloading.set(room.key, done);
    return done;
  }

  /**
   * Drops every room of an erased session, shared and private, without writing anything back:
   * its members are cut off with `code`, and its documents freed.
   */
  async evict(sessionId: string, code: number, reason: string): Promise<void> {
    const mine = [...this.rooms].filter(([key]) => key === sessionId || key.startsWith(`${sessionId}/`));
    for (const [key] of mine) this.rooms.delete(key);
    const loaded = await Promise.allSettled(mine.map(([, pending]) => pending));
    for (const r of loaded) {
      if (r.status !== 'fulfilled') continue;
      const room = r.value;
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
      for (const member of [...room.members]) member.close(code, reason);
      this.relay?.leave(room.key);
      room.destroy();
    }
  }

  /** Unloads every room (on shutdown): flushes, compacts and frees each document. */
  async closeAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.flatMap((r) => {
        if (r.status !== 'fulfilled') return [];
        if (r.value.unloadTimer) clearTimeout(r.value.unloadTimer);
        return [this.unload(r.value)];
      }),
    );
    await Promise.all(this.unloading.values());
  }
}
