import { describe, expect, it } from 'vitest';
import { getTemplate, type Phase } from '@balcony/shared';
import { accessWords, frameInView, framesOnScreen, phasePlace, phaseTitle, sideBySideFrames, zoneEmphasis } from './frames';
import { arrangeMarkers, scaleTicks, scaleTrack, scaleValueAt } from './scale';

const web = getTemplate('cultural-web');
const circle = getTemplate('what-works-circle');
const safety = getTemplate('signs-of-safety');
const phase = (t: typeof web, id: string): Phase => t.phases.find((p) => p.id === id)!;

describe('the frame in view', () => {
  it('is the phase’s frame until the person chooses another', () => {
    expect(frameInView(web, phase(web, 'desired'), null).id).toBe('desired');
    expect(frameInView(web, phase(web, 'desired'), 'gap').id).toBe('gap');
    expect(frameInView(web, phase(web, 'desired'), 'no-such-frame').id).toBe('desired');
  });

  it('puts the two webs side by side, and nothing else', () => {
    const current = web.frames.find((f) => f.id === 'current')!;
    const gap = web.frames.find((f) => f.id === 'gap')!;
    expect(sideBySideFrames(web, current).map((f) => f.id)).toEqual(['current', 'desired']);
    expect(sideBySideFrames(web, gap)).toEqual([]);
    expect(framesOnScreen(web, gap, true).map((f) => f.id)).toEqual(['gap']);
    expect(framesOnScreen(web, current, false).map((f) => f.id)).toEqual(['current']);
  });
});

describe('zones in a phase', () => {
  it('highlights the phase’s zones and dims the rest of its frame', () => {
    const questions = phase(circle, 'questions');
    expect(zoneEmphasis(circle.frames[0]!, questions, 'questions')).toBe('focus');
    expect(zoneEmphasis(circle.frames[0]!, questions, 'story')).toBe('dim');
  });

  it('leaves a frame plain when the phase works on the whole of it, or on another frame', () => {
    const [current, desired] = web.frames;
    expect(zoneEmphasis(desired!, phase(web, 'desired'), 'desired-stories')).toBe('plain');
    expect(zoneEmphasis(current!, phase(web, 'current-silent'), 'stories')).toBe('plain');
    expect(zoneEmphasis(desired!, phase(web, 'current-paradigm'), 'desired-paradigm')).toBe('plain');
    expect(zoneEmphasis(current!, phase(web, 'current-paradigm'), 'stories')).toBe('dim');
  });
});

describe('the words of the phase bar', () => {
  it('numbers the phase', () => {
    expect(phaseTitle(circle, phase(circle, 'questions'))).toBe('Phase 3 of 7: Appreciative questions');
  });

  it('says where people write, or why they cannot', () => {
    expect(phasePlace(circle, phase(circle, 'reflecting'))).toBe('What worked and Why it worked');
    expect(phasePlace(web, phase(web, 'desired'))).toBe('The web as we want it');
    expect(phasePlace(web, phase(web, 'current-silent'))).toBe('The web as it is now');
    const open = { write: true, editOthers: false } as const;
    expect(accessWords(circle, phase(circle, 'story'), open, 'presenter')).toBe('You can add notes in The story.');
    const listening = { write: false, code: 'listening', reason: 'The presenter is listening' } as const;
    expect(accessWords(circle, phase(circle, 'reflecting'), listening, 'presenter')).toBe('Read only: The presenter is listening.');
  });
});

describe('a scale', () => {
  const zone = safety.frames[0]!.zones.find((z) => z.scale)!;
  const track = scaleTrack(zone)!;

  it('has a tick for every whole value, ends included', () => {
    const ticks = scaleTicks(track);
    expect(ticks.map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ticks[0]!.x).toBe(track.x0);
    expect(ticks[10]!.x).toBe(track.x1);
  });

  it('reads a marker’s value from where it sits, left to right', () => {
    expect(scaleValueAt(track, track.x0)).toBe(0);
    expect(scaleValueAt(track, (track.x0 + track.x1) / 2)).toBe(5);
    expect(scaleValueAt(track, track.x1 + 500)).toBe(10);
  });

  it('never moves a marker sideways to make room', () => {
    const notes = [
      { id: 'a', centre: { x: 800, y: 900 } },
      { id: 'b', centre: { x: 820, y: 900 } },
      { id: 'c', centre: { x: 300, y: 800 } },
    ];
    const drawn = arrangeMarkers(zone, track, notes, { w: 180, h: 110 });
    expect([...drawn.at.values()].map((p) => p.x)).toEqual([800, 820, 300]);
    expect(drawn.at.get('a')!.y).not.toBe(drawn.at.get('b')!.y);
  });
});
