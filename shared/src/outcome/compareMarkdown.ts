import type { ActionStatus, ReviewOutcome } from '../actions.js';
import type { ActionComparison, ComparedSide, NoteChangeOf, RecordComparison, ZoneComparison, ZoneRef } from './compare.js';
import { markdownInline as inline, markdownRow as row } from './markdownText.js';

/**
 * Words a comparison is read in, shared by the Markdown and the compare page so that both say
 * the same thing about each change.
 */

/** A snapshot's moment, the same on every device: "2026-12-02 09:40 UTC". */
export function snapshotTimeWords(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const STATUS: Record<ActionStatus, string> = { open: 'open', done: 'done', dropped: 'dropped' };
const REVIEW: Record<ReviewOutcome, string> = { done: 'done', dropped: 'dropped', carried: 'carried on' };

/** An action's status on one side; "—" where the action was not there. */
export function statusWords(status: ActionStatus | null): string {
  return status === null ? '—' : STATUS[status];
}

/** What became of an action between the two snapshots, in a few words. */
export function actionChangeWords(a: ActionComparison): string {
  const parts: string[] = [];
  switch (a.kind) {
    case 'added':
      parts.push('added');
      break;
    case 'removed':
      parts.push('removed');
      break;
    case 'left-behind':
      parts.push(`not carried over: it was ${statusWords(a.statusBefore)}`);
      break;
    case 'kept':
      parts.push(a.statusBefore === a.statusAfter ? 'no change of status' : `${statusWords(a.statusBefore)} → ${statusWords(a.statusAfter)}`);
      if (a.matchedBy === 'text') parts.push('matched by its words');
      if (a.textChanged) parts.push('reworded');
  }
  if (a.review) parts.push(reviewWords(a.review.outcome, a.review.note));
  return parts.join('; ');
}

/** How a follow-up's review found a carried action. */
export function reviewWords(outcome: ReviewOutcome | null, note: string | null): string {
  if (outcome === null) return 'carried over, not reviewed yet';
  return `carried over, reviewed ${REVIEW[outcome]}${note ? `: “${note}”` : ''}`;
}

function sideLine(label: string, s: ComparedSide): string {
  const state = s.ended ? 'the session had ended' : `during “${inline(s.phaseName)}”`;
  return `- ${label}: ${inline(s.title)}, session of ${inline(s.date)}, snapshot ${snapshotTimeWords(s.takenAt)} (${state})`;
}

const zoneName = (z: ZoneRef) => `${inline(z.label)} (${inline(z.frameLabel)})`;

function quoted(text: string): string {
  return `“${inline(text)}”`;
}

function zoneLines(z: ZoneComparison): string[] {
  const lines: string[] = [`### ${inline(z.zone.label)}`, ''];
  const list = (heading: string, items: string[]) => (items.length > 0 ? [`${heading}:`, '', ...items.map((i) => `- ${i}`), ''] : []);
  const movedText = (m: NoteChangeOf<'moved'>) => (m.edited ? `${quoted(m.before.text)} → ${quoted(m.after.text)}` : quoted(m.after.text));
  const body = [
    ...list('Added', z.added.map((c) => quoted(c.after.text))),
    ...list('Removed', z.removed.map((c) => quoted(c.before.text))),
    ...list('Moved here', z.movedIn.map((m) => `${movedText(m)} — from ${zoneName(m.from)}`)),
    ...list('Moved away', z.movedOut.map((m) => `${movedText(m)} — to ${zoneName(m.to)}`)),
    ...list('Changed', z.changed.map((c) => `${quoted(c.before.text)} → ${quoted(c.after.text)}`)),
  ];
  const unchanged = z.unchanged.length;
  if (body.length === 0) lines.push(unchanged > 0 ? `No changes: ${plural(unchanged, 'note')} as before.` : 'No notes then or now.', '');
  else lines.push(...body, ...(unchanged > 0 ? [`Unchanged: ${plural(unchanged, 'note')}.`, ''] : []));
  return lines;
}

function actionLines(actions: readonly ActionComparison[]): string[] {
  if (actions.length === 0) return ['No actions in either snapshot.'];
  return [
    '| Action | Owner | Then | Now | What changed |',
    '| --- | --- | --- | --- | --- |',
    ...actions.map((a) => {
      const now = a.after ?? a.before!;
      const text = a.textChanged && a.before ? `${now.text} (was: ${a.before.text})` : now.text;
      return row([text, now.owner ?? '(none)', statusWords(a.statusBefore), statusWords(a.statusAfter), actionChangeWords(a)]);
    }),
  ];
}

/** One line per kind of change, with its count. */
export function summaryWords(c: RecordComparison): string[] {
  const n = c.counts;
  const a = n.actions;
  const actionParts = [
    ...(a.added > 0 ? [`${a.added} added`] : []),
    ...(a.removed > 0 ? [`${a.removed} removed`] : []),
    ...(a.leftBehind > 0 ? [`${a.leftBehind} not carried over`] : []),
    `${a.statusChanged} changed status`,
  ];
  return [
    `${plural(n.added, 'note')} added`,
    `${plural(n.removed, 'note')} removed`,
    `${plural(n.moved, 'note')} moved to another zone`,
    `${plural(n.changed, 'note')} changed`,
    `${plural(n.unchanged, 'note')} unchanged`,
    `Actions: ${actionParts.join(', ')}`,
  ];
}

/** The title both the Markdown and the page give a comparison. */
export function comparisonTitle(c: RecordComparison): string {
  return c.before.title === c.after.title ? `Comparison: ${c.after.title}` : `Comparison: ${c.before.title} and ${c.after.title}`;
}

/**
 * A comparison as Markdown, to keep or share beside the records: who and when, the counts, then
 * each frame's zones with what was added, removed, moved and changed, and the actions then and
 * now. Everything typed is escaped, so a note can never become a heading, link or HTML.
 */
export function compareMarkdown(c: RecordComparison): string {
  const out: string[] = [`# ${inline(comparisonTitle(c))}`, ''];
  out.push(`- Template: ${inline(c.template.name)}`);
  out.push(sideLine('Before', c.before));
  out.push(sideLine('After', c.after));
  out.push('');
  out.push('## Summary', '', ...summaryWords(c).map((l) => `- ${l}`), '');
  for (const f of c.frames) {
    out.push(`## ${inline(f.label)}`, '');
    for (const z of f.zones) out.push(...zoneLines(z));
  }
  out.push('## Actions then and now', '', ...actionLines(c.actions), '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
