import { markdownInline, markdownRow } from '@balcony/shared';
import type { OutcomeRecord, RecordAction, RecordNote, RecordReviewItem, RecordSection, RecordTheme, RecordVoteItem } from '@balcony/shared';
import { actionLinks, countWords, durationWords, noteMarks, recordIndex, reviewOutcomeWords, roleWords, type RecordIndex } from './words.js';

/**
 * The record as Markdown, to read, print or paste into a case-recording system. Everything a
 * participant typed is escaped, so a note reads as the words it holds and can never become a
 * heading, a link, a table break or raw HTML in whatever renders the file.
 */
export function recordMarkdown(record: OutcomeRecord): string {
  const ix = recordIndex(record);
  const out: string[] = [];
  out.push(`# ${markdownInline(record.title)}`, '');
  out.push(`- Date: ${markdownInline(record.date)}`);
  out.push(`- Template: ${markdownInline(record.template.name)}`);
  out.push(`- Record: ${record.ended ? 'final, the session had ended' : `draft, taken during “${markdownInline(record.phase.name)}”`} (${new Date(record.takenAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
  if (record.anonymous) out.push('- Anonymous session: no writer is named.');
  out.push('');
  for (const section of record.sections) {
    out.push(`## ${markdownInline(section.label)}`, '');
    out.push(...sectionLines(section, ix), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function sectionLines(section: RecordSection, ix: RecordIndex): string[] {
  switch (section.kind) {
    case 'summary':
      return [
        `**Title:** ${markdownInline(section.title)}  `,
        `**Date:** ${markdownInline(section.date)}  `,
        `**Template:** ${markdownInline(section.templateName)}`,
        ...(section.notes.length > 0 ? ['', ...section.notes.map((n) => noteItem(n))] : []),
      ];
    case 'participants':
      return orNone(
        section.participants.byRole.map((r) => `- ${roleWords(r.role, r.count)}${r.names.length > 0 ? `: ${r.names.map(markdownInline).join(', ')}` : ''}`),
        'Nobody joined.',
      );
    case 'phases':
      return [
        '| Phase | Planned | Spent |',
        '| --- | --- | --- |',
        ...section.phases.map((p) => markdownRow([p.name, `${p.plannedMinutes} min`, p.reached ? durationWords(p.spentMs) : 'not reached'])),
      ];
    case 'notes':
      return section.zones.flatMap((z) => [`### ${markdownInline(z.label)} (${markdownInline(z.frameLabel)})`, '', ...orNone(z.notes.map((n) => noteItem(n, undefined, ix)), 'No notes.'), '']);
    case 'starred':
      return orNone(
        section.notes.map((n) => noteItem(n, ix.zoneLabel(n.zoneId), ix)),
        'No starred notes.',
      );
    case 'themes':
      return orNone(section.themes.flatMap((t) => themeLines(t, ix)), 'No themes.');
    case 'votes':
      return orNone(
        section.votes.flatMap((v) => [
          `### Vote in “${markdownInline(v.phaseName)}” (on ${v.targets})`,
          '',
          ...orNone(v.results.map((r, i) => voteItem(r, i, ix)), 'No votes were cast here.'),
          '',
        ]),
        'No vote was held.',
      );
    case 'priorities':
      return orNone(
        section.items.map((r, i) => voteItem(r, i, ix)),
        'No vote was held, so there are no priorities.',
      );
    case 'paradigms':
      return section.statements.flatMap((s) => [
        `### ${markdownInline(s.label)} (${markdownInline(s.frameLabel)})`,
        '',
        s.confirmed.length > 0 ? `Confirmed statement${s.confirmed.length > 1 ? 's' : ''}:` : 'No statement was confirmed.',
        ...(s.confirmed.length > 0 ? ['', ...s.confirmed.map((n) => noteItem(n))] : []),
        '',
        ...(s.proposals.length > 0 ? ['Other proposals:', '', ...s.proposals.map((n) => noteItem(n)), ''] : []),
      ]);
    case 'scale':
      return section.scales.flatMap((s) => [
        `### ${markdownInline(s.label)}`,
        '',
        `From ${s.from} (${markdownInline(s.fromLabel)}) to ${s.to} (${markdownInline(s.toLabel)}).`,
        '',
        ...orNone(
          s.markers.map((m) => `- **${m.value}**: ${noteBody(m.note)}`),
          'No markers.',
        ),
        '',
      ]);
    case 'actions':
      return actionTable(section.actions, ix);
    case 'review':
      return reviewTable(section.items);
  }
}

function reviewTable(items: readonly RecordReviewItem[]): string[] {
  if (items.length === 0) return ['No actions were carried over.'];
  return [
    '| Action | Owner | Due | Outcome | Note |',
    '| --- | --- | --- | --- | --- |',
    ...items.map((i) => markdownRow([i.text, i.owner ?? '(none)', i.due ?? '(none)', reviewOutcomeWords(i), i.note || '(none)'])),
  ];
}

function themeLines(t: RecordTheme & { notes: RecordNote[] }, ix: RecordIndex): string[] {
  const votes = t.votes > 0 ? `, ${countWords(t.votes, 'vote')}` : '';
  return [`### Theme: ${markdownInline(t.title || 'Untitled theme')} (${markdownInline(ix.zoneLabel(t.zoneId))}${votes})`, '', ...orNone(t.notes.map((n) => noteItem(n)), 'No notes.'), ''];
}

function voteItem(r: RecordVoteItem, i: number, ix: RecordIndex): string {
  const what = r.kind === 'theme' ? `theme “${markdownInline(r.text)}”` : markdownInline(r.text);
  return `${i + 1}. ${what} (${markdownInline(ix.zoneLabel(r.zoneId))}): ${countWords(r.votes, 'vote')}`;
}

function actionTable(actions: readonly RecordAction[], ix: RecordIndex): string[] {
  if (actions.length === 0) return ['No actions were recorded.'];
  return [
    '| Action | Owner | Due | Status | Linked to |',
    '| --- | --- | --- | --- | --- |',
    ...actions.map((a) => markdownRow([a.text, a.owner ?? '(none)', a.due ?? '(none)', a.status, actionLinks(a, ix).join('; ') || '(none)'])),
  ];
}

/**
 * A list item for a note: its words, the writer in brackets, and its marks spelt out; given the
 * index, the theme it was grouped in too.
 */
function noteItem(n: RecordNote, where?: string, ix?: RecordIndex): string {
  return `- ${noteBody(n, ix)}${where ? ` (in ${markdownInline(where)})` : ''}`;
}

function noteBody(n: RecordNote, ix?: RecordIndex): string {
  const theme = ix && n.themeId ? ix.themeTitle(n.themeId) : undefined;
  const marks = [...noteMarks(n), ...(theme !== undefined ? [`theme “${markdownInline(theme)}”`] : [])];
  // A note's own line breaks are kept as hard breaks indented into the list item.
  const text = n.text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => markdownInline(line))
    .join('\\\n  ');
  return `${text}${n.author !== null ? ` (${markdownInline(n.author)})` : ''}${marks.length > 0 ? ` — ${marks.join(', ')}` : ''}`;
}

function orNone(lines: string[], none: string): string[] {
  return lines.length > 0 ? lines : [none];
}
