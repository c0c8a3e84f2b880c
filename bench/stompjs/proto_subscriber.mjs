// The reference client of bench/protocols.sh: @stomp/stompjs over `ws`, or over npm `sockjs-client` (--sockjs),
// subscribed to DEST with ack:client, acknowledging every message at once. Prints one JSON line per event, as
// `todo-notifier-cli listen` does: {"event":"connected","protocol":"stomp","transport":...}, {"event":"todo","id":...}
// for every message (the id of the todo in its body), {"event":"disconnected"}. Everything else is stompjs's default,
// in particular its reconnect (every 5 s) and heart-beats (10 s both ways).
// Usage: node proto_subscriber.mjs URL DEST [--sockjs] [--durable-queue NAME] (login/passcode guest/guest)
//   --durable-queue NAME: a durable RabbitMQ subscription (durable, auto-delete:false, x-queue-name NAME), so that
//                         what is published while it is away waits for it, as our CLI's does in the same run.
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import SockJS from 'sockjs-client';

const args = process.argv.slice(2);
const [url, destination] = args;
const useSockJs = args.includes('--sockjs');
const queueAt = args.indexOf('--durable-queue');
const durableQueue = queueAt >= 0 ? args[queueAt + 1] : '';

const print = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

// The id of the todo in a body: a todo object, or the {data:{sysMsgList:[...]}} envelope.
function todoIds(body) {
  try {
    const value = JSON.parse(body);
    const list = value?.data?.sysMsgList;
    if (Array.isArray(list)) return list.map((todo) => String(todo.id));
    if (value && value.id !== undefined) return [String(value.id)];
  } catch {
    // not JSON: reported without an id
  }
  return [null];
}

let socket = null;
const client = new Client({
  webSocketFactory: () => {
    socket = useSockJs ? new SockJS(url) : new WebSocket(url, ['v12.stomp', 'v11.stomp', 'v10.stomp']);
    return socket;
  },
  connectHeaders: { login: 'guest', passcode: 'guest' },
  onConnect: () => {
    const headers = { ack: 'client' };
    if (durableQueue) {
      Object.assign(headers, { id: 'bench-ref', durable: 'true', 'auto-delete': 'false', 'x-queue-name': durableQueue });
    }
    client.subscribe(destination, (message) => {
      for (const id of todoIds(message.body)) print({ event: 'todo', id, redelivered: message.headers.redelivered === 'true' });
      message.ack();
    }, headers);
    // sockjs-client names the transport it settled on once the session is open.
    print({ event: 'connected', protocol: 'stomp', transport: useSockJs ? `sockjs/${socket.transport}` : 'websocket' });
  },
  onWebSocketClose: () => print({ event: 'disconnected' }),
  onStompError: (frame) => print({ event: 'error', message: frame.headers.message }),
});
client.activate();
process.on('SIGTERM', () => process.exit(0));
