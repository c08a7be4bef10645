import { getTemplate, isTemplateId, templateSchema, type Role, type Template } from '@balcony/shared';
import type { ParticipantRecord, SessionRecord } from './types.js';

/** A sessions row as both stores' SQL gives it back (numbers already numbers). */
export interface SessionRow {
  id: string;
  title: string;
  template: string;
  /** The session's copy of its template; null in rows made before sessions kept one. */
  template_json: string | null;
  join_code: string;
  created_at: number;
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
});
export const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  sessionId: r.session_id,
  name: r.name,
  role: r.role as Role,
  color: r.color,
  createdAt: r.created_at,
});
