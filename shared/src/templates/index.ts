import { templateSchema, type Template } from './format.js';
import culturalWeb from './cultural-web.json' with { type: 'json' };
import whatWorksCircle from './what-works-circle.json' with { type: 'json' };

export const TEMPLATE_IDS = ['what-works-circle', 'cultural-web'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

// Templates are data: each file passes the same schema as any template would.
const TEMPLATES: Record<TemplateId, Template> = {
  'what-works-circle': templateSchema.parse(whatWorksCircle),
  'cultural-web': templateSchema.parse(culturalWeb),
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

export { templateSchema };
export { TEMPLATE_FORMAT_VERSION } from './format.js';
export type { Template, Zone, ZoneShape, Phase } from './format.js';
