/** Small pieces the benchmarks share. */

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
