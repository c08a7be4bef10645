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
  out.push(`# ${inline(record.title)}`, '');
  out.push(`- Date: ${inline(record.date)}`);
  out.push(`- Template: ${inline(record.template.name)}`);
  out.push(`- Record: ${record.ended ? 'final, the session had ended' : `draft, taken during “${inline(record.phase.name)}”`} (${new Date(record.takenAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
  if (record.anonymous) out.push('- Anonymous session: no writer is named.');
  out.push('');
  for (const section of record.sections) {
    out.push(`## ${inline(section.label)}`, '');
    out.push(...sectionLines(section, ix), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function sectionLines(section: RecordSection, ix: RecordIndex): string[] {
  switch (section.kind) {
    case 'summary':
      return [
        `**Title:** ${inline(section.title)}  `,
        `**Date:** ${inline(section.date)}  `,
        `**Template:** ${inline(section.templateName)}`,
        ...(section.notes.length > 0 ? ['', ...section.notes.map((n) => noteItem(n))] : []),
      ];
    case 'participants':
      return orNone(
        section.participants.byRole.map((r) => `- ${roleWords(r.role, r.count)}${r.names.length > 0 ? `: ${r.names.map(inline).join(', ')}` : ''}`),
        'Nobody joined.',
      );
    case 'phases':
      return [
        '| Phase | Planned | Spent |',
        '| --- | --- | --- |',
        ...section.phases.map((p) => row([p.name, `${p.plannedMinutes} min`, p.reached ? durationWords(p.spentMs) : 'not reached'])),
      ];
    case 'notes':
      return section.zones.flatMap((z) => [`### ${inline(z.label)} (${inline(z.frameLabel)})`, '', ...orNone(z.notes.map((n) => noteItem(n, undefined, ix)), 'No notes.'), '']);
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
          `### Vote in “${inline(v.phaseName)}” (on ${v.targets})`,
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
        `### ${inline(s.label)} (${inline(s.frameLabel)})`,
        '',
        s.confirmed.length > 0 ? `Confirmed statement${s.confirmed.length > 1 ? 's' : ''}:` : 'No statement was confirmed.',
        ...(s.confirmed.length > 0 ? ['', ...s.confirmed.map((n) => noteItem(n))] : []),
        '',
        ...(s.proposals.length > 0 ? ['Other proposals:', '', ...s.proposals.map((n) => noteItem(n)), ''] : []),
      ]);
    case 'scale':
      return section.scales.flatMap((s) => [
        `### ${inline(s.label)}`,
        '',
        `From ${s.from} (${inline(s.fromLabel)}) to ${s.to} (${inline(s.toLabel)}).`,
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
    ...items.map((i) => row([i.text, i.owner ?? '(none)', i.due ?? '(none)', reviewOutcomeWords(i), i.note || '(none)'])),
  ];
}

function themeLines(t: RecordTheme & { notes: RecordNote[] }, ix: RecordIndex): string[] {
  const votes = t.votes > 0 ? `, ${countWords(t.votes, 'vote')}` : '';
  return [`### Theme: ${inline(t.title || 'Untitled theme')} (${inline(ix.zoneLabel(t.zoneId))}${votes})`, '', ...orNone(t.notes.map((n) => noteItem(n)), 'No notes.'), ''];
}

function voteItem(r: RecordVoteItem, i: number, ix: RecordIndex): string {
  const what = r.kind === 'theme' ? `theme “${inline(r.text)}”` : inline(r.text);
  return `${i + 1}. ${what} (${inline(ix.zoneLabel(r.zoneId))}): ${countWords(r.votes, 'vote')}`;
}

function actionTable(actions: readonly RecordAction[], ix: RecordIndex): string[] {
  if (actions.length === 0) return ['No actions were recorded.'];
  return [
    '| Action | Owner | Due | Status | Linked to |',
    '| --- | --- | --- | --- | --- |',
    ...actions.map((a) => row([a.text, a.owner ?? '(none)', a.due ?? '(none)', a.status, actionLinks(a, ix).join('; ') || '(none)'])),
  ];
}

/**
 * A list item for a note: its words, the writer in brackets, and its marks spelt out; given the
 * index, the theme it was grouped in too.
 */
function noteItem(n: RecordNote, where?: string, ix?: RecordIndex): string {
  return `- ${noteBody(n, ix)}${where ? ` (in ${inline(where)})` : ''}`;
}

function noteBody(n: RecordNote, ix?: RecordIndex): string {
  const theme = ix && n.themeId ? ix.themeTitle(n.themeId) : undefined;
  const marks = [...noteMarks(n), ...(theme !== undefined ? [`theme “${inline(theme)}”`] : [])];
  // A note's own line breaks are kept as hard breaks indented into the list item.
  const text = n.text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => inline(line))
    .join('\\\n  ');
  return `${text}${n.author !== null ? ` (${inline(n.author)})` : ''}${marks.length > 0 ? ` — ${marks.join(', ')}` : ''}`;
}

function row(cells: string[]): string {
  // A table cell holds one line; a pipe would end the cell early.
  return `| ${cells.map((c) => inline(c.replace(/\s*[\r\n]+\s*/g, ' '))).join(' | ')} |`;
}

function orNone(lines: string[], none: string): string[] {
  return lines.length > 0 ? lines : [none];
}

/**
 * User text made inert in Markdown: the characters that mean something anywhere in a line
 * (emphasis, code, links, HTML, entities, table pipes, strikethrough) are backslash-escaped, and
 * so is a start that would open a block (heading, list, quote, setext underline) and a closing
 * run of #s a heading would swallow. Line breaks are flattened, leading spaces (code) dropped.
 */
export function inline(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/^\s+/, '');
  const escaped = flat.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
  return escaped
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(\s)(#+)\s*$/, (_m, sp: string, hashes: string) => sp + hashes.replace(/#/g, '\\#'));
}
