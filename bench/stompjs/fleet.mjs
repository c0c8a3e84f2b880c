// The reference fleet: --clients @stomp/stompjs clients over ws in one Node process, each subscribed with
// client-individual acks to its own durable queue (--queue-prefix and the client's number in five digits), every
// message acknowledged as it arrives. The library's defaults for everything else (heart-beats 10,000 ms both ways, no
// prefetch limit), and for reconnecting either its default (--mode default: a fixed reconnectDelay of 5,000 ms) or its
// exponential mode (--mode exponential: reconnectTimeMode EXPONENTIAL, doubling from reconnectDelay 5,000 ms up to
// maxReconnectDelay, 15 minutes by default; neither mode has jitter).
//
// Writes the same timeline as bench_fleet_clients (bench/fleet/fleet_clients.cpp) to --timeline, the same status
// line on stdout every second, and a summary line once --stop-file exists.
// Usage: node bench/stompjs/fleet.mjs --url ws://127.0.0.1:PORT/ws --clients N --timeline FILE --stop-file FILE
//                               [--mode default|exponential] [--queue-prefix /amq/queue/fleet-] [--ramp N]
import { Client, ReconnectionTimeMode } from '@stomp/stompjs';
import WebSocket from 'ws';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';

const options = {
  url: '',
  clients: 1000,
  timeline: '',
  'stop-file': '',
  mode: 'default',
  'queue-prefix': '/amq/queue/fleet-',
  ramp: 500,
  login: 'guest',
  passcode: 'guest',
};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const name = args[i].replace(/^--/, '');
  if (!(name in options) || i + 1 >= args.length) {
    console.error(`stompjs fleet: unknown option ${args[i]}`);
    process.exit(2);
  }
  options[name] = typeof options[name] === 'number' ? Number(args[i + 1]) : args[i + 1];
}
if (!options.url || !(options.clients >= 1) || !options.timeline || !options['stop-file']
    || !['default', 'exponential'].includes(options.mode)) {
  console.error('usage: node fleet.mjs --url URL --clients N --timeline FILE --stop-file FILE '
    + '[--mode default|exponential] [--queue-prefix DEST] [--ramp N]');
  process.exit(2);
}

const out = createWriteStream(options.timeline);
let buffer = '';
const epochMs = () => (performance.timeOrigin + performance.now()).toFixed(3);
const event = (client, name, extra = '') => {
  buffer += `{"t":${epochMs()},"c":${client},"e":"${name}"${extra}}\n`;
};
const counters = { started: 0, connected: 0, attempts: 0, todos: 0 };

function startOne(index) {
  const destination = options['queue-prefix'] + String(index).padStart(5, '0');
  let isConnected = false;
  const client = new Client({
    webSocketFactory: () => {
      counters.attempts += 1;
      event(index, 'attempt');
      return new WebSocket(options.url, ['v12.stomp', 'v11.stomp', 'v10.stomp']);
    },
    connectHeaders: { login: options.login, passcode: options.passcode },
    onConnect: () => {
      isConnected = true;
      counters.connected += 1;
      event(index, 'connected');
      client.subscribe(destination, (message) => {
        counters.todos += 1;
        let id = '';
        try {
          id = JSON.parse(message.body).id ?? '';
        } catch {
          id = '';
        }
        event(index, 'todo', `,"id":${JSON.stringify(String(id))},"r":${message.headers.redelivered === 'true'}`);
        message.ack();
      }, { ack: 'client-individual' });
    },
    onWebSocketClose: () => {
      if (isConnected) {
        isConnected = false;
        counters.connected -= 1;
        event(index, 'lost');
      }
    },
  });
  if (options.mode === 'exponential') client.reconnectTimeMode = ReconnectionTimeMode.EXPONENTIAL;
  counters.started += 1;
  client.activate();
}

function rssKb() {
  const match = /^VmRSS:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : 0;
}
function peakRssKb() {
  const match = /^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : 0;
}
function cpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
function flush() {
  if (buffer) out.write(buffer);
  buffer = '';
}

// The ramp: a tenth of a second's share of clients every 100 ms.
let next = 0;
const ramp = setInterval(() => {
  const batch = Math.max(1, Math.floor(options.ramp / 10));
  for (let i = 0; i < batch && next < options.clients; ++i) startOne(next++);
  if (next >= options.clients) clearInterval(ramp);
}, 100);

setInterval(() => {
  flush();
  console.log(JSON.stringify({
    e: 'status', t: Number(epochMs()), clients: options.clients, started: counters.started,
    connected: counters.connected, attempts: counters.attempts, todos: counters.todos, cpu_ms: cpuMs(), rss_kb: rssKb(),
  }));
  if (existsSync(options['stop-file'])) {
    console.log(JSON.stringify({
      e: 'summary', t: Number(epochMs()), clients: options.clients, connected: counters.connected,
      attempts: counters.attempts, todos: counters.todos, cpu_ms: cpuMs(), rss_kb: rssKb(), peak_rss_kb: peakRssKb(),
    }));
    out.end(() => process.exit(0));
  }
}, 1000);
