import { getTemplate, isTemplateId, templateSchema, type Role, type Template } from '@balcony/shared';
import type { ParticipantRecord, SessionRecord, SnapshotRecord, SnapshotSummaryRecord, TeamLinkRecord } from './types.js';

/** A sessions row as both stores' SQL gives it back (numbers already numbers). */
export interface SessionRow {
  id: string;
  title: string;
  template: string;
  /** The session's copy of its template; null in rows made before sessions kept one. */
  template_json: string | null;
  join_code: string;
  created_at: number;
  closed_at: number | null;
  previous_session_id: string | null;
}
export interface ParticipantRow {
  id: string;
  session_id: string;
  name: string;
  role: string;
  color: string;
  created_at: number;
}

/**
 * Templates read back, by their stored text: a session's template is read on every request
 * that names the session, and parsing it each time would cost more than the query.
 */
const parsed = new Map<string, Template>();
const PARSED_KEPT = 256;

function templateOf(r: SessionRow): Template {
  if (r.template_json === null) {
    if (!isTemplateId(r.template)) throw new Error(`session ${r.id}: no template copy and no built-in ${r.template}`);
    return getTemplate(r.template);
  }
  let t = parsed.get(r.template_json);
  if (!t) {
    t = templateSchema.parse(JSON.parse(r.template_json));
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(r.template_json, t);
  }
  return t;
}

export const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  title: r.title,
  templateId: r.template,
  template: templateOf(r),
  joinCode: r.join_code,
  createdAt: r.created_at,
  // Left out while the session runs, so that a running session reads back as it was created.
  ...(r.closed_at === null ? {} : { closedAt: r.closed_at }),
  // Likewise left out for a first session.
  ...(r.previous_session_id === null ? {} : { previousSessionId: r.previous_session_id }),
});
export const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  sessionId: r.session_id,
  name: r.name,
  role: r.role as Role,
  color: r.color,
  createdAt: r.created_at,
});

/** A snapshots row without its content; `final` is 0 or 1 in SQLite, a boolean in PostgreSQL. */
export interface SnapshotSummaryRow {
  id: string;
  session_id: string;
  taken_at: number;
  reason: string;
  phase_id: string;
  final: number | boolean;
}
export interface SnapshotRow extends SnapshotSummaryRow {
  board: Uint8Array;
  state: string;
  record: string;
}

export const toSnapshotSummary = (r: SnapshotSummaryRow): SnapshotSummaryRecord => ({
  id: r.id,
  sessionId: r.session_id,
  takenAt: r.taken_at,
  reason: r.reason as SnapshotSummaryRecord['reason'],
  phaseId: r.phase_id,
  final: Boolean(r.final),
});
export const toSnapshot = (r: SnapshotRow): SnapshotRecord => ({
  ...toSnapshotSummary(r),
  // A plain Uint8Array, not the driver's Buffer, so that it compares equal to what was saved.
  board: new Uint8Array(r.board),
  state: r.state,
  record: r.record,
});

export interface TeamLinkRow {
  id: string;
  session_id: string;
  label: string | null;
  created_at: number;
}
export const toTeamLink = (r: TeamLinkRow): TeamLinkRecord => ({
  id: r.id,
  sessionId: r.session_id,
  label: r.label,
  createdAt: r.created_at,
});
