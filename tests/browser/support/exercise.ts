import { expect } from 'vitest';
import { accessIn, getTemplate, type SessionRole, type SessionState, type TemplateId } from '@balcony/shared';
import type { Person } from './workshop.js';
import { FacilitatorConsole } from '../pages/FacilitatorConsole.js';
import { PhaseBar } from '../pages/PhaseBar.js';

/** Someone in an exercise: their page objects, their id, and the role the facilitator gave them. */
export interface Member {
  person: Person;
  bar: PhaseBar;
  participantId: string;
  role: SessionRole;
}

/** The participant id the page keeps for the session it shows. */
export async function participantIdOf(person: Person): Promise<string> {
  await person.board.waitUntilConnected();
  const sessionId = decodeURIComponent(new URL(person.page.url()).pathname.split('/').pop() ?? '');
  const id = await person.page.evaluate(
    (sid) => (JSON.parse(localStorage.getItem(`balcony.session.${sid}`) ?? '{}') as { participantId?: string }).participantId,
    sessionId,
  );
  if (!id) throw new Error(`no participant id in ${person.name}'s page`);
  return id;
}

export function consoleOf(person: Person): FacilitatorConsole {
  return new FacilitatorConsole(person.page);
}

/**
 * What the rule says each member may do in a phase, worked out with the shared function the
 * server enforces: the browser must show exactly that.
 */
export function expectedWriting(template: TemplateId, phaseIndex: number, member: Member): boolean {
  const t = getTemplate(template);
  const phase = t.phases[phaseIndex]!;
  const state = { phase: { id: phase.id, index: phaseIndex }, roles: { [member.participantId]: member.role }, locked: false } as SessionState;
  return accessIn(t, state, member.participantId).write;
}

/**
 * Checks what a member can do now: the phase bar says it, and the board offers adding a note only
 * when the server would take it.
 */
export async function expectCanWrite(member: Member, write: boolean, phaseId: string, zoneId?: string): Promise<void> {
  await member.bar.waitForPhase(phaseId);
  await member.bar.waitForWriting(write);
  const label = `${member.person.name} in ${phaseId}`;
  expect(await member.bar.mayWrite(), label).toBe(write);
  if (write) {
    await member.person.board.waitForReadOnly(false);
    expect(await member.person.board.addNoteButton.isEnabled(), label).toBe(true);
  } else {
    await member.person.board.waitForReadOnly(true);
    const offered = (await member.person.board.addNoteButton.count()) > 0 && (await member.person.board.addNoteButton.isEnabled());
    expect(offered, `${label}: Add note offered`).toBe(false);
    if (zoneId) {
      // Nor does the keyboard: Enter on a zone opens no editor.
      await member.person.board.zone(zoneId).focus();
      await member.person.page.keyboard.press('Enter');
      await member.person.page.waitForTimeout(200);
      expect(await member.person.board.editor.isVisible(), `${label}: an editor opened`).toBe(false);
    }
  }
}
