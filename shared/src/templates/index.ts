import { templateSchema, type Template } from './format.js';
import culturalWeb from './cultural-web.json' with { type: 'json' };
import whatWorksCircle from './what-works-circle.json' with { type: 'json' };
import danceFloorBalcony from './dance-floor-balcony.json' with { type: 'json' };
import situationalLeadership from './situational-leadership.json' with { type: 'json' };
import culturalCompetence from './cultural-competence.json' with { type: 'json' };
import signsOfSafety from './signs-of-safety.json' with { type: 'json' };

export const TEMPLATE_IDS = [
  'what-works-circle',
  'cultural-web',
  'dance-floor-balcony',
  'situational-leadership',
  'cultural-competence',
  'signs-of-safety',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

// Templates are data: each file passes the same schema as a facilitator's own template would.
const TEMPLATES: Record<TemplateId, Template> = {
  'what-works-circle': templateSchema.parse(whatWorksCircle),
  'cultural-web': templateSchema.parse(culturalWeb),
  'dance-floor-balcony': templateSchema.parse(danceFloorBalcony),
  'situational-leadership': templateSchema.parse(situationalLeadership),
  'cultural-competence': templateSchema.parse(culturalCompetence),
  'signs-of-safety': templateSchema.parse(signsOfSafety),
};

export function getTemplate(id: TemplateId): Template {
  return TEMPLATES[id];
}

export function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}

export function listTemplates(): Template[] {
  return TEMPLATE_IDS.map((id) => TEMPLATES[id]);
}

export { templateSchema, templateZones, frameOfZone, frameById, resolveTarget, actionElements, isActionsPhase, OUTCOME_KINDS } from './format.js';
export { TEMPLATE_FORMAT_VERSION } from './format.js';
export { parseTemplateJson, type TemplateProblem } from './parse.js';
export type { Template, Zone, ZoneShape, ZoneScale, Phase, PhaseWriter, Frame, OutcomeSection, OutcomeKind, ActionFields } from './format.js';
export * from './followUp.js';
