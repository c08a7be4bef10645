import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { zoneById, type NoteView, type Point } from '@balcony/shared';
import { useBoard, useNotes, usePeers } from '../../board/BoardContext';
import { BOARD_MARGIN, labelZoom, noteCentre, noteZoom } from '../../board/layout';
import { useUi } from '../../state/ui';
import { ZoneView } from './ZoneView';
import { RemoteCursors } from './RemoteCursors';
import type { RemoteDrag } from './NoteCard';

/**
 * The board at its own size in board units, scaled as a whole: zones (SVG shapes), the notes in
 * each zone as HTML on top, and other people's cursors.
 */
export function BoardCanvas({ scale }: { scale: number }) {
  const { template, peers } = useBoard();
  const snapshot = useNotes();
  const peerList = usePeers();
  const canvasRef = useRef<HTMLDivElement>(null);

  const notesByZone = useMemo(() => {
    const map = new Map<string, NoteView[]>();
    for (const zone of template.zones) map.set(zone.id, []);
    for (const note of snapshot.list) map.get(note.zone)?.push(note);
    return map;
  }, [snapshot, template]);

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
      const zone = zoneById(template, peer.drag.zone);
      const centre = zone ? noteCentre(template, peer.drag) : null;
      if (centre) map.set(peer.drag.noteId, { centre, name: peer.user.name, color: peer.user.color });
    }
    return map;
    // peerList is read through dragKey, which changes whenever a drag does.
  }, [dragKey, template]);

  // Selection and editing of a note that no longer exists end with it.
  useEffect(() => {
    const ui = useUi.getState();
    if (ui.selectedNoteId && !snapshot.byId.has(ui.selectedNoteId)) ui.select(null);
    if (ui.editingNoteId && !snapshot.byId.has(ui.editingNoteId)) ui.stopEditing();
    if (ui.noteMenu && !snapshot.byId.has(ui.noteMenu.noteId)) ui.closeNoteMenu();
    if (ui.moveDialogNoteId && !snapshot.byId.has(ui.moveDialogNoteId)) ui.closeMoveDialog();
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
    width: template.board.width,
    height: template.board.height,
    left: BOARD_MARGIN.x * scale,
    top: BOARD_MARGIN.y * scale,
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
    <div
      ref={canvasRef}
      className={`board-canvas template-${template.id}`}
      data-testid="board.canvas"
      style={style}
      onPointerMove={(e) => {
        if (e.pointerType === 'mouse' || e.pointerType === 'pen') peers.setCursor(toBoard(e.clientX, e.clientY));
      }}
      onPointerLeave={() => peers.setCursor(null)}
    >
      {template.zones.map((zone, i) => (
        <ZoneView
          key={zone.id}
          zone={zone}
          index={i}
          notes={notesByZone.get(zone.id) ?? []}
          remoteDrags={remoteDrags}
          toBoard={toBoard}
          scale={scale}
        />
      ))}
      <RemoteCursors peers={peerList} />
    </div>
  );
}
