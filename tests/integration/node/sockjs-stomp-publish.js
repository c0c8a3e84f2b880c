#!/usr/bin/env node
// An independent publisher for the integration tests: STOMP SENDs over SockJS through npm `sockjs-client` (the
// reference client, nothing of the application's own code), so that what the application receives was published by
// somebody else, over the same URL (and proxy) it uses itself.
// Reads the bodies as a JSON array of strings on stdin, connects to the SockJS base URL over the transports given
// (default: SockJS's HTTP ones, xhr-streaming then xhr-polling), sends one SEND per body to the destination, each
// with a receipt, in order, and waits for every RECEIPT. On success prints `published N via TRANSPORT` and exits 0;
// on any failure (an ERROR frame, a closed session, no receipt within --timeout seconds) prints why on stderr and
// exits 1.
// Usage: node sockjs-stomp-publish.js --url http://127.0.0.1:PORT/app/ws --destination /queue/x
//                                     [--transports xhr-streaming,xhr-polling] [--timeout 20] < bodies.json
'use strict';

const SockJS = require('sockjs-client');

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const url = option('--url', '');
const destination = option('--destination', '');
const transports = option('--transports', 'xhr-streaming,xhr-polling').split(',');
const timeoutMs = Number(option('--timeout', '20')) * 1000;

function fail(reason) {
    process.stderr.write(`sockjs-stomp-publish: ${reason}\n`);
    process.exit(1);
}

function frame(command, headers, body = '') {
    const lines = [command, ...headers.map(([k, v]) => `${k}:${v}`)];
    return `${lines.join('\n')}\n\n${body}\0`;
}

if (!url || !destination) fail('--url and --destination are required');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
    let bodies;
    try {
        bodies = JSON.parse(input);
    } catch (error) {
        fail(`stdin is not a JSON array of strings: ${error.message}`);
    }
    if (!Array.isArray(bodies) || bodies.some((b) => typeof b !== 'string')) fail('stdin is not a JSON array of strings');
    publish(bodies);
});

function publish(bodies) {
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    const socket = new SockJS(url, null, { transports });
    const waiting = new Set();
    let done = false;
    socket.onopen = () => {
        socket.send(frame('CONNECT', [['accept-version', '1.2'], ['host', '127.0.0.1'], ['heart-beat', '0,0']]));
    };
    socket.onmessage = (event) => {
        const data = String(event.data);
        const command = data.split('\n', 1)[0];
        if (command === 'CONNECTED') {
            bodies.forEach((body, i) => {
                waiting.add(`p${i}`);
                socket.send(frame('SEND', [['destination', destination], ['receipt', `p${i}`],
                    ['content-type', 'application/json;charset=UTF-8'],
                    ['content-length', String(Buffer.byteLength(body, 'utf8'))]], body));
            });
            if (bodies.length === 0) finish();
        } else if (command === 'RECEIPT') {
            const id = /\nreceipt-id:([^\n]*)/.exec(data);
            if (id) waiting.delete(id[1]);
            if (waiting.size === 0) finish();
        } else if (command === 'ERROR') {
            fail(`ERROR frame: ${data.replace(/\0$/, '')}`);
        }
    };
    socket.onclose = (event) => {
        if (!done) fail(`the SockJS session closed: ${event.code} ${event.reason}`);
    };
    function finish() {
        done = true;
        clearTimeout(timer);
        const transport = socket.transport;
        socket.close(); // ends the STOMP session with the SockJS one (every SEND is receipted already)
        process.stdout.write(`published ${bodies.length} via ${transport}\n`);
        // sockjs-client keeps no timers after close(); exit anyway, whatever a transport left behind.
        setTimeout(() => process.exit(0), 100);
    }
}
