// Reads JSON result lines (ours and stompjs's) on stdin and prints Markdown tables with ratios: a summary of the
// headline figures beside the goals they are held to, then each part's table.
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
const ratio = (a, b) => (Number.isFinite(a / b) && b > 0 ? `${fmt(a / b, a / b < 0.1 ? 3 : 2)}x` : '–');
const out = [];
if (results.some((r) => r.bench === 'parser_throughput')) {
  out.push('| benchmark | corpus | todo-notifier frames/s | stompjs frames/s | todo-notifier MB/s | stompjs MB/s | ratio (ours / stompjs) |');
  out.push('|---|---|---:|---:|---:|---:|---:|');
}
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

// The tray application under a burst: bench_tray_burst (TrayApplication in-process, offscreen) and a stompjs
// subscriber listening to the same burst, times from the publisher's first send.
const pick = (bench, impl) => results.find((r) => r.bench === bench && r.impl === impl);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
// bench/tray_resources.sh's figures: a field of an idle window scaled to a minute, the median launch, memory.
const perMinute = (impl, field) => {
  const r = pick('resources', impl);
  return r ? (r[field] * 60) / r.window_s : NaN;
};
const launchMs = (impl) => median(pick('tray_launch', impl)?.runs_ms ?? []);
const rssMb = (impl) => (pick('resources', impl) ? pick('resources', impl).rss_kb_start / 1024 : NaN);
// bench/run.sh runs the burst in rounds ("round": 1, 2, ...); the tables show the round whose ratio is the median.
const burstRounds = [...new Set(results.filter((r) => r.bench === 'tray_burst').map((r) => r.round ?? 1))]
  .map((round) => {
    const of = (impl) => results.find((r) => r.bench === 'tray_burst' && r.impl === impl && (r.round ?? 1) === round);
    const [p, ours, ref] = [of('publisher'), of('todo-notifier'), of('stompjs')];
    const oursMs = p && ours ? (ours.last_in_model_us - p.first_send_us) / 1000 : NaN;
    return { round, publisher: p, tray: ours, trayRef: ref, oursMs, ratio: ref ? oursMs / ref.drain_ms : NaN };
  })
  .filter((r) => r.publisher && r.tray)
  .sort((a, b) => a.ratio - b.ratio);
const medianRound = burstRounds[Math.floor(burstRounds.length / 2)]; // of two, the higher
// This process's share of a round: from the broker's delivery of the last message to that todo in the model.
const oursLagMs = (t) => (t.last_arrived_us ? (t.last_in_model_us - t.last_arrived_us) / 1000 : NaN);
const { publisher, tray, trayRef, oursMs } = medianRound ?? {};
const worstRound = (field) => Math.max(...burstRounds.map((r) => r.tray[field]));
if (publisher && tray) {
  const afterLastOurs = (tray.last_in_model_us - publisher.last_send_us) / 1000;
  const refMs = trayRef ? trayRef.drain_ms : NaN;
  const afterLastRef = trayRef ? refMs - (publisher.last_send_us - publisher.first_send_us) / 1000 : NaN;
  const cell = (n, digits = 0) => (Number.isFinite(n) ? fmt(n, digits) : '–');
  out.push('');
  out.push(`Tray app burst: ${fmt(tray.count)} todos published as fast as python3-stomp can (${fmt(publisher.published)} sends ` +
           `took ${fmt((publisher.last_send_us - publisher.first_send_us) / 1000)} ms) through RabbitMQ to the tray ` +
           'application\'s own wiring (TrayApplication in bench_tray_burst, offscreen, list window closed, ' +
           'client acks (cumulative: one ACK per committed batch) once the commit is on disk, the default prefetch window; no session bus, so the keychain falls back to memory and ' +
           'notifications to tray messages, which offscreen shows nowhere); "in the model" is the list\'s model (MergedTodoModel) inserting its rows ' +
           'reaching the count; ' +
           `stalls are the largest gap between ticks of a ${tray.probe_ms} ms precise QTimer on the GUI thread from ` +
           'connected until the last todo was in the model; the stompjs subscriber (receives only: no parsing into ' +
           'todos, no store) listened to the same burst at the same time. Times are from the first send.' +
           (burstRounds.length > 1
             ? ` The burst ran ${burstRounds.length} times, each with a fresh application, store and destination; the ` +
               `table is round ${medianRound.round}, whose ratio is the median (ratios of all rounds: ` +
               `${burstRounds.map((r) => `${fmt(r.ratio, 2)}x`).join(', ')}); the longest stall of every round: ` +
               `${[...burstRounds].sort((a, b) => a.round - b.round).map((r) => `${fmt(r.tray.max_cpu_stall_ms, 1)} ms ` +
                 `of CPU`).join(', ')}.`
             : ''));
  out.push('');
  out.push('| tray app burst | todo-notifier (tray app) | stompjs subscriber (reference) | ratio (ours / stompjs) |');
  out.push('|---|---:|---:|---:|');
  out.push(`| last todo in the model (ours) / received (stompjs), ms after the first send | ${cell(oursMs)} | ${cell(refMs)} | ` +
           `${cell(oursMs / refMs, 2)}x |`);
  out.push(`| the same, ms after the last send | ${cell(afterLastOurs)} | ${cell(afterLastRef)} | |`);
  if (tray.last_arrived_us) {
    const arrivedMs = (tray.last_arrived_us - publisher.first_send_us) / 1000;
    out.push(`| last message delivered by the broker, ms after the first send | ${cell(arrivedMs)} | ${cell(refMs)} | ` +
             `${cell(arrivedMs / refMs, 2)}x |`);
    out.push(`| from that delivery to the last todo in the model, ms | ${cell(oursLagMs(tray), 1)} | – | |`);
  }
  out.push(`| longest event-loop stall, ms (wall) | ${cell(tray.max_stall_ms, 1)} | – | |`);
  out.push(`| longest event-loop stall, ms of GUI-thread CPU | ${cell(tray.max_cpu_stall_ms, 1)} | – | |`);
  out.push(`| p99 of the probe's gaps during the burst, ms | ${cell(tray.p99_gap_ms, 1)} | – | |`);
  if (tray.p99_cpu_gap_ms !== undefined)
    out.push(`| the same in GUI-thread CPU, ms | ${cell(tray.p99_cpu_gap_ms, 1)} | – | |`);
  out.push(`| CPU time of the process, all threads, ms | ${cell(tray.cpu_ms)} | – | |`);
  out.push(`| peak resident memory (VmHWM), MB | ${cell(tray.peak_rss_kb / 1024, 1)} | – | |`);
}

// Large stores: bench_todo_store --json (bench/run.sh's "store" part), one table each.
const stores = results.filter((r) => r.bench === 'store');
for (const [index, store] of stores.entries()) {
  out.push('');
  if (index === 0)
    out.push(`A store of ${fmt(store.todos)} todos (the demo's generator: ten subjects, a handful of senders and ` +
             'departments, Chinese and English), warm (in the OS page cache), median of 5 runs, on the GUI thread as ' +
             'the tray app does it: opening the store (schema, counts, retention; the integrity check of a file over ' +
             '32 MB runs on a worker thread afterwards and is not in it) and a list model with its first page, then ' +
             'what the list window asks of it, each on a fresh model.');
  else
    out.push(`The same with a store of ${fmt(store.todos)} todos (the same generator).`);
  out.push('');
  out.push(`| ${fmt(store.todos)} stored todos | ms | rows |`);
  out.push('|---|---:|---:|');
  out.push(`| open the store | ${fmt(store.openMs, 1)} | |`);
  out.push(`| the list model's first page | ${fmt(store.modelFillMs, 1)} | |`);
  for (const figure of store.list || [])
    out.push(`| ${figure.what} | ${fmt(figure.ms, 1)} | ${fmt(figure.rows)} |`);
}

// Resources: bench/tray_resources.sh.
const meta = results.find((r) => r.bench === 'resources_meta');
if (meta) {
  const res = (impl) => pick('resources', impl);
  const large = res('todo-notifier-large') ? meta.large_todos : 0;
  const ours = ['todo-notifier', 'todo-notifier-stored', ...(large ? ['todo-notifier-large'] : [])];
  const cols = [...ours, 'floor', 'stompjs'];
  const cell = (n, digits = 0) => (Number.isFinite(n) ? fmt(n, digits) : '–');
  const row = (label, value, digits = 0) => {
    const v = cols.map((impl) => value(impl));
    const floorValue = v[ours.length];
    const stompjsValue = v[ours.length + 1];
    out.push(`| ${label} | ${v.map((n) => cell(n, digits)).join(' | ')} | ` +
             `${ours.map((_, i) => ratio(v[i], floorValue)).join(' | ')} | ${ratio(v[0], stompjsValue)} |`);
  };
  out.push('');
  out.push('Resources, all measured in the same run on Xvfb with trayer as the system tray and dunst as the notification ' +
           `server: todo-notifier with an empty store ` +
           `and with ${fmt(meta.todos)}${large ? ` and ${fmt(large)}` : ''} stored todos (written beforehand with ` +
           'TodoStore), the floor (bench_floor_tray: ' +
           'QApplication, QSystemTrayIcon with a QMenu, one idle QWebSocket to the broker, nothing else) and the stompjs ' +
           'subscriber, all connected to RabbitMQ (10 s heart-beats both ways for the STOMP clients). Memory: VmRSS ' +
           `after ${meta.settle_s} s idle; CPU: utime+stime from /proc/PID/stat (counted in 10 ms ticks), and the ` +
           'scheduler\'s run time of all threads (/proc/PID/task/*/schedstat, ns); wake-ups: voluntary context ' +
           'switches of all threads (/proc/PID/task/*/status: a thread slept and something woke it); preempted: the ' +
           'nonvoluntary ones, a running thread taken off its CPU for another process (a busy machine more than the ' +
           'process; not a wake-up); threads sampled every second; over the same ' +
           `${meta.window_s} s window for all ${cols.length}, scaled to a minute; launch: from starting the process to its icon ` +
           `window embedded in trayer's panel (xwininfo polled every 10 ms), median of ${meta.launches} launches each, ` +
           'taken in turns before the idle window. No ratio where the floor measured 0.');
  out.push('');
  const storedLabels = [meta.todos, ...(large ? [large] : [])].map((n) => fmt(n));
  out.push(`| resources | todo-notifier | ${storedLabels.map((n) => `todo-notifier, ${n} todos stored`).join(' | ')} | ` +
           'floor (empty Qt tray app) | stompjs subscriber | ours / floor | ' +
           `${storedLabels.map((n) => `ours with ${n} / floor`).join(' | ')} | ours / stompjs |`);
  out.push(`|---|${Array(cols.length + ours.length + 1).fill('---:').join('|')}|`);
  row('resident memory, idle after start (MB)', rssMb, 1);
  row('CPU time idle, connected: utime+stime (ms per minute)', (impl) => perMinute(impl, 'cpu_ms'), 1);
  row('CPU time idle, connected: scheduler run time (ms per minute)', (impl) => perMinute(impl, 'run_ms'), 2);
  row('wake-ups idle, connected: voluntary switches (per minute)', (impl) => perMinute(impl, 'wakeups'));
  row('preempted while running: nonvoluntary switches (per minute)', (impl) => perMinute(impl, 'preempted'));
  row('launch to tray icon, median (ms)', launchMs);
  const floor = res('floor');
  if (floor && floor.reopened > 0)
    out.push(`\nThe broker closed the floor's idle WebSocket ${floor.reopened} time(s) in the window; it opened it again.`);
}

// The summary: the headline figures of this run beside the goals the project holds them to (docs/architecture.md,
// "Performance budgets"), first in the output.
const summary = [];
{
  const mb = (n) => `${fmt(n, 1)} MB`;
  const add = (figure, value, goal) => summary.push(`| ${figure} | ${value} | ${goal} |`);
  if (meta) {
    const floor = rssMb('floor');
    add('resident memory idle, ours / floor (an empty Qt tray app)', `${mb(rssMb('todo-notifier'))} / ${mb(floor)} = ` +
        `${ratio(rssMb('todo-notifier'), floor)}`, '≤ 1.25x');
    for (const [impl, n] of [['todo-notifier-stored', meta.todos], ['todo-notifier-large', meta.large_todos]]) {
      if (pick('resources', impl))
        add(`the same with ${fmt(n)} stored todos`, `${mb(rssMb(impl))} = ${ratio(rssMb(impl), floor)}`, '≤ 1.5x');
    }
    for (const [impl, n] of [['todo-notifier-stored', meta.todos], ['todo-notifier-large', meta.large_todos]]) {
      if (pick('tray_launch', impl))
        add(`launch to tray icon with ${fmt(n)} stored todos (floor)`,
            `${fmt(launchMs(impl))} ms (${fmt(launchMs('floor'))})`, '≤ floor + 150 ms');
    }
    const wake = (impl) => perMinute(impl, 'wakeups');
    const preempted = (impl) => perMinute(impl, 'preempted');
    add('idle wake-ups per minute, connected, 10 s heart-beats (floor)', `${fmt(wake('todo-notifier'))} ` +
        `(${fmt(wake('floor'))}); besides, preempted while running: ${fmt(preempted('todo-notifier'))} ` +
        `(${fmt(preempted('floor'))})`, '≤ 15');
  }
  if (publisher && tray && trayRef) {
    const rounds = burstRounds.length > 1
      ? ` (the median of ${burstRounds.length} rounds: ${burstRounds.map((r) => `${fmt(r.ratio, 2)}x`).join(', ')})` : '';
    add(`tray app, last of a ${fmt(tray.count)}-todo burst in the model / stompjs (receive-only)`,
        `${fmt(oursMs)} / ${fmt(trayRef.drain_ms)} ms = ${ratio(oursMs, trayRef.drain_ms)}${rounds}`, '≤ 1.0x');
    if (tray.last_arrived_us) {
      // The broker's share and this process's: when the last message reached the application, and what followed.
      const arrivedMs = (tray.last_arrived_us - publisher.first_send_us) / 1000;
      add('of which the broker: its last message delivered to the tray app / to stompjs, the same round',
          `${fmt(arrivedMs)} / ${fmt(trayRef.drain_ms)} ms = ${ratio(arrivedMs, trayRef.drain_ms)}`, '–');
      add(`and the tray app: from that delivery to the last todo in the model, the worst of ${burstRounds.length} ` +
          'rounds', `${fmt(Math.max(...burstRounds.map((r) => oursLagMs(r.tray))), 1)} ms`, '–');
    }
  }
  if (tray) {
    const worst = burstRounds.length > 1 ? `, the worst of ${burstRounds.length} rounds` : '';
    add(`longest GUI-thread stall during the burst, CPU / wall${worst}`,
        `${fmt(worstRound('max_cpu_stall_ms'), 1)} / ${fmt(worstRound('max_stall_ms'), 1)} ms`, '≤ 16 ms CPU');
    const cpuGap = tray.p99_cpu_gap_ms !== undefined
      ? ` (in GUI-thread CPU: ${fmt(worstRound('p99_cpu_gap_ms'), 1)} ms)` : '';
    add(`p99 gap of a ${tray.probe_ms} ms timer during the burst${worst}`,
        `${fmt(worstRound('p99_gap_ms'), 1)} ms${cpuGap}`, '≤ 10 ms');
  }
  for (const store of stores) {
    add(`${fmt(store.todos)} stored: open the store + first page`,
        `${fmt(store.openMs, 1)} + ${fmt(store.modelFillMs, 1)} ms`, '< 200 ms');
    const searches = (store.list || []).filter((f) => f.what.startsWith('search'));
    if (searches.length) {
      const times = searches.map((f) => f.ms);
      add(`${fmt(store.todos)} stored: searches (${searches.length})`,
          `${fmt(Math.min(...times), 1)}–${fmt(Math.max(...times), 1)} ms`, '< 50 ms');
    }
  }
  const fleet = results.find((r) => r.bench === 'fleet_summary');
  if (fleet) {
    const names = { ours: 'ours', 'stompjs-default': 'stompjs default', 'stompjs-exponential': 'stompjs exponential' };
    const each = (f) => fleet.fleets.map((x) => `${names[x.impl] ?? x.impl} ${f(x)}`).join(', ');
    const n = fleet.fleets[0]?.clients ?? 0;
    if (fleet.fleets.length) {
      add(`broker restart under ${fmt(n)} desktops: peak connection attempts per second`, each((x) => fmt(x.peak_attempts_per_s)),
          '–');
      add('every desktop resubscribed, after the broker is back',
          each((x) => (x.resubscribed === x.clients ? `${fmt(x.all_back_after_broker_s, 1)} s` :
            `${fmt(x.resubscribed)} of ${fmt(x.clients)}`)), '–');
      add('todos lost / delivered twice', each((x) => `${fmt(x.lost)} / ${fmt(x.twice)} of ${fmt(x.expected)}`),
          'none lost');
      add(`broker CPU, first ${fleet.fleets[0].window_s} s after it is back`,
          each((x) => `${fmt(x.broker_cpu_window_ms)} ms`), '–');
    }
    if (fleet.idle) {
      add(`${fmt(fleet.idle.connections)} idle connections of ours: memory and CPU per connection`,
          `${fmt(fleet.idle.kb_per_connection, 1)} kB, ${fmt(fleet.idle.cpu_ms_per_minute_per_connection, 2)} ms a ` +
          `minute (${fmt(fleet.idle.connected)} connected)`, '–');
    }
  }
}
if (summary.length) {
  out.unshift('| figure | this run | goal |', '|---|---:|---:|', ...summary, '');
}
console.log(out.join('\n'));
