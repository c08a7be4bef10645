import { LIMITS } from '@balcony/shared/light';

/**
 * A facilitator's own template, read from a file on the start page: only enough to show what it
 * holds before the session starts. The start page does not load the template schema; the server
 * checks the whole template when the session is created and names the first problem by its JSON
 * path, which `templateProblemWords` puts in plain words.
 */
export interface TemplatePreview {
  name: string;
  summary: string;
  frames: string[];
  phases: { name: string; minutes: number | null }[];
}

export type TemplateFile = { ok: true; json: unknown; preview: TemplatePreview } | { ok: false; message: string };

/** Room in the request for the title and the rest around the template. */
const ENVELOPE_BYTES = 4 * 1024;
export const TEMPLATE_FILE_MAX = LIMITS.sessionBodyBytesMax - ENVELOPE_BYTES;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v.trim() : fallback);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function previewOf(json: unknown): TemplatePreview | null {
  if (!isObject(json)) return null;
  return {
    name: text(json.name, 'A template without a name'),
    summary: text(json.summary, ''),
    frames: list(json.frames).map((f, i) => text(isObject(f) ? f.label : undefined, `Frame ${i + 1}`)),
    phases: list(json.phases).map((p, i) => ({
      name: text(isObject(p) ? p.name : undefined, `Phase ${i + 1}`),
      minutes: isObject(p) && typeof p.minutes === 'number' ? p.minutes : null,
    })),
  };
}

export async function readTemplateFile(file: File): Promise<TemplateFile> {
  if (file.size > TEMPLATE_FILE_MAX) {
    return { ok: false, message: `That file is too big for a template: it can be at most ${Math.floor(TEMPLATE_FILE_MAX / 1024)} KB.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return { ok: false, message: "That file isn't a template: Balcony reads templates written as JSON. Check the file, then choose it again." };
  }
  const preview = previewOf(json);
  if (!preview) return { ok: false, message: "That file isn't a template: it should hold one template object, with a name, frames and phases." };
  return { ok: true, json, preview };
}

const PARTS: Record<string, string> = {
  phases: 'phase',
  frames: 'frame',
  zones: 'zone',
  outcome: 'outcome section',
  points: 'point',
  writers: 'writer',
};

/**
 * A JSON path in words, naming what it can from the template itself:
 * `$.phases[2].frame` reads `phase 3 ("The story"), its "frame"`.
 */
export function pathInWords(path: string, json: unknown): string {
  const steps = [...path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
  const words: string[] = [];
  let at: unknown = json;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const next = steps[i + 1];
    if (typeof step === 'string' && typeof next === 'number') {
      const items = isObject(at) && Array.isArray(at[step]) ? (at[step] as unknown[]) : [];
      const el = items[next];
      const name = isObject(el) ? (typeof el.name === 'string' ? el.name : typeof el.label === 'string' ? el.label : '') : '';
      words.push(`${PARTS[step] ?? step} ${next + 1}${name ? ` (“${name}”)` : ''}`);
      at = el;
      i++;
    } else if (typeof step === 'string') {
      words.push(`“${step}”`);
      at = isObject(at) ? at[step] : undefined;
    } else {
      words.push(`item ${step + 1}`);
      at = Array.isArray(at) ? at[step] : undefined;
    }
  }
  return words.length > 0 ? words.join(', ') : 'the whole file';
}

/** The server's refusal of a template, in words that say where and what to do. */
export function templateProblemWords(message: string, path: string | undefined, json: unknown): string {
  const detail = path && message.includes(`${path}: `) ? message.slice(message.indexOf(`${path}: `) + path.length + 2) : message;
  const where = path ? ` In ${pathInWords(path, json)}: ${detail}. (At ${path} in the file.)` : ` ${detail}.`;
  return `This template can't be used.${where} Fix the file, then choose it again.`;
}
