import { frameById, type BoardAccess, type Frame, type Phase, type Role, type Template } from '@balcony/shared';

/**
 * Which frame of a template is on screen, and how its zones are drawn in the current phase. Plain
 * functions: the board's components and commands both ask, and tests can too.
 */

/** The frame a phase opens on; the first one if the phase names a frame the template lacks. */
export function phaseFrame(template: Template, phase: Phase): Frame {
  return frameById(template, phase.frame) ?? template.frames[0]!;
}

/** The frame in view: the one this person chose, else the phase's. */
export function frameInView(template: Template, phase: Phase, chosen: string | null): Frame {
  return (chosen !== null ? frameById(template, chosen) : undefined) ?? phaseFrame(template, phase);
}

/**
 * The frames that can be drawn next to this one at the same scale: the webs of one size (the
 * cultural web as it is and as the team wants it). Empty when there is nothing to compare with.
 */
export function sideBySideFrames(template: Template, frame: Frame): Frame[] {
  if (frame.layout !== 'web') return [];
  const same = template.frames.filter(
    (f) => f.layout === 'web' && f.board.width === frame.board.width && f.board.height === frame.board.height,
  );
  return same.length >= 2 ? same : [];
}

/** The frames drawn now: the one in view, or the webs side by side. */
export function framesOnScreen(template: Template, frame: Frame, sideBySide: boolean): Frame[] {
  const pair = sideBySide ? sideBySideFrames(template, frame) : [];
  return pair.length > 0 ? pair : [frame];
}

/**
 * How a zone is drawn: `focus` where the phase works, `dim` for the rest of the phase's frame,
 * `plain` on another frame or when the phase works on the whole of its frame.
 */
export type ZoneEmphasis = 'focus' | 'dim' | 'plain';

export function zoneEmphasis(frame: Frame, phase: Phase, zoneId: string): ZoneEmphasis {
  if (phase.frame !== frame.id || worksOnWholeFrame(frame, phase)) return 'plain';
  return phase.zones.includes(zoneId) ? 'focus' : 'dim';
}

/** Whether a phase works on all of its frame: it names no zones, or every one. */
function worksOnWholeFrame(frame: Frame, phase: Phase): boolean {
  return phase.zones.length === 0 || frame.zones.every((z) => phase.zones.includes(z.id));
}

/** "Phase 3 of 7: Appreciative questions". */
export function phaseTitle(template: Template, phase: Phase): string {
  const i = Math.max(0, template.phases.findIndex((p) => p.id === phase.id));
  return `Phase ${i + 1} of ${template.phases.length}: ${phase.name}`;
}

/** "A", "A and B", "A, B and C". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Where the phase asks for notes: its zones by name, else its frame (or the board, when there is one). */
export function phasePlace(template: Template, phase: Phase): string {
  const frame = phaseFrame(template, phase);
  if (worksOnWholeFrame(frame, phase)) return template.frames.length > 1 ? frame.label : 'every zone';
  return listWords(phase.zones.map((id) => frame.zones.find((z) => z.id === id)?.label).filter((l): l is string => !!l));
}

/** What this person can do on the board now, in one sentence. */
export function accessWords(template: Template, phase: Phase, access: BoardAccess, role: Role): string {
  if (!access.write) return `Read only: ${access.reason}.`;
  if (role === 'facilitator') return 'You are facilitating: you can write anywhere.';
  return `You can add notes in ${phasePlace(template, phase)}.`;
}
