import { useEffect } from 'react';
import { isActionsPhase } from '@balcony/shared';
import { useBoard, usePhase, useSessionState } from '../../board/BoardContext';
import { useUi } from '../../state/ui';
import { inReviewPhase } from '../../outcome/reviewRights';

/**
 * The top bar's button that shows and hides the actions panel, with how many there are. As the
 * actions phase (or a follow-up's review of the actions carried over) begins the panel opens by
 * itself, so nobody has to look for it.
 */
export function ActionsToggle() {
  const { template } = useBoard();
  const phase = usePhase();
  const count = useSessionState().actions.length;
  const open = useUi((s) => s.actionsOpen);

  useEffect(() => {
    if (isActionsPhase(template, phase.id) || inReviewPhase(template, phase.id)) useUi.getState().setActionsOpen(true);
  }, [template, phase.id]);

  return (
    <button
      type="button"
      className="button"
      data-testid="topbar.actions"
      aria-pressed={open}
      onClick={() => useUi.getState().setActionsOpen(!open)}
    >
      Actions{count > 0 ? ` (${count})` : ''}
    </button>
  );
}
