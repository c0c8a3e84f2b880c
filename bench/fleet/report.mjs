// The fleet benchmark's tables (Markdown on stdout) from what bench/fleet/run.sh left in DIR: for each fleet
// (ours, stompjs-default, stompjs-exponential) a subdirectory with meta.json, timeline.jsonl (the fleet's events),
// status.jsonl (its status lines) and cpu.txt (/proc samples: epoch ms, then ticks and resident kB of the broker and
// of the fleet process); idle-one and idle-many for the idle connections.
// Usage: node bench/fleet/report.mjs DIR [--summary FILE]
//   --summary FILE  also writes the headline figures of each fleet and of the idle connections there, as one JSON line
//                   ("bench":"fleet_summary"; bench/report.mjs puts them in bench/run.sh's summary table)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const summaryAt = process.argv.indexOf('--summary');
const summaryFile = summaryAt > 0 ? process.argv[summaryAt + 1] : null;
if (!dir || dir.startsWith('--') || (summaryAt > 0 && !summaryFile)) {
  console.error('usage: node report.mjs DIR [--summary FILE]');
  process.exit(2);
}
const fleets = [
  ['ours', 'todo-notifier (ours)'],
  ['stompjs-default', 'stompjs, default (fixed 5 s)'],
  ['stompjs-exponential', 'stompjs, exponential'],
];
const jsonLines = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const fmt = (n, digits = 0) => (Number.isFinite(n)
  ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const seconds = (ms) => `${fmt(ms / 1000, 1)} s`;

// /proc samples: [{t, brokerTicks, brokerKb, fleetTicks, fleetKb}], the fleet's summed over its processes; a gone
// process gives NaN.
function samples(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
    const [t, bt, bk, ...fleet] = line.split(' ').map(Number);
    let ft = 0;
    let fk = 0;
    for (let i = 0; i + 1 < fleet.length; i += 2) {
      ft += fleet[i];
      fk += fleet[i + 1];
    }
    return { t, brokerTicks: bt, brokerKb: bk, fleetTicks: ft, fleetKb: fk };
  });
}
// CPU ms of a column between two times: the samples nearest after `from` and at or before `to`.
function cpuBetween(rows, column, from, to, clkTck) {
  const inside = rows.filter((r) => r.t >= from && r.t <= to && Number.isFinite(r[column]));
  if (inside.length < 2) return NaN;
  return ((inside[inside.length - 1][column] - inside[0][column]) * 1000) / clkTck;
}

function analyse(name) {
  const path = join(dir, name);
  if (!existsSync(join(path, 'meta.json'))) return null;
  const meta = JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8'));
  const events = jsonLines(join(path, 'timeline.jsonl'));
  const status = jsonLines(join(path, 'status.jsonl'));
  const rows = samples(join(path, 'cpu.txt'));
  const summary = status.find((s) => s.e === 'summary') ?? status[status.length - 1];
  const after = events.filter((e) => e.t >= meta.t_stop);
  const attempts = after.filter((e) => e.e === 'attempt').map((e) => e.t);
  const back = new Map(); // client -> first connected after the stop
  for (const e of after) if (e.e === 'connected' && !back.has(e.c)) back.set(e.c, e.t);
  const backTimes = [...back.values()].sort((a, b) => a - b);
  const firstBack = backTimes[0];
  const allBack = backTimes.length === meta.clients ? backTimes[backTimes.length - 1] : NaN;
  // Attempts per second from the stop on, until every desktop is back.
  const end = Number.isFinite(allBack) ? allBack : meta.t_done;
  const perSecond = [];
  for (const t of attempts) {
    if (t > end) continue;
    const s = Math.floor((t - meta.t_stop) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
  }
  for (let i = 0; i < perSecond.length; ++i) perSecond[i] ??= 0;
  // Todos: every desktop should have each of K todos of each batch once.
  const received = new Map(); // client -> Map(id -> count)
  let redelivered = 0;
  let lastTodo = 0;
  for (const e of events) {
    if (e.e !== 'todo') continue;
    if (!received.has(e.c)) received.set(e.c, new Map());
    const got = received.get(e.c);
    got.set(e.id, (got.get(e.id) ?? 0) + 1);
    if (e.r) redelivered += 1;
    lastTodo = Math.max(lastTodo, e.t);
  }
  const expectedIds = meta.batches.flatMap((b) => Array.from({ length: meta.todos_per_batch }, (_, i) => `${b}-${i}`));
  let lost = 0;
  let twice = 0;
  let deliveries = 0;
  const lostByBatch = {};
  for (let c = 0; c < meta.clients; ++c) {
    const got = received.get(c) ?? new Map();
    for (const id of expectedIds) {
      if (!got.has(id)) {
        lost += 1;
        const batch = id.split('-')[0];
        lostByBatch[batch] = (lostByBatch[batch] ?? 0) + 1;
      }
    }
    for (const n of got.values()) {
      deliveries += n;
      twice += n - 1;
    }
  }
  // The densest 100 ms: per-second buckets hide whether a second's attempts came spread out or all at once.
  const sorted = attempts.filter((t) => t <= end).sort((a, b) => a - b);
  let peak100 = 0;
  for (let i = 0, j = 0; i < sorted.length; ++i) {
    while (sorted[i] - sorted[j] >= 100) ++j;
    peak100 = Math.max(peak100, i - j + 1);
  }
  const backAtPublished = backTimes.filter((t) => t <= meta.t_published).length;
  const windowEnd = meta.t_up + meta.window_s * 1000;
  return {
    meta,
    attempts,
    attemptsDown: attempts.filter((t) => t < meta.t_up).length,
    attemptsStorm: attempts.filter((t) => t <= end).length,
    perSecond,
    peak: Math.max(0, ...perSecond),
    peak100,
    firstBack,
    allBack,
    resubscribed: backTimes.length,
    backAtPublished,
    lost,
    lostByBatch,
    twice,
    redelivered,
    deliveries,
    expected: expectedIds.length * meta.clients,
    lastTodo,
    brokerStormMs: cpuBetween(rows, 'brokerTicks', meta.t_up, Number.isFinite(allBack) ? allBack + 500 : meta.t_done,
      meta.clk_tck),
    brokerWindowMs: cpuBetween(rows, 'brokerTicks', meta.t_up, windowEnd + 500, meta.clk_tck),
    fleetWindowMs: cpuBetween(rows, 'fleetTicks', meta.t_up, windowEnd + 500, meta.clk_tck),
    fleetStormMs: cpuBetween(rows, 'fleetTicks', meta.t_up, Number.isFinite(allBack) ? allBack + 500 : meta.t_done,
      meta.clk_tck),
    brokerPeakKb: Math.max(0, ...rows.map((r) => r.brokerKb).filter(Number.isFinite)),
    fleetPeakKb: summary?.peak_rss_kb ?? NaN,
    fleetCpuTotalMs: summary?.cpu_ms ?? NaN,
  };
}

const out = [];
const results = fleets.map(([name, label]) => [name, label, analyse(name)]).filter(([, , r]) => r);
if (results.length) {
  const m = results[0][2].meta;
  out.push(`## Broker restart under ${fmt(m.clients)} desktops`);
  out.push('');
  out.push(`Each desktop has its own durable queue (the application's client acks); ${m.todos_per_batch} persistent todos per `
    + 'batch reach every desktop through a fanout exchange: batch "live" before the restart, batch "stop" published '
    + 'right before the broker was stopped (in flight as the connections went), batch "outage" published the moment '
    + 'the restarted broker accepted again, while the fleet was still backing off ("back when it was in" says how '
    + 'many desktops had already resubscribed by then). Times are measured from the stop (SIGTERM to the broker) or '
    + 'from "broker back" (the fixture saw its STOMP and Web-STOMP listeners answer).');
  out.push('');
  const ours = results.find(([n]) => n === 'ours')?.[2];
  const cols = results.map(([, label]) => label);
  out.push(`| | ${cols.join(' | ')} |`);
  out.push(`|---|${cols.map(() => '---:').join('|')}|`);
  const row = (label, f, ratio) => {
    const cells = results.map(([name, , r]) => {
      const text = f(r);
      if (!ratio || name === 'ours' || !ours) return text;
      const a = ratio(ours);
      const b = ratio(r);
      return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${text} (ours ${fmt(a / b, 2)}x)` : text;
    });
    out.push(`| ${label} | ${cells.join(' | ')} |`);
  };
  row('broker down (stop to start, ms)', (r) => fmt(r.meta.t_start - r.meta.t_stop));
  row('broker start until listeners answer (ms)', (r) => fmt(r.meta.t_up - r.meta.t_start));
  row('peak connection attempts per second', (r) => fmt(r.peak), (r) => r.peak);
  row('peak attempts in any 100 ms', (r) => fmt(r.peak100), (r) => r.peak100);
  row('attempts while the broker was down', (r) => fmt(r.attemptsDown), (r) => r.attemptsDown);
  row('attempts in all (stop until every desktop back)', (r) => fmt(r.attemptsStorm), (r) => r.attemptsStorm);
  row('desktops resubscribed', (r) => `${fmt(r.resubscribed)} of ${fmt(r.meta.clients)}`);
  row('first desktop back, after broker back', (r) => seconds(r.firstBack - r.meta.t_up));
  row('every desktop back, after broker back', (r) => seconds(r.allBack - r.meta.t_up), (r) => r.allBack - r.meta.t_up);
  row('every desktop back, after the stop', (r) => seconds(r.allBack - r.meta.t_stop));
  row('desktops back when batch "outage" was in', (r) => fmt(r.backAtPublished));
  row('last todo delivered, after broker back', (r) => seconds(r.lastTodo - r.meta.t_up));
  row('todos expected (desktops x 3 batches x K)', (r) => fmt(r.expected));
  row('todos lost', (r) => (r.lost ? `${fmt(r.lost)} (${Object.entries(r.lostByBatch).map(([b, n]) => `${b}: ${n}`).join(', ')})` : '0'));
  row('todos delivered twice (redeliveries of unacked ones)', (r) => fmt(r.twice));
  row('deliveries marked redelivered by the broker', (r) => fmt(r.redelivered));
  row('queues after (ready / unacked / consumers)',
    (r) => `${fmt(r.meta.queues_after.ready)} / ${fmt(r.meta.queues_after.unacked)} / ${fmt(r.meta.queues_after.consumers)}`);
  row('broker CPU, broker back until every desktop back (ms)', (r) => fmt(r.brokerStormMs));
  row(`broker CPU, first ${m.window_s} s after broker back (ms)`, (r) => fmt(r.brokerWindowMs), (r) => r.brokerWindowMs);
  row(`fleet process CPU, first ${m.window_s} s after broker back (ms)`, (r) => fmt(r.fleetWindowMs),
    (r) => r.fleetWindowMs);
  row('fleet process CPU, whole run (ms)', (r) => fmt(r.fleetCpuTotalMs), (r) => r.fleetCpuTotalMs);
  row('fleet process peak resident memory (MB)', (r) => fmt(r.fleetPeakKb / 1024, 1), (r) => r.fleetPeakKb);
  row('broker peak resident memory after restart (MB)', (r) => fmt(r.brokerPeakKb / 1024, 1));
  out.push('');
  out.push('Ratios in brackets are ours divided by that column (below 1: ours made fewer attempts, took less time or '
    + 'CPU). CPU is utime + stime from /proc, sampled every 0.5 s (10 ms ticks).');
  out.push('');
  out.push('How the fleets are set up: ours are push sources made by SourceFactory from the application\'s default '
    + 'settings with protocol stomp and transport websocket (reconnect 1 s doubling to 60 s, each delay drawn from '
    + '[50 %, 100 %] of it; the application\'s prefetch window; heart-beats 10 s); stompjs\'s are `Client`s with the library\'s defaults '
    + '(heart-beats 10 s, no prefetch limit, a fixed reconnectDelay of 5 s, or with reconnectTimeMode EXPONENTIAL '
    + 'doubling from 5 s, capped at 15 minutes; no jitter in either). Every fleet runs in one process (one event '
    + 'loop for all its desktops), so a busy process is slower to read, acknowledge and reconnect than a thousand '
    + 'separate desktops would be; a todo delivered twice is one the broker had delivered and had no ACK for when '
    + 'it stopped, so it delivered it again after the restart, marked redelivered (nothing is lost; the application '
    + 'recognises a todo it has by its id).');
  out.push('');

  // Attempts per second, side by side, from the stop on; runs of seconds without any attempt are folded.
  out.push('### Connection attempts per second, from the stop');
  out.push('');
  out.push('Second 0 is the stop. "down" marks seconds in which the broker was not accepting (before the restarted '
    + 'one answered, per fleet run); runs of quiet seconds are folded into one row.');
  out.push('');
  out.push(`| second | ${cols.join(' | ')} |`);
  out.push(`|---:|${cols.map(() => '---:').join('|')}|`);
  const length = Math.max(...results.map(([, , r]) => r.perSecond.length));
  const cell = (r, s) => {
    const n = r.perSecond[s] ?? 0;
    const down = r.meta.t_stop + (s + 1) * 1000 <= r.meta.t_up;
    return `${n}${down ? ' (down)' : ''}`;
  };
  let quietFrom = -1;
  const flushQuiet = (to) => {
    if (quietFrom < 0) return;
    const label = quietFrom === to - 1 ? `${quietFrom}` : `${quietFrom}-${to - 1}`;
    out.push(`| ${label} | ${results.map(() => '0').join(' | ')} |`);
    quietFrom = -1;
  };
  for (let s = 0; s < length; ++s) {
    const quiet = results.every(([, , r]) => (r.perSecond[s] ?? 0) === 0);
    if (quiet) {
      if (quietFrom < 0) quietFrom = s;
      continue;
    }
    flushQuiet(s);
    out.push(`| ${s} | ${results.map(([, , r]) => cell(r, s)).join(' | ')} |`);
  }
  flushQuiet(length);
  out.push('');
}

// Idle connections of ours.
let idleSummary = null;
const idle = ['idle-one', 'idle-many'].map((name) => {
  const path = join(dir, name);
  if (!existsSync(join(path, 'meta.json'))) return null;
  const meta = JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8'));
  const rows = samples(join(path, 'cpu.txt')).filter((r) => Number.isFinite(r.fleetTicks));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const span = (last.t - first.t) / 1000;
  // Connections lost in the window, and the longest gap between two status lines of a process (its 1 s timer: how
  // long its event loop was held up at worst).
  let lost = 0;
  let longestGap = 0;
  const windowEnd = meta.t_window + meta.window_s * 1000;
  for (const file of readdirSync(path)) {
    if (file.startsWith('timeline')) {
      lost += jsonLines(join(path, file)).filter((e) => e.e === 'lost' && e.t >= meta.t_window && e.t <= windowEnd).length;
    } else if (file.startsWith('status')) {
      const times = jsonLines(join(path, file)).filter((e) => e.t >= meta.t_window && e.t <= windowEnd).map((e) => e.t);
      for (let i = 1; i < times.length; ++i) longestGap = Math.max(longestGap, times[i] - times[i - 1]);
    }
  }
  return {
    meta,
    span,
    lost,
    longestGap,
    fleetKb: last.fleetKb,
    fleetCpuMs: ((last.fleetTicks - first.fleetTicks) * 1000) / meta.clk_tck,
    brokerKb: last.brokerKb,
    brokerCpuMs: ((last.brokerTicks - first.brokerTicks) * 1000) / meta.clk_tck,
  };
});
if (idle[1]) {
  const [one, many] = idle;
  const n = many.meta.clients;
  out.push(`## ${fmt(n)} idle connections of ours on one machine`);
  out.push('');
  const procs = many.meta.processes ?? 1;
  out.push(`${fmt(procs)} bench_fleet_clients process(es) with ${fmt(n)} push sources in all, as the application builds `
    + 'them (each with its own StompClient, WebSocket, transport selector and network access manager), each on its own '
    + `durable queue, connected to one broker with the application's heart-beats (10 s both ways), measured over `
    + `${many.meta.window_s} s after 10 s of settling; beside it the same program with one connection, so the `
    + `per-connection figures leave the processes' floor out (${fmt(procs)} x the one-connection process). `
    + `${fmt(many.meta.connected_at_end)} of ${fmt(n)} were connected at the end of the window (by the processes' last `
    + `status lines); ${fmt(many.lost)} connections were lost in the window; the longest gap between two 1 s status `
    + `lines of a process in the window was ${fmt(many.longestGap / 1000, 1)} s. Broker file descriptors at the end of `
    + `the window: ${many.meta.broker_fds.replace(/\s+/g, ' ').trim()}. The broker's figures include one idle durable `
    + 'queue per connection.');
  out.push('');
  out.push(`| | 1 connection, 1 process | ${fmt(n)} connections, ${fmt(procs)} process(es) | per connection |`);
  out.push('|---|---:|---:|---:|');
  const per = (a, b) => (b - a * procs) / (n - procs); // the fleet: one floor per process
  const perBroker = (a, b) => (b - a) / (n - 1);
  idleSummary = {
    connections: n,
    connected: many.meta.connected_at_end,
    processes: procs,
    kb_per_connection: per(one.fleetKb, many.fleetKb),
    cpu_ms_per_minute_per_connection: per((one.fleetCpuMs * 60) / one.span, (many.fleetCpuMs * 60) / many.span),
  };
  out.push(`| fleet process resident memory (MB) | ${fmt(one.fleetKb / 1024, 1)} | ${fmt(many.fleetKb / 1024, 1)} | `
    + `${fmt(per(one.fleetKb, many.fleetKb), 1)} kB |`);
  out.push(`| fleet process CPU per minute (ms) | ${fmt((one.fleetCpuMs * 60) / one.span)} | `
    + `${fmt((many.fleetCpuMs * 60) / many.span)} | ${fmt(per((one.fleetCpuMs * 60) / one.span, (many.fleetCpuMs * 60) / many.span), 2)} ms |`);
  out.push(`| broker resident memory (MB) | ${fmt(one.brokerKb / 1024, 1)} | ${fmt(many.brokerKb / 1024, 1)} | `
    + `${fmt(perBroker(one.brokerKb, many.brokerKb), 1)} kB |`);
  out.push(`| broker CPU per minute (ms) | ${fmt((one.brokerCpuMs * 60) / one.span)} | `
    + `${fmt((many.brokerCpuMs * 60) / many.span)} | ${fmt(perBroker((one.brokerCpuMs * 60) / one.span, (many.brokerCpuMs * 60) / many.span), 2)} ms |`);
  out.push('');
  out.push('In one process the event loop watches every socket, so its per-wakeup cost grows with the number of '
    + 'connections in it; a desktop runs one connection, so the per-connection CPU here is an upper bound for it.');
  out.push('');
} else if (existsSync(join(dir, 'idle-many'))) {
  out.push('## Idle connections: no result (see the run\'s log)');
}
console.log(out.join('\n'));
if (summaryFile) {
  const fleetSummary = results.map(([name, , r]) => ({
    impl: name,
    clients: r.meta.clients,
    peak_attempts_per_s: r.peak,
    attempts: r.attemptsStorm,
    resubscribed: r.resubscribed,
    all_back_after_broker_s: (r.allBack - r.meta.t_up) / 1000,
    expected: r.expected,
    lost: r.lost,
    twice: r.twice,
    broker_cpu_window_ms: r.brokerWindowMs,
    window_s: r.meta.window_s,
  }));
  writeFileSync(summaryFile, `${JSON.stringify({ bench: 'fleet_summary', fleets: fleetSummary, idle: idleSummary })}\n`);
}
