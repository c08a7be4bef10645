import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { shapeBounds, type Rect, type ThemeView, type Zone } from '@balcony/shared';
import { useAccess, useBoard, useFrame } from '../../board/BoardContext';
import { isBoardWide, keyAction } from '../../board/keyMap';
import { themeLabel, themeName } from '../../board/grouping';
import { nudgeTheme } from '../../board/themeActions';
import { useCommands } from '../../board/commands';
import { useThemeCommands } from '../../board/themeCommands';
import { useUi } from '../../state/ui';
import { ThemeTitleField } from './ThemeTitleField';
import { VoteButtons, VoteCount } from './VoteButtons';
import { useThemeDrag } from './useThemeDrag';
import '../../styles/themes.css';

const NUDGE = 10;
const NUDGE_BIG = 50;

interface Props {
  theme: ThemeView;
  zone: Zone;
  /** The block's box on the frame, from arrangeTheme. */
  rect: Rect;
  count: number;
}

/**
 * A theme: a labelled block holding its notes (drawn over it by the zone). It takes focus; the
 * arrow keys move it with its notes, Enter names it, Delete ungroups it, and a drag by the block
 * moves it. Its name, Rename and Ungroup sit at its top.
 */
export const ThemeGroup = memo(function ThemeGroup({ theme, zone, rect, count }: Props) {
  const { conn, announcer } = useBoard();
  const frame = useFrame();
  const access = useAccess();
  const commands = useCommands();
  const themes = useThemeCommands();
  const renaming = useUi((s) => s.renamingThemeId === theme.id);
  const drag = useThemeDrag(theme, { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 });
  const b = shapeBounds(zone.shape);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const action = keyAction(e, { place: 'theme', dragging: drag.isMoving() });
    if (action.kind === 'none' || isBoardWide(action)) return;
    e.preventDefault();
    if (action.kind === 'cancelDrag') return drag.cancel();
    if (action.kind === 'ignore' || !commands.mayWrite()) return;
    if (action.kind === 'rename') useUi.getState().startRenamingTheme(theme.id);
    else if (action.kind === 'ungroup') themes.ungroup(theme.id);
    else if (action.kind === 'nudge') {
      const step = action.big ? NUDGE_BIG : NUDGE;
      const drawn = { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 };
      if (!nudgeTheme(conn, frame, theme, drawn, action.dx * step, action.dy * step)) announcer.say(`The theme is at the edge of ${zone.label}.`);
    }
  };

  const style = {
    left: rect.x - b.x,
    top: rect.y - b.y,
    width: rect.w,
    height: rect.h,
    '--theme-color': theme.color,
    transform: drag.offset ? `translate(${drag.offset.x}px, ${drag.offset.y}px)` : undefined,
  } as CSSProperties;

  return (
    <div
      className={`theme${drag.offset ? ' is-dragging' : ''}`}
      data-testid="board.theme"
      data-theme-id={theme.id}
      data-zone-id={theme.zone}
      data-notes={count}
      tabIndex={0}
      role="group"
      aria-roledescription="theme"
      aria-label={themeLabel(theme.title, count)}
      aria-keyshortcuts={access.write ? 'Enter Delete' : undefined}
      style={style}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget) useUi.getState().setActiveZone(theme.zone);
      }}
      {...drag.handlers}
    >
      <div className="theme-head">
        {renaming && access.write ? (
          <ThemeTitleField themeId={theme.id} title={theme.title} />
        ) : (
          <span className={`theme-title${theme.title.trim() ? '' : ' is-untitled'}`} data-testid="board.theme.title">
            {themeName(theme.title)}
          </span>
        )}
        <VoteCount targetId={theme.id} kind="themes" zoneId={theme.zone} />
        <VoteButtons targetId={theme.id} kind="themes" zoneId={theme.zone} tabbable />
        {access.write && !renaming && (
          <>
            <button
              type="button"
              className="theme-button"
              data-testid="board.theme.rename"
              onClick={() => useUi.getState().startRenamingTheme(theme.id)}
            >
              Rename<span className="visually-hidden"> theme {themeName(theme.title)}</span>
            </button>
            <button type="button" className="theme-button" data-testid="board.theme.ungroup" onClick={() => themes.ungroup(theme.id)}>
              Ungroup<span className="visually-hidden"> theme {themeName(theme.title)}</span>
            </button>
          </>
        )}
      </div>
    </div>
  );
});
