import { useCallback, useEffect, useState } from 'react';
import { ApiError, getSession, listSnapshots } from '../api/http';
import { getTeamView } from '../api/library';
import { apiFailureWords } from '../outcome/apiWords';
import { updateSession } from '../session/storage';
import { saveTeamLink } from './teamLinks';
import { keptSessions } from './access';
import { forgetOnThisDevice } from './forget';
import type { EntryStatus, LibraryEntry, SessionFacts } from './entries';

const READERS = 3;

/** What this browser keeps, as entries still to be read: a session it is in wins over a team link to it. */
function keptEntries(): LibraryEntry[] {
  return keptSessions().map((k) => ({
    sessionId: k.sessionId,
    access: k.kind === 'team' ? 'team' : k.member.role === 'facilitator' ? 'facilitated' : 'joined',
    token: k.token,
    storedTitle: k.title,
    savedAt: k.savedAt,
    ...(k.kind === 'team' ? { label: k.link.label } : {}),
    status: { kind: 'loading' },
  }));
}

/** 401 and 404 mean the server will not show this session to this token again; anything else may pass. */
function failed(err: unknown): EntryStatus {
  if (err instanceof ApiError && (err.code === 'unauthorized' || err.code === 'not_found' || err.code === 'forbidden')) return { kind: 'gone' };
  return { kind: 'unreachable', message: apiFailureWords(err, 'The server did not answer about this session.') };
}

async function readEntry(entry: LibraryEntry): Promise<Pick<LibraryEntry, 'status' | 'access' | 'label'>> {
  try {
    if (entry.access === 'team') {
      const team = await getTeamView(entry.token);
      saveTeamLink({ token: entry.token, sessionId: team.sessionId, title: team.title, label: team.label, savedAt: entry.savedAt });
      const facts: SessionFacts = { ...team, previousSessionId: null, followUps: [], ownName: null };
      return { status: { kind: 'ready', facts }, access: 'team', label: team.label };
    }
    const [view, snapshots] = await Promise.all([getSession(entry.sessionId, entry.token), listSnapshots(entry.sessionId, entry.token)]);
    updateSession(entry.sessionId, { title: view.title, role: view.role });
    const facts: SessionFacts = {
      title: view.title,
      template: view.template,
      createdAt: view.createdAt,
      endedAt: view.endedAt,
      openActions: view.openActions,
      previousSessionId: view.previousSessionId,
      followUps: view.followUps,
      snapshots,
      ownName: view.participants.find((p) => p.participantId === view.participantId)?.name ?? null,
    };
    // The role now, as the facilitator may have handed it on.
    return { status: { kind: 'ready', facts }, access: view.role === 'facilitator' ? 'facilitated' : 'joined' };
  } catch (err) {
    return { status: failed(err), access: entry.access };
  }
}

export interface Library {
  entries: LibraryEntry[];
  /** Forgets a session on this device (see forget.ts) and takes it off the list. */
  forget: (entry: LibraryEntry) => void;
}

/** Every session this browser keeps, each read from the server as the page opens. */
export function useLibrary(): Library {
  const [entries, setEntries] = useState<LibraryEntry[]>(keptEntries);
  useEffect(() => {
    let cancelled = false;
    // Newest first and a few at a time: a browser that kept many sessions should not spend a
    // shared office address's request allowance in one burst.
    const queue = keptEntries().sort((a, b) => b.savedAt - a.savedAt);
    const worker = async () => {
      for (let entry = queue.shift(); entry && !cancelled; entry = queue.shift()) {
        const read = await readEntry(entry);
        const id = entry.sessionId;
        if (!cancelled) setEntries((now) => now.map((e) => (e.sessionId === id ? { ...e, ...read } : e)));
      }
    };
    for (let i = 0; i < Math.min(READERS, queue.length); i++) void worker();
    return () => {
      cancelled = true;
    };
  }, []);
  const forget = useCallback((entry: LibraryEntry) => {
    forgetOnThisDevice(entry);
    setEntries((now) => now.filter((e) => e.sessionId !== entry.sessionId));
  }, []);
  return { entries, forget };
}
