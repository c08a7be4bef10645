import { useEffect, useRef } from 'react';
import { LIMITS } from '@balcony/shared';
import { useThemeCommands, focusThemeNow } from '../../board/themeCommands';
import { useUi } from '../../state/ui';

/** A theme's name, written in place: Enter keeps it, Escape leaves the name as it was. */
export function ThemeTitleField({ themeId, title }: { themeId: string; title: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const themes = useThemeCommands();
  const done = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save && ref.current) themes.rename(themeId, ref.current.value);
    useUi.getState().stopRenamingTheme();
    focusThemeNow(themeId);
  };

  return (
    <input
      ref={ref}
      className="theme-title-field"
      data-testid="board.theme.titleInput"
      aria-label="Theme name"
      placeholder="Name this theme"
      defaultValue={title}
      maxLength={LIMITS.themeTitleMax}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
    />
  );
}
