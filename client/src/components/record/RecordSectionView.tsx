import type { OutcomeRecord, RecordSection, RecordSectionOf } from '@balcony/shared';
import { ROLE_WORDS } from '../console/PeoplePanel';
import { dayWords, STATUS_WORDS } from '../../outcome/words';
import { REVIEW_OUTCOME_WORDS } from '../../outcome/reviewWords';
import { FollowsUp, SessionName } from '../review/FollowsUp';
import { RecordNoteList } from './RecordNotes';

/** Minutes spent, in words: "12 minutes", "under a minute", "not reached". */
function spentWords(ms: number, reached: boolean): string {
  if (!reached) return 'Not reached';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'Under a minute';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function Summary({ section, record }: { section: RecordSectionOf<'summary'>; record: OutcomeRecord }) {
  // A follow-up's review section says what it follows up; without one, the summary says it.
  const followsUp = record.previousSessionId !== null && !record.sections.some((s) => s.kind === 'review');
  return (
    <>
      {followsUp && <FollowsUp sessionId={record.previousSessionId!} />}
      <dl className="record-facts">
        <div>
          <dt>Title</dt>
          <dd>{section.title}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>{dayWords(section.date)}</dd>
        </div>
        <div>
          <dt>Template</dt>
          <dd>{section.templateName}</dd>
        </div>
      </dl>
      {section.notes.length > 0 && <RecordNoteList notes={section.notes} />}
    </>
  );
}

function Participants({ section }: { section: RecordSectionOf<'participants'> }) {
  const { participants } = section;
  return (
    <ul className="record-plain">
      {participants.byRole.map((r) => (
        <li key={r.role}>
          {ROLE_WORDS[r.role]}: {r.count}
          {r.names.length > 0 && ` (${r.names.join(', ')})`}
        </li>
      ))}
      {participants.anonymous && <li>An anonymous session: the record names nobody.</li>}
    </ul>
  );
}

function Phases({ section }: { section: RecordSectionOf<'phases'> }) {
  return (
    <table className="record-table">
      <thead>
        <tr>
          <th scope="col">Phase</th>
          <th scope="col">Planned</th>
          <th scope="col">Spent</th>
        </tr>
      </thead>
      <tbody>
        {section.phases.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.name}</th>
            <td>{p.plannedMinutes} minutes</td>
            <td>{spentWords(p.spentMs, p.reached)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Notes({ section }: { section: RecordSectionOf<'notes'> }) {
  const frames = new Set(section.zones.map((z) => z.frameLabel));
  return (
    <>
      {section.zones.map((z) => (
        <div key={z.zoneId} className="record-group">
          <h3>{frames.size > 1 ? `${z.frameLabel}: ${z.label}` : z.label}</h3>
          <RecordNoteList notes={z.notes} />
        </div>
      ))}
    </>
  );
}

function Themes({ section }: { section: RecordSectionOf<'themes'> }) {
  if (section.themes.length === 0) return <p className="record-empty">No themes were made.</p>;
  return (
    <>
      {section.themes.map((t) => (
        <div key={t.id} className="record-group">
          <h3>
            {t.title || 'Untitled theme'}
            {t.votes > 0 && <span className="record-meta"> · {t.votes === 1 ? '1 vote' : `${t.votes} votes`}</span>}
          </h3>
          <RecordNoteList notes={t.notes} empty="No notes in this theme." />
        </div>
      ))}
    </>
  );
}

function Votes({ section }: { section: RecordSectionOf<'votes'> }) {
  if (section.votes.length === 0) return <p className="record-empty">No votes were held.</p>;
  return (
    <>
      {section.votes.map((v, i) => (
        <div key={v.id} className="record-group">
          <h3>
            Vote {i + 1}, in {v.phaseName}
          </h3>
          {v.results.length === 0 ? (
            <p className="record-empty">No votes were cast.</p>
          ) : (
            <ol className="record-ranked">
              {v.results.map((r) => (
                <li key={r.targetId}>
                  {r.text || 'Untitled'} <span className="record-meta">— {r.votes === 1 ? '1 vote' : `${r.votes} votes`}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </>
  );
}

function Priorities({ section }: { section: RecordSectionOf<'priorities'> }) {
  if (section.items.length === 0) return <p className="record-empty">No vote decided the priorities.</p>;
  return (
    <ol className="record-ranked">
      {section.items.map((r) => (
        <li key={r.targetId}>
          {r.text || 'Untitled'} <span className="record-meta">— {r.votes === 1 ? '1 vote' : `${r.votes} votes`}</span>
        </li>
      ))}
    </ol>
  );
}

function Paradigms({ section }: { section: RecordSectionOf<'paradigms'> }) {
  return (
    <>
      {section.statements.map((s) => (
        <div key={s.zoneId} className="record-group">
          <h3>{s.frameLabel ? `${s.frameLabel}: ${s.label}` : s.label}</h3>
          {s.confirmed.length > 0 && (
            <>
              <p className="record-sub">Agreed statement</p>
              <RecordNoteList notes={s.confirmed} />
            </>
          )}
          {s.proposals.length > 0 && (
            <>
              <p className="record-sub">{s.confirmed.length > 0 ? 'Other proposals' : 'Proposals'}</p>
              <RecordNoteList notes={s.proposals} />
            </>
          )}
          {s.confirmed.length + s.proposals.length === 0 && <p className="record-empty">No statement was written.</p>}
        </div>
      ))}
    </>
  );
}

function Scale({ section }: { section: RecordSectionOf<'scale'> }) {
  return (
    <>
      {section.scales.map((s) => (
        <div key={s.zoneId} className="record-group">
          <h3>{s.label}</h3>
          <p className="record-sub">
            From {s.from} ({s.fromLabel}) to {s.to} ({s.toLabel})
          </p>
          {s.markers.length === 0 ? (
            <p className="record-empty">Nobody placed a marker.</p>
          ) : (
            <ul className="record-plain">
              {s.markers.map((m) => (
                <li key={m.note.id}>
                  <strong>{m.value}</strong> — {m.note.text}
                  {m.note.author && <span className="record-meta"> ({m.note.author})</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}

function Actions({ section, record }: { section: RecordSectionOf<'actions'>; record: OutcomeRecord }) {
  if (section.actions.length === 0) return <p className="record-empty">No actions were agreed.</p>;
  const withElement = section.actions.some((a) => a.element);
  const withStakeholder = section.actions.some((a) => a.stakeholder);
  const noteText = new Map(record.notes.map((n) => [n.id, n.text]));
  const themeTitle = new Map(record.themes.map((t) => [t.id, t.title]));
  return (
    <table className="record-table" data-testid="record.actions">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Who</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
          {withElement && <th scope="col">Element</th>}
          {withStakeholder && <th scope="col">Whom to influence</th>}
        </tr>
      </thead>
      <tbody>
        {section.actions.map((a) => {
          const from = [...(a.themeId ? [`Theme: ${themeTitle.get(a.themeId) ?? ''}`] : []), ...a.noteIds.map((id) => `“${noteText.get(id) ?? ''}”`)];
          return (
            <tr key={a.id} data-testid="record.action">
              <th scope="row">
                {a.text}
                {from.length > 0 && <span className="record-from">From {from.join('; ')}</span>}
              </th>
              <td data-testid="record.action.owner">{a.owner ?? 'No one yet'}</td>
              <td data-testid="record.action.due">{a.due ? dayWords(a.due) : 'No date'}</td>
              <td>{STATUS_WORDS[a.status]}</td>
              {withElement && <td>{a.element?.label ?? '—'}</td>}
              {withStakeholder && <td>{a.stakeholder ?? '—'}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A follow-up's look back at the actions carried over from the session before. */
function Review({ section, record }: { section: RecordSectionOf<'review'>; record: OutcomeRecord }) {
  return (
    <>
      {record.previousSessionId !== null && <FollowsUp sessionId={record.previousSessionId} />}
      {section.items.length === 0 ? (
        <p className="record-empty">No actions were carried over.</p>
      ) : (
        <table className="record-table" data-testid="record.review">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Who</th>
              <th scope="col">Due</th>
              <th scope="col">Outcome</th>
              <th scope="col">Note</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {section.items.map((i) => (
              <tr key={i.actionId} data-testid="record.reviewItem" data-outcome={i.outcome ?? 'none'}>
                <th scope="row">{i.text}</th>
                <td data-testid="record.reviewItem.owner">{i.owner ?? 'No one'}</td>
                <td>{i.due ? dayWords(i.due) : 'No date'}</td>
                <td data-testid="record.reviewItem.outcome">{i.outcome ? REVIEW_OUTCOME_WORDS[i.outcome] : 'Not reviewed'}</td>
                <td data-testid="record.reviewItem.note">{i.note || '—'}</td>
                <td>{i.fromSessionId === record.previousSessionId ? 'The session before' : <SessionName sessionId={i.fromSessionId} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function SectionBody({ section, record }: { section: RecordSection; record: OutcomeRecord }) {
  switch (section.kind) {
    case 'summary':
      return <Summary section={section} record={record} />;
    case 'participants':
      return <Participants section={section} />;
    case 'phases':
      return <Phases section={section} />;
    case 'notes':
      return <Notes section={section} />;
    case 'starred':
      return section.notes.length > 0 ? <RecordNoteList notes={section.notes} /> : <p className="record-empty">No notes were starred.</p>;
    case 'themes':
      return <Themes section={section} />;
    case 'votes':
      return <Votes section={section} />;
    case 'priorities':
      return <Priorities section={section} />;
    case 'paradigms':
      return <Paradigms section={section} />;
    case 'scale':
      return <Scale section={section} />;
    case 'actions':
      return <Actions section={section} record={record} />;
    case 'review':
      return <Review section={section} record={record} />;
  }
}

/** One section of the record, under its own heading, in the order the template gives. */
export function RecordSectionView({ section, record }: { section: RecordSection; record: OutcomeRecord }) {
  return (
    <section className="record-section" data-testid="record.section" data-section-id={section.id} data-kind={section.kind} aria-labelledby={`record-${section.id}`}>
      <h2 id={`record-${section.id}`}>{section.label}</h2>
      <SectionBody section={section} record={record} />
    </section>
  );
}
