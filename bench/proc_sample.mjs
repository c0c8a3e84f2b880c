// Samples running processes from /proc over a window of time, all in the same window, and prints one JSON line per
// process (bench: "resources"):
//   rss_kb_start, rss_kb_end   VmRSS at the start and the end of the window (kB)
//   cpu_ms                     utime + stime (/proc/PID/stat, every thread of the process) spent in the window; the
//                              kernel counts them in clock ticks (10 ms)
//   run_ms                     the same from the scheduler, in ns: time on a CPU of all its threads in the window
//                              (first field of /proc/PID/task/*/schedstat)
//   wakeups                    voluntary context switches of all its threads in the window (/proc/PID/task/*/status):
//                              a thread went to sleep (poll, a futex, a timer) and something woke it
//   preempted                  nonvoluntary context switches: a running thread taken off its CPU for another process,
//                              not a wake-up (a busy machine more than the process); switches: both together;
//                              by_thread: wakeups and preempted by thread name
//   run_ms and the switches are sampled every --interval seconds per thread id, so a thread that ends in the window
//   keeps what it had at its last sample; wakeups_per_min scales to 60 s
//   threads_start, threads_end
// Usage: node bench/proc_sample.mjs SECONDS NAME=PID... [--interval S]
// A process that is gone at the end is reported with "exited": true.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
let interval = 1;
const targets = [];
let seconds = NaN;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--interval') interval = Number(args[++i]);
  else if (args[i].includes('=')) {
    const [name, pid] = args[i].split('=');
    targets.push({ name, pid: Number(pid) });
  } else seconds = Number(args[i]);
}
if (!(seconds > 0) || !(interval > 0) || targets.length === 0) {
  console.error('usage: node proc_sample.mjs SECONDS NAME=PID... [--interval S]');
  process.exit(2);
}
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function rssKb(pid) {
  const match = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond; // utime (14) + stime (15)
}

// Context switches and time on a CPU (ns) of every thread now, by thread id.
function threads(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const voluntary = /^voluntary_ctxt_switches:\s+(\d+)/m.exec(status);
      const involuntary = /^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status);
      const runNs = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? tid;
      const preempted = Number(involuntary?.[1] ?? 0);
      out.set(tid, { name, wakeups: Number(voluntary?.[1] ?? 0), preempted, runNs });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

for (const t of targets) {
  t.rssStart = rssKb(t.pid);
  t.cpuStart = cpuMs(t.pid);
  t.base = threads(t.pid); // threads born later start from 0
  t.last = new Map(t.base);
  t.threadsStart = t.base.size;
  t.exited = false;
}
const started = process.hrtime.bigint();

function sample() {
  for (const t of targets) {
    if (t.exited) continue;
    try {
      for (const [tid, counts] of threads(t.pid)) t.last.set(tid, counts);
    } catch {
      t.exited = true;
    }
  }
}

const timer = setInterval(sample, interval * 1000);
setTimeout(() => {
  clearInterval(timer);
  sample();
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  for (const t of targets) {
    let wakeups = 0;
    let preempted = 0;
    let runNs = 0;
    const byThread = {};
    for (const [tid, counts] of t.last) {
      const base = t.base.get(tid) ?? { wakeups: 0, preempted: 0, runNs: 0 };
      wakeups += counts.wakeups - base.wakeups;
      preempted += counts.preempted - base.preempted;
      runNs += counts.runNs - base.runNs;
      const thread = (byThread[counts.name] ??= { wakeups: 0, preempted: 0 });
      thread.wakeups += counts.wakeups - base.wakeups;
      thread.preempted += counts.preempted - base.preempted;
    }
    let rssEnd = 0;
    let cpuEnd = t.cpuStart;
    let threadsEnd = 0;
    try {
      rssEnd = rssKb(t.pid);
      cpuEnd = cpuMs(t.pid);
      threadsEnd = readdirSync(`/proc/${t.pid}/task`).length;
    } catch {
      t.exited = true;
    }
    console.log(JSON.stringify({
      bench: 'resources', impl: t.name, pid: t.pid, window_s: elapsedS,
      rss_kb_start: t.rssStart, rss_kb_end: rssEnd,
      cpu_ms: cpuEnd - t.cpuStart, run_ms: runNs / 1e6,
      wakeups, wakeups_per_min: (wakeups * 60) / elapsedS, preempted, switches: wakeups + preempted,
      by_thread: byThread,
      threads_start: t.threadsStart, threads_end: threadsEnd,
      exited: t.exited,
    }));
  }
}, seconds * 1000);
