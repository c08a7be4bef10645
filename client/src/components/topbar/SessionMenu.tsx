import { useEffect, useId, useRef, useState } from 'react';
import type { Retention } from '@balcony/shared';
import { useNavigate } from 'react-router-dom';
import { useBoard } from '../../board/BoardContext';
import { useUi } from '../../state/ui';
import { deleteSession } from '../../api/http';
import { sessionToken } from '../../session/token';
import { apiFailureWords } from '../../outcome/apiWords';
import { retentionWords } from '../../outcome/words';
import { focusMenuItem } from '../board/menuKeys';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { RetentionDialog } from './RetentionDialog';

interface Props {
  onLeave: () => Promise<void>;
  /** How long the server keeps the session; unknown until it has been read. */
  retention: Retention | null;
}

/**
 * The top bar's menu: show the join code (facilitator), how long the session is kept (the
 * facilitator changes it, or deletes the session for good), and leave the session.
 */
export function SessionMenu({ onLeave, retention: readRetention }: Props) {
  const { me, conn } = useBoard();
  const [savedRetention, setSavedRetention] = useState<Retention | null>(null);
  const retention = savedRetention ?? readRetention;
  const [dialog, setDialog] = useState<'retention' | 'delete' | null>(null);
  const token = sessionToken(conn.sessionId);
  const open = useUi((s) => s.sessionMenuOpen);
  const setOpen = useUi((s) => s.setSessionMenuOpen);
  const setShareOpen = useUi((s) => s.setShareOpen);
  const [leaving, setLeaving] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const isFacilitator = me.role === 'facilitator';
  const navigate = useNavigate();

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
          {retention && (
            <p className="menu-hint" data-testid="menu.retention">
              {retentionWords(retention)}.
            </p>
          )}
          {isFacilitator && retention && (
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid="menu.retention.change"
              aria-haspopup="dialog"
              onClick={() => {
                close(false);
                setDialog('retention');
              }}
            >
              Change how long it is kept…
            </button>
          )}
          {isFacilitator && (
            <button
              type="button"
              role="menuitem"
              className="menu-item menu-danger"
              data-testid="menu.delete"
              aria-haspopup="dialog"
              onClick={() => {
                close(false);
                setDialog('delete');
              }}
            >
              Delete session for good…
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="menu.library"
            onClick={() => {
              close(false);
              void navigate('/library');
            }}
          >
            Library of sessions on this device
          </button>
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
      {isFacilitator && token && retention && (
        <RetentionDialog
          open={dialog === 'retention'}
          sessionId={conn.sessionId}
          token={token}
          retention={retention}
          onSaved={setSavedRetention}
          onClose={() => {
            setDialog(null);
            buttonRef.current?.focus();
          }}
        />
      )}
      {isFacilitator && token && (
        <ConfirmDialog
          open={dialog === 'delete'}
          title="Delete this session for good?"
          confirmLabel="Delete for good"
          danger
          testId="deleteDialog"
          onClose={() => {
            setDialog(null);
            buttonRef.current?.focus();
          }}
          onConfirm={async () => {
            try {
              await deleteSession(conn.sessionId, token);
            } catch (err) {
              return apiFailureWords(err, 'The session was not deleted.');
            }
            // Gone from the server: this device forgets it too, and goes to the start page.
            await onLeave();
            return null;
          }}
        >
          <p>The board, its snapshots and its record are deleted from the server, for everyone. Nobody can open them again, and this cannot be undone.</p>
          <p>Download the record first if you need to keep it.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
