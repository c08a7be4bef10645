import type * as Y from 'yjs';
import { filedParts } from '../board/document.js';
import type { NoteView } from '../board/note.js';
import type { ThemeView } from '../board/theme.js';
import { roleIn } from '../permissions.js';
import { SESSION_ROLES, type SessionRole, type SessionState } from '../sessionState.js';
import { actionElements, templateZones, type OutcomeSection, type Template, type Zone } from '../templates/format.js';
import { REVIEW_PHASE_ID } from '../templates/followUp.js';
import {
  RECORD_VERSION,
  type OutcomeRecord,
  type RecordAction,
  type RecordNote,
  type RecordParticipants,
  type RecordPhase,
  type RecordReviewItem,
  type RecordSection,
  type RecordTheme,
  type RecordVote,
  type RecordVoteItem,
} from './record.js';

export interface OutcomeInput {
  /** `previousSessionId`: the session this one follows up, as the session record keeps it. */
  session: { id: string; title: string; createdAt: number; previousSessionId?: string | null };
  /** The session's own copy of its template. */
  template: Template;
  /** The shared board. */
  board: Y.Doc;
  state: SessionState;
  /** Everyone who joined, with the role they joined as (the state may hold a newer one). */
  people: readonly { id: string; name: string; role: SessionRole }[];
  /** When the record is taken. */
  takenAt: number;
}

const DEFAULT_TOP = 3;

/** The day of an epoch time, in UTC, as YYYY-MM-DD. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Derives the outcome record of a session. Notes marked "don't record" and empty notes are left
 * out, with everything that would name them (a theme holding only withheld notes, their votes,
 * an action's link to them). In an anonymous session no name but the actions' owners appears.
 */
export function deriveOutcome(input: OutcomeInput): OutcomeRecord {
  const { template, state, session, takenAt } = input;
  const zones = templateZones(template);
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const frameOf = new Map(template.frames.flatMap((f) => f.zones.map((z) => [z.id, f] as const)));
  const names = new Map(input.people.map((p) => [p.id, p.name]));

  const filed = filedParts(input.board, (n) => !n.noRecord && n.text.trim() !== '' && frameOf.has(n.zone));
  const kept = filed.notes;
  const keptIds = new Set(kept.map((n) => n.id));
  const themesKept = filed.themes.filter((t) => frameOf.has(t.zone));
  const themeIds = new Set<string>(themesKept.map((t) => t.id));

  const votes = state.closedVotes.map((v) => recordVote(v, template, kept, themesKept, keptIds, themeIds));
  const dots = new Map<string, number>();
  for (const v of votes) for (const r of v.results) dots.set(r.targetId, (dots.get(r.targetId) ?? 0) + r.votes);

  const onBoard = (a: { zone: string; x: number; y: number }, b: { zone: string; x: number; y: number }) =>
    (zoneIndex.get(a.zone) ?? 0) - (zoneIndex.get(b.zone) ?? 0) || a.y - b.y || a.x - b.x;
  const notes: RecordNote[] = [...kept]
    .sort((a, b) => onBoard(a, b) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((n) => recordNote(n, state.anonymous ? null : (names.get(n.authorId) ?? null), frameOf.get(n.zone)!.id, themeIds, dots));
  const themes: RecordTheme[] = [...themesKept].sort(onBoard).map((t) => ({
    id: t.id,
    title: t.title,
    frameId: frameOf.get(t.zone)!.id,
    zoneId: t.zone,
    x: t.x,
    y: t.y,
    color: t.color,
    noteIds: notes.filter((n) => n.themeId === t.id).map((n) => n.id),
    votes: dots.get(t.id) ?? 0,
  }));
  const actions = state.actions.map((a) => recordAction(a, template, names, keptIds, themeIds));
  const review = state.actions.flatMap((a) => (a.carriedFrom === null ? [] : [reviewItem(a, a.carriedFrom, names)]));
  const currentPhase = template.phases.find((p) => p.id === state.phase.id) ?? template.phases[0]!;

  const record: Omit<OutcomeRecord, 'sections'> = {
    recordVersion: RECORD_VERSION,
    sessionId: session.id,
    title: session.title,
    template: { id: template.id, name: template.name },
    date: isoDay(session.createdAt),
    startedAt: session.createdAt,
    takenAt,
    ended: state.endedAt !== null,
    phase: { id: currentPhase.id, name: currentPhase.name },
    anonymous: state.anonymous,
    participants: participantsOf(input.people, state),
    phases: phaseTimes(template, state, takenAt),
    frames: template.frames.map((f) => ({
      id: f.id,
      label: f.label,
      zones: f.zones.map((z) => ({ id: z.id, label: z.label, noteIds: notes.filter((n) => n.zoneId === z.id).map((n) => n.id) })),
    })),
    notes,
    themes,
    starred: notes.filter((n) => n.starred).map((n) => n.id),
    votes,
    actions,
    previousSessionId: session.previousSessionId ?? null,
    review,
  };
  const sections = template.outcome.map((s) => sectionOf(s, record, template));
  // The review comes first: a follow-up opens by looking back at what was agreed last time.
  if (review.length > 0) sections.unshift({ id: REVIEW_PHASE_ID, label: REVIEW_SECTION_LABEL, kind: 'review', items: review });
  return { ...record, sections };
}

/** The review section's heading, in every record and export. */
export const REVIEW_SECTION_LABEL = 'Review of actions carried over';

function ownerName(owner: SessionState['actions'][number]['owner'], names: ReadonlyMap<string, string>): string | null {
  return owner === null ? null : owner.kind === 'name' ? owner.name : (names.get(owner.participantId) ?? null);
}

/** An action carried over, as the review found it: no outcome or note until it was reviewed. */
function reviewItem(a: SessionState['actions'][number], fromSessionId: string, names: ReadonlyMap<string, string>): RecordReviewItem {
  return {
    actionId: a.id,
    text: a.text,
    owner: ownerName(a.owner, names),
    due: a.due,
    fromSessionId,
    outcome: a.review?.outcome ?? null,
    note: a.review?.note ?? null,
  };
}

function recordNote(n: NoteView, author: string | null, frameId: string, themeIds: ReadonlySet<string>, dots: ReadonlyMap<string, number>): RecordNote {
  return {
    id: n.id,
    text: n.text.trim(),
    author,
    frameId,
    zoneId: n.zone,
    x: n.x,
    y: n.y,
    color: n.color,
    themeId: n.themeId !== null && themeIds.has(n.themeId) ? n.themeId : null,
    starred: n.starred,
    votes: dots.get(n.id) ?? 0,
    createdAt: n.createdAt,
  };
}

function recordVote(
  vote: SessionState['closedVotes'][number],
  template: Template,
  notes: readonly NoteView[],
  themes: readonly ThemeView[],
  noteIds: ReadonlySet<string>,
  themeIds: ReadonlySet<string>,
): RecordVote {
  const byId = new Map<string, { kind: 'note' | 'theme'; text: string; zone: string }>();
  if (vote.setup.targets === 'notes') for (const n of notes) if (noteIds.has(n.id)) byId.set(n.id, { kind: 'note', text: n.text.trim(), zone: n.zone });
  if (vote.setup.targets === 'themes') for (const t of themes) if (themeIds.has(t.id)) byId.set(t.id, { kind: 'theme', text: t.title, zone: t.zone });
  const results: RecordVoteItem[] = [];
  for (const r of vote.results) {
    const target = byId.get(r.targetId);
    // A target since deleted or withheld leaves the tally with it.
    if (target) results.push({ targetId: r.targetId, kind: target.kind, text: target.text, zoneId: target.zone, votes: r.votes });
  }
  return { id: vote.id, phaseId: vote.phaseId, phaseName: template.phases.find((p) => p.id === vote.phaseId)?.name ?? vote.phaseId, targets: vote.setup.targets, results };
}

function recordAction(
  a: SessionState['actions'][number],
  template: Template,
  names: ReadonlyMap<string, string>,
  noteIds: ReadonlySet<string>,
  themeIds: ReadonlySet<string>,
): RecordAction {
  const owner = ownerName(a.owner, names);
  const element = a.element === null ? null : actionElements(template).find((z) => z.id === a.element);
  return {
    id: a.id,
    text: a.text,
    owner,
    ownerParticipantId: a.owner?.kind === 'participant' ? a.owner.participantId : null,
    due: a.due,
    status: a.status,
    noteIds: a.noteIds.filter((id) => noteIds.has(id)),
    themeId: a.themeId !== null && themeIds.has(a.themeId) ? a.themeId : null,
    element: element ? { zoneId: element.id, label: element.label } : null,
    stakeholder: a.stakeholder,
    phaseId: a.phaseId,
  };
}

/** Everyone by the role they hold now; names only when the session is not anonymous. */
function participantsOf(people: OutcomeInput['people'], state: SessionState): RecordParticipants {
  const byRole = new Map<SessionRole, string[]>();
  for (const p of people) {
    const role = roleIn(state, p.id, p.role);
    byRole.set(role, [...(byRole.get(role) ?? []), p.name]);
  }
  return {
    anonymous: state.anonymous,
    byRole: SESSION_ROLES.filter((r) => byRole.has(r)).map((role) => ({
      role,
      count: byRole.get(role)!.length,
      names: state.anonymous ? [] : byRole.get(role)!,
    })),
  };
}

/** Time in each phase from the log of phase entries: each visit lasts until the next entry. */
export function phaseTimes(template: Template, state: Pick<SessionState, 'phaseLog' | 'endedAt'>, now: number): RecordPhase[] {
  const spent = new Map<string, number>();
  const log = state.phaseLog;
  const end = state.endedAt ?? now;
  log.forEach((entry, i) => {
    const until = i + 1 < log.length ? log[i + 1]!.at : end;
    spent.set(entry.phaseId, (spent.get(entry.phaseId) ?? 0) + Math.max(0, until - entry.at));
  });
  return template.phases.map((p) => ({
    id: p.id,
    name: p.name,
    plannedMinutes: p.minutes,
    spentMs: spent.get(p.id) ?? 0,
    reached: log.some((e) => e.phaseId === p.id),
  }));
}

function zonesNamed(section: OutcomeSection, template: Template): Zone[] {
  const all = templateZones(template);
  return section.zones ? section.zones.map((id) => all.find((z) => z.id === id)!).filter(Boolean) : all;
}

function sectionOf(section: OutcomeSection, record: Omit<OutcomeRecord, 'sections'>, template: Template): RecordSection {
  const base = { id: section.id, label: section.label };
  const zones = zonesNamed(section, template);
  const inZones = new Set(zones.map((z) => z.id));
  const frameLabel = (zoneId: string) => template.frames.find((f) => f.zones.some((z) => z.id === zoneId))?.label ?? '';
  const notesIn = (zoneId: string) => record.notes.filter((n) => n.zoneId === zoneId);
  switch (section.kind ?? 'notes') {
    case 'summary':
      return {
        ...base,
        kind: 'summary',
        title: record.title,
        date: record.date,
        templateName: record.template.name,
        notes: section.zones ? record.notes.filter((n) => inZones.has(n.zoneId)) : [],
      };
    case 'participants':
      return { ...base, kind: 'participants', participants: record.participants };
    case 'phases':
      return { ...base, kind: 'phases', phases: record.phases };
    case 'notes':
      return { ...base, kind: 'notes', zones: zones.map((z) => ({ zoneId: z.id, label: z.label, frameLabel: frameLabel(z.id), notes: notesIn(z.id) })) };
    case 'starred':
      return { ...base, kind: 'starred', notes: record.notes.filter((n) => n.starred && inZones.has(n.zoneId)) };
    case 'themes':
      return {
        ...base,
        kind: 'themes',
        themes: record.themes.filter((t) => inZones.has(t.zoneId)).map((t) => ({ ...t, notes: record.notes.filter((n) => n.themeId === t.id) })),
      };
    case 'votes':
      return { ...base, kind: 'votes', votes: record.votes.map((v) => ({ ...v, results: v.results.filter((r) => inZones.has(r.zoneId)) })) };
    case 'priorities': {
      // The last vote that had anything on these zones decides the priorities.
      const last = [...record.votes].reverse().find((v) => v.results.some((r) => inZones.has(r.zoneId)));
      const items = last ? last.results.filter((r) => inZones.has(r.zoneId)).slice(0, section.top ?? DEFAULT_TOP) : [];
      return { ...base, kind: 'priorities', items };
    }
    case 'paradigms':
      return {
        ...base,
        kind: 'paradigms',
        statements: zones.map((z) => ({
          zoneId: z.id,
          label: z.label,
          frameLabel: frameLabel(z.id),
          confirmed: notesIn(z.id).filter((n) => n.starred),
          proposals: notesIn(z.id).filter((n) => !n.starred),
        })),
      };
    case 'scale':
      return {
        ...base,
        kind: 'scale',
        scales: zones
          .filter((z) => z.scale)
          .map((z) => {
            const s = z.scale!;
            return {
              zoneId: z.id,
              label: z.label,
              from: s.from,
              to: s.to,
              fromLabel: s.fromLabel,
              toLabel: s.toLabel,
              markers: notesIn(z.id)
                .map((note) => ({ value: Math.round((s.from + note.x * (s.to - s.from)) * 10) / 10, note }))
                .sort((a, b) => a.value - b.value),
            };
          }),
      };
    case 'actions':
      return { ...base, kind: 'actions', actions: record.actions };
  }
}
