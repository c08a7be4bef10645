import { useEffect, useId, useRef, useState } from 'react';
import { useBoard } from '../../board/BoardContext';
import { useUi } from '../../state/ui';
import { focusMenuItem } from '../board/menuKeys';

/** The top bar's menu: show the join code (facilitator) and leave the session. */
export function SessionMenu({ onLeave }: { onLeave: () => Promise<void> }) {
  const { me } = useBoard();
  const open = useUi((s) => s.sessionMenuOpen);
  const setOpen = useUi((s) => s.setSessionMenuOpen);
  const setShareOpen = useUi((s) => s.setShareOpen);
  const [leaving, setLeaving] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const isFacilitator = me.role === 'facilitator';

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, setOpen]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  return (
    <div className="session-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button"
        data-testid="topbar.menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        Menu
      </button>
      {open && (
        <div
          ref={menuRef}
          id={id}
          className="popup-menu session-menu-popup"
          role="menu"
          aria-label="Session"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close(true);
            } else if (e.key === 'Tab') {
              close(false);
            } else {
              focusMenuItem(e, menuRef.current);
            }
          }}
        >
          {isFacilitator && (
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setShareOpen(true);
                close(false);
              }}
            >
              Share / show join code
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="menu.leave"
            disabled={leaving}
            aria-describedby={`${id}-leave-hint`}
            onClick={async () => {
              setLeaving(true);
              await onLeave();
            }}
          >
            {leaving ? 'Leaving…' : 'Leave session'}
          </button>
          <p className="menu-hint" id={`${id}-leave-hint`}>
            {isFacilitator
              ? 'This device forgets the session and its copy of the board. To come back, join with the code.'
              : 'This device forgets the session and its copy of the board.'}
          </p>
        </div>
      )}
    </div>
  );
}
