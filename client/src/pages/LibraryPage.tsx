import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  chainsOf,
  compareWithPreviousHref,
  entryTitle,
  matchesFilter,
  resultWords,
  templateChoices,
  type LibraryEntry,
  type SessionFacts,
} from '../library/entries';
import { useLibrary } from '../library/useLibrary';
import { LibraryItem } from '../components/library/LibraryItem';
import { FollowUpDialog } from '../components/library/FollowUpDialog';
import { ConfirmDialog } from '../components/common/ConfirmDialog';
import { useDocumentTitle } from './useDocumentTitle';
import '../styles/library.css';

const ALL = '';

/**
 * The sessions this browser hosted or joined and the team links it opened, newest first, a chain
 * of follow-ups together in the order they were held. Everything here is kept in this browser;
 * the server is asked how each session stands.
 */
export function LibraryPage() {
  useDocumentTitle('Library');
  const id = useId();
  const { entries, forget } = useLibrary();
  const [query, setQuery] = useState('');
  const [templateId, setTemplateId] = useState(ALL);
  const [followingUp, setFollowingUp] = useState<(LibraryEntry & { facts: SessionFacts }) | null>(null);
  const [forgetting, setForgetting] = useState<LibraryEntry | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Set once a session is forgotten and the dialog closes: focus moves on once the list has changed.
  const [refocus, setRefocus] = useState(false);
  const forgotten = useRef(false);
  // Where focus goes back to when a dialog closes: the button that opened it.
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    (searchRef.current ?? headingRef.current)?.focus();
  }, [refocus]);

  const byId = useMemo(() => new Map(entries.map((e) => [e.sessionId, e])), [entries]);
  const known = useMemo(() => new Set(byId.keys()), [byId]);
  const templates = useMemo(() => templateChoices(entries), [entries]);
  const filter = { query, templateId: templateId === ALL ? null : templateId };
  const shown = entries.filter((e) => matchesFilter(e, filter));
  const chains = chainsOf(shown);
  const filtering = query.trim() !== '' || templateId !== ALL;
  // The place in the whole chain, not in what the search shows.
  const places = useMemo(() => {
    const map = new Map<string, string>();
    for (const chain of chainsOf(entries)) {
      if (chain.length < 2) continue;
      chain.forEach((e, i) => map.set(e.sessionId, `Session ${i + 1} of ${chain.length}${i === 0 ? '' : ' · a follow-up'}`));
    }
    return map;
  }, [entries]);

  const remember = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };
  const item = (e: LibraryEntry, level: 2 | 3) => (
    <LibraryItem
      entry={e}
      headingLevel={level}
      place={places.get(e.sessionId) ?? null}
      known={known}
      compareHref={compareWithPreviousHref(e, byId)}
      onFollowUp={(target) => {
        remember();
        setFollowingUp(target);
      }}
      onForget={(target) => {
        remember();
        setForgetting(target);
      }}
    />
  );

  return (
    <div className="library-page">
      <header className="library-head">
        <p className="library-home">
          <Link to="/">Balcony start page</Link>
        </p>
        <h1 ref={headingRef} tabIndex={-1}>
          Library
        </h1>
        <p className="library-lead">
          The sessions you hosted or joined on this device, and the team links you opened. This device keeps them, with its key to
          each; nobody else sees this list.
        </p>
      </header>
      <main className="library-main" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className="visually-hidden">
          Sessions
        </h2>
        {entries.length > 0 && (
          <search className="library-search" aria-label="Find a session">
            <div className="field">
              <label htmlFor={`${id}-query`}>Search by title</label>
              <input
                ref={searchRef}
                id={`${id}-query`}
                type="search"
                data-testid="library.search"
                value={query}
                autoComplete="off"
                dir="auto"
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-template`}>Template</label>
              <select id={`${id}-template`} data-testid="library.template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value={ALL}>All templates</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          </search>
        )}
        <p className="library-count" role="status" data-testid="library.count">
          {entries.length > 0 ? resultWords(shown.length, entries.length) : ''}
          {said && <span className="visually-hidden"> {said}</span>}
        </p>
        {entries.length === 0 && (
          <div className="library-empty" data-testid="library.empty">
            <p>Nothing here yet. Sessions you host or join on this device appear here, and so do team links you open.</p>
            <p>
              <Link className="button button-primary" to="/">
                Host or join a session
              </Link>
            </p>
          </div>
        )}
        {entries.length > 0 && shown.length === 0 && (
          <p className="library-empty">
            No session matches.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setQuery('');
                setTemplateId(ALL);
                searchRef.current?.focus();
              }}
            >
              Show every session
            </button>
          </p>
        )}
        <ol className="library-list" data-testid="library.list" data-filtered={filtering}>
          {chains.map((chain) =>
            chain.length === 1 ? (
              <li key={chain[0]!.sessionId}>{item(chain[0]!, 2)}</li>
            ) : (
              <li key={chain[0]!.sessionId}>
                <section className="library-chain" aria-labelledby={`${id}-chain-${chain[0]!.sessionId}`} data-testid="library.chain">
                  <h2 id={`${id}-chain-${chain[0]!.sessionId}`} className="library-chain-title">
                    “<span dir="auto">{entryTitle(chain[0]!)}</span>” and its follow-ups
                  </h2>
                  <ol className="library-chain-list">
                    {chain.map((e) => (
                      <li key={e.sessionId}>{item(e, 3)}</li>
                    ))}
                  </ol>
                </section>
              </li>
            ),
          )}
        </ol>
      </main>
      <FollowUpDialog
        entry={followingUp}
        onClose={() => {
          setFollowingUp(null);
          opener.current?.focus();
        }}
      />
      <ConfirmDialog
        open={forgetting !== null}
        title={forgetting ? `Forget “${entryTitle(forgetting)}” on this device?` : ''}
        confirmLabel="Forget on this device"
        testId="forgetDialog"
        onClose={() => {
          setForgetting(null);
          // The forgotten item's button is gone: focus goes to the search once the dialog has closed
          // (while it is open, everything behind it is inert and cannot take focus).
          if (forgotten.current) setRefocus(true);
          else opener.current?.focus();
          forgotten.current = false;
        }}
        onConfirm={async () => {
          if (!forgetting) return null;
          forget(forgetting);
          forgotten.current = true;
          setSaid(`“${entryTitle(forgetting)}” is forgotten on this device.`);
          return null;
        }}
      >
        {forgetting && <ForgetWords entry={forgetting} />}
      </ConfirmDialog>
    </div>
  );
}

function ForgetWords({ entry }: { entry: LibraryEntry }) {
  if (entry.access === 'team') {
    return (
      <>
        <p>This device forgets the team link and takes it off this list.</p>
        <p>The link is not revoked and the session is not deleted: anyone who has the link can still open it. Only its facilitator can revoke it.</p>
      </>
    );
  }
  return (
    <>
      <p>This device forgets the session, its key to it and its copy of the board, and takes it off this list.</p>
      <p>
        The session is not deleted: it stays on the server for the others until it is deleted or its time runs out.
        {entry.access === 'facilitated' ? ' This device can no longer facilitate it: joining again with the code makes you a participant.' : ''}
      </p>
    </>
  );
}
