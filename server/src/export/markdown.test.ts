import { describe, expect, it } from 'vitest';
import { culturalWebFixture, followUpFixture, HOSTILE_TEXT, learningCircleFixture, UNICODE_TEXT, WITHHELD_TEXT } from './fixtures.js';
import { markdownInline } from '@balcony/shared';
import { recordMarkdown } from './markdown.js';

describe('recordMarkdown', () => {
  const web = culturalWebFixture();
  const md = recordMarkdown(web.record);

  it('opens with the title, date and template, then every section as a heading in the template order', () => {
    expect(md.startsWith('# Team web: Café naïve ✓\n')).toBe(true);
    expect(md).toContain('- Date: 2026-12-02');
    expect(md).toContain('- Template: Cultural web');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(web.template.outcome.map((s) => `## ${markdownInline(s.label)}`));
  });

  it('lists notes with the writer in brackets and marks in words, votes numbered, paradigms split, actions in a table', () => {
    expect(md).toContain(`- ${UNICODE_TEXT} (Amara)`);
    expect(md).toContain('- Keep the service safe from criticism (Ben) — starred');
    expect(md).toContain('- How we debrief after a complaint (Amara) — 4 votes');
    expect(md).toContain('- Heroes stay late (Amara) — theme “Fear of blame”');
    expect(md).toMatch(/1\. How we debrief after a complaint \(Change\): 4 votes\n2\. Emails after 7 pm \(Stop\): 2 votes\n3\. Peer supervision/);
    const paradigm = md.slice(md.indexOf('### Paradigm (The web as it is now)'));
    expect(paradigm.indexOf('Confirmed statement:')).toBeLessThan(paradigm.indexOf('Keep the service safe'));
    expect(paradigm.indexOf('Other proposals:')).toBeLessThan(paradigm.indexOf('Targets first'));
    expect(md).toContain('| Action | Owner | Due | Status | Linked to |');
    expect(md).toContain('| Draft a no-blame debrief routine | Amara | 2027-01-15 | open | element: Rituals and routines; stakeholder: Head of service; note: How we debrief after a complaint |');
    expect(md).toContain('| Agree quiet hours for email | Priya Shah | 2027-02-01 | done | theme: Fear of blame |');
  });

  it('escapes what a note types, so it cannot open a heading, a link, a table cell or HTML', () => {
    expect(HOSTILE_TEXT).toContain('<script>');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('[link](');
    expect(md).not.toMatch(/^\s*# Not a heading/m);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('\\# Not a heading \\[link\\](http://evil.example) \\*bold\\* \\| cell');
    expect(markdownInline('1. not a list')).toBe('1\\. not a list');
    expect(markdownInline('- not an item')).toBe('\\- not an item');
    expect(markdownInline('Tom &amp; Jerry ## ')).toBe('Tom \\&amp; Jerry \\#\\#');
  });

  it('leaves out the note marked "don\'t record"', () => {
    expect(md).not.toContain(WITHHELD_TEXT);
    expect(recordMarkdown(learningCircleFixture().record)).not.toContain(WITHHELD_TEXT);
  });

  it('writes a learning circle: summary, participants by role, themes with their notes, actions without a date', () => {
    const circle = recordMarkdown(learningCircleFixture().record);
    expect(circle).toContain('**Title:** Learning circle — December');
    expect(circle).toContain('- A family who would not open the door now calls me first (Ben)');
    expect(circle).toContain('- 1 facilitator: Fay');
    expect(circle).toContain('- 1 presenter: Ben');
    expect(circle).toMatch(/### Theme: Relationship first \(What worked\)\n\n- Patience: six visits before the first conversation \(Amara\) — starred\n- Being honest about the worry \(Fay\)/);
    expect(circle).toContain('| Share the story at the team meeting | Fay | (none) | open | theme: Relationship first |');
  });

  it('opens a follow-up with the review of the carried actions, each outcome and note in a table, its note escaped', () => {
    const followUp = followUpFixture();
    const text = recordMarkdown(followUp.record);
    const headings = text.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Review of actions carried over', ...followUp.template.outcome.map((s) => `## ${markdownInline(s.label)}`)]);
    const review = text.slice(text.indexOf('## Review of actions carried over'), text.indexOf(headings[1]!));
    expect(review).toContain('| Action | Owner | Due | Outcome | Note |');
    expect(review).toContain('| Try six visits before escalating | Ben | 2027-01-10 | done | Six visits, and the door opened |');
    expect(review).toContain('| Ask for a second worker | Priya Shah | (none) | dropped | No longer needed |');
    expect(review).toContain('| Read the new guidance together | (none) | (none) | not reviewed | (none) |');
    expect(review).toContain('| carried on | \\=HYPERLINK("http://evil.example","click") \\<script\\>');
    expect(review).not.toContain('<script>');
  });
});
