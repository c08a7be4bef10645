import { describe, expect, it } from 'vitest';
import { boardToNotePosition, freeSpotInZone, notePositionToBoard, shapeContains, zoneAt } from './geometry.js';
import { getTemplate, templateZones } from '../templates/index.js';

describe('geometry', () => {
  const web = getTemplate('cultural-web').frames[0]!;
  const circle = getTemplate('what-works-circle').frames[0]!;

  it('turns a stored position into a board point and back', () => {
    for (const zone of [...templateZones(getTemplate('cultural-web')), ...circle.zones]) {
      const pos = { x: 0.3, y: 0.7 };
      const back = boardToNotePosition(zone, notePositionToBoard(zone, pos));
      expect(back.x).toBeCloseTo(0.3);
      expect(back.y).toBeCloseTo(0.7);
    }
  });

  it('clamps a point outside a zone to its bounds', () => {
    const zone = circle.zones[0]!;
    expect(boardToNotePosition(zone, { x: -500, y: 5000 })).toEqual({ x: 0, y: 1 });
  });

  it('gives the zone under a note centre on a boundary to exactly one zone', () => {
    // The edge between the first two columns: x = 220 belongs to the first, 230 to the second.
    expect(zoneAt(circle, { x: 220, y: 500 })?.id).toBe('agreements');
    expect(zoneAt(circle, { x: 230, y: 500 })?.id).toBe('story');
    expect(zoneAt(circle, { x: 225, y: 500 })).toBeUndefined();
  });

  it('places successive new notes inside their zone and apart', () => {
    for (const zone of web.zones) {
      const spots = Array.from({ length: 8 }, (_, i) => freeSpotInZone(zone, i));
      for (const s of spots) expect(shapeContains(zone.shape, s)).toBe(true);
      expect(new Set(spots.map((s) => `${s.x},${s.y}`)).size).toBeGreaterThan(1);
    }
  });
});
