import type { NoteView, Point } from '@balcony/shared';
import { useBoard, useFrame } from '../../board/BoardContext';
import { landingSpot } from '../../board/actions';
import { dropOutcome, type DropTarget } from '../../board/grouping';
import { isPrivateNote } from '../../board/notesIndex';
import { useThemeCommands } from '../../board/themeCommands';

/** What is under the pointer where a note is dropped, the note itself left out. */
function dropTargetAt(clientX: number, clientY: number, selfId: string, byId: ReadonlyMap<string, NoteView>): DropTarget {
  for (const el of document.elementsFromPoint(clientX, clientY)) {
    const noteEl = el.closest<HTMLElement>('[data-testid="board.note"]');
    if (noteEl) {
      const other = noteEl.dataset.noteId ? byId.get(noteEl.dataset.noteId) : undefined;
      if (other && other.id !== selfId && !isPrivateNote(other)) return { kind: 'note', note: other };
      continue;
    }
    const themeEl = el.closest<HTMLElement>('[data-testid="board.theme"]');
    if (themeEl?.dataset.themeId) return { kind: 'theme', themeId: themeEl.dataset.themeId };
  }
  return null;
}

/**
 * Grouping by drag: a note dropped on another note makes a theme of the two, on a theme joins
 * it, and out of its theme leaves it. Returns false when the drop is a plain move, for the drag
 * to do as it always has.
 */
export function useGroupOnDrop(): (note: NoteView, clientX: number, clientY: number, centre: Point) => boolean {
  const { notesIndex, announcer } = useBoard();
  const frame = useFrame();
  const themes = useThemeCommands();
  return (note, clientX, clientY, centre) => {
    // A private note joins no theme: themes are on the shared board.
    if (isPrivateNote(note)) return false;
    const byId = notesIndex.get().byId;
    const outcome = dropOutcome(note, dropTargetAt(clientX, clientY, note.id, byId));
    switch (outcome.kind) {
      case 'move':
        return false;
      case 'stay':
        announcer.say('The note stays in its theme.');
        return true;
      case 'newTheme': {
        const other = byId.get(outcome.withNoteId);
        if (!other) return false;
        themes.groupNew([other.id, note.id], { zone: other.zone, x: other.x, y: other.y });
        return true;
      }
      case 'join':
        themes.join(outcome.themeId, [note.id]);
        return true;
      case 'leave': {
        const spot = landingSpot(frame, centre);
        if (!spot) return false;
        themes.takeOut(note.id, { zone: spot.zone.id, x: spot.x, y: spot.y });
        return true;
      }
    }
  };
}
