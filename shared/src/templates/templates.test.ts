import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_FORMAT_VERSION,
  TEMPLATE_IDS,
  frameOfZone,
  getTemplate,
  listTemplates,
  parseTemplateJson,
  resolveTarget,
  templateSchema,
  templateZones,
  type Template,
} from './index.js';
import { NOTE_SIZE, shapeBounds, shapeContains, zoneAnchor, zoneAt } from '../board/geometry.js';

const WEB_IDS = ['paradigm', 'stories', 'rituals', 'symbols', 'structures', 'controls', 'power'];
const ZONE_IDS: Record<(typeof TEMPLATE_IDS)[number], string[]> = {
  'what-works-circle': ['agreements', 'story', 'questions', 'what-worked', 'why-it-worked', 'takeaways', 'actions'],
  'cultural-web': [...WEB_IDS, ...WEB_IDS.map((id) => `desired-${id}`), 'keep', 'change', 'start', 'stop'],
  'dance-floor-balcony': ['dance-floor', 'balcony', 'patterns', 'next-move'],
  'situational-leadership': ['coaching', 'directing', 'supporting', 'delegating', 'style-actions'],
  'cultural-competence': ['barriers-policies', 'barriers-behaviours', 'already-helps', 'i-can-change', 'we-can-influence', 'competence-actions'],
  'signs-of-safety': ['worries', 'working-well', 'needs-to-happen', 'safety-scale'],
};

describe('built-in templates', () => {
  it.each(TEMPLATE_IDS)('%s has the fixed zone ids, unique across its frames', (id) => {
    const ids = templateZones(getTemplate(id)).map((z) => z.id);
    expect(ids).toEqual(ZONE_IDS[id]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('labels the zones in the words of the exercises', () => {
    const web = getTemplate('cultural-web');
    const labels = ['Paradigm', 'Stories', 'Rituals and routines', 'Symbols', 'Organisational structures', 'Control systems', 'Power structures'];
    expect(web.frames.map((f) => f.id)).toEqual(['current', 'desired', 'gap']);
    expect(web.frames[0]!.zones.map((z) => z.label)).toEqual(labels);
    // The web as the team wants it has the same seven elements, in the same shape.
    expect(web.frames[1]!.zones.map((z) => z.label)).toEqual(labels);
    expect(web.frames[1]!.zones.map((z) => z.shape)).toEqual(web.frames[0]!.zones.map((z) => z.shape));
    expect(web.frames[2]!.zones.map((z) => z.id)).toEqual(['keep', 'change', 'start', 'stop']);
    expect(getTemplate('what-works-circle').frames[0]!.zones.map((z) => z.label)).toEqual([
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

  it('opens each cultural web phase on the frame the exercise works in', () => {
    expect(getTemplate('cultural-web').phases.map((p) => p.frame)).toEqual(['current', 'current', 'current', 'current', 'desired', 'gap', 'gap']);
  });

  it.each(TEMPLATE_IDS)('%s: zones never overlap and every board point belongs to at most one zone', (id) => {
    for (const frame of getTemplate(id).frames) {
      for (let x = 1; x < frame.board.width; x += 13) {
        for (let y = 1; y < frame.board.height; y += 11) {
          const containing = frame.zones.filter((z) => shapeContains(z.shape, { x, y }));
          // Shared edges are measure-zero; a sample grid offset from them never hits one.
          expect(containing.length, `${frame.id} (${x}, ${y})`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it.each(TEMPLATE_IDS)('%s: zones stay on the board and a note fits at each anchor', (id) => {
    for (const frame of getTemplate(id).frames) {
      for (const zone of frame.zones) {
        const b = shapeBounds(zone.shape);
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(frame.board.width);
        expect(b.y + b.h).toBeLessThanOrEqual(frame.board.height);
        expect(b.w).toBeGreaterThanOrEqual(NOTE_SIZE.w);
        expect(zoneAt(frame, zoneAnchor(zone))?.id).toBe(zone.id);
      }
    }
  });

  it('draws the cultural web with the paradigm in the centre and stories top-left', () => {
    const t = getTemplate('cultural-web').frames[0]!;
    expect(zoneAt(t, { x: t.board.width / 2, y: t.board.height / 2 })?.id).toBe('paradigm');
    expect(zoneAt(t, { x: 200, y: 100 })?.id).toBe('stories');
    expect(zoneAt(t, { x: 1400, y: 100 })?.id).toBe('rituals');
    expect(zoneAt(t, { x: 1550, y: 500 })?.id).toBe('symbols');
    expect(zoneAt(t, { x: 1400, y: 900 })?.id).toBe('structures');
    expect(zoneAt(t, { x: 200, y: 900 })?.id).toBe('controls');
    expect(zoneAt(t, { x: 50, y: 500 })?.id).toBe('power');
  });

  it('lays the learning circle out as columns in the order of the phases', () => {
    const lefts = getTemplate('what-works-circle').frames[0]!.zones.map((z) => shapeBounds(z.shape).x);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
  });

  it('gives Signs of Safety one 0 to 10 scale, one marker each', () => {
    const scales = templateZones(getTemplate('signs-of-safety')).filter((z) => z.scale);
    expect(scales.map((z) => [z.id, z.scale])).toEqual([
      ['safety-scale', { from: 0, to: 10, fromLabel: 'The child is certain to be harmed', toLabel: 'Enough safety to close the case', markersPerPerson: 1 }],
    ]);
  });

  it('makes the two private phases of the toolkit private', () => {
    const privateOnes = (id: (typeof TEMPLATE_IDS)[number]) => getTemplate(id).phases.filter((p) => p.privateUntilRevealed).map((p) => p.id);
    expect(privateOnes('dance-floor-balcony')).toEqual(['list-tasks']);
    expect(privateOnes('cultural-competence')).toEqual(['barriers']);
    expect(privateOnes('cultural-web')).toEqual(['current-silent']);
  });

  it('finds a follow-me target as a frame, or as a zone on its frame', () => {
    const web = getTemplate('cultural-web');
    expect(resolveTarget(web, 'desired')).toMatchObject({ frame: { id: 'desired' }, zone: null });
    expect(resolveTarget(web, 'desired-stories')).toMatchObject({ frame: { id: 'desired' }, zone: { id: 'desired-stories' } });
    expect(resolveTarget(web, 'nowhere')).toBeNull();
    expect(frameOfZone(web, 'stop')?.id).toBe('gap');
  });
});

describe('templates as data', () => {
  it.each(TEMPLATE_IDS)('%s: parses, is of this format version, and its phases walk frames and zones it has', (id) => {
    const template = getTemplate(id);
    expect(template.formatVersion).toBe(TEMPLATE_FORMAT_VERSION);
    expect(templateSchema.safeParse(template).success).toBe(true);
    expect(parseTemplateJson(JSON.parse(JSON.stringify(template)))).toEqual({ ok: true, template });
    expect(template.phases.length).toBeGreaterThan(0);
    let someoneElseWrites = false;
    for (const phase of template.phases) {
      const frame = template.frames.find((f) => f.id === phase.frame);
      expect(frame, `${id} ${phase.id}`).toBeDefined();
      for (const zone of phase.zones) expect(frame!.zones.some((z) => z.id === zone), `${id} ${phase.id} ${zone}`).toBe(true);
      expect(phase.minutes).toBeGreaterThan(0);
      expect(phase.script.length).toBeGreaterThan(40);
      if (phase.writers.some((w) => w !== 'facilitator')) someoneElseWrites = true;
    }
    expect(someoneElseWrites).toBe(true);
  });
});

describe('parseTemplateJson', () => {
  const copy = (): Template => structuredClone(getTemplate('cultural-web'));

  it('names the first problem by its JSON path', () => {
    const unknownFrame = copy();
    unknownFrame.phases[3]!.frame = 'elsewhere';
    expect(parseTemplateJson(unknownFrame)).toMatchObject({ ok: false, problem: { path: '$.phases[3].frame' } });

    const twice = copy();
    twice.frames[1]!.zones[2]!.id = 'stories';
    expect(parseTemplateJson(twice)).toMatchObject({ ok: false, problem: { path: '$.frames[1].zones[2].id', message: 'duplicate zone id stories' } });

    const elsewhere = copy();
    elsewhere.phases[4]!.zones = ['stories'];
    expect(parseTemplateJson(elsewhere)).toMatchObject({ ok: false, problem: { path: '$.phases[4].zones[0]' } });

    expect(parseTemplateJson({ ...copy(), formatVersion: 1 })).toMatchObject({ ok: false, problem: { path: '$.formatVersion' } });
    expect(parseTemplateJson('not a template')).toMatchObject({ ok: false, problem: { path: '$' } });
  });

  it('refuses extra keys, missing keys and wrong types', () => {
    const valid = listTemplates()[0]!;
    expect(templateSchema.safeParse({ ...valid, colourScheme: 'dark' }).success).toBe(false);
    const { phases: _phases, ...noPhases } = valid;
    expect(templateSchema.safeParse(noPhases).success).toBe(false);
    const wrongBoard = structuredClone(valid) as unknown as { frames: { board: unknown }[] };
    wrongBoard.frames[0]!.board = { width: '1600', height: 1000 };
    expect(templateSchema.safeParse(wrongBoard).success).toBe(false);
    const longLabel = structuredClone(valid);
    longLabel.frames[0]!.zones[0]!.label = 'x'.repeat(61);
    expect(parseTemplateJson(longLabel)).toMatchObject({ ok: false, problem: { path: '$.frames[0].zones[0].label' } });
  });
});
