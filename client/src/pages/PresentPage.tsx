import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { shapeBounds, zoneAnchor, type OutcomeRecord, type SnapshotSummary, type Template, type Zone } from '@balcony/shared';
import { getRecord } from '../api/http';
import { accessFor, type SessionAccess } from '../library/access';
import { buildSlides, type Slide } from '../present/slides';
import { NoSnapshotAccess, SnapshotProblemMessage } from '../components/snapshot/SnapshotMessages';
import { useDocumentTitle } from './useDocumentTitle';
import { chooseSnapshot } from './useRecord';
import { snapshotPath, snapshotProblem, useSnapshotSession, type Loaded, type SnapshotProblem } from './useSnapshotSession';
import '../styles/present.css';

/**
 * A session's work as full-screen slides, for a group presenting its web to its lecturer or a
 * team its learning to managers: its frames, zones, themes, votes and actions, from one snapshot
 * (`?snapshot=`; else the final one, else the newest). The arrow keys and a clicker's page keys
 * step through it, Escape leaves, and printing gives one slide a page.
 */
export function PresentPage() {
  const { sessionId = '' } = useParams();
  const access = useMemo(() => accessFor(sessionId), [sessionId]);
  if (!access) return <NoSnapshotAccess />;
  return <PresentOf key={sessionId} access={access} />;
}

type Shown = { snapshot: SnapshotSummary; record: OutcomeRecord };

function PresentOf({ access }: { access: SessionAccess }) {
  const [params] = useSearchParams();
  const wanted = params.get('snapshot');
  const [reloads, setReloads] = useState(0);
  const session = useSnapshotSession(access, reloads);
  const [load, setLoad] = useState<Loaded<Shown> | { kind: 'none' }>({ kind: 'loading' });

  useEffect(() => {
    if (session.kind !== 'ready') return;
    let cancelled = false;
    const snapshot = chooseSnapshot(session.value.snapshots, wanted);
    if (!snapshot) {
      setLoad(wanted ? { kind: 'problem', problem: { kind: 'gone' } } : { kind: 'none' });
      return;
    }
    setLoad({ kind: 'loading' });
    getRecord(snapshot.snapshotId, access.token).then(
      (record) => !cancelled && setLoad({ kind: 'ready', value: { snapshot, record } }),
      (err: unknown) => !cancelled && setLoad({ kind: 'problem', problem: snapshotProblem(err, 'The snapshot could not be opened.') }),
    );
    return () => {
      cancelled = true;
    };
  }, [session, wanted, access.token]);

  const title = session.kind === 'ready' ? session.value.title : null;
  useDocumentTitle(title ? `Presenting: ${title}` : 'Presenting');

  const retry = () => setReloads((n) => n + 1);
  const problem: SnapshotProblem | null = session.kind === 'problem' ? session.problem : load.kind === 'problem' ? load.problem : null;
  if (problem) return <SnapshotProblemMessage problem={problem} access={access} onRetry={retry} />;
  if (load.kind === 'none') {
    return (
      <main className="message-page">
        <h1>Nothing to present yet</h1>
        <p>This session has no snapshot yet. The facilitator takes one from the console, and one is taken as each phase ends.</p>
      </main>
    );
  }
  if (session.kind !== 'ready' || load.kind !== 'ready') {
    return (
      <main className="message-page" aria-busy="true">
        <h1>Opening the presentation…</h1>
      </main>
    );
  }
  return <Deck key={load.value.snapshot.snapshotId} sessionId={access.sessionId} template={session.value.template} shown={load.value} />;
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

function Deck({ sessionId, template, shown }: { sessionId: string; template: Template; shown: Shown }) {
  const navigate = useNavigate();
  const location = useLocation();
  const slides = useMemo(() => buildSlides(shown.record), [shown.record]);
  const [at, setAt] = useState(0);
  const [fullScreen, setFullScreen] = useState(false);
  const deckRef = useRef<HTMLDivElement>(null);
  const count = slides.length;
  const go = useCallback((i: number) => setAt(Math.max(0, Math.min(count - 1, i))), [count]);

  // Back where the person came from in the app (the snapshot page, the team page, the library);
  // to the snapshot's own page when this address was opened on its own (the router's first entry).
  const cameInApp = location.key !== 'default';
  const leave = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    if (cameInApp) void navigate(-1);
    else void navigate(snapshotPath(sessionId, shown.snapshot.snapshotId), { replace: true });
  }, [cameInApp, navigate, sessionId, shown.snapshot.snapshotId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // Space and Enter on a button are the button's: Full screen, Previous, Next.
      const onControl = (e.target as Element | null)?.closest?.('button, a, input, select, textarea');
      if (onControl && (e.key === ' ' || e.key === 'Enter')) return;
      if (NEXT_KEYS.has(e.key)) go(at + 1);
      else if (PREVIOUS_KEYS.has(e.key)) go(at - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(count - 1);
      else if (e.key === 'Escape') leave();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [at, count, go, leave]);

  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void deckRef.current?.requestFullscreen().catch(() => {});
  };

  const current = slides[at]!;
  return (
    <div className="present" ref={deckRef} data-testid="present.page" data-snapshot-id={shown.snapshot.snapshotId}>
      <h1 className="visually-hidden">Presenting {shown.record.title}</h1>
      <main className="present-slides" aria-label="Slides">
        {slides.map((slide, i) => (
          <SlideView key={slide.id} slide={slide} index={i} count={count} current={i === at} template={template} />
        ))}
      </main>
      <nav className="present-controls" aria-label="Presentation">
        <button type="button" className="button" data-testid="present.previous" aria-disabled={at === 0} onClick={() => go(at - 1)}>
          <span aria-hidden="true">←</span> Previous
        </button>
        <p className="present-counter" aria-live="polite" aria-atomic="true" data-testid="present.counter">
          {at + 1} of {count}
          <span className="visually-hidden">: {current.heading}</span>
        </p>
        <button type="button" className="button" data-testid="present.next" aria-disabled={at === count - 1} onClick={() => go(at + 1)}>
          Next <span aria-hidden="true">→</span>
        </button>
        <button type="button" className="button" data-testid="present.fullScreen" aria-pressed={fullScreen} onClick={toggleFullScreen}>
          Full screen
        </button>
        <button type="button" className="button" data-testid="present.leave" aria-keyshortcuts="Escape" onClick={leave}>
          Leave
        </button>
      </nav>
    </div>
  );
}

function SlideView({ slide, index, count, current, template }: { slide: Slide; index: number; count: number; current: boolean; template: Template }) {
  const headingId = `slide-${index}-heading`;
  return (
    <section
      className={`present-slide present-slide-${slide.kind}${current ? ' is-current' : ''}`}
      aria-roledescription="slide"
      aria-labelledby={headingId}
      data-testid="present.slide"
      data-slide-id={slide.id}
      data-current={current}
    >
      <p className="present-kicker">{slide.kicker}</p>
      <h2 id={headingId} className="present-heading">
        {slide.heading}
        {slide.part && <span className="present-part"> ({slide.part})</span>}
      </h2>
      <SlideBody slide={slide} template={template} />
      {/* Printed on each page, where the counter below is not. */}
      <p className="present-page-number" aria-hidden="true">
        {index + 1} / {count}
      </p>
    </section>
  );
}

const dots = (n: number) => (n === 1 ? '1 dot' : `${n} dots`);
const notesWords = (n: number) => (n === 1 ? '1 note' : `${n} notes`);

function SlideBody({ slide, template }: { slide: Slide; template: Template }) {
  switch (slide.kind) {
    case 'title':
      return (
        <div className="present-title-facts">
          <p>{slide.date}</p>
          <p className="present-muted">{slide.status}</p>
        </div>
      );
    case 'frame': {
      const frame = template.frames.find((f) => f.id === slide.frameId);
      return (
        <>
          {frame && <FrameDrawing zones={frame.zones} board={frame.board} counts={slide.zones} />}
          <ul className={frame ? 'visually-hidden' : 'present-zone-grid'}>
            {slide.zones.map((z) => (
              <li key={z.id}>
                {z.label}: {notesWords(z.notes)}
              </li>
            ))}
          </ul>
        </>
      );
    }
    case 'notes':
      return (
        <ul className="present-notes">
          {slide.notes.map((n) => (
            <li key={n.id} className="present-note" data-testid="present.note">
              <span className="present-note-text" dir="auto">
                {n.text}
              </span>
              <span className="present-note-meta">
                {n.author && <span>{n.author}</span>}
                {n.starred && (
                  <span className="present-star">
                    <span aria-hidden="true">★ </span>Starred
                  </span>
                )}
                {n.votes > 0 && <span>{dots(n.votes)}</span>}
                {n.theme && <span>Theme: {n.theme}</span>}
              </span>
            </li>
          ))}
        </ul>
      );
    case 'votes':
      return (
        <ol className="present-votes">
          {slide.items.map((item) => (
            <li key={item.targetId}>
              <span className="present-note-text" dir="auto">
                {item.text}
              </span>
              <span className="present-vote-dots">{dots(item.votes)}</span>
            </li>
          ))}
        </ol>
      );
    case 'actions':
      return (
        <ul className="present-notes">
          {slide.actions.map((a) => (
            <li key={a.id} className="present-note present-action">
              <span className="present-note-text" dir="auto">
                {a.text}
              </span>
              <span className="present-note-meta">
                <span>{a.owner ?? 'No owner yet'}</span>
                {a.due && <span>By {a.due}</span>}
                <span>{a.status}</span>
                {a.about && <span>{a.about}</span>}
              </span>
            </li>
          ))}
        </ul>
      );
    case 'review':
      return (
        <ul className="present-notes">
          {slide.items.map((r) => (
            <li key={r.id} className="present-note present-action">
              <span className="present-note-text" dir="auto">
                {r.text}
              </span>
              <span className="present-note-meta">
                <span>{r.outcome}</span>
                {r.owner && <span>{r.owner}</span>}
                {r.due && <span>By {r.due}</span>}
                {r.note && <span dir="auto">{r.note}</span>}
              </span>
            </li>
          ))}
        </ul>
      );
  }
}

/** Where a zone's name goes: the middle of its area, which for a wedge of the web is out in its wide part. */
function labelPoint(zone: Zone): { x: number; y: number } {
  const s = zone.shape;
  if (s.kind === 'circle') return { x: s.cx, y: s.cy };
  if (s.kind === 'rect') return { x: s.x + s.w / 2, y: s.y + s.h / 2 };
  let area = 0;
  let x = 0;
  let y = 0;
  s.points.forEach(([x0, y0], i) => {
    const [x1, y1] = s.points[(i + 1) % s.points.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  });
  return area === 0 ? zoneAnchor(zone) : { x: x / (3 * area), y: y / (3 * area) };
}

/** A name in lines of a few words, so that a long one stays inside its zone. */
function lines(label: string, max = 14): string[] {
  const out: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= max) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

/** A frame's zones in their own shapes (the cultural web's ring included), each named with its count of notes. */
function FrameDrawing({ zones, board, counts }: { zones: readonly Zone[]; board: { width: number; height: number }; counts: { id: string; notes: number }[] }) {
  const countOf = new Map(counts.map((c) => [c.id, c.notes]));
  const size = Math.min(board.width, board.height) / 26;
  return (
    <svg className="present-frame" viewBox={`0 0 ${board.width} ${board.height}`} aria-hidden="true" data-testid="present.frame">
      {zones.map((zone) => {
        const s = zone.shape;
        const at = labelPoint(zone);
        const n = countOf.get(zone.id) ?? 0;
        const name = lines(zone.label);
        const top = at.y - ((name.length - 1) * size * 1.15) / 2 - size * 0.4;
        return (
          <g key={zone.id} className={`present-zone${n === 0 ? ' is-empty' : ''}`} data-zone-id={zone.id}>
            {s.kind === 'rect' ? (
              <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={14} />
            ) : s.kind === 'circle' ? (
              <circle cx={s.cx} cy={s.cy} r={s.r} />
            ) : (
              <polygon points={s.points.map((p) => p.join(',')).join(' ')} />
            )}
            <text x={at.x} y={top} fontSize={size} textAnchor="middle">
              {name.map((line, i) => (
                <tspan key={i} x={at.x} dy={i === 0 ? 0 : size * 1.15}>
                  {line}
                </tspan>
              ))}
            </text>
            <text x={at.x} y={top + name.length * size * 1.15 + size * 0.1} fontSize={size * 0.8} textAnchor="middle" className="present-zone-count">
              {notesWords(n)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
