import type { SessionRuntime } from '../session/sessionRuntime.js';
import type { BoardRights } from './room.js';
import type { BoardRef } from './boardStorage.js';

/**
 * How a board treats one person's socket: what they may write now, and what their awareness
 * says of them. `named`: their name and colour, from the token; `unnamed`: a cursor that says
 * nobody's name (anonymous sessions); `none`: not passed on at all (a private board, seen by one).
 */
export interface BoardPolicy {
  rights(): BoardRights;
  awareness(): 'named' | 'unnamed' | 'none';
}

export function boardPolicy(ref: BoardRef, runtime: SessionRuntime, participantId: string): BoardPolicy {
  if (ref.owner !== null) {
    // A private board is its owner's scratch paper, open to them whatever the phase, so that notes
    // written offline still arrive after a reveal (they stay private until "reveal mine"). Once
    // the session has ended, nothing more is written anywhere.
    const mayWrite = () => {
      const role = runtime.roleOf(participantId);
      return role !== null && role !== 'observer' && ref.owner === participantId && !runtime.ended;
    };
    return {
      rights: () => {
        const write = mayWrite();
        return { mayWrite: write, mayCreateNotes: write, mayStar: false, mayEditNote: () => write };
      },
      awareness: () => 'none',
    };
  }
  return {
    rights: () => ({
      mayWrite: runtime.permissions(participantId).mayWrite,
      // An anonymous session's notes are put on the shared board by the server, at a reveal.
      mayCreateNotes: !runtime.anonymous,
      mayStar: runtime.mayStar(participantId),
      mayEditNote: (noteId, authorId) => runtime.mayEditNote(participantId, noteId, authorId),
    }),
    awareness: () => (runtime.anonymous ? 'unnamed' : 'named'),
  };
}
