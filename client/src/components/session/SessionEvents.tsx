import { useContext, useEffect, useRef } from 'react';
import { currentPhase } from '@balcony/shared';
import { NamesContext, useAccess, useBoard, useSessionState } from '../../board/BoardContext';
import { phaseTitle } from '../../board/frames';
import { showTarget, targetName } from '../../board/follow';
import { readOnlyNow } from '../../board/noteRights';
import { useUi } from '../../state/ui';

/**
 * What happens on this screen when the session's state changes: a new phase brings the board to
 * its frame and is announced; the facilitator's follow-me brings a participant's board to its
 * target; writing closing ends editing and says why; a facilitator hears hands and pause
 * requests come in. Draws nothing. Changes seen while the state was still a guess (before the
 * server first spoke) move the board quietly.
 */
const ROLE_NAMES = { facilitator: 'a facilitator', presenter: 'the presenter', participant: 'a participant', observer: 'an observer' } as const;

export function SessionEvents() {
  const { conn, template, me, announcer, nameOf } = useBoard();
  useContext(NamesContext);
  const state = useSessionState();
  const access = useAccess();
  const known = conn.sessionState.get() !== null;
  const phase = currentPhase(template, state);
  const isFacilitator = me.role === 'facilitator';
  const before = useRef<{
    phaseId: string;
    follow: string | null;
    known: boolean;
    write: boolean;
    role: string;
    hands: string[];
    pauses: string[];
  } | null>(null);

  useEffect(() => {
    const was = before.current;
    const hands = state.hands;
    const pauses = state.pauseRequests.map((p) => p.participantId);
    before.current = { phaseId: phase.id, follow: state.follow, known, write: access.write, role: me.role, hands, pauses };
    // One announcement for all of it: a second would cut the first off.
    const words: string[] = [];
    const say = (text: string) => {
      if (was?.known) words.push(text);
    };

    if (!was) {
      // Arriving: a participant joins the facilitator where they brought everyone.
      if (state.follow && !isFacilitator) showTarget(template, phase, state.follow);
      return;
    }
    if (phase.id !== was.phaseId) {
      useUi.getState().showFrame(null);
      say(`${phaseTitle(template, phase)}.`);
    }
    if (state.follow && state.follow !== was.follow && !isFacilitator) {
      if (showTarget(template, phase, state.follow)) say(`The facilitator brought everyone to ${targetName(template, state.follow)}.`);
    }
    if (was.write && !access.write) {
      const ui = useUi.getState();
      if (ui.editingNoteId) ui.stopEditing();
      say(readOnlyNow(access));
    } else if (!was.write && access.write && was.known) {
      say('You can write on the board now.');
    }
    if (me.role !== was.role) say(`You are now ${ROLE_NAMES[me.role]}.`);
    if (isFacilitator) {
      for (const id of hands) if (!was.hands.includes(id)) say(`${nameOf(id)} raised a hand.`);
      for (const id of pauses) if (!was.pauses.includes(id)) say(`${nameOf(id)} asked for a pause.`);
    } else {
      // This person's own hand and pause request, confirmed as they change (by them or the facilitator).
      const mine = (ids: string[]) => ids.includes(me.participantId);
      if (mine(hands) !== mine(was.hands)) say(mine(hands) ? 'Your hand is raised.' : 'Your hand is down.');
      if (mine(pauses) && !mine(was.pauses)) say('Your request for a pause went to the facilitator.');
      else if (!mine(pauses) && mine(was.pauses)) say('The facilitator has seen your request for a pause.');
    }
    if (words.length > 0) announcer.say(words.join(' '));
  }, [state, access, known, phase, template, isFacilitator, announcer, nameOf, me]);

  return null;
}
