import type { Role, TemplateId } from '@balcony/shared';
import type { ParticipantRecord, SessionRecord } from './types.js';

/** A sessions row as both stores' SQL gives it back (numbers already numbers). */
export interface SessionRow {
  id: string;
  title: string;
  template: string;
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

export const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  title: r.title,
  template: r.template as TemplateId,
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
