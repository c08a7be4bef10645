import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  ACCESS_WORDS,
  entryTitle,
  factsOf,
  newestSnapshot,
  openActionsWords,
  type LibraryEntry,
  type SessionFacts,
} from '../../library/entries';
import { dateWords } from '../../outcome/words';
import { BoardThumbnail } from './BoardThumbnail';

interface Props {
  entry: LibraryEntry;
  /** h2 for a session on its own, h3 inside a chain's section. */
  headingLevel: 2 | 3;
  /** The session's place in its chain ("Follow-up 1 of 2"), when it has one here. */
  place: string | null;
  /** Ids of the sessions in the library here: links to others are named in words instead. */
  known: ReadonlySet<string>;
  compareHref: string | null;
  onFollowUp: (entry: LibraryEntry & { facts: SessionFacts }) => void;
  onForget: (entry: LibraryEntry) => void;
}

/** One session in the library: what it is, how it stands, and where to go from here. */
export function LibraryItem({ entry, headingLevel, place, known, compareHref, onFollowUp, onForget }: Props) {
  const id = useId();
  const facts = factsOf(entry);
  const title = entryTitle(entry);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const base = `/s/${encodeURIComponent(entry.sessionId)}`;
  const snapshot = facts ? newestSnapshot(facts) : null;
  // Every link says whose it is to a screen reader, as each item has the same ones.
  const of = <span className="visually-hidden"> of {title}</span>;

  return (
    <article
      className={`library-item is-${entry.status.kind}`}
      aria-labelledby={`${id}-title`}
      data-testid="library.item"
      data-session-id={entry.sessionId}
      data-status={entry.status.kind}
    >
      <div className="library-item-picture">
        {facts && snapshot ? (
          <BoardThumbnail snapshot={snapshot} token={entry.token} template={facts.template} title={facts.title} />
        ) : (
          <div className="library-thumb is-none" data-testid="library.thumbnail.none">
            <span className="library-thumb-note">{facts ? 'No snapshot yet' : ''}</span>
          </div>
        )}
      </div>
      <div className="library-item-body">
        {place && <p className="library-place">{place}</p>}
        <Heading id={`${id}-title`} className="library-title" data-testid="library.item.title" dir="auto">
          {title}
        </Heading>
        <p className="library-access" data-testid="library.item.access">
          {ACCESS_WORDS[entry.access]}
          {entry.access === 'team' && entry.label ? ` · for ${entry.label}` : ''}
        </p>
        {facts && <Facts facts={facts} />}
        <StatusNote entry={entry} />
        {facts && <Links facts={facts} known={known} />}
        <div className="library-actions">
          {entry.status.kind !== 'gone' && (
            <>
              {entry.access !== 'team' && (
                <LinkTo to={base} testId="library.open">
                  Open board{of}
                </LinkTo>
              )}
              {facts && (
                <>
                  <LinkTo to={`${base}/record`} testId="library.record">
                    Record{of}
                  </LinkTo>
                  {/* Both show a snapshot: without one there is nothing to page through or present. */}
                  {snapshot && (
                    <>
                      <LinkTo to={`${base}/snapshots/${encodeURIComponent(snapshot.snapshotId)}`} testId="library.snapshots">
                        Snapshots{of}
                      </LinkTo>
                      <LinkTo to={`${base}/present`} testId="library.present">
                        Present{of}
                      </LinkTo>
                    </>
                  )}
                  {compareHref && (
                    <LinkTo to={compareHref} testId="library.compare">
                      Compare with the session before{of}
                    </LinkTo>
                  )}
                </>
              )}
              {facts && entry.access === 'facilitated' && (
                <button type="button" className="button" data-testid="library.followUp" aria-haspopup="dialog" onClick={() => onFollowUp({ ...entry, facts })}>
                  Start a follow-up{of}
                </button>
              )}
            </>
          )}
          <button type="button" className="button" data-testid="library.forget" aria-haspopup="dialog" onClick={() => onForget(entry)}>
            Forget{of}
          </button>
        </div>
      </div>
    </article>
  );
}

function LinkTo({ to, testId, children }: { to: string; testId: string; children: ReactNode }) {
  return (
    <Link className="button" to={to} data-testid={testId}>
      {children}
    </Link>
  );
}

function Facts({ facts }: { facts: SessionFacts }) {
  const ended = facts.endedAt !== null;
  return (
    <dl className="library-facts">
      <div>
        <dt>Template</dt>
        <dd data-testid="library.item.template">{facts.template.name}</dd>
      </div>
      <div>
        <dt>Date</dt>
        <dd data-testid="library.item.date">{dateWords(facts.createdAt)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <span className={`library-status ${ended ? 'is-ended' : 'is-live'}`} data-testid="library.item.status" data-ended={ended}>
            {ended ? 'Ended' : 'Live'}
          </span>
        </dd>
      </div>
      <div>
        <dt>Actions</dt>
        <dd data-testid="library.item.actions">{openActionsWords(facts.openActions)}</dd>
      </div>
    </dl>
  );
}

function StatusNote({ entry }: { entry: LibraryEntry }) {
  const { status } = entry;
  if (status.kind === 'loading') return <p className="library-note">Checking with the server…</p>;
  if (status.kind === 'unreachable') return <p className="library-note">{status.message}</p>;
  if (status.kind !== 'gone') return null;
  return (
    <p className="library-note library-gone" data-testid="library.item.gone">
      {entry.access === 'team'
        ? 'This team link no longer works: it was revoked, or the session was deleted.'
        : 'The server no longer has this session for this device: it was deleted, or this device’s place in it is no longer valid.'}
    </p>
  );
}

/** The sessions this one follows up and was followed up by, where they are not in the library here. */
function Links({ facts, known }: { facts: SessionFacts; known: ReadonlySet<string> }) {
  const previousAway = facts.previousSessionId !== null && !known.has(facts.previousSessionId);
  const followUpsAway = facts.followUps.filter((f) => !known.has(f.sessionId));
  if (!previousAway && followUpsAway.length === 0) return null;
  return (
    <ul className="library-links" data-testid="library.item.links">
      {previousAway && <li>Follows up a session that is not kept on this device.</li>}
      {followUpsAway.map((f) => (
        <li key={f.sessionId}>
          Followed up by “<span dir="auto">{f.title}</span>” on {dateWords(f.createdAt)}, not kept on this device.
        </li>
      ))}
    </ul>
  );
}
