/** Note colours from UX.md; dark text #1F2328 keeps contrast above 7:1 on each. */
export const NOTE_COLORS = [
  { id: 'yellow', label: 'Yellow', hex: '#FFE98F' },
  { id: 'green', label: 'Green', hex: '#B7F0C1' },
  { id: 'blue', label: 'Blue', hex: '#BFE3FF' },
  { id: 'pink', label: 'Pink', hex: '#FFC8DD' },
  { id: 'orange', label: 'Orange', hex: '#FFD6A5' },
  { id: 'lilac', label: 'Lilac', hex: '#DCCBFF' },
] as const;

export const DEFAULT_NOTE_COLOR = NOTE_COLORS[0].hex;
export const NOTE_TEXT_COLOR = '#1F2328';
export const FOCUS_RING_COLOR = '#1F6FEB';

/** Colours for people (presence, cursors): strong enough to read white text on. */
export const PERSON_COLORS = [
  '#1F6FEB',
  '#B3261E',
  '#116329',
  '#8250DF',
  '#9A6700',
  '#BF3989',
  '#0A7B83',
  '#6E7781',
  '#CF222E',
  '#3E5F8A',
] as const;

export function personColor(index: number): string {
  return PERSON_COLORS[((index % PERSON_COLORS.length) + PERSON_COLORS.length) % PERSON_COLORS.length]!;
}

export function colorLabel(hex: string): string {
  const found = NOTE_COLORS.find((c) => c.hex.toLowerCase() === hex.toLowerCase());
  return found ? found.label : hex;
}
