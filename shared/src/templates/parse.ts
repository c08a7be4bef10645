import { templateSchema, type Template } from './format.js';

/** The first thing wrong with a template a facilitator brought: where, as a JSON path, and what. */
export interface TemplateProblem {
  /** `$.phases[2].frame`; `$` for the whole document. */
  path: string;
  message: string;
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$');
}

/** Validates a template given as data; the first problem is the one reported. */
export function parseTemplateJson(input: unknown): { ok: true; template: Template } | { ok: false; problem: TemplateProblem } {
  const parsed = templateSchema.safeParse(input);
  if (parsed.success) return { ok: true, template: parsed.data };
  const first = parsed.error.issues[0]!;
  return { ok: false, problem: { path: jsonPath(first.path), message: first.message } };
}
