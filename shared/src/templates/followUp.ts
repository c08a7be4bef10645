import type { Phase, Template } from './format.js';

/** The id of the review phase a follow-up session begins with. */
export const REVIEW_PHASE_ID = 'review-actions';

/**
 * The review phase's words. The domain texts ask that every exercise end in actions and that the
 * next session start by reviewing them.
 */
function reviewPhase(template: Template): Phase {
  const first = template.phases[0]!;
  return {
    id: REVIEW_PHASE_ID,
    name: 'Review of actions carried over',
    minutes: 10,
    instructions: 'Look back at the actions from last time. Mark each one done, dropped or carried on, with a note on how it went.',
    script:
      "Read out each action carried over from the session before and ask its owner how it went. Mark it done, dropped or carried on, with a short note. Keep it appreciative: what helped, not who fell short. Carried-on actions stay open in this session's actions.",
    frame: first.frame,
    writers: ['participant', 'presenter'],
    privateUntilRevealed: false,
    voting: false,
    zones: [],
    review: true,
  };
}

/**
 * The template a follow-up session runs: the one before's, with the review phase first. A
 * follow-up of a follow-up already has it and is run as it is.
 */
export function followUpTemplate(template: Template): Template {
  if (template.phases.some((p) => p.review)) return template;
  return { ...template, phases: [reviewPhase(template), ...template.phases.filter((p) => p.id !== REVIEW_PHASE_ID)] };
}

/** Whether a phase is a follow-up's review of carried-over actions. */
export function isReviewPhase(phase: Pick<Phase, 'review'>): boolean {
  return phase.review === true;
}
