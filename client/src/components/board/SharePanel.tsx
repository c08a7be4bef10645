import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatJoinCode } from '@balcony/shared';
import { useUi } from '../../state/ui';
import { useBoard, useStore } from '../../board/BoardContext';
import { loadSession } from '../../session/storage';
import { useJoinLock } from '../../api/joinLock';
import { copyText } from '../common/copyText';

/**
 * The join code, large enough to read off a projector, and the join link. A panel beside the
 * board, not a modal: the board stays usable while it is open.
 */
export function SharePanel({ joinCode }: { joinCode: string | null }) {
  const setShareOpen = useUi((s) => s.setShareOpen);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const link = joinCode ? `${location.origin}/join/${joinCode}` : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const close = () => {
    setShareOpen(false);
    document.querySelector<HTMLElement>('[data-testid="topbar.share"]')?.focus();
  };

  return (
    <aside
      className="share-panel"
      data-testid="share.panel"
      aria-labelledby="share-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <div className="share-head">
        <h2 id="share-title" ref={headingRef} tabIndex={-1}>
          Invite your group
        </h2>
        <button type="button" className="button" data-testid="share.close" onClick={close}>
          Close
        </button>
      </div>
      {joinCode && link ? (
        <>
          <p className="share-step">
            Go to <strong>{location.host}</strong>, choose <em>Join a session</em> and type:
          </p>
          <p className="share-code" data-testid="share.code">
            {formatJoinCode(joinCode)}
          </p>
          <p className="share-step">Or open this link:</p>
          <p className="share-link" data-testid="share.link">
            {link}
          </p>
          <div className="share-actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="share.copy"
              onClick={async () => setCopied((await copyText(link)) ? 'yes' : 'no')}
            >
              Copy link
            </button>
            <span className="share-copied" role="status">
              {copied === 'yes' ? 'Link copied.' : copied === 'no' ? 'Copying did not work: select the link and copy it.' : ''}
            </span>
          </div>
          <p className="hint">Anyone with the code can join while joining is open. Share it only with your group.</p>
        </>
      ) : (
        <p>The join code is on the device that started this session.</p>
      )}
      <JoinLockControl />
    </aside>
  );
}

function joinStateWords(locked: boolean | null, failed: boolean): string {
  if (locked === null) return failed ? 'Balcony could not check whether new people can join.' : 'Checking whether new people can join…';
  const state = locked
    ? 'Joining is closed: nobody new can join with the code. Everyone already here stays.'
    : 'Joining is open: anyone with the code can join.';
  return failed ? `${state} The change did not go through. Check your connection, then try again.` : state;
}

/**
 * Closing joining once the group is in: the code then lets nobody else in, however it travels.
 * The state is a live region, so the change is read out; the button keeps focus while it works.
 */
function JoinLockControl() {
  const { conn } = useBoard();
  const token = useMemo(() => loadSession(conn.sessionId)?.token ?? null, [conn.sessionId]);
  const live = useStore(conn.sessionState);
  const { locked, busy, failed, setLocked } = useJoinLock(conn.sessionId, token, live);
  const id = useId();
  const unavailable = locked === null || busy;

  return (
    <section className="share-joining" aria-labelledby={`${id}-title`} data-testid="share.joining">
      <h3 id={`${id}-title`}>New people</h3>
      <p role="status" id={`${id}-state`} data-testid="share.joinState" data-locked={locked === null ? undefined : String(locked)}>
        {joinStateWords(locked, failed)}
      </p>
      <button
        type="button"
        className="button"
        data-testid="share.joinLock"
        aria-describedby={`${id}-state`}
        // Not `disabled`: a disabled button drops keyboard focus while the change is on its way.
        aria-disabled={unavailable || undefined}
        onClick={() => {
          if (!unavailable) void setLocked(!locked);
        }}
      >
        {locked ? 'Reopen joining' : 'Close joining'}
      </button>
    </section>
  );
}
