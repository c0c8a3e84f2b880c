// The measuring half of bench/protocols.sh: for every push style, runs `todo-notifier-cli listen --store` (and, where
// it can speak the style, the reference client bench/stompjs/proto_subscriber.mjs beside it, against the same server
// at the same time), publishes todos through the server's own way in (python3-stomp for RabbitMQ, the control API of
// the Node test servers), restarts the server, and reports per client: what `auto` found, the first-todo latency, the
// time to reconnect after the restart, todos lost and todos shown twice. Measurements, not tests: nothing here fails
// on a number; a row that could not be measured says why.
//
// Usage (bench/protocols.sh starts the servers and calls these):
//   node bench/protocols.mjs measure SERVERS_FILE SCENARIO...   one JSON line per row on stdout
//       SERVERS_FILE: lines "NAME<TAB>VALUE", VALUE a port (or a path), or "!why" when NAME could not be started
//       SCENARIO: rabbitmq, sockjs, sockjs-http, sockjs-nginx, json-ws, sse, socketio
//   node bench/protocols.mjs report < rows.jsonl               the markdown table
// Environment: TODO_CLI (the CLI), TODO_BENCH_WORK (a scratch directory), TODO_BENCH_ROOT (the source tree),
// TODO_BENCH_DOWN_MS (how long the Node servers stay away on restart, 2000).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { nowUs } from './latency.mjs';

const root = process.env.TODO_BENCH_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = process.env.TODO_CLI || path.join(root, 'build/app/cli/todo-notifier-cli');
const work = process.env.TODO_BENCH_WORK || '/tmp/todo-bench-protocols';
const downMs = Number(process.env.TODO_BENCH_DOWN_MS || 2000);
const LATENCY_RUNS = 5;
const BEFORE = 10; // published before the restart
const AFTER = 10; // published while the server is away, or right after it is back
const runTag = Date.now().toString(36);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text) => process.stderr.write(`protocols: ${text}\n`);

async function waitFor(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() >= deadline) return false;
    await sleep(10);
  }
  return true;
}

function todoObject(id) {
  return { id, title: `bench ${id}`, time: '2024-05-16 16:28:03', handlerUrl: `/todo#/x?id=${id}` };
}
// The envelope home-grown servers push ({data:{sysMsgList,sysMsgNums}}), as the STOMP styles send it.
function envelope(id) {
  return JSON.stringify({ data: { sysMsgList: [todoObject(id)], sysMsgNums: 1 } });
}

// ---------------------------------------------------------------------------------------------------------------
// Clients: a child process printing one JSON line per event; every line is stamped as it arrives on the pipe.

class Client {
  constructor(spec) {
    Object.assign(this, spec); // row, impl, command, args, env
    this.connects = []; // [{t, event}]
    this.seen = new Map(); // id -> [arrival us]
    this.lines = [];
    this.stderr = '';
    this.exited = null;
  }

  start() {
    this.proc = spawn(this.command, this.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => this.onLine(nowUs(), line));
    this.proc.stderr.on('data', (chunk) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    this.proc.on('exit', (code, signal) => { this.exited = signal || code; });
    this.proc.on('error', (error) => { this.exited = error.message; });
  }

  onLine(t, line) {
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    this.lines.push([t, event]);
    if (event.event === 'connected') this.connects.push({ t, event });
    if (event.event !== 'todo') return;
    // Our CLI: a todo's key is "id:<id>"; the reference subscriber prints the id itself.
    const id = event.todo ? String(event.todo.key || '').replace(/^id:/, '') : event.id;
    if (!this.seen.has(id)) this.seen.set(id, []);
    this.seen.get(id).push(t);
  }

  has(id) { return this.seen.has(id); }
  alive() { return this.exited === null; }
  lastLines(n = 3) {
    return this.lines.slice(-n).map(([, e]) => JSON.stringify(e)).join(' ') || this.stderr.trim().split('\n').slice(-3).join(' ');
  }

  stop() {
    if (this.alive()) this.proc.kill('SIGTERM');
    // Every line with its arrival time, and stderr, for a look afterwards (TODO_BENCH_KEEP=1 keeps them).
    const name = path.join(work, `row${this.row}-${this.impl}`);
    writeFileSync(`${name}.jsonl`, this.lines.map(([t, e]) => JSON.stringify({ t, ...e })).join('\n'));
    writeFileSync(`${name}.stderr`, this.stderr);
  }
}

function cliClient(row, url, extra, env = {}) {
  const store = path.join(work, `row${row}-${runTag}.sqlite`);
  const args = ['listen', '--store', store, '--url', url, ...extra];
  // A private HOME: the CLI's data (an outbox, a transport cache) stays out of the real one.
  const home = path.join(work, 'home');
  mkdirSync(home, { recursive: true });
  return new Client({
    row, impl: 'todo-notifier', command: cli, args,
    env: { HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'),
           XDG_CACHE_HOME: path.join(home, 'cache'), ...env },
    shown: `todo-notifier-cli listen --store DB --url ${url} ${extra.join(' ')}`.trim(),
  });
}

function referenceClient(row, url, destination, extra) {
  const script = path.join(root, 'bench/stompjs/proto_subscriber.mjs');
  return new Client({
    row, impl: 'stompjs', command: process.execPath, args: [script, url, destination, ...extra], env: {},
    shown: `node bench/stompjs/proto_subscriber.mjs ${url} ${destination} ${extra.join(' ')}`.trim(),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Publishing and restarting, per server.

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(command)} ${args[0]} exited ${code}: ${err.trim().split('\n').slice(-2).join(' ')}`))));
  });
}

// Whether 127.0.0.1:port accepts a TCP connection (within 500 ms).
function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    const end = (result) => { socket.destroy(); resolve(result); };
    socket.setTimeout(500, () => end(false));
    socket.on('connect', () => end(true));
    socket.on('error', () => end(false));
  });
}

// POST to a control API; retried while the server is away (refused, cut, 5xx) until retryMs have passed.
async function control(port, pathAndQuery, body, retryMs = 0) {
  const deadline = Date.now() + retryMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : body,
      });
      const text = await response.text();
      if (response.ok) return text;
      if (response.status < 500 || Date.now() >= deadline) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${text}`);
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios: one server, the clients that measure it, how to publish to them and how to restart it.
// publish(ids, clients, retryMs) sends each id once to every client (a broadcast, or one queue per client) and
// returns, per client, the publish time of the first id (us since the epoch, stamped just before it was sent).

function scenarios(servers) {
  const need = (...names) => {
    for (const name of names) {
      const value = servers.get(name);
      if (value === undefined) throw new Error(`${name} was not started`);
      if (value.startsWith('!')) throw new Error(`${name} could not be started: ${value.slice(1)}`);
    }
    return names.map((name) => servers.get(name));
  };

  const nodeRestart = (port, query = '') => async () => {
    const t = nowUs();
    await control(port, `/control/restart?ms=${downMs}${query}`);
    return { tRestart: t, back: Promise.resolve(t + downMs * 1000) };
  };

  // STOMP over SockJS against the SockJS STOMP test server: every client has its own durable queue there
  // (/queue/NAME: kept while nobody takes it, unacknowledged messages go back on restart), both subscribe with
  // ack:client; the control API is on the server's port, so pushes wait while it is down.
  const sockjs = (rowKey, serverName, viaNginx) => () => {
    const [serverPort, frontPort] = viaNginx ? need(serverName, 'nginx') : need(serverName, serverName);
    const url = `http://127.0.0.1:${frontPort}/app/ws`;
    const queue = (impl) => `/queue/bench-proto-${impl}`;
    return {
      clients: [
        cliClient(rowKey, url, ['--destination', queue('todo-notifier'), '--ack', 'client']),
        referenceClient(rowKey, url, queue('stompjs'), ['--sockjs']),
      ],
      async publish(ids, clients, retryMs = 0) {
        const t0 = new Map();
        for (const id of ids) {
          await Promise.all(clients.map(async (c) => {
            const t = nowUs();
            await control(serverPort, `/control/push?destination=${encodeURIComponent(queue(c.impl))}`, envelope(id), retryMs);
            if (!t0.has(c)) t0.set(c, t);
          }));
        }
        return t0;
      },
      restart: nodeRestart(serverPort),
      serverReachableWhileAway: false,
      promise: 'durable queue per client, ack:client: what was not acknowledged goes back',
    };
  };

  return {
    rabbitmq: () => {
      const [dir, stompPort, wsPort] = need('rabbitmq.dir', 'rabbitmq.stomp', 'rabbitmq.ws');
      const destination = '/topic/bench-proto';
      // A durable subscription per client (its own queue bound to the topic, kept across the restart) with
      // ack:client, and persistent messages: what arrives while a client is away waits for it.
      const durable = (queue) => ['--destination', destination, '--login', 'guest', '--ack', 'client',
        '--subscribe-header', 'durable:true', '--subscribe-header', 'auto-delete:false',
        '--subscribe-header', `x-queue-name:${queue}`];
      const env = { TODO_NOTIFIER_PASSCODE: 'guest' };
      const fixture = path.join(root, 'scripts/rabbitmq-fixture.sh');
      return {
        clients: [
          cliClient('1', `ws://127.0.0.1:${wsPort}/ws`, durable('bench-proto-cli-ws'), env),
          referenceClient('1', `ws://127.0.0.1:${wsPort}/ws`, destination, ['--durable-queue', 'bench-proto-stompjs']),
          cliClient('2', `stomp://127.0.0.1:${stompPort}`, durable('bench-proto-cli-tcp'), env),
        ],
        async publish(ids, clients) {
          // The ids of one call share a prefix: python3-stomp fills in {i}.
          const prefix = ids[0].replace(/0$/, '');
          const template = envelope(`${prefix}{i}`);
          const out = await run('/usr/bin/python3', [path.join(root, 'tests/integration/stomp_publish.py'),
            '--port', stompPort, '-d', destination, '-n', String(ids.length), '--body-template', template,
            '--receipt', '--times-json']);
          const t = JSON.parse(out.trim().split('\n').pop()).first_send_us;
          return new Map(clients.map((c) => [c, t]));
        },
        async restart() {
          const t = nowUs();
          // stop (graceful), then start: the fixture returns once STOMP and Web-STOMP answer, but it polls every
          // 0.25 s and then looks for the broker's process, so the broker is back when both ports accept
          // connections again after having refused them (or when the fixture returns, if that comes first).
          let finished = false;
          const done = run(fixture, ['restart', dir]).then(() => { finished = true; return nowUs(); });
          const ports = (async () => {
            let away = false;
            while (!finished) {
              const up = (await accepts(stompPort)) && (await accepts(wsPort));
              if (!up) away = true;
              else if (away) return nowUs();
              await sleep(50);
            }
            return Infinity;
          })();
          const back = Promise.all([done, ports]).then(([a, b]) => Math.min(a, b));
          return { tRestart: t, back };
        },
        serverReachableWhileAway: false,
        settleMs: 90000,
        promise: 'durable subscription (own queue, persistent messages), ack:client',
      };
    },
    sockjs: sockjs('3', 'sockjs'),
    'sockjs-http': sockjs('4', 'sockjs-http'),
    'sockjs-nginx': sockjs('5', 'sockjs-proxied', true),
    'json-ws': () => {
      const [port] = need('json-ws');
      return {
        clients: [cliClient('6', `ws://127.0.0.1:${port}/`, ['--pending-url', `http://127.0.0.1:${port}/pending`])],
        async publish(ids, clients) {
          const t = nowUs();
          for (const id of ids) await control(port, '/control/push', JSON.stringify(todoObject(id)));
          return new Map(clients.map((c) => [c, t]));
        },
        restart: nodeRestart(port),
        serverReachableWhileAway: true,
        promise: 'nothing kept per connection; the catch-up list (--pending-url /pending) after every connect',
      };
    },
    sse: () => {
      const [port] = need('sse');
      return {
        clients: [cliClient('7', `http://127.0.0.1:${port}/events`, [])],
        async publish(ids, clients) {
          const t = nowUs();
          for (const id of ids) await control(port, '/control/push', JSON.stringify({ data: todoObject(id) }));
          return new Map(clients.map((c) => [c, t]));
        },
        restart: nodeRestart(port),
        serverReachableWhileAway: true,
        promise: 'the server replays what came after Last-Event-ID',
      };
    },
    socketio: () => {
      const [port] = need('socketio');
      return {
        clients: [cliClient('8', `http://127.0.0.1:${port}`, ['--pending-url', `http://127.0.0.1:${port}/pending`])],
        async publish(ids, clients) {
          const t = nowUs();
          for (const id of ids) await control(port, '/control/emit', JSON.stringify(todoObject(id)));
          return new Map(clients.map((c) => [c, t]));
        },
        // mode=disconnect (the default): the server ends the sessions, so no connection state recovery.
        restart: nodeRestart(port),
        serverReachableWhileAway: true,
        promise: 'a restart ends the sessions (no state recovery); the catch-up list (--pending-url /pending)',
      };
    },
  };
}

const STYLES = {
  1: 'STOMP over WebSocket (RabbitMQ Web-STOMP)',
  2: 'STOMP over TCP (RabbitMQ STOMP port)',
  3: 'SockJS, WebSocket (npm sockjs)',
  4: 'SockJS xhr-streaming (server without WebSocket)',
  5: 'SockJS behind nginx that drops upgrades',
  6: 'plain JSON WebSocket (npm ws)',
  7: 'Server-Sent Events (npm better-sse)',
  8: 'Socket.IO 4 (npm socket.io)',
};
const SCENARIO_ROWS = {
  rabbitmq: [['1', 'todo-notifier'], ['1', 'stompjs'], ['2', 'todo-notifier']],
  sockjs: [['3', 'todo-notifier'], ['3', 'stompjs']],
  'sockjs-http': [['4', 'todo-notifier'], ['4', 'stompjs']],
  'sockjs-nginx': [['5', 'todo-notifier'], ['5', 'stompjs']],
  'json-ws': [['6', 'todo-notifier']],
  sse: [['7', 'todo-notifier']],
  socketio: [['8', 'todo-notifier']],
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measure(name, make) {
  let scenario;
  try {
    scenario = make();
  } catch (error) {
    return SCENARIO_ROWS[name].map(([row, impl]) => ({ row, impl, error: error.message }));
  }
  const clients = scenario.clients;
  const results = new Map(clients.map((c) => [c, { row: c.row, impl: c.impl, command: c.shown, promise: scenario.promise }]));
  const fail = (c, why) => { if (!results.get(c).error) results.get(c).error = why; };
  const active = () => clients.filter((c) => !results.get(c).error);
  try {
    log(`${name}: starting ${clients.length} client(s)`);
    for (const c of clients) c.start();
    await waitFor(() => clients.every((c) => c.connects.length || !c.alive()), 30000);
    for (const c of clients) {
      if (!c.connects.length) fail(c, `no "connected" within 30 s (${c.alive() ? 'still trying' : `exited ${c.exited}`}: ${c.lastLines()})`);
      else {
        const e = c.connects[0].event;
        Object.assign(results.get(c), { protocol: e.protocol, transport: e.transport, auto: e.auto });
      }
    }
    if (!active().length) return [...results.values()];

    // Warm-up: until every client got one todo, so that its subscription is in place before we time anything.
    const warmDeadline = Date.now() + 30000;
    for (let k = 0; active().some((c) => ![...c.seen.keys()].some((id) => id.includes('-warm'))); ++k) {
      if (Date.now() > warmDeadline) {
        for (const c of active()) if (![...c.seen.keys()].some((id) => id.includes('-warm'))) fail(c, `connected, but no todo arrived within 30 s (${c.lastLines()})`);
        break;
      }
      await scenario.publish([`${runTag}-${name}-warm${k}-0`], active());
      await waitFor(() => active().every((c) => [...c.seen.keys()].some((id) => id.includes('-warm'))), 1000);
    }

    // First-todo latency: single publishes, each waited for.
    const latencies = new Map(clients.map((c) => [c, []]));
    for (let k = 0; k < LATENCY_RUNS && active().length; ++k) {
      await sleep(200);
      const id = `${runTag}-${name}-lat${k}-0`;
      const t0 = await scenario.publish([id], active());
      await waitFor(() => active().every((c) => c.has(id)), 10000);
      for (const c of active()) {
        if (c.has(id)) latencies.get(c).push((c.seen.get(id)[0] - t0.get(c)) / 1000);
      }
    }
    for (const c of clients) {
      Object.assign(results.get(c), { latencyMs: median(latencies.get(c)), latencies: latencies.get(c) });
    }

    // The restart: 10 published before it, 10 while the server is away (where its way in stays open) or right
    // after it is back.
    const ids = (part, n) => Array.from({ length: n }, (_, i) => `${runTag}-${name}-${part}${i}`);
    const before = ids('before', BEFORE);
    const after = ids('after', AFTER);
    const measured = active();
    await scenario.publish(before, measured);
    await sleep(500);
    const { tRestart, back } = await scenario.restart();
    log(`${name}: restarted the server`);
    let tBack;
    if (scenario.serverReachableWhileAway) {
      await scenario.publish(after, measured);
      tBack = await back;
    } else if (name === 'rabbitmq') {
      tBack = await back;
      await scenario.publish(after, measured);
    } else {
      await scenario.publish(after, measured, 30000); // retried until the port answers again
      tBack = await back;
    }
    const expected = [...before, ...after];
    const settled = () => measured.every((c) => !c.alive()
      || (c.connects.some((x) => x.t > tRestart) && expected.every((id) => c.has(id))));
    await waitFor(settled, Math.max(0, (tBack / 1000 + (scenario.settleMs || 30000)) - Date.now()));
    await sleep(2000); // late duplicates
    for (const c of measured) {
      const r = results.get(c);
      const again = c.connects.find((x) => x.t > tRestart);
      r.serverAwayMs = Math.round((tBack - tRestart) / 1000);
      r.reconnectMs = again ? Math.round((again.t - tRestart) / 1000) : null;
      if (again) Object.assign(r, { transportAfter: again.event.transport });
      r.lost = expected.filter((id) => !c.has(id)).length;
      r.twice = [...c.seen.values()].filter((times) => times.length > 1).length;
      r.reconnects = c.connects.length - 1;
      if (!again) r.note = `no "connected" again within ${Math.round((Date.now() * 1000 - tRestart) / 1e6)} s of the restart (${c.lastLines()})`;
    }
  } catch (error) {
    for (const c of clients) fail(c, error.message);
  } finally {
    for (const c of clients) c.stop();
    await waitFor(() => clients.every((c) => !c.alive()), 5000);
  }
  return [...results.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// The report.

const fmt = (value) => (value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US'));
const fmtLatency = (value) => (value === null || value === undefined ? '—' : value.toFixed(1));
// "sockjs ws://127.0.0.1:P/app/ws/1/abc/websocket (auto: ...)" -> "sockjs websocket": the transport's own words and
// the SockJS transport at the end of its URL; the explanation is listed under the table.
function shortTransport(transport = '') {
  return transport.replace(/\s*\(auto[\s\S]*$/, '')
    .replace(/\S+:\/\/\S+/g, (url) => {
      const last = url.split('/').pop();
      return ['websocket', 'xhr_streaming', 'xhr', 'xhr_send', 'eventsource'].includes(last) ? last : '';
    })
    .replace(/\s+/g, ' ').trim();
}
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function report(rows) {
  const byKey = new Map(rows.map((r) => [`${r.row}/${r.impl}`, r]));
  const lines = [
    '| # | push style | client | auto found it (protocol / transport) | first todo latency, median of 5 (ms) | reconnect after the restart (ms) | server away (ms) | todos lost (of 20) | todos shown twice | what the protocol can promise |',
    '|---|---|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of Object.keys(STYLES)) {
    for (const impl of ['todo-notifier', 'stompjs']) {
      const r = byKey.get(`${row}/${impl}`);
      const style = impl === 'todo-notifier' ? STYLES[row] : '';
      if (!r) {
        const scenarioRows = Object.values(SCENARIO_ROWS).flat();
        if (impl === 'stompjs' && !scenarioRows.some(([r, i]) => r === row && i === impl)) {
          lines.push(`| ${row} | ${style} | stompjs | — (cannot speak it) | — | — | — | — | — | |`);
        } else lines.push(`| ${row} | ${style} | ${impl} | not measured: not run | — | — | — | — | — | |`);
        continue;
      }
      if (r.error && r.latencyMs === undefined) {
        lines.push(`| ${row} | ${style} | ${impl} | not measured: ${cell(r.error)} | — | — | — | — | — | ${cell(r.promise || '')} |`);
        continue;
      }
      const found = impl === 'todo-notifier' ? `${r.protocol} / ${shortTransport(r.transport)}` : `(no auto) ${r.transport}`;
      const again = shortTransport(r.transportAfter);
      const after = r.transportAfter && again !== shortTransport(r.transport) ? `, after the restart ${again}` : '';
      const reconnect = r.reconnectMs === null || r.reconnectMs === undefined ? `— ${cell(r.note || r.error || '')}` : fmt(r.reconnectMs);
      lines.push(`| ${row} | ${style} | ${impl} | ${cell(found + after)} | ${fmtLatency(r.latencyMs)} | ${reconnect} | ${fmt(r.serverAwayMs)} | ${r.lost ?? '—'} | ${r.twice ?? '—'} | ${cell(r.promise || '')}${r.error ? `; ${cell(r.error)}` : ''} |`);
    }
  }
  lines.push('');
  lines.push('Clients as started (DB: a fresh SQLite file per row; the STOMP rows with TODO_NOTIFIER_PASSCODE=guest):');
  lines.push('');
  rows = [...rows].sort((a, b) => Number(a.row) - Number(b.row));
  for (const r of rows) if (r.command) lines.push(`- ${r.row} ${r.impl}: \`${r.command}\``);
  const autos = rows.filter((r) => r.auto);
  if (autos.length) {
    lines.push('');
    lines.push('What `auto` said:');
    lines.push('');
    for (const r of autos) lines.push(`- ${r.row}: ${cell(r.auto)}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'measure') {
  const [serversFile, ...names] = rest;
  const servers = new Map(readFileSync(serversFile, 'utf8').split('\n').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    return [line.slice(0, tab), line.slice(tab + 1)];
  }));
  mkdirSync(work, { recursive: true });
  const all = scenarios(servers);
  for (const name of names) {
    if (!all[name]) throw new Error(`unknown scenario ${name}`);
    for (const row of await measure(name, all[name])) process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  process.exit(0);
} else if (mode === 'report') {
  const rows = readFileSync(0, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  process.stdout.write(`${report(rows)}\n`);
} else {
  process.stderr.write('usage: node bench/protocols.mjs measure SERVERS_FILE SCENARIO... | report < rows.jsonl\n');
  process.exit(2);
}
