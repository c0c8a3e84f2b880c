// The reference client: @stomp/stompjs over ws, subscribed to DEST; measures each message's latency from its
// `send-ts` header (microseconds since the epoch, stamped by the publisher) to its arrival here, until COUNT
// messages arrived. Prints one JSON result line. Usage: node subscriber.mjs URL DEST COUNT (login/passcode from
// TODO_BENCH_LOGIN / TODO_BENCH_PASSCODE).
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import { summarize, nowUs } from '../latency.mjs';

const [url, destination, countText] = process.argv.slice(2);
const count = Number(countText);
const latencies = [];
let firstSend = Infinity;
let lastArrival = 0;

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
      if (latencies.length === count) {
        console.log(JSON.stringify(summarize('stompjs', latencies, firstSend, lastArrival)));
        client.deactivate().then(() => process.exit(0));
      }
    });
    console.error('stompjs: subscribed');
  },
  onStompError: (frame) => {
    console.error(`stompjs: ERROR ${frame.headers.message}`);
    process.exit(1);
  },
});
client.activate();
