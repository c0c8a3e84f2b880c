// Reads JSON result lines (ours and stompjs's) on stdin and prints a Markdown table with ratios.
// Usage: ... | node bench/report.mjs
import { readFileSync } from 'node:fs';

const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{'));
const results = lines.map((l) => JSON.parse(l));
const key = (r) => `${r.bench}/${r.corpus}`;
const groups = new Map();
for (const r of results) {
  if (!groups.has(key(r))) groups.set(key(r), {});
  groups.get(key(r))[r.impl] = r;
}
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const out = [];
out.push('| benchmark | corpus | todo-notifier frames/s | stompjs frames/s | todo-notifier MB/s | stompjs MB/s | ratio (ours / stompjs) |');
out.push('|---|---|---:|---:|---:|---:|---:|');
for (const [name, g] of groups) {
  if (!name.startsWith('parser_throughput/')) continue;
  const ours = g['todo-notifier'];
  const theirs = g.stompjs;
  if (!ours || !theirs) continue;
  const [bench, corpus] = name.split('/');
  out.push(`| ${bench} | ${corpus} | ${fmt(ours.frames_per_s)} | ${fmt(theirs.frames_per_s)} | ${fmt(ours.mb_per_s, 1)} | ` +
           `${fmt(theirs.mb_per_s, 1)} | ${fmt(ours.frames_per_s / theirs.frames_per_s, 2)}x |`);
}
const e2e = [...groups].filter(([name]) => name.startsWith('e2e_latency/'));
if (e2e.length) {
  out.push('');
  out.push('| end to end | todo-notifier | stompjs | ratio (stompjs / ours) |');
  out.push('|---|---:|---:|---:|');
  for (const [, g] of e2e) {
    const ours = g['todo-notifier'];
    const theirs = g.stompjs;
    if (!ours || !theirs) continue;
    for (const [label, field] of [['latency p50 (ms)', 'p50_ms'], ['latency p99 (ms)', 'p99_ms'],
                                  ['latency max (ms)', 'max_ms'], [`drain ${ours.corpus} (ms)`, 'drain_ms']]) {
      out.push(`| ${label} | ${fmt(ours[field], 1)} | ${fmt(theirs[field], 1)} | ${fmt(theirs[field] / ours[field], 2)}x |`);
    }
  }
}
console.log(out.join('\n'));
