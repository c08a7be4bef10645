import { useEffect, useRef, useState } from 'react';
import { formatJoinCode } from '@balcony/shared';
import { useUi } from '../../state/ui';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The clipboard API needs a secure context and permission; the old way often still works.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

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
          <p className="hint">Anyone with the code can join while the session runs. Share it only with your group.</p>
        </>
      ) : (
        <p>The join code is on the device that started this session.</p>
      )}
    </aside>
  );
}
