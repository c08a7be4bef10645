import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS, type CreatedTeamLink, type TeamLink } from '@balcony/shared';
import { ApiError } from '../../api/http';
import { createTeamLink, listTeamLinks, revokeTeamLink, teamLinkUrl } from '../../api/teamLinks';
import { useBoard } from '../../board/BoardContext';
import { apiFailureWords } from '../../outcome/apiWords';
import { dateTimeWords } from '../../outcome/words';
import { sessionToken } from '../../session/token';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { copyText } from '../common/copyText';
import { LengthCounter, useLengthLimit } from '../start/LengthLimit';
import '../../styles/review.css';

function makeFailureWords(err: unknown): string {
  if (err instanceof ApiError && err.code === 'too_many_links') {
    return `This session already has ${LIMITS.teamLinksPerSession} team links, as many as it may. Revoke one nobody needs any more, then make the new one.`;
  }
  return apiFailureWords(err, 'The link was not made.');
}

/**
 * Team links: read-only addresses that let the team come back to this session's record and
 * snapshots without joining. The facilitator makes one (with a label saying whom it is for),
 * copies its address the one time it is shown, and revokes it when it should open nothing more.
 * Kept in the console after the session ends, when a team link is most wanted.
 */
export function TeamLinksPanel() {
  const { conn } = useBoard();
  const id = useId();
  const token = sessionToken(conn.sessionId);
  const [links, setLinks] = useState<TeamLink[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<CreatedTeamLink | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const [said, setSaid] = useState<{ text: string; problem: boolean } | null>(null);
  const [revoking, setRevoking] = useState<TeamLink | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const makeRef = useRef<HTMLButtonElement>(null);
  const limit = useLengthLimit(label, LIMITS.teamLinkLabelMax, 'a label');

  const refresh = useCallback(async () => {
    if (!token) return;
    try {
      setLinks(await listTeamLinks(conn.sessionId, token));
    } catch (err) {
      setSaid({ text: apiFailureWords(err, 'The list of team links could not be read.'), problem: true });
    }
  }, [conn.sessionId, token]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The new address takes focus, so that it is read out and can be copied at once.
  useEffect(() => {
    if (made) urlRef.current?.focus();
  }, [made]);

  const make = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    setBusy(true);
    setCopied(null);
    try {
      const trimmed = label.trim();
      const link = await createTeamLink(conn.sessionId, token, trimmed ? { label: trimmed } : {});
      setMade(link);
      setLabel('');
      setSaid(null);
      await refresh();
    } catch (err) {
      setSaid({ text: makeFailureWords(err), problem: true });
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!made) return;
    setCopied((await copyText(teamLinkUrl(made.token))) ? 'yes' : 'no');
  };

  const putAway = () => {
    setMade(null);
    setCopied(null);
    makeRef.current?.focus();
  };

  const name = (link: TeamLink) => link.label ?? 'Unlabelled link';

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.teamLinks">
      <h3 id={`${id}-title`}>Team links</h3>
      <p className="hint">
        A team link lets the team read this session's record and snapshots without joining. It changes nothing, and you can revoke it at any time.
      </p>

      {made && (
        <div className="team-link-made" data-testid="console.teamLinks.made">
          <label htmlFor={`${id}-url`}>New link{made.label ? ` for ${made.label}` : ''}</label>
          <input
            ref={urlRef}
            id={`${id}-url`}
            className="team-link-url"
            data-testid="console.teamLinks.url"
            readOnly
            value={teamLinkUrl(made.token)}
            aria-describedby={`${id}-once`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="hint" id={`${id}-once`}>
            <strong>Copy it now:</strong> this address is shown only this once. If it is lost, revoke it and make another.
          </p>
          <div className="console-buttons">
            <button type="button" className="button button-primary" data-testid="console.teamLinks.copy" onClick={() => void copy()}>
              Copy link
            </button>
            <button type="button" className="button" data-testid="console.teamLinks.done" onClick={putAway}>
              Done
            </button>
          </div>
          <p className="hint" role="status" data-testid="console.teamLinks.copied">
            {copied === 'yes' ? 'Link copied.' : copied === 'no' ? 'It could not be copied here: select the address and copy it yourself.' : ''}
          </p>
        </div>
      )}

      <form className="team-link-form" onSubmit={(e) => void make(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-label`}>
            Whom it is for <span className="optional">(optional)</span>
          </label>
          <input
            id={`${id}-label`}
            data-testid="console.teamLinks.label"
            value={label}
            maxLength={LIMITS.teamLinkLabelMax}
            aria-describedby={`${id}-label-count`}
            onChange={(e) => setLabel(e.target.value)}
            onPaste={limit.onPaste}
            onInput={limit.onInput}
          />
          <LengthCounter id={`${id}-label-count`} limit={limit} />
        </div>
        <div className="console-buttons">
          <button ref={makeRef} type="submit" className="button" data-testid="console.teamLinks.make" disabled={busy || !token}>
            {busy ? 'Making the link…' : 'Make a team link'}
          </button>
        </div>
      </form>

      <p className={said?.problem ? 'form-error' : 'hint'} role="status" data-testid="console.teamLinks.status">
        {said?.text}
      </p>

      {links === null ? (
        <p className="hint">Reading the team links…</p>
      ) : links.length === 0 ? (
        <p className="hint" data-testid="console.teamLinks.none">
          No team links yet.
        </p>
      ) : (
        <ul className="console-list team-link-list" aria-label="Team links that work now">
          {links.map((l) => (
            <li key={l.linkId} className="snapshot-row" data-testid="console.teamLink" data-link-id={l.linkId}>
              <span>
                <strong data-testid="console.teamLink.label">{name(l)}</strong>
                <span className="console-person-state">Made {dateTimeWords(l.createdAt)}</span>
              </span>
              <button
                type="button"
                className="button"
                data-testid="console.teamLink.revoke"
                aria-haspopup="dialog"
                onClick={() => setRevoking(l)}
              >
                Revoke…<span className="visually-hidden"> {name(l)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the team link “${revoking ? name(revoking) : ''}”?`}
        confirmLabel="Revoke link"
        danger
        testId="revokeLinkDialog"
        onClose={() => {
          setRevoking(null);
          makeRef.current?.focus();
        }}
        onConfirm={async () => {
          if (!token || !revoking) return null;
          try {
            await revokeTeamLink(conn.sessionId, token, revoking.linkId);
          } catch (err) {
            if (!(err instanceof ApiError && err.code === 'not_found')) return apiFailureWords(err, 'The link was not revoked.');
            // Revoked already, from another device: the list says so once it is read again.
          }
          setSaid({ text: `The link “${name(revoking)}” is revoked: it opens nothing any more.`, problem: false });
          await refresh();
          return null;
        }}
      >
        <p>Anyone who opens it from now on sees nothing of this session. The session, its record and other links stay as they are.</p>
      </ConfirmDialog>
    </section>
  );
}
