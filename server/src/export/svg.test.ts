import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { culturalWebFixture, HOSTILE_TEXT, learningCircleFixture, UNICODE_TEXT, WITHHELD_TEXT } from './fixtures.js';
import { measureText } from './fonts.js';
import { wrap } from './picture.js';
import { frameSvg, UnknownFrameError, xml } from './svg.js';

const web = culturalWebFixture();

describe('frameSvg', () => {
  it('draws the cultural web as valid standalone XML: the paradigm circle, six wedges, zone names and notes', () => {
    const svg = frameSvg(web.record, web.template, 'current');
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false }).parse(svg).svg;
    expect(root['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(Number(root['@_width'])).toBeGreaterThanOrEqual(1600);
    expect(root['@_viewBox']).toBe(`0 0 ${root['@_width']} ${root['@_height']}`);
    expect(svg.match(/<circle cx="800" cy="500" r="200"/g)).toHaveLength(1);
    expect(svg.match(/<polygon /g)).toHaveLength(6);
    for (const label of ['Paradigm', 'Stories', 'Power structures', 'The web as it is now']) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain(`<title>${UNICODE_TEXT}, by Amara</title>`);
    expect(svg).toContain('<title>Keep the service safe from criticism, by Ben, starred</title>');
    expect(svg).toContain('★');
    expect(svg).not.toContain(WITHHELD_TEXT);
  });

  it('draws a theme as a block behind its notes, and a note\'s votes as a numbered dot', () => {
    const svg = frameSvg(web.record, web.template, 'current');
    const theme = svg.indexOf('data-theme="t-blame"');
    expect(theme).toBeGreaterThan(0);
    expect(svg.indexOf('data-note="n-story-2"')).toBeGreaterThan(theme);
    expect(svg).toContain('>Fear of blame<');
    const gap = frameSvg(web.record, web.template, 'gap');
    const change = gap.slice(gap.indexOf('data-note="n-change"'));
    expect(change.slice(0, change.indexOf('</g>'))).toMatch(/<circle [^>]*\/><text [^>]*>4<\/text>/);
  });

  it('escapes a note that holds markup, and keeps its full words in the card\'s title', () => {
    const svg = frameSvg(web.record, web.template, 'current');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(`<title>${xml(HOSTILE_TEXT)}, by Ben</title>`);
    expect(xml('a < b & "c"\u0001')).toBe('a &lt; b &amp; "c"');
  });

  it('cuts a long note short with an ellipsis, and wraps it within the card', () => {
    const svg = frameSvg(web.record, web.template, 'current');
    const power = svg.slice(svg.indexOf('data-note="n-power"'));
    const lines = [...power.slice(0, power.indexOf('</g>')).matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)!.endsWith('…')).toBe(true);
    const long = wrap('word '.repeat(60) + 'supercalifragilisticexpialidocious', 120, 15, false, measureText, 3);
    expect(long).toHaveLength(3);
    for (const l of long) expect(measureText(l, 15)).toBeLessThanOrEqual(120);
    expect(wrap('short', 120, 15, false, measureText, 3)).toEqual(['short']);
  });

  it('with no frame named, stacks every frame under its name', () => {
    const all = frameSvg(web.record, web.template);
    expect(XMLValidator.validate(all)).toBe(true);
    for (const f of web.template.frames) expect(all).toContain(`>${f.label}<`);
    expect(all.match(/<circle cx="800" cy="500" r="200"/g)).toHaveLength(2);
    const one = Number(/height="(\d+)"/.exec(frameSvg(web.record, web.template, 'current'))![1]);
    expect(Number(/height="(\d+)"/.exec(all)![1])).toBeGreaterThan(2.5 * one);
    const circle = learningCircleFixture();
    expect(frameSvg(circle.record, circle.template)).toContain('<title>Who else made it possible?, by Amara</title>');
  });

  it('throws UnknownFrameError for a frame the template does not have', () => {
    expect(() => frameSvg(web.record, web.template, 'nowhere')).toThrow(UnknownFrameError);
  });
});
