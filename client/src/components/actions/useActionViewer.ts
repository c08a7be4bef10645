import { useAccess, useBoard, useSessionState } from '../../board/BoardContext';
import type { ActionViewer } from '../../outcome/actionRights';

/** The person looking at the actions, with what the session's state says of them now. */
export function useActionViewer(): ActionViewer {
  const { me } = useBoard();
  const state = useSessionState();
  const access = useAccess();
  return { participantId: me.participantId, role: me.role, access, phaseId: state.phase.id, ended: state.endedAt !== null };
}
