import type { OutcomeRecord, RecordAction, RecordNote, RecordReviewItem, SessionRole } from '@balcony/shared';

/**
 * Lookups and wording the text exports share, so that Markdown, CSV and PDF name things alike:
 * a zone by its label, a mark in words ("starred", "3 votes") rather than only a symbol.
 */
export interface RecordIndex {
  zoneLabel(zoneId: string): string;
  frameLabel(frameId: string): string;
  note(noteId: string): RecordNote | undefined;
  themeTitle(themeId: string): string | undefined;
}

export function recordIndex(record: OutcomeRecord): RecordIndex {
  const zones = new Map(record.frames.flatMap((f) => f.zones.map((z) => [z.id, z.label] as const)));
  const frames = new Map(record.frames.map((f) => [f.id, f.label]));
  const notes = new Map(record.notes.map((n) => [n.id, n]));
  const themes = new Map(record.themes.map((t) => [t.id, t.title]));
  return {
    zoneLabel: (id) => zones.get(id) ?? id,
    frameLabel: (id) => frames.get(id) ?? id,
    note: (id) => notes.get(id),
    themeTitle: (id) => themes.get(id),
  };
}

export function countWords(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A note's marks in words: its star and its dots. */
export function noteMarks(n: Pick<RecordNote, 'starred' | 'votes'>): string[] {
  return [...(n.starred ? ['starred'] : []), ...(n.votes > 0 ? [countWords(n.votes, 'vote')] : [])];
}

const ROLE_NAMES: Record<SessionRole, [string, string]> = {
  facilitator: ['facilitator', 'facilitators'],
  presenter: ['presenter', 'presenters'],
  participant: ['participant', 'participants'],
  observer: ['observer', 'observers'],
};

export function roleWords(role: SessionRole, count: number): string {
  return `${count} ${ROLE_NAMES[role][count === 1 ? 0 : 1]}`;
}

export function durationWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** What an action is linked to, each link in words: element, stakeholder, theme, notes. */
export function actionLinks(a: RecordAction, ix: RecordIndex): string[] {
  const links: string[] = [];
  if (a.element) links.push(`element: ${a.element.label}`);
  if (a.stakeholder) links.push(`stakeholder: ${a.stakeholder}`);
  if (a.themeId) links.push(`theme: ${ix.themeTitle(a.themeId) ?? a.themeId}`);
  for (const id of a.noteIds) {
    const note = ix.note(id);
    if (note) links.push(`note: ${shorten(note.text, 60)}`);
  }
  return links;
}

/** At most `max` characters, cut at a word where one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** How the review found a carried action, in words; one not reviewed yet says so. */
export function reviewOutcomeWords(item: Pick<RecordReviewItem, 'outcome'>): string {
  switch (item.outcome) {
    case 'done':
      return 'done';
    case 'dropped':
      return 'dropped';
    case 'carried':
      return 'carried on';
    case null:
      return 'not reviewed';
  }
}
