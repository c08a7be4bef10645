/** Small pieces the benchmarks share. */
import { commandOnce } from '../tests/support/control.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The median, as the mean of the two middle values for an even count; NaN values are left out. */
export function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** POSTs a JSON body and returns the JSON answer, throwing with the status on any other. */
export async function postJson<T>(base: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The cultural web's phase in which everyone writes on the shared board: a session starts in its
 * introduction, where only the facilitator does, so a benchmark of participants' writes goes here.
 */
export const OPEN_WEB_PHASE = 'current-reveal';

/** Takes a session to a phase, as its facilitator's console does. */
export async function gotoPhase(base: string, facilitatorToken: string, phaseId: string): Promise<void> {
  const ack = await commandOnce(base, facilitatorToken, { type: 'phase.goto', phaseId });
  if (!ack.ok) throw new Error(`phase.goto ${phaseId}: ${ack.error.code} ${ack.error.message}`);
}
