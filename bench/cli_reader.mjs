// Runs `todo-notifier-cli listen` and stamps each line the moment it arrives on the pipe (the CLI flushes every
// line), then measures latency from the message's `send-ts` header as subscriber.mjs does for stompjs. Lines are
// only parsed after the run, so the reader adds no work while messages flow.
// Usage: node cli_reader.mjs CLI URL DEST COUNT (passcode from TODO_NOTIFIER_PASSCODE)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { summarize, nowUs } from './latency.mjs';

const [cli, url, destination, countText] = process.argv.slice(2);
const count = Number(countText);
const child = spawn(cli, ['listen', '--url', url, '--login', process.env.TODO_BENCH_LOGIN || 'guest',
                          '--destination', destination, '--count', String(count), '--heartbeat', '10000,10000'],
                    { stdio: ['ignore', 'pipe', 'inherit'] });
const lines = [];
createInterface({ input: child.stdout }).on('line', (line) => lines.push([nowUs(), line]));
child.on('exit', (code) => {
  const latencies = [];
  let firstSend = Infinity;
  let lastArrival = 0;
  for (const [arrival, line] of lines) {
    const event = JSON.parse(line);
    if (event.event === 'connected') console.error('todo-notifier: connected');
    if (event.event !== 'message') continue;
    const sent = Number(event.headers['send-ts']);
    latencies.push(arrival - sent);
    firstSend = Math.min(firstSend, sent);
    lastArrival = arrival;
  }
  if (code !== 0 || latencies.length !== count) {
    console.error(`todo-notifier-cli exited ${code} after ${latencies.length} of ${count} messages`);
    process.exit(1);
  }
  console.log(JSON.stringify(summarize('todo-notifier', latencies, firstSend, lastArrival)));
});
