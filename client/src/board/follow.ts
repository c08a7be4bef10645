import { resolveTarget, type Frame, type Phase, type Template, type Zone } from '@balcony/shared';
import { useUi } from '../state/ui';

/**
 * Follow-me: the facilitator brings everyone to a frame, or to a zone on one. A participant's
 * board goes there when the facilitator says so, and they may look elsewhere afterwards; the
 * phase bar then offers the way back.
 */

/** Shows a follow-me target on this screen; null (and nothing changes) for an id the template lacks. */
export function showTarget(template: Template, phase: Phase, target: string): { frame: Frame; zone: Zone | null } | null {
  const to = resolveTarget(template, target);
  if (!to) return null;
  const ui = useUi.getState();
  ui.showFrame(to.frame.id === phase.frame ? null : to.frame.id);
  if (to.zone) {
    const zoneId = to.zone.id;
    ui.setActiveZone(zoneId);
    // Once the frame is drawn; the zone comes into view without taking the person's focus.
    requestAnimationFrame(() =>
      document
        .querySelector(`[data-testid="board.zone"][data-zone-id="${CSS.escape(zoneId)}"] [data-testid="board.zone.label"]`)
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
    );
  }
  return to;
}

/** Whether this person is looking at another frame than the one the facilitator brought everyone to. */
export function awayFromTarget(template: Template, target: string | null, frameInView: Frame): boolean {
  if (target === null) return false;
  const to = resolveTarget(template, target);
  return to !== null && to.frame.id !== frameInView.id;
}

/** What a target is called: "The story", "Stories (The web as we want it)", "The web as it is now". */
export function targetName(template: Template, target: string): string {
  const to = resolveTarget(template, target);
  if (!to) return 'the board';
  if (!to.zone) return to.frame.label;
  return template.frames.length > 1 ? `${to.zone.label} (${to.frame.label})` : to.zone.label;
}
