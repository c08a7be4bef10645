import { roleIn } from '@balcony/shared';
import type {
  CreateSessionResponse,
  JoinLockResponse,
  JoinResponse,
  ParticipantSummary,
  Retention,
  SessionState,
  SessionView,
  Template,
  TemplateListResponse,
  VersionedSessionState,
} from '@balcony/shared';
import type { FollowUpRecord, ParticipantRecord, RetentionRecord, SessionRecord } from '../store/types.js';

const DAY_MS = 86_400_000;

export function presentRetention(r: RetentionRecord): Retention {
  return { days: r.days, lastActivityAt: r.lastActivityAt, expiresAt: r.lastActivityAt + r.days * DAY_MS };
}

// Presenters whitelist what leaves the server: never a token hash, never a join code to a participant.

export function presentParticipant(p: ParticipantRecord, state: SessionState): ParticipantSummary {
  return { participantId: p.id, name: p.name, role: roleIn(state, p.id, p.role) };
}

export function presentCreated(session: SessionRecord, facilitator: ParticipantRecord, token: string): CreateSessionResponse {
  return { sessionId: session.id, joinCode: session.joinCode, facilitatorToken: token, participantId: facilitator.id };
}

export function presentJoined(session: SessionRecord, participant: ParticipantRecord, token: string): JoinResponse {
  return { sessionId: session.id, participantId: participant.id, participantToken: token };
}

export function presentSession(
  session: SessionRecord,
  state: SessionState,
  viewer: ParticipantRecord,
  participants: ParticipantRecord[],
  retention: RetentionRecord,
  followUps: FollowUpRecord[],
): SessionView {
  return {
    sessionId: session.id,
    title: session.title,
    createdAt: session.createdAt,
    template: session.template,
    role: roleIn(state, viewer.id, viewer.role),
    participantId: viewer.id,
    participants: participants.map((p) => presentParticipant(p, state)),
    joinLocked: state.joinLocked,
    endedAt: state.endedAt,
    retention: presentRetention(retention),
    openActions: state.actions.filter((a) => a.status === 'open').length,
    previousSessionId: session.previousSessionId ?? null,
    followUps: followUps.map((f) => ({ sessionId: f.id, title: f.title, createdAt: f.createdAt })),
  };
}

export function presentJoinLock(session: SessionRecord, current: VersionedSessionState): JoinLockResponse {
  return { sessionId: session.id, joinLocked: current.state.joinLocked, version: current.version };
}

export function presentTemplates(templates: readonly Template[]): TemplateListResponse {
  return {
    templates: templates.map((t) => ({
      id: t.id as TemplateListResponse['templates'][number]['id'],
      name: t.name,
      summary: t.summary,
      formatVersion: t.formatVersion,
      phases: t.phases.map((p) => ({ id: p.id, name: p.name, minutes: p.minutes })),
    })),
  };
}
