// The part of the contract a page can use without loading zod or Yjs: the start page imports
// this so that a person joining from a phone does not wait for the board's libraries.
import culturalWeb from './templates/cultural-web.json' with { type: 'json' };
import whatWorksCircle from './templates/what-works-circle.json' with { type: 'json' };
import danceFloorBalcony from './templates/dance-floor-balcony.json' with { type: 'json' };
import situationalLeadership from './templates/situational-leadership.json' with { type: 'json' };
import culturalCompetence from './templates/cultural-competence.json' with { type: 'json' };
import signsOfSafety from './templates/signs-of-safety.json' with { type: 'json' };
import type { TemplateId } from './templates/index.js';

export * from './limits.js';
export * from './joinCode.js';
export * from './colors.js';
export type { Role } from './api.js';
export type { TemplateId } from './templates/index.js';

/** What the Host form shows of a template: its name and what it is for. */
export interface TemplateChoice {
  id: TemplateId;
  name: string;
  summary: string;
}

// The same order as TEMPLATE_IDS; the templates themselves are validated where they are used.
export const TEMPLATE_CHOICES: readonly TemplateChoice[] = [whatWorksCircle, culturalWeb, danceFloorBalcony, situationalLeadership, culturalCompetence, signsOfSafety].map(({ id, name, summary }) => ({
  id: id as TemplateId,
  name,
  summary,
}));
