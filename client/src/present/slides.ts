import type { OutcomeRecord, RecordNote, RecordSection } from '@balcony/shared';
import { dayWords, STATUS_WORDS } from '../outcome/words';
import { REVIEW_OUTCOME_WORDS } from '../outcome/reviewWords';

/** A note as a slide shows it: its words, who wrote it, and what the group did with it. */
export interface SlideNote {
  id: string;
  text: string;
  author: string | null;
  starred: boolean;
  votes: number;
  /** The theme it is in, by name, on a zone's slide. */
  theme: string | null;
}

export interface SlideAction {
  id: string;
  text: string;
  owner: string | null;
  due: string | null;
  status: string;
  /** "Control systems · Head of service": the element it works on and whom it influences. */
  about: string | null;
}

export interface SlideReviewItem {
  id: string;
  text: string;
  owner: string | null;
  due: string | null;
  outcome: string;
  note: string | null;
}

interface SlideBase {
  id: string;
  /** What the slide is, above its heading: "Stories · The web as it is now". */
  kicker: string;
  heading: string;
  /** "2 of 3" where a long list goes on over several slides. */
  part: string | null;
}

/** What a slide holds, by its kind. */
export type SlideBody =
  | { kind: 'title'; templateName: string; date: string; status: string }
  | { kind: 'frame'; frameId: string; zones: { id: string; label: string; notes: number }[] }
  | { kind: 'notes'; zoneId: string | null; notes: SlideNote[] }
  | { kind: 'votes'; items: { targetId: string; text: string; votes: number }[] }
  | { kind: 'actions'; actions: SlideAction[] }
  | { kind: 'review'; items: SlideReviewItem[] };

export type Slide = SlideBase & SlideBody;

/** At most this many notes, actions or results on one slide: more would not read from the back of a room. */
export const PER_SLIDE = 6;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PER_SLIDE) out.push(items.slice(i, i + PER_SLIDE));
  return out;
}

/** One slide, or several in a row for a long list, each saying which part it is. */
function spread<T>(base: Omit<SlideBase, 'part'>, items: readonly T[], make: (part: T[]) => SlideBody): Slide[] {
  const parts = chunks(items);
  return parts.map((part, i) => ({
    ...base,
    id: parts.length > 1 ? `${base.id}:${i + 1}` : base.id,
    part: parts.length > 1 ? `${i + 1} of ${parts.length}` : null,
    ...make(part),
  }));
}

function sectionLabel(record: OutcomeRecord, kind: RecordSection['kind'], fallback: string): string {
  return record.sections.find((s) => s.kind === kind)?.label ?? fallback;
}

function dotsWords(n: number): string {
  return n === 1 ? '1 dot' : `${n} dots`;
}

/**
 * The slides a group presents its work with, from a snapshot's outcome record: a title, each
 * frame with its zones, each zone that holds notes, each theme, the results of each vote, the
 * actions, and a follow-up's review of the actions it carried over. The words are the record's
 * own, so that the template's labels are the ones on the slides.
 */
export function buildSlides(record: OutcomeRecord): Slide[] {
  const byId = new Map(record.notes.map((n) => [n.id, n]));
  const themeName = new Map(record.themes.map((t) => [t.id, t.title.trim() || 'Untitled theme']));
  const zoneLabel = new Map(record.frames.flatMap((f) => f.zones.map((z) => [z.id, z.label] as const)));
  const frameOfZone = new Map(record.frames.flatMap((f) => f.zones.map((z) => [z.id, f.label] as const)));
  const slideNote = (n: RecordNote, withTheme: boolean): SlideNote => ({
    id: n.id,
    text: n.text,
    author: n.author,
    starred: n.starred,
    votes: n.votes,
    theme: withTheme && n.themeId ? (themeName.get(n.themeId) ?? null) : null,
  });
  const notesOf = (ids: readonly string[]) => ids.map((id) => byId.get(id)).filter((n): n is RecordNote => n !== undefined);

  const slides: Slide[] = [
    {
      kind: 'title',
      id: 'title',
      kicker: record.template.name,
      heading: record.title,
      part: null,
      templateName: record.template.name,
      date: dayWords(record.date),
      status: record.ended ? 'Final record' : `Draft: the session was in ${record.phase.name}`,
    },
  ];

  // A follow-up starts by looking back at what it carried over, as its record does.
  if (record.review.length > 0) {
    const label = sectionLabel(record, 'review', 'Actions carried over');
    slides.push(
      ...spread({ id: 'review', kicker: label, heading: label }, record.review, (items) => ({
        kind: 'review',
        items: items.map((r) => ({
          id: r.actionId,
          text: r.text,
          owner: r.owner,
          due: r.due ? dayWords(r.due) : null,
          outcome: r.outcome ? REVIEW_OUTCOME_WORDS[r.outcome] : 'Not reviewed yet',
          note: r.note,
        })),
      })),
    );
  }

  for (const frame of record.frames) {
    slides.push({
      kind: 'frame',
      id: `frame:${frame.id}`,
      kicker: record.frames.length > 1 ? 'Frame' : record.template.name,
      heading: frame.label,
      part: null,
      frameId: frame.id,
      zones: frame.zones.map((z) => ({ id: z.id, label: z.label, notes: notesOf(z.noteIds).length })),
    });
    for (const zone of frame.zones) {
      const notes = notesOf(zone.noteIds);
      if (notes.length === 0) continue;
      slides.push(
        ...spread({ id: `zone:${zone.id}`, kicker: frame.label, heading: zone.label }, notes, (part) => ({
          kind: 'notes',
          zoneId: zone.id,
          notes: part.map((n) => slideNote(n, true)),
        })),
      );
    }
  }

  const themesLabel = sectionLabel(record, 'themes', 'Themes');
  for (const theme of record.themes) {
    const notes = notesOf(theme.noteIds);
    const where = [zoneLabel.get(theme.zoneId), frameOfZone.get(theme.zoneId)].filter(Boolean).join(' · ');
    const kicker = `${themesLabel}${where ? ` · ${where}` : ''}${theme.votes > 0 ? ` · ${dotsWords(theme.votes)}` : ''}`;
    slides.push(
      ...spread({ id: `theme:${theme.id}`, kicker, heading: themeName.get(theme.id)! }, notes, (part) => ({
        kind: 'notes',
        zoneId: null,
        notes: part.map((n) => slideNote(n, false)),
      })),
    );
  }

  const votesLabel = sectionLabel(record, 'votes', 'Vote results');
  for (const vote of record.votes) {
    if (vote.results.length === 0) continue;
    const ranked = [...vote.results].sort((a, b) => b.votes - a.votes);
    slides.push(
      ...spread(
        { id: `vote:${vote.id}`, kicker: `${votesLabel} · ${vote.phaseName}`, heading: vote.targets === 'themes' ? 'Themes by their dots' : 'Notes by their dots' },
        ranked,
        (part) => ({ kind: 'votes', items: part.map((r) => ({ targetId: r.targetId, text: r.text || 'Untitled', votes: r.votes })) }),
      ),
    );
  }

  if (record.actions.length > 0) {
    const label = sectionLabel(record, 'actions', 'Actions');
    slides.push(
      ...spread({ id: 'actions', kicker: label, heading: 'Actions' }, record.actions, (part) => ({
        kind: 'actions',
        actions: part.map((a) => ({
          id: a.id,
          text: a.text,
          owner: a.owner,
          due: a.due ? dayWords(a.due) : null,
          status: STATUS_WORDS[a.status],
          about: [a.element?.label, a.stakeholder].filter(Boolean).join(' · ') || null,
        })),
      })),
    );
  }
  return slides;
}
