// The part of the contract a page can use without loading zod or Yjs: the start page imports
// this so that a person joining from a phone does not wait for the board's libraries.
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

/**
 * The built-ins' names and summaries, in the order of TEMPLATE_IDS. Copied from the template
 * files rather than imported: the bundler keeps a whole JSON file for one field of it, and the
 * six files would be a tenth of the start page's script. A client test (templateChoices.test.ts)
 * fails when a copy and its file part.
 */
export const TEMPLATE_CHOICES: readonly TemplateChoice[] = [
  { id: "what-works-circle", name: "What works practice learning circle", summary: "A practitioner tells the story of a piece of work that went well; the group helps them see what worked and why." },
  { id: "cultural-web", name: "Cultural web", summary: "Map your team's culture as it is now and as you want it to be, then decide what to keep, change, start and stop." },
  { id: "dance-floor-balcony", name: "Moving from the dance floor to the balcony", summary: "A supervisor steps back from the action to see the patterns: sort your tasks, look from the balcony, and choose your next move." },
  { id: "situational-leadership", name: "Situational leadership", summary: "Supervisors match their style (directing, coaching, supporting, delegating) to what each team member needs for a task." },
  { id: "cultural-competence", name: "Developing cultural competence", summary: "A team looks at the barriers that keep a diverse staff group from being represented at every level, and at what it can change." },
  { id: "signs-of-safety", name: "Signs of Safety group case mapping", summary: "Group supervision of one case: map the worries, what is working well and what needs to happen, then place yourselves on a 0 to 10 safety scale." },
];
