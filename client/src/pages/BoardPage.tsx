import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ANONYMOUS_AUTHOR, accessIn, currentPhase, roleIn, type PresenceParticipant, type SessionView, type VersionedSessionStateView } from '@balcony/shared';
import { ApiError, getSession } from '../api/http';
import { loadSession, updateSession, forgetSession, type StoredSession } from '../session/storage';
import { SessionConnection } from '../session/SessionConnection';
import { takeEarlyConnection } from '../session/earlyConnection';
import { storedTemplate } from '../session/sessionTemplate';
import { stateOrStart } from '../board/liveState';
import { frameInView } from '../board/frames';
import { CombinedNotes, NotesIndex, isPrivateNote } from '../board/notesIndex';
import { writesPrivately } from '../board/privateWriting';
import { PeersIndex } from '../board/peers';
import { Announcer, watchRemoteChanges } from '../board/announcer';
import { watchRemoteThemes } from '../board/themeAnnouncer';
import { BoardContext, NamesContext, useStore, type BoardContextValue } from '../board/BoardContext';
import { useUi } from '../state/ui';
import { TopBar, type Person } from '../components/topbar/TopBar';
import { ConnectionBanner } from '../components/board/ConnectionBanner';
import { BoardToolbar } from '../components/board/BoardToolbar';
import { BoardViewport } from '../components/board/BoardViewport';
import { ZoneStepper } from '../components/board/ZoneStepper';
import { SharePanel } from '../components/board/SharePanel';
import { NoteMenu } from '../components/board/NoteMenu';
import { MoveDialog } from '../components/board/MoveDialog';
import { GroupDialog } from '../components/board/GroupDialog';
import { WithdrawDialog } from '../components/board/WithdrawDialog';
import { VoteBanner } from '../components/board/VoteBanner';
import { VoteResults } from '../components/board/VoteResults';
import { LiveRegion } from '../components/board/LiveRegion';
import { BoardShortcuts } from '../components/board/BoardShortcuts';
import { FrameTabs } from '../components/board/FrameTabs';
import { PhaseBar } from '../components/session/PhaseBar';
import { PrivacyBar } from '../components/session/PrivacyBar';
import { SessionEvents } from '../components/session/SessionEvents';
import { EndedNotice } from '../components/session/EndedNotice';
import { FacilitatorConsole } from '../components/console/FacilitatorConsole';
import { ActionsPanel } from '../components/actions/ActionsPanel';
import { useDocumentTitle } from './useDocumentTitle';

export function BoardPage() {
  const { sessionId = '' } = useParams();
  const stored = useMemo(() => loadSession(sessionId), [sessionId]);
  if (!stored) return <NoTokenPage />;
  return <BoardSession key={sessionId} stored={stored} />;
}

function NoTokenPage() {
  useDocumentTitle('Join a session');
  return (
    <main className="message-page">
      <h1>This device isn't part of this session</h1>
      <p>To see this board, join the session with the code from your facilitator.</p>
      <p>
        <Link className="button button-primary" to="/">
          Go to the start page
        </Link>
      </p>
    </main>
  );
}

type AccessProblem = 'unauthorized' | 'gone' | null;

function AccessProblemPage({ kind, joinCode }: { kind: 'unauthorized' | 'gone'; joinCode?: string }) {
  useDocumentTitle('Join again');
  return (
    <main className="message-page" role="alert">
      {kind === 'unauthorized' ? (
        <>
          <h1>Please join the session again</h1>
          <p>This device's place in the session is no longer valid. Join again with the code from your facilitator.</p>
        </>
      ) : (
        <>
          <h1>This session has ended</h1>
          <p>The server no longer has this session. Ask your facilitator for a new code.</p>
        </>
      )}
      <p>
        <Link className="button button-primary" to={joinCode ? `/join/${joinCode}` : '/'}>
          {kind === 'unauthorized' ? 'Join again' : 'Go to the start page'}
        </Link>
      </p>
    </main>
  );
}

/** Stand-ins for the connection's stores before it exists. */
const NULL_STORE = { subscribe: () => () => {}, get: () => null };
const FALSE_STORE = { subscribe: () => () => {}, get: () => false };
const NULL_STATE: { subscribe: (l: () => void) => () => void; get: () => VersionedSessionStateView | null } = NULL_STORE;

interface Runtime {
  conn: SessionConnection;
  notesIndex: CombinedNotes;
  privateNotes: NotesIndex;
  peers: PeersIndex;
  announcer: Announcer;
}

/** Reads the session from the server, retrying quietly while the server cannot be reached. */
function useSessionView(stored: StoredSession): { view: SessionView | null; problem: AccessProblem } {
  const [view, setView] = useState<SessionView | null>(null);
  const [problem, setProblem] = useState<AccessProblem>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await getSession(stored.sessionId, stored.token);
        if (cancelled) return;
        setView(next);
        updateSession(stored.sessionId, {
          title: next.title,
          template: next.template,
          role: next.role,
          participants: next.participants.map(({ participantId, name }) => ({ participantId, name })),
        });
      } catch (err) {
        if (cancelled) return;
        if (err instanceof ApiError && (err.code === 'unauthorized' || err.code === 'forbidden')) setProblem('unauthorized');
        else if (err instanceof ApiError && err.code === 'not_found') setProblem('gone');
        else timer = setTimeout(load, 5_000);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [stored]);
  return { view, problem };
}

function BoardSession({ stored }: { stored: StoredSession }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { view, problem: accessProblem } = useSessionView(stored);
  const [runtime, setRuntime] = useState<Runtime | null>(null);

  // No connection while the server says this device has no place here: it would only retry.
  useEffect(() => {
    if (accessProblem) return;
    const conn = takeEarlyConnection(stored.sessionId, stored.token) ?? new SessionConnection(stored.sessionId, stored.token);
    const sharedNotes = new NotesIndex(conn.notes);
    const privateNotes = new NotesIndex(conn.privateBoard.notes);
    const notesIndex = new CombinedNotes(sharedNotes, privateNotes);
    const peers = new PeersIndex(conn.provider.awareness);
    const announcer = new Announcer();
    setRuntime({ conn, notesIndex, privateNotes, peers, announcer });
    return () => {
      setRuntime(null);
      announcer.destroy();
      peers.destroy();
      notesIndex.destroy();
      privateNotes.destroy();
      sharedNotes.destroy();
      conn.destroy();
    };
  }, [stored.sessionId, stored.token, accessProblem]);

  // A fresh board starts with a clean screen; a facilitator who just created it sees the code.
  useEffect(() => {
    const ui = useUi.getState();
    ui.reset();
    const state = location.state as { showShare?: boolean } | null;
    if (state?.showShare) {
      ui.setShareOpen(true);
      navigate(location.pathname, { replace: true, state: null });
    }
    return () => useUi.getState().reset();
    // Only on arrival at this session.
  }, [stored.sessionId]);

  // The session's own copy of its template once the server has sent it; until then what this
  // browser kept (a built-in's id, or the copy from last time), so that the board opens offline.
  const template = useMemo(() => storedTemplate(view?.template ?? stored.template), [view, stored.template]);
  const joinedAs = view?.role ?? stored.role;
  const participantId = view?.participantId ?? stored.participantId;
  // The role now: the session state's, which changes as the facilitator hands out roles.
  const heldState = runtime?.conn.sessionState ?? NULL_STATE;
  const role = useSyncExternalStore(heldState.subscribe, () => {
    const held = heldState.get();
    return held ? roleIn(held.state, participantId, joinedAs) : joinedAs;
  });
  const title = view?.title || stored.title || 'Session';
  useDocumentTitle(title);

  const presence = useStore<PresenceParticipant[] | null>(runtime?.conn.presence ?? NULL_STORE);

  const controlUp = useStore(runtime?.conn.controlConnected ?? FALSE_STORE);
  const connection = useStore(runtime?.conn.connection ?? NULL_STORE);
  const cutOff = !controlUp || connection === 'offline';

  const people = useMemo<Person[]>(() => {
    // Cut off from the server, this device cannot know who else is still here: not "online", not "away".
    const here = (p: { participantId: string; online: boolean }): Pick<Person, 'online' | 'unknown'> =>
      p.participantId === participantId ? { online: true, unknown: false } : cutOff ? { online: false, unknown: true } : { online: p.online, unknown: false };
    if (presence) return presence.map((p) => ({ ...p, ...here(p) }));
    const known = view?.participants ?? [];
    return known.map((p) => ({ ...p, color: undefined, ...here({ participantId: p.participantId, online: false }) }));
  }, [presence, view, participantId, cutOff]);

  // Names of everyone ever seen here, newest word wins, so that authors who left keep their name.
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of stored.participants ?? []) map.set(p.participantId, p.name);
    for (const p of view?.participants ?? []) map.set(p.participantId, p.name);
    for (const p of presence ?? []) map.set(p.participantId, p.name);
    return map;
  }, [stored.participants, view, presence]);
  const namesRef = useRef(names);
  namesRef.current = names;

  useEffect(() => {
    if (!presence) return;
    updateSession(stored.sessionId, { participants: [...names].map(([participantId, name]) => ({ participantId, name })) });
  }, [presence, names, stored.sessionId]);

  // The board's context stays the same as people come and go, so that a thousand notes are not
  // drawn again for each; who wrote what reaches the zones through NamesContext.
  const ctx = useMemo<BoardContextValue | null>(() => {
    if (!runtime || !template) return null;
    // Built once, so that the state before the server's first word is the same object each time.
    const start = stateOrStart(template, null);
    const state = () => runtime.conn.sessionState.get()?.state ?? start;
    const { conn, notesIndex } = runtime;
    return {
      ...runtime,
      template,
      me: { participantId, role, mine: conn.mine.has },
      // An anonymous session's notes name nobody; presence still does.
      nameOf: (id) => (id === ANONYMOUS_AUTHOR ? 'Anonymous' : (namesRef.current.get(id) ?? 'Someone')),
      boardOf: (noteId) => {
        const note = notesIndex.get().byId.get(noteId);
        return note && isPrivateNote(note) ? conn.privateBoard : conn;
      },
      boardForNew: () => (writesPrivately(template, state()) ? conn.privateBoard : conn),
      state,
      access: () => accessIn(template, state(), participantId, role),
      viewFrame: () => frameInView(template, currentPhase(template, state()), useUi.getState().viewFrameId),
    };
  }, [runtime, template, participantId, role]);

  useEffect(() => {
    if (!runtime || !template) return;
    return watchRemoteChanges({
      conn: runtime.conn,
      template,
      announcer: runtime.announcer,
      participantName: (id) => namesRef.current.get(id),
      clientName: (clientId) => runtime.peers.nameOf(clientId),
    });
  }, [runtime, template]);

  useEffect(() => {
    if (!runtime || !template) return;
    return watchRemoteThemes({ conn: runtime.conn, template, announcer: runtime.announcer, clientName: (clientId) => runtime.peers.nameOf(clientId) });
  }, [runtime, template]);

  const connProblem = useStore(runtime?.conn.problem ?? NULL_STORE);
  const shareOpen = useUi((s) => s.shareOpen);
  const consoleOpen = useUi((s) => s.consoleOpen);
  const actionsOpen = useUi((s) => s.actionsOpen);

  async function leave() {
    const conn = runtime?.conn;
    forgetSession(stored.sessionId);
    if (conn) await conn.leave();
    navigate('/');
  }

  if (accessProblem) return <AccessProblemPage kind={accessProblem} joinCode={stored.joinCode} />;
  if (connProblem === 'unauthorized') return <AccessProblemPage kind="unauthorized" joinCode={stored.joinCode} />;
  if (!ctx) {
    return (
      <main className="message-page" aria-busy="true">
        <h1>Opening the board…</h1>
        <p>If this takes long, check your connection. The board opens as soon as the server answers.</p>
      </main>
    );
  }

  const isFacilitator = role === 'facilitator';
  return (
    <BoardContext.Provider value={ctx}>
      <NamesContext.Provider value={names}>
      <div className="board-page">
        <TopBar title={title} people={people} onLeave={leave} retention={view?.retention ?? null} />
        <PhaseBar />
        <PrivacyBar />
        <div className="board-body">
          <main className="board-main" aria-label="Board">
            {/* In the flow above the tools, so that it takes its room from the board rather than covering it. */}
            <ConnectionBanner />
            <EndedNotice />
            <VoteBanner />
            <VoteResults />
            <BoardToolbar />
            <ZoneStepper />
            {/* Frames beside the board where it is wide (a board fitted by its height leaves room at the side), above it elsewhere. */}
            <div className="board-stage">
              <FrameTabs />
              <BoardViewport />
            </div>
          </main>
          {/* One side panel at a time: the join code, shown large, takes the console's place. */}
          {isFacilitator && shareOpen && <SharePanel joinCode={stored.joinCode ?? null} />}
          {isFacilitator && !shareOpen && consoleOpen && <FacilitatorConsole people={people} />}
          {actionsOpen && <ActionsPanel people={people} />}
        </div>
        <NoteMenu />
        <MoveDialog />
        <GroupDialog />
        <WithdrawDialog />
        <LiveRegion />
        <BoardShortcuts />
        <SessionEvents />
      </div>
      </NamesContext.Provider>
    </BoardContext.Provider>
  );
}
