import { stringify } from 'csv-stringify/sync';
import type { OutcomeRecord } from '@balcony/shared';
import { recordIndex } from './words.js';

/**
 * The record as one CSV file, one row per thing filed, for a spreadsheet. Columns:
 *
 * - `kind`: `review` (in a follow-up, one action carried over, as the review found it), `note`,
 *   `theme`, `vote` (one voted-on item of one closed vote) or `action`
 * - `id`: the note's, theme's or action's id; for a vote row, the vote's id; for a review row, the
 *   carried action's (its `action` row has the same id)
 * - `frame`, `zone`: labels of where it sits (empty for an action: see `element`)
 * - `text`: the note's words, the theme's title, the voted item's words, the action
 * - `author`: a note's writer (empty in an anonymous session)
 * - `theme`: the title of the note's theme
 * - `starred`: `yes` or `no`, for notes
 * - `votes`: dots from every closed vote (notes, themes), or in this vote (vote rows)
 * - `rank`: the item's place in its vote, 1 for the most dots
 * - `vote`: the phase the vote was held in (vote rows)
 * - `owner`, `due`, `status`: an action's (`owner`, `due` also a review row's)
 * - `element`, `stakeholder`: an action's, in the cultural web
 * - `links`: ids of the rows this one refers to, as `note:<id>` / `theme:<id>`, separated by spaces
 *   (a theme's notes, the voted-on item, an action's notes and theme)
 * - `outcome`: a review row's `done`, `dropped` or `carried` (carried on); empty until reviewed
 * - `note`: what the review said of it
 * - `from`: the id of the session the action was carried over from
 *
 * Cells are empty where a column says nothing for that kind.
 */
export const CSV_COLUMNS = [
  'kind',
  'id',
  'frame',
  'zone',
  'text',
  'author',
  'theme',
  'starred',
  'votes',
  'rank',
  'vote',
  'owner',
  'due',
  'status',
  'element',
  'stakeholder',
  'links',
  'outcome',
  'note',
  'from',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number>>;

export function recordCsv(record: OutcomeRecord): string {
  const ix = recordIndex(record);
  const frameOfZone = new Map(record.frames.flatMap((f) => f.zones.map((z) => [z.id, f.label] as const)));
  const rows: Row[] = [];
  // First, as in the record: a follow-up opens with how last time's actions went.
  for (const r of record.review) {
    rows.push({ kind: 'review', id: r.actionId, text: r.text, owner: r.owner ?? '', due: r.due ?? '', outcome: r.outcome ?? '', note: r.note ?? '', from: r.fromSessionId });
  }
  for (const n of record.notes) {
    rows.push({
      kind: 'note',
      id: n.id,
      frame: ix.frameLabel(n.frameId),
      zone: ix.zoneLabel(n.zoneId),
      text: n.text,
      author: n.author ?? '',
      theme: n.themeId ? (ix.themeTitle(n.themeId) ?? '') : '',
      starred: n.starred ? 'yes' : 'no',
      votes: n.votes,
    });
  }
  for (const t of record.themes) {
    rows.push({
      kind: 'theme',
      id: t.id,
      frame: ix.frameLabel(t.frameId),
      zone: ix.zoneLabel(t.zoneId),
      text: t.title,
      votes: t.votes,
      links: t.noteIds.map((id) => `note:${id}`).join(' '),
    });
  }
  for (const v of record.votes) {
    v.results.forEach((r, i) => {
      rows.push({
        kind: 'vote',
        id: v.id,
        frame: frameOfZone.get(r.zoneId) ?? '',
        zone: ix.zoneLabel(r.zoneId),
        text: r.text,
        votes: r.votes,
        rank: i + 1,
        vote: v.phaseName,
        links: `${r.kind}:${r.targetId}`,
      });
    });
  }
  for (const a of record.actions) {
    rows.push({
      kind: 'action',
      id: a.id,
      text: a.text,
      owner: a.owner ?? '',
      due: a.due ?? '',
      status: a.status,
      element: a.element?.label ?? '',
      stakeholder: a.stakeholder ?? '',
      links: [...a.noteIds.map((id) => `note:${id}`), ...(a.themeId ? [`theme:${a.themeId}`] : [])].join(' '),
    });
  }
  // The byte-order mark tells Excel the file is UTF-8, so "Café" does not open as "CafÃ©".
  return stringify(
    rows.map((r) => CSV_COLUMNS.map((c) => defuse(r[c] ?? ''))),
    { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows' },
  );
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return ahead of one)
 * as a formula, so a note could make the reader's spreadsheet fetch a URL or run a command
 * when the file is opened. A leading apostrophe makes the spreadsheet show the cell as text.
 */
export function defuse(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
