import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { zoneById, type Frame, type NoteView, type Point } from '@balcony/shared';
import { FrameContext, useBoard, useNotes, usePeers, usePhase } from '../../board/BoardContext';
import { BOARD_MARGIN, labelZoom, noteCentre, noteZoom } from '../../board/layout';
import { zoneEmphasis } from '../../board/frames';
import { useUi } from '../../state/ui';
import { ZoneView } from './ZoneView';
import { RemoteCursors } from './RemoteCursors';
import { NEUTRAL_PEER_COLOR } from '../../board/peers';
import type { RemoteDrag } from './NoteCard';

interface Props {
  frame: Frame;
  scale: number;
  /** Where this frame starts in the viewport's drawing, in board units (frames side by side). */
  offset: Point;
  /**
   * Whether cursors of people whose frame is unknown are drawn here: on one frame only, so that
   * side by side nobody's pointer shows twice.
   */
  primary: boolean;
}

/**
 * One frame at its own size in board units, scaled as a whole: zones (SVG shapes), the notes in
 * each zone as HTML on top, and other people's cursors on it.
 */
export function BoardCanvas({ frame, scale, offset, primary }: Props) {
  const { template, peers } = useBoard();
  const phase = usePhase();
  const snapshot = useNotes();
  const peerList = usePeers();
  const canvasRef = useRef<HTMLDivElement>(null);

  // A note belongs to the frame of its zone; notes of other frames are not drawn here.
  const notesByZone = useMemo(() => {
    const map = new Map<string, NoteView[]>();
    for (const zone of frame.zones) map.set(zone.id, []);
    for (const note of snapshot.list) map.get(note.zone)?.push(note);
    return map;
  }, [snapshot, frame]);

  // Notes someone else is dragging right now, drawn where they would land.
  // Keyed by what the drags are, so that cursor moves alone do not re-render the zones.
  const dragKey = peerList
    .filter((p) => p.drag)
    .map((p) => `${p.clientId}:${p.drag!.noteId}:${p.drag!.zone}:${p.drag!.x}:${p.drag!.y}`)
    .join('|');
  const remoteDrags = useMemo(() => {
    const map = new Map<string, RemoteDrag>();
    for (const peer of peerList) {
      if (!peer.drag) continue;
      const zone = zoneById(frame, peer.drag.zone);
      const centre = zone ? noteCentre(frame, peer.drag) : null;
      if (centre) map.set(peer.drag.noteId, { centre, name: peer.user?.name ?? '', color: peer.user?.color ?? NEUTRAL_PEER_COLOR });
    }
    return map;
    // peerList is read through dragKey, which changes whenever a drag does.
  }, [dragKey, frame]);

  const cursors = useMemo(() => peerList.filter((p) => (p.frame === null ? primary : p.frame === frame.id)), [peerList, primary, frame]);

  // Selection, picking and editing of a note that no longer exists end with it.
  useEffect(() => {
    const ui = useUi.getState();
    if (ui.selectedNoteId && !snapshot.byId.has(ui.selectedNoteId)) ui.select(null);
    if (ui.editingNoteId && !snapshot.byId.has(ui.editingNoteId)) ui.stopEditing();
    if (ui.noteMenu && !snapshot.byId.has(ui.noteMenu.noteId)) ui.closeNoteMenu();
    if (ui.moveDialogNoteId && !snapshot.byId.has(ui.moveDialogNoteId)) ui.closeMoveDialog();
    if (ui.groupDialogNoteId && !snapshot.byId.has(ui.groupDialogNoteId)) ui.closeGroupDialog();
    if (ui.pickedNoteIds.some((id) => !snapshot.byId.has(id))) ui.setPicked(ui.pickedNoteIds.filter((id) => snapshot.byId.has(id)));
  }, [snapshot]);

  const toBoard = useCallback(
    (clientX: number, clientY: number): Point => {
      const rect = canvasRef.current!.getBoundingClientRect();
      return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
    },
    [scale],
  );

  const zoom = noteZoom(scale);
  const style = {
    width: frame.board.width,
    height: frame.board.height,
    left: (BOARD_MARGIN.x + offset.x) * scale,
    top: (BOARD_MARGIN.y + offset.y) * scale,
    // A layer of its own from the start (translateZ): otherwise the first note dragged makes one,
    // and drawing a full board into it stalls the drag for a tenth of a second or more. A 3D
    // transform, not will-change, so that the board is drawn again, sharp, after each zoom.
    transform: `scale(${scale}) translateZ(0)`,
    '--scale': scale,
    '--label-zoom': labelZoom(scale),
    '--note-zoom': zoom,
    // How many screen pixels one of a note's own pixels takes.
    '--note-scale': scale * zoom,
  } as CSSProperties;

  return (
    <FrameContext.Provider value={frame}>
      <div
        ref={canvasRef}
        className={`board-canvas template-${template.id} layout-${frame.layout}`}
        data-testid="board.canvas"
        data-frame-id={frame.id}
        style={style}
        onPointerMove={(e) => {
          if (e.pointerType === 'mouse' || e.pointerType === 'pen') peers.setCursor(toBoard(e.clientX, e.clientY), frame.id);
        }}
        onPointerLeave={() => peers.setCursor(null)}
      >
        {frame.zones.map((zone, i) => (
          <ZoneView
            key={zone.id}
            zone={zone}
            index={i}
            emphasis={zoneEmphasis(frame, phase, zone.id)}
            notes={notesByZone.get(zone.id) ?? []}
            remoteDrags={remoteDrags}
            toBoard={toBoard}
            scale={scale}
          />
        ))}
        <RemoteCursors peers={cursors} />
      </div>
    </FrameContext.Provider>
  );
}
