import { describe, expect, it } from 'vitest';
import { TEMPLATE_FORMAT_VERSION, TEMPLATE_IDS, getTemplate, listTemplates, templateSchema } from './index.js';
import { NOTE_SIZE, shapeBounds, shapeContains, zoneAnchor, zoneAt } from '../board/geometry.js';

const ZONE_IDS = {
  'cultural-web': ['paradigm', 'stories', 'rituals', 'symbols', 'structures', 'controls', 'power'],
  'what-works-circle': ['agreements', 'story', 'questions', 'what-worked', 'why-it-worked', 'takeaways', 'actions'],
} as const;

describe('built-in templates', () => {
  it.each(TEMPLATE_IDS)('%s has the fixed zone ids', (id) => {
    expect(getTemplate(id).zones.map((z) => z.id)).toEqual(ZONE_IDS[id]);
  });

  it('labels the zones in the words of the exercises', () => {
    expect(getTemplate('cultural-web').zones.map((z) => z.label)).toEqual([
      'Paradigm',
      'Stories',
      'Rituals and routines',
      'Symbols',
      'Organisational structures',
      'Control systems',
      'Power structures',
    ]);
    expect(getTemplate('what-works-circle').zones.map((z) => z.label)).toEqual([
      'Agreements',
      'The story',
      'Questions',
      'What worked',
      'Why it worked',
      'Take-aways',
      'Actions',
    ]);
  });

  it('keeps the phase timings of the exercises (60 and 75 minutes)', () => {
    const total = (id: (typeof TEMPLATE_IDS)[number]) => getTemplate(id).phases.reduce((n, p) => n + p.minutes, 0);
    expect(total('what-works-circle')).toBe(60);
    expect(total('cultural-web')).toBe(75);
  });

  it.each(TEMPLATE_IDS)('%s: zones never overlap and every board point belongs to at most one zone', (id) => {
    const t = getTemplate(id);
    for (let x = 1; x < t.board.width; x += 13) {
      for (let y = 1; y < t.board.height; y += 11) {
        const containing = t.zones.filter((z) => shapeContains(z.shape, { x, y }));
        // Shared edges are measure-zero; a sample grid offset from them never hits one.
        expect(containing.length, `(${x}, ${y})`).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each(TEMPLATE_IDS)('%s: zones stay on the board and a note fits at each anchor', (id) => {
    const t = getTemplate(id);
    for (const zone of t.zones) {
      const b = shapeBounds(zone.shape);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(t.board.width);
      expect(b.y + b.h).toBeLessThanOrEqual(t.board.height);
      expect(b.w).toBeGreaterThanOrEqual(NOTE_SIZE.w);
      expect(zoneAt(t, zoneAnchor(zone))?.id).toBe(zone.id);
    }
  });

  it('draws the cultural web with the paradigm in the centre and stories top-left', () => {
    const t = getTemplate('cultural-web');
    expect(zoneAt(t, { x: t.board.width / 2, y: t.board.height / 2 })?.id).toBe('paradigm');
    expect(zoneAt(t, { x: 200, y: 100 })?.id).toBe('stories');
    expect(zoneAt(t, { x: 1400, y: 100 })?.id).toBe('rituals');
    expect(zoneAt(t, { x: 1550, y: 500 })?.id).toBe('symbols');
    expect(zoneAt(t, { x: 1400, y: 900 })?.id).toBe('structures');
    expect(zoneAt(t, { x: 200, y: 900 })?.id).toBe('controls');
    expect(zoneAt(t, { x: 50, y: 500 })?.id).toBe('power');
  });

  it('lays the learning circle out as columns in the order of the phases', () => {
    const t = getTemplate('what-works-circle');
    const lefts = t.zones.map((z) => shapeBounds(z.shape).x);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
  });
});

describe('templateSchema', () => {
  const valid = listTemplates()[0]!;

  it('accepts every built-in template', () => {
    for (const t of listTemplates()) expect(templateSchema.safeParse(t).success).toBe(true);
  });

  it('rejects a duplicate zone id', () => {
    const broken = { ...valid, zones: [...valid.zones, valid.zones[0]] };
    expect(templateSchema.safeParse(broken).success).toBe(false);
  });

  it('rejects a phase that names an unknown zone', () => {
    const broken = { ...valid, phases: [{ ...valid.phases[0]!, zones: ['nowhere'] }] };
    expect(templateSchema.safeParse(broken).success).toBe(false);
  });

  it('rejects extra keys, missing keys and wrong types', () => {
    expect(templateSchema.safeParse({ ...valid, colourScheme: 'dark' }).success).toBe(false);
    const { phases: _phases, ...noPhases } = valid;
    expect(templateSchema.safeParse(noPhases).success).toBe(false);
    expect(templateSchema.safeParse({ ...valid, board: { width: '1600', height: 1000 } }).success).toBe(false);
    expect(templateSchema.safeParse({ ...valid, zones: [{ ...valid.zones[0]!, label: 'x'.repeat(61) }] }).success).toBe(false);
  });
});

describe('templates as data', () => {
  it.each(TEMPLATE_IDS)('%s is of the format version this code reads, and each phase works in zones the template has', (id) => {
    const template = getTemplate(id);
    expect(template.formatVersion).toBe(TEMPLATE_FORMAT_VERSION);
    expect(templateSchema.safeParse(template).success).toBe(true);
    const zones = new Set(template.zones.map((z) => z.id));
    expect(template.phases.length).toBeGreaterThan(0);
    for (const phase of template.phases) {
      for (const zone of phase.zones) expect(zones.has(zone), `${id} ${phase.id} ${zone}`).toBe(true);
      expect(phase.minutes).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses a template of another format version', () => {
    const later = { ...getTemplate('cultural-web'), formatVersion: TEMPLATE_FORMAT_VERSION + 1 };
    const parsed = templateSchema.safeParse(later);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['formatVersion']);
  });
});
