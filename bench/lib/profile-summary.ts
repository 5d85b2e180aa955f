// tsx bench/lib/profile-summary.ts <file.cpuprofile> [top]
// Self time by function and by package/file, from a V8 CPU profile (node --cpu-prof).
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = process.argv[2];
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const group = (n: Node) => {
  const u = n.callFrame.url;
  if (!u) return `(${n.callFrame.functionName || 'native'})`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1]!;
  if (u.startsWith('node:')) return u;
  return u.replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');
};
const agg = (key: (n: Node) => string) => {
  const m = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const k = key(n);
    m.set(k, (m.get(k) ?? 0) + t);
  }
  return [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
};
const show = (title: string, rows: [string, number][]) => {
  console.log(`\n${title}`);
  for (const [k, t] of rows) console.log(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`total sampled ${(total / 1e6).toFixed(1)} s`);
show('self time by package / file', agg(group));
show(
  'self time by function',
  agg((n) => `${n.callFrame.functionName || '(anonymous)'}  ${group(n)}:${n.callFrame.lineNumber + 1}`),
);

// Inclusive time of selected frames (every sample whose stack contains a frame matching the pattern).
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const patterns = (
  process.env.PROFILE_INCLUSIVE ??
  'createTicket,appendEvent,indexWords,authenticate,validatorCompiler,serializerCompiler,eventHash,hashPassword,deliverOutbox,parseBody,zod'
).split(',');
const incl = new Map<string, number>();
for (const [id, t] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    for (const p of patterns) if (!seen.has(p) && (n.callFrame.functionName.includes(p) || n.callFrame.url.includes(p))) seen.add(p);
  }
  for (const p of seen) incl.set(p, (incl.get(p) ?? 0) + t);
}
show(
  'inclusive time (stack contains)',
  [...incl.entries()].sort((a, b) => b[1] - a[1]),
);
