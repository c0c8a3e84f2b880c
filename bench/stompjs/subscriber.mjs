// The reference client: @stomp/stompjs over ws, subscribed to DEST; measures each message's latency from its
// `send-ts` header (microseconds since the epoch, stamped by the publisher) to its arrival here, until COUNT
// messages arrived. Prints one JSON result line. Usage: node subscriber.mjs URL DEST COUNT (login/passcode from
// TODO_BENCH_LOGIN / TODO_BENCH_PASSCODE).
// Receive-only (ack:auto) unless TODO_BENCH_ACK_EVERY_MS is set: then it acknowledges as the tray application does,
// so that the broker does the same work for both: ack:client with a prefetch-count of TODO_BENCH_PREFETCH (1000, the
// application's default), and every that many milliseconds one cumulative ACK of the last message that arrived (the
// application acknowledges after each WAL sync, which starts at most every 25 ms during a burst). It reports itself as
// "stompjs-acking".
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import { summarize, nowUs } from '../latency.mjs';

const [url, destination, countText] = process.argv.slice(2);
const count = Number(countText);
const ackEveryMs = Number(process.env.TODO_BENCH_ACK_EVERY_MS || 0);
const impl = ackEveryMs > 0 ? 'stompjs-acking' : 'stompjs';
const latencies = [];
let firstSend = Infinity;
let lastArrival = 0;
let unacknowledged = null; // acking: the last message that arrived since the last ACK

const client = new Client({
  webSocketFactory: () => new WebSocket(url, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
  connectHeaders: { login: process.env.TODO_BENCH_LOGIN || 'guest', passcode: process.env.TODO_BENCH_PASSCODE || 'guest' },
  heartbeatIncoming: 10000,
  heartbeatOutgoing: 10000,
  reconnectDelay: 0,
  onConnect: () => {
    client.subscribe(destination, (message) => {
      const arrival = nowUs();
      const sent = Number(message.headers['send-ts']);
      latencies.push(arrival - sent);
      firstSend = Math.min(firstSend, sent);
      lastArrival = arrival;
      unacknowledged = message;
      if (latencies.length === count) {
        if (ackEveryMs > 0)
          message.ack();
        console.log(JSON.stringify(summarize(impl, latencies, firstSend, lastArrival)));
        client.deactivate().then(() => process.exit(0));
      }
    }, ackEveryMs > 0 ? { ack: 'client', 'prefetch-count': process.env.TODO_BENCH_PREFETCH || '1000' } : {});
    if (ackEveryMs > 0) {
      setInterval(() => {
        if (unacknowledged) {
          unacknowledged.ack(); // ack:client acknowledges it and every message before it
          unacknowledged = null;
        }
      }, ackEveryMs);
    }
    console.error('stompjs: subscribed');
  },
  onStompError: (frame) => {
    console.error(`stompjs: ERROR ${frame.headers.message}`);
    process.exit(1);
  },
});
client.activate();
