/**
 * Summarises a V8 CPU profile (from `fanout.ts --cpu-prof DIR`): the functions with the most
 * self time and the most inclusive time, optionally only within a span of CLOCK_MONOTONIC ms,
 * such as a run's `window` in the results file, to leave start-up and connection out.
 *
 *   npx tsx bench/profile-summary.ts FILE.cpuprofile [--from MS --to MS] [--top 25] [--match TEXT]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values: argv, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    top: { type: 'string', default: '25' },
    match: { type: 'string', multiple: true },
  },
});
if (positionals.length !== 1) {
  console.error('usage: profile-summary.ts FILE.cpuprofile [--from MS --to MS] [--top N] [--match TEXT]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
// Profile times are µs on the same monotonic clock as process.hrtime.
const from = argv.from ? Number(argv.from) * 1000 : -Infinity;
const to = argv.to ? Number(argv.to) * 1000 : Infinity;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

const timeByNode = new Map<number, number>();
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0;
  if (t < from || t > to) continue;
  const next = profile.timeDeltas[i + 1] ?? 0;
  timeByNode.set(profile.samples[i]!, (timeByNode.get(profile.samples[i]!) ?? 0) + next);
}

const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|shared|bench)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
};
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of timeByNode) {
  const node = byId.get(id)!;
  total += us;
  if (node.callFrame.functionName === '(idle)') idle += us;
  self.set(label(node), (self.get(label(node)) ?? 0) + us);
  // Each function counts once per sample, however deep it recurses.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}
const busy = total - idle;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => ((100 * us) / busy).toFixed(1).padStart(5);
const show = (m: Map<string, number>) =>
  [...m]
    .filter(([l]) => !/^\((idle|root|program)\)/.test(l))
    .filter(([l]) => !argv.match || argv.match.some((x) => l.includes(x)))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(argv.top))
    .map(([l, us]) => `${ms(us)} ms ${pct(us)}%  ${l}`)
    .join('\n');

console.log(`sampled ${ms(total)} ms, busy ${ms(busy)} ms (percentages are of busy time)`);
console.log('\nself time');
console.log(show(self));
console.log('\ninclusive time');
console.log(show(inclusive));
