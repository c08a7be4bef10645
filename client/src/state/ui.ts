import { create } from 'zustand';
import { DEFAULT_NOTE_COLOR } from '@balcony/shared';

/** Where a popup opens, from the button that opened it (viewport pixels). */
export interface Anchor {
  left: number;
  top: number;
  bottom: number;
  right: number;
}

export interface Toast {
  text: string;
  /** Offers an Undo button next to the words. */
  undo: boolean;
  seq: number;
}

/**
 * State of this person's screen only. The board itself never lives here: it is read from the
 * Yjs document.
 */
export interface UiState {
  selectedNoteId: string | null;
  editingNoteId: string | null;
  /** The zone that last had focus: where *Add note* puts a note. */
  activeZoneId: string | null;
  /** The open note menu, and what opened it: Escape goes back there, to the note or its button. */
  noteMenu: { noteId: string; anchor: Anchor; from: 'note' | 'button' } | null;
  moveDialogNoteId: string | null;
  shareOpen: boolean;
  sessionMenuOpen: boolean;
  /** A note whose element should take focus once it is on screen (e.g. after it changed zone). */
  pendingFocusNoteId: string | null;
  /** The colour of the next new note: the last one this person picked. */
  newNoteColor: string;
  toast: Toast | null;
  /** Index into ZOOM_STEPS: 0 fits the whole board. */
  zoomStep: number;
  /**
   * The frame this person chose to look at; null shows the current phase's. A new phase or the
   * facilitator's follow-me sets it back (board/frames.ts).
   */
  viewFrameId: string | null;
  /** The two webs of a cultural web drawn next to each other at one scale. */
  sideBySide: boolean;
  /** The facilitator console beside the board (facilitators only); hidden for a projector. */
  consoleOpen: boolean;
  /** The actions panel beside the board; it opens by itself as the actions phase begins. */
  actionsOpen: boolean;
  /** Notes picked for grouping (Shift- or Ctrl-click, or Ctrl+Space), in the order picked. */
  pickedNoteIds: readonly string[];
  /** The theme whose name is being written. */
  renamingThemeId: string | null;
  /** The note "Group with…" is open for. */
  groupDialogNoteId: string | null;
  /** The note whose withdrawal waits for its writer to confirm. */
  withdrawNoteId: string | null;
  /** Why the server refused this person's last dot, until the next one goes through. */
  voteProblem: string | null;
  /** The vote whose results this person put away. */
  hiddenResultsVoteId: string | null;

  select: (noteId: string | null) => void;
  clearSelection: () => void;
  startEditing: (noteId: string) => void;
  stopEditing: () => void;
  setActiveZone: (zoneId: string | null) => void;
  openNoteMenu: (noteId: string, anchor: Anchor, from?: 'note' | 'button') => void;
  closeNoteMenu: () => void;
  openMoveDialog: (noteId: string) => void;
  closeMoveDialog: () => void;
  setShareOpen: (open: boolean) => void;
  setSessionMenuOpen: (open: boolean) => void;
  requestFocus: (noteId: string | null) => void;
  setNewNoteColor: (color: string) => void;
  showToast: (text: string, undo?: boolean) => void;
  clearToast: () => void;
  setZoomStep: (step: number) => void;
  showFrame: (frameId: string | null) => void;
  setSideBySide: (on: boolean) => void;
  setConsoleOpen: (open: boolean) => void;
  setActionsOpen: (open: boolean) => void;
  setPicked: (noteIds: readonly string[]) => void;
  startRenamingTheme: (themeId: string) => void;
  stopRenamingTheme: () => void;
  openGroupDialog: (noteId: string) => void;
  closeGroupDialog: () => void;
  askWithdraw: (noteId: string | null) => void;
  setVoteProblem: (problem: string | null) => void;
  hideResults: (voteId: string | null) => void;
  reset: () => void;
}

const initial = {
  selectedNoteId: null,
  editingNoteId: null,
  activeZoneId: null,
  noteMenu: null,
  moveDialogNoteId: null,
  shareOpen: false,
  sessionMenuOpen: false,
  pendingFocusNoteId: null,
  newNoteColor: DEFAULT_NOTE_COLOR,
  toast: null,
  zoomStep: 0,
  viewFrameId: null,
  sideBySide: false,
  consoleOpen: true,
  actionsOpen: false,
  pickedNoteIds: [] as readonly string[],
  renamingThemeId: null,
  groupDialogNoteId: null,
  withdrawNoteId: null,
  voteProblem: null,
  hiddenResultsVoteId: null,
} satisfies Partial<UiState>;

function narrowScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches;
}

export const useUi = create<UiState>()((set, get) => ({
  ...initial,
  select: (noteId) => set({ selectedNoteId: noteId }),
  /** What was selected or open belongs to a frame that has gone out of view. */
  clearSelection: () =>
    set({ selectedNoteId: null, editingNoteId: null, noteMenu: null, moveDialogNoteId: null, pickedNoteIds: [], renamingThemeId: null, groupDialogNoteId: null }),
  startEditing: (noteId) => set({ editingNoteId: noteId, selectedNoteId: noteId, noteMenu: null }),
  stopEditing: () => set({ editingNoteId: null }),
  setActiveZone: (zoneId) => set({ activeZoneId: zoneId }),
  openNoteMenu: (noteId, anchor, from = 'button') => set({ noteMenu: { noteId, anchor, from }, selectedNoteId: noteId }),
  closeNoteMenu: () => set({ noteMenu: null }),
  openMoveDialog: (noteId) => set({ moveDialogNoteId: noteId, noteMenu: null, selectedNoteId: noteId }),
  closeMoveDialog: () => set({ moveDialogNoteId: null }),
  setShareOpen: (open) => set({ shareOpen: open }),
  setSessionMenuOpen: (open) => set({ sessionMenuOpen: open }),
  requestFocus: (noteId) => set({ pendingFocusNoteId: noteId }),
  setNewNoteColor: (color) => set({ newNoteColor: color }),
  showToast: (text, undo = false) => set({ toast: { text, undo, seq: (get().toast?.seq ?? 0) + 1 } }),
  clearToast: () => set({ toast: null }),
  setZoomStep: (step) => set({ zoomStep: step }),
  showFrame: (frameId) => set({ viewFrameId: frameId }),
  setSideBySide: (on) => set({ sideBySide: on }),
  setConsoleOpen: (open) => set({ consoleOpen: open }),
  setActionsOpen: (open) => set({ actionsOpen: open }),
  setPicked: (noteIds) => set({ pickedNoteIds: noteIds }),
  startRenamingTheme: (themeId) => set({ renamingThemeId: themeId, noteMenu: null }),
  stopRenamingTheme: () => set({ renamingThemeId: null }),
  openGroupDialog: (noteId) => set({ groupDialogNoteId: noteId, noteMenu: null, selectedNoteId: noteId }),
  closeGroupDialog: () => set({ groupDialogNoteId: null }),
  askWithdraw: (noteId) => set({ withdrawNoteId: noteId, noteMenu: null }),
  setVoteProblem: (problem) => set({ voteProblem: problem }),
  hideResults: (voteId) => set({ hiddenResultsVoteId: voteId }),
  // On a phone the console would push the board off the screen: it starts hidden there.
  reset: () => set({ ...initial, consoleOpen: !narrowScreen() }),
}));
