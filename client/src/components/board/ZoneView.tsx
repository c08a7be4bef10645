import { Fragment, memo, useContext, useId, useMemo, type CSSProperties } from 'react';
import { notePositionToBoard, shapeBounds, zoneAt, type NoteView, type Point, type Rect, type Zone, type ZoneShape } from '@balcony/shared';
import { NamesContext, useAccess, useBoard, useFrame } from '../../board/BoardContext';
import { arrangeNotes, labelPlacement, labelRect, labelZoom, noteBox, noteZoom } from '../../board/layout';
import { arrangeMarkers, scaleTrack } from '../../board/scale';
import type { ZoneEmphasis } from '../../board/frames';
import { ScaleMarks, scaleDescription } from './ScaleMarks';
import { useCommands } from '../../board/commands';
import { isBoardWide, keyAction } from '../../board/keyMap';
import { useUi } from '../../state/ui';
import { NoteCard, type RemoteDrag } from './NoteCard';
import { ThemeGroup } from './ThemeGroup';
import { useThemes } from '../../board/useThemes';
import { arrangeTheme } from '../../board/themeLayout';

interface Props {
  zone: Zone;
  index: number;
  /** Highlighted as this phase's zone, dimmed as another on the phase's frame, or neither. */
  emphasis: ZoneEmphasis;
  notes: NoteView[];
  remoteDrags: ReadonlyMap<string, RemoteDrag>;
  toBoard: (clientX: number, clientY: number) => Point;
  /** The board's scale on screen, which decides how much larger notes and names are drawn. */
  scale: number;
}

function Shape({ shape }: { shape: ZoneShape }) {
  switch (shape.kind) {
    case 'rect':
      return <rect className="zone-shape" x={shape.x} y={shape.y} width={shape.w} height={shape.h} rx={14} />;
    case 'circle':
      return <circle className="zone-shape" cx={shape.cx} cy={shape.cy} r={shape.r} />;
    case 'polygon':
      return <polygon className="zone-shape" points={shape.points.map((p) => p.join(',')).join(' ')} />;
  }
}

/**
 * One zone: its shape, its name, its question while it is empty, and its notes. The element
 * covers the shape's bounding box but lets the pointer through; only the shape and the notes
 * take pointer events, so overlapping boxes of neighbouring segments do not steal clicks.
 */
export const ZoneView = memo(function ZoneView({ zone, index, emphasis, notes, remoteDrags, toBoard, scale }: Props) {
  const { nameOf } = useBoard();
  const frame = useFrame();
  const access = useAccess();
  // Drawn again when someone's name becomes known or changes.
  useContext(NamesContext);
  const commands = useCommands();
  const selectedNoteId = useUi((s) => s.selectedNoteId);
  const editingNoteId = useUi((s) => s.editingNoteId);
  const id = useId();
  const b = shapeBounds(zone.shape);
  const place = labelPlacement(zone, frame.board);
  const track = useMemo(() => scaleTrack(zone), [zone]);
  const count = notes.length;

  // Notes are drawn where they are clear of each other and of every zone's name.
  const noteZoomNow = noteZoom(scale);
  const nameZoom = labelZoom(scale);
  const box = noteBox(zone, noteZoomNow);
  const labels = useMemo(() => frame.zones.map((z) => labelRect(z, frame.board, nameZoom)), [frame, nameZoom]);
  // Themes of this zone, each a block holding its notes; the other notes keep clear of them.
  const allThemes = useThemes();
  const themes = useMemo(() => allThemes.list.filter((t) => t.zone === zone.id), [allThemes, zone.id]);
  // Arranged again only when a note of this zone comes, goes, moves or changes theme, not as someone types.
  const placedKey = notes.map((n) => `${n.id}:${n.x}:${n.y}:${n.themeId ?? ''}`).join('|');
  // A theme's name and colour are drawn from here too, so they are part of the key.
  const themeKey = JSON.stringify(themes.map((t) => [t.id, t.x, t.y, t.color, t.title]));
  const grouped = useMemo(() => {
    const ids = new Set(themes.map((t) => t.id));
    const members = new Map<string, string[]>();
    for (const n of notes) if (n.themeId && ids.has(n.themeId)) members.set(n.themeId, [...(members.get(n.themeId) ?? []), n.id]);
    // In id order, each below those before it where they would meet, so two themes never cover each other's notes.
    const drawn: Rect[] = [];
    return themes.map((t) => {
      const arranged = arrangeTheme(zone, t, members.get(t.id) ?? [], box, noteZoomNow, [...labels, ...drawn]);
      drawn.push(arranged.rect);
      return { theme: t, ...arranged, count: members.get(t.id)?.length ?? 0 };
    });
    // notes and themes are read through their keys, which change whenever a place or a theme does.
  }, [zone, placedKey, themeKey, box.w, box.h, noteZoomNow, labels]);
  const inTheme = useMemo(() => {
    const map = new Map<string, (typeof grouped)[number]>();
    for (const g of grouped) for (const id of g.at.keys()) map.set(id, g);
    return map;
  }, [grouped]);
  const drawn = useMemo(() => {
    const placed = notes.filter((n) => !inTheme.has(n.id)).map((n) => ({ id: n.id, centre: notePositionToBoard(zone, n) }));
    const clear = grouped.length > 0 ? [...labels, ...grouped.map((g) => g.rect)] : labels;
    // On a scale a marker's place is its answer, so markers are never moved sideways.
    return track ? arrangeMarkers(zone, track, placed, box) : arrangeNotes(zone, placed, box, clear);
    // notes is read through placedKey, which changes whenever a note's place does.
  }, [zone, track, placedKey, box.w, box.h, labels, grouped, inTheme]);
  const drawnAt = drawn.at;

  // The note's own size, in its units: narrower in a column, shorter in a crowded zone.
  const noteWidth = drawn.box.w / noteZoomNow;
  const noteHeight = drawn.box.h / noteZoomNow;

  const textStyle: CSSProperties = {
    left: place.left,
    right: place.right,
    top: place.top,
    bottom: place.bottom,
    width: place.width,
    textAlign: place.align,
    transform: place.middle ? 'translateY(-50%)' : undefined,
  };

  /** One note as drawn here: loose at its place, or in its theme's block in a shorter box. */
  const card = (note: NoteView, at: Point, size: { w: number; h: number; cascade: boolean }) => (
    <NoteCard
      key={note.id}
      note={note}
      zone={zone}
      authorName={nameOf(note.authorId)}
      selected={selectedNoteId === note.id}
      editing={editingNoteId === note.id}
      remoteDrag={remoteDrags.get(note.id) ?? null}
      drawnX={at.x}
      drawnY={at.y}
      cascade={size.cascade}
      boxW={size.w}
      boxH={size.h}
    />
  );

  return (
    <div
      className={`zone zone-${index % 2 ? 'odd' : 'even'} zone-kind-${zone.shape.kind}${count === 0 ? ' is-empty' : ''}${drawn.cascade ? ' is-cascade' : ''} is-${emphasis}${track ? ' is-scale' : ''}`}
      data-testid="board.zone"
      data-zone-id={zone.id}
      data-emphasis={emphasis}
      tabIndex={0}
      role="group"
      aria-label={`${zone.label}${emphasis === 'focus' ? ' (this phase)' : ''}, ${count === 1 ? '1 note' : `${count} notes`}`}
      aria-describedby={`${id}-prompt`}
      aria-keyshortcuts={access.write ? 'Enter Alt+N' : undefined}
      style={
        {
          left: b.x,
          top: b.y,
          width: b.w,
          height: b.h,
          '--note-w': `${noteWidth}px`,
          '--note-h': `${noteHeight}px`,
        } as CSSProperties
      }
      onFocus={(e) => {
        if (e.target !== e.currentTarget) return;
        const ui = useUi.getState();
        ui.setActiveZone(zone.id);
        ui.select(null);
      }}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        // Typing on a zone writes a new note there, starting with the key typed (board/keyMap.ts).
        const action = keyAction(e, { place: 'zone' });
        if (action.kind === 'none' || isBoardWide(action)) return;
        if (action.kind === 'type') commands.typeNewNote(zone.id, action.text);
        else if (action.kind === 'startTyping') return commands.addNote(zone.id);
        e.preventDefault();
      }}
      onDoubleClick={(e) => {
        if ((e.target as Element).closest('[data-testid="board.note"]')) return;
        const point = toBoard(e.clientX, e.clientY);
        // The zone under the pointer decides, as it does for a drop.
        const target = zoneAt(frame, point) ?? zone;
        commands.addNote(target.id, point);
      }}
    >
      <svg
        className="zone-svg"
        width={b.w}
        height={b.h}
        viewBox={`${b.x} ${b.y} ${b.w} ${b.h}`}
        aria-hidden="true"
        onPointerDown={() => {
          const ui = useUi.getState();
          ui.select(null);
          ui.closeNoteMenu();
        }}
      >
        <Shape shape={zone.shape} />
        {track && <ScaleMarks track={track} />}
      </svg>
      {track && (
        <>
          <div className="scale-end scale-end-from" aria-hidden="true" style={{ left: track.x0 - b.x - 60, top: track.y - b.y + 40 }}>
            {track.scale.fromLabel}
          </div>
          <div className="scale-end scale-end-to" aria-hidden="true" style={{ right: b.x + b.w - track.x1 - 60, top: track.y - b.y + 40 }}>
            {track.scale.toLabel}
          </div>
        </>
      )}
      <div className="zone-text" style={textStyle}>
        <div className="zone-label" data-testid="board.zone.label">
          {zone.label}
        </div>
        {count === 0 && (
          <div className="zone-prompt" data-testid="board.zone.prompt">
            {zone.prompt}
          </div>
        )}
      </div>
      <span id={`${id}-prompt`} hidden>
        {zone.prompt}
        {track && ` ${scaleDescription(track)}`}
      </span>
      {notes.map((note) =>
        inTheme.has(note.id)
          ? null
          : card(note, drawnAt.get(note.id) ?? notePositionToBoard(zone, note), { w: noteWidth, h: noteHeight, cascade: drawn.cascade }),
      )}
      {grouped.map((g) => (
        <Fragment key={g.theme.id}>
          <ThemeGroup theme={g.theme} zone={zone} rect={g.rect} count={g.count} />
          {notes.map((note) => {
            const at = g.at.get(note.id);
            return at ? card(note, at, { w: g.box.w / noteZoomNow, h: g.box.h / noteZoomNow, cascade: false }) : null;
          })}
        </Fragment>
      ))}
    </div>
  );
});
