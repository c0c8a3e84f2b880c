#!/usr/bin/env node
// A real SockJS server (npm `sockjs`, the reference server implementation) serving a small STOMP 1.2 broker
// written for the tests, shaped like a Spring `.withSockJS()` endpoint with a simple broker:
//  - SockJS at {prefix} (default /app/ws): /info, {prefix}/{server}/{session}/websocket and the HTTP transports
//    ({session}/xhr_streaming, /xhr, /xhr_send); the raw WebSocket endpoint {prefix}/websocket is refused with 404
//    unless --raw-websocket is given (or switched on through the control API), so that `auto` must fall back to
//    SockJS framing. --no-websocket switches SockJS's WebSocket off (/info says websocket:false), as some
//    deployments do; --response-limit BYTES makes xhr_streaming responses end sooner than sockjs's 128 KiB, so that
//    clients must re-open their stream often. /info sets a JSESSIONID cookie, as load-balanced deployments do; the
//    sessions record which cookies their upgrade carried, and how many of their HTTP requests came without it.
//  - STOMP: CONNECT/STOMP -> CONNECTED (version 1.2, negotiated heart-beat, `session`, `user-name`),
//    SUBSCRIBE/UNSUBSCRIBE, SEND -> MESSAGE to every subscription of the destination, RECEIPT for any frame
//    with `receipt`, DISCONNECT, ACK/NACK accepted. Frames may arrive split over several SockJS messages (they
//    are reassembled, as Spring's STOMP decoder does). Heart-beats: the server sends an EOL every negotiated
//    period (--heartbeat SX,SY is what it offers; default 1000,1000).
//  - Queues: what is pushed to /queue/NAME (without a user) is a durable queue's message, as in a real broker:
//    kept until a subscriber takes it, one subscriber per message, and with ack client/client-individual kept
//    as unacknowledged until the ACK that names it (client-individual) or a later one of its subscription
//    (client: cumulative) comes; a NACK, or the end of the session that had it, puts it back (marked
//    `redelivered:true`) for the next subscriber. Queues survive a restart through the control API.
//  - The principal comes from the HTTP handshake of the session, as Spring's does: `Authorization: Bearer
//    <name>` or a cookie `TODO_USER=<name>`. A subscription to /user/queue/x or /user/topic/x receives what is
//    pushed to that user's /queue/x or /topic/x (Spring's user destinations).
//  - Control API on the same port (for the tests; JSON answers):
//      POST /control/push?destination=D[&user=U]   body -> MESSAGE to the subscribers of D (of user U:
//                                                  the subscriptions to /user + D of U's sessions)
//      POST /control/close?code=C&reason=R         closes every open session with c[C,"R"]
//      POST /control/raw-websocket?enabled=0|1
//      POST /control/drop-acks?enabled=0|1        ACKs are received but forgotten (as when the server goes down
//                                                  between a delivery and its ACK): the messages stay unacknowledged;
//                                                  until the next restart
//      POST /control/restart?ms=N                 a restart: every connection is cut mid-stream, the port refuses
//                                                  connections for N ms, the SockJS sessions are gone; what was
//                                                  not acknowledged goes back to its queue
//      GET  /control/sessions                      every session seen: id, path, transport (websocket,
//                                                  xhr-streaming, xhr-polling), principal, cookie header names,
//                                                  open, stomp, subscriptions, the STOMP commands received in
//                                                  order, the SEND bodies, its HTTP requests by endpoint and how
//                                                  many came without the JSESSIONID cookie
//      GET  /control/queues                        every queue: pending, unacked, acked, redelivered, droppedAcks
// Usage: node sockjs-stomp-server.js [--port 0] [--port-file FILE] [--prefix /app/ws] [--raw-websocket]
//                                    [--no-websocket] [--response-limit BYTES] [--heartbeat SX,SY]
//                                    [--sockjs-heartbeat MS]
'use strict';

const fs = require('fs');
const http = require('http');
const sockjs = require('sockjs');
const { URL } = require('url');

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const listenPort = Number(option('--port', '0'));
const portFile = option('--port-file', '');
const prefix = option('--prefix', '/app/ws');
const [offerSx, offerSy] = option('--heartbeat', '1000,1000').split(',').map(Number);
let rawWebSocket = process.argv.includes('--raw-websocket');
const sockjsWebSocket = !process.argv.includes('--no-websocket');
const responseLimit = Number(option('--response-limit', String(128 * 1024)));
let dropAcks = false;
let listeningPort = 0;

const handshakes = new Map(); // request path -> handshake headers of the upgrade
const sessions = []; // every session ever opened, in order
const httpRequests = new Map(); // SockJS session id -> { endpoints: { xhr_streaming: n, ... }, withoutCookie: n }
const queues = new Map(); // /queue/NAME -> { pending: [{ id, body, redelivered }], acked, redelivered }
let messageCounter = 0;
let deliveryCounter = 0;

function principalOf(headers) {
    const authorization = headers.authorization || '';
    const bearer = /^Bearer\s+(\S+)/i.exec(authorization);
    if (bearer) return bearer[1];
    const cookie = /(?:^|;\s*)TODO_USER=([^;]+)/.exec(headers.cookie || '');
    return cookie ? decodeURIComponent(cookie[1]) : null;
}

function encodeHeader(value) {
    return String(value).replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
}

function frameBytes(command, headers, body) {
    const bodyBytes = Buffer.from(body || '', 'utf8');
    let head = command + '\n';
    for (const [name, value] of headers) head += `${name}:${encodeHeader(value)}\n`;
    if (body !== undefined) head += `content-length:${bodyBytes.length}\n`;
    return Buffer.concat([Buffer.from(head + '\n', 'utf8'), bodyBytes, Buffer.from([0])]);
}

// Parses STOMP frames out of a session's byte buffer; returns the frames and keeps the rest buffered.
function takeFrames(session) {
    const frames = [];
    for (;;) {
        let buffer = session.buffer;
        let start = 0;
        while (start < buffer.length && (buffer[start] === 0x0a || buffer[start] === 0x0d)) start++; // heart-beats
        buffer = buffer.subarray(start);
        session.buffer = buffer;
        const headerEnd = buffer.indexOf('\n\n');
        const headerEndCrlf = buffer.indexOf('\r\n\r\n');
        let end = headerEnd;
        let skip = 2;
        if (headerEndCrlf >= 0 && (headerEnd < 0 || headerEndCrlf < headerEnd)) {
            end = headerEndCrlf;
            skip = 4;
        }
        if (end < 0) return frames;
        const lines = buffer.subarray(0, end).toString('utf8').split(/\r?\n/);
        const command = lines.shift();
        const headers = {};
        for (const line of lines) {
            const colon = line.indexOf(':');
            if (colon > 0 && !(line.slice(0, colon) in headers)) headers[line.slice(0, colon)] = line.slice(colon + 1);
        }
        const bodyStart = end + skip;
        let bodyEnd;
        if (headers['content-length'] !== undefined) {
            bodyEnd = bodyStart + Number(headers['content-length']);
            if (buffer.length < bodyEnd + 1) return frames;
        } else {
            bodyEnd = buffer.indexOf(0, bodyStart);
            if (bodyEnd < 0) return frames;
        }
        frames.push({ command, headers, body: buffer.subarray(bodyStart, bodyEnd).toString('utf8') });
        session.buffer = buffer.subarray(bodyEnd + 1);
    }
}

function send(session, bytes) {
    if (session.open) session.conn.write(bytes.toString('utf8'));
}

function queueOf(destination) {
    if (!queues.has(destination)) queues.set(destination, { pending: [], acked: 0, redelivered: 0, dropped: 0 });
    return queues.get(destination);
}

function isQueue(destination, user) {
    return !user && typeof destination === 'string' && destination.startsWith('/queue/');
}

// Hands a queue's pending messages to its subscribers, one subscriber per message, in turn.
function dispatch(destination) {
    const queue = queueOf(destination);
    const subscribers = [];
    for (const session of sessions) {
        if (!session.open || !session.stomp) continue;
        for (const subscription of session.subscriptions.values()) {
            if (subscription.destination === destination) subscribers.push([session, subscription]);
        }
    }
    let turn = 0;
    while (queue.pending.length > 0 && subscribers.length > 0) {
        const [session, subscription] = subscribers[turn++ % subscribers.length];
        const message = queue.pending.shift();
        const ack = `${message.id}-d${++deliveryCounter}`;
        const headers = [['destination', destination], ['subscription', subscription.id], ['message-id', message.id],
            ['ack', ack], ['content-type', 'application/json;charset=UTF-8']];
        if (message.redelivered) headers.push(['redelivered', 'true']);
        if (subscription.ack !== 'auto') session.unacked.set(ack, { destination, message, subscription });
        else queue.acked++;
        send(session, frameBytes('MESSAGE', headers, message.body));
    }
}

// Puts what a session had not acknowledged back at the front of its queues, in the order it was delivered.
function requeue(session) {
    const touched = new Set();
    for (const { destination, message } of [...session.unacked.values()].reverse()) {
        const queue = queueOf(destination);
        queue.pending.unshift({ ...message, redelivered: true });
        queue.redelivered++;
        touched.add(destination);
    }
    session.unacked.clear();
    return touched;
}

function endSession(session) {
    if (!session.open) return;
    session.open = false;
    if (session.heartbeat) clearInterval(session.heartbeat);
    for (const destination of requeue(session)) dispatch(destination);
}

function deliver(destination, body, user) {
    if (isQueue(destination, user)) {
        queueOf(destination).pending.push({ id: `msg-${++messageCounter}`, body, redelivered: false });
        dispatch(destination);
        return 1;
    }
    let delivered = 0;
    const wanted = user ? '/user' + destination : destination;
    for (const session of sessions) {
        if (!session.open || !session.stomp) continue;
        if (user && session.principal !== user) continue;
        for (const subscription of session.subscriptions.values()) {
            if (subscription.destination !== wanted) continue;
            const id = `msg-${++messageCounter}`;
            send(session, frameBytes('MESSAGE', [['destination', wanted], ['subscription', subscription.id],
                ['message-id', id], ['ack', id], ['content-type', 'application/json;charset=UTF-8']], body));
            delivered++;
        }
    }
    return delivered;
}

function handleFrame(session, frame) {
    const h = frame.headers;
    session.commands.push(frame.command);
    switch (frame.command) {
    case 'CONNECT':
    case 'STOMP': {
        const [cx, cy] = (h['heart-beat'] || '0,0').split(',').map(Number);
        session.stomp = true;
        // We send every max(sx, cy) when both are non-zero; the client's own beats are not enforced.
        const period = offerSx > 0 && cy > 0 ? Math.max(offerSx, cy) : 0;
        if (period > 0) session.heartbeat = setInterval(() => send(session, Buffer.from('\n')), period);
        const headers = [['version', '1.2'], ['heart-beat', `${offerSx},${offerSy}`], ['server', 'todo-test-sockjs/1'],
            ['session', session.id]];
        if (session.principal) headers.push(['user-name', session.principal]);
        send(session, frameBytes('CONNECTED', headers));
        session.clientHeartbeat = [cx, cy];
        break;
    }
    case 'SUBSCRIBE':
        session.subscriptions.set(h.id, { id: h.id, destination: h.destination, ack: h.ack || 'auto' });
        if (isQueue(h.destination)) dispatch(h.destination);
        break;
    case 'UNSUBSCRIBE':
        session.subscriptions.delete(h.id);
        break;
    case 'SEND':
        session.sendBodies.push(frame.body);
        if (h.destination && h.destination.startsWith('/user/') && h.destination.split('/').length > 3) {
            // /user/{name}/queue/x -> user {name}, /queue/x (Spring's convertAndSendToUser)
            const [, , name, ...rest] = h.destination.split('/');
            deliver('/' + rest.join('/'), frame.body, name);
        } else {
            deliver(h.destination, frame.body);
        }
        break;
    case 'ACK': {
        const unacked = session.unacked.get(h.id);
        if (!unacked) break;
        // client: cumulative, this message and every earlier one of its subscription; client-individual: this one.
        const covered = [];
        for (const [id, each] of session.unacked) {
            if (id === h.id || (unacked.subscription.ack === 'client' && each.subscription === unacked.subscription))
                covered.push(id);
            if (id === h.id) break;
        }
        for (const id of covered) {
            const each = session.unacked.get(id);
            if (dropAcks) {
                queueOf(each.destination).dropped++;
                continue;
            }
            session.unacked.delete(id);
            queueOf(each.destination).acked++;
        }
        break;
    }
    case 'NACK': {
        const unacked = session.unacked.get(h.id);
        if (unacked) {
            session.unacked.delete(h.id);
            queueOf(unacked.destination).pending.unshift({ ...unacked.message, redelivered: true });
            queueOf(unacked.destination).redelivered++;
            dispatch(unacked.destination);
        }
        break;
    }
    case 'BEGIN':
    case 'COMMIT':
    case 'ABORT':
        break;
    case 'DISCONNECT':
        if (h.receipt) send(session, frameBytes('RECEIPT', [['receipt-id', h.receipt]]));
        session.conn.close();
        return;
    default:
        send(session, frameBytes('ERROR', [['message', `unknown command ${frame.command}`]], ''));
        session.conn.close();
        return;
    }
    if (h.receipt) send(session, frameBytes('RECEIPT', [['receipt-id', h.receipt]]));
}

const sockjsServer = sockjs.createServer({
    prefix,
    websocket: sockjsWebSocket,
    response_limit: responseLimit,
    jsessionid: false,
    heartbeat_delay: Number(option('--sockjs-heartbeat', '25000')),
    disconnect_delay: 1000,
    log: (severity, message) => {
        if (severity === 'error') console.error(message);
    },
});

sockjsServer.on('connection', (conn) => {
    const handshake = handshakes.get(conn.url) || {};
    handshakes.delete(conn.url);
    const parts = conn.url.split('?')[0].split('/');
    const raw = conn.url.split('?')[0] === prefix + '/websocket';
    const session = {
        id: raw ? `raw-${sessions.length + 1}` : parts[parts.length - 2],
        path: conn.url,
        raw,
        principal: principalOf(handshake),
        cookieNames: (handshake.cookie || '').split(';').map((c) => c.split('=')[0].trim()).filter((c) => c),
        transport: conn.protocol,
        conn,
        open: true,
        stomp: false,
        buffer: Buffer.alloc(0),
        subscriptions: new Map(),
        unacked: new Map(), // ack id -> { destination, message }
        commands: [],
        sendBodies: [],
        heartbeat: null,
    };
    sessions.push(session);
    console.log(`session ${session.id} opened: ${conn.url} principal=${session.principal}`);
    conn.on('data', (message) => {
        session.buffer = Buffer.concat([session.buffer, Buffer.from(message, 'utf8')]);
        for (const frame of takeFrames(session)) {
            if (!session.open) break;
            handleFrame(session, frame);
        }
    });
    conn.on('close', () => {
        endSession(session);
        console.log(`session ${session.id} closed`);
    });
});

function json(response, status, value) {
    const body = JSON.stringify(value);
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
}

function control(request, response) {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith('/control/')) {
        response.writeHead(404);
        response.end();
        return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const q = url.searchParams;
        switch (url.pathname) {
        case '/control/push':
            json(response, 200, { delivered: deliver(q.get('destination'), body, q.get('user')) });
            return;
        case '/control/close': {
            let closed = 0;
            for (const session of sessions) {
                if (session.open) {
                    session.conn.close(Number(q.get('code') || 3000), q.get('reason') || 'Go away!');
                    closed++;
                }
            }
            json(response, 200, { closed });
            return;
        }
        case '/control/raw-websocket':
            rawWebSocket = q.get('enabled') === '1';
            json(response, 200, { rawWebSocket });
            return;
        case '/control/drop-acks':
            dropAcks = q.get('enabled') === '1';
            json(response, 200, { dropAcks });
            return;
        case '/control/restart': {
            const ms = Number(q.get('ms') || '1000');
            // This answer must get out: its connection closes after it and is spared the cut.
            response.setHeader('Connection', 'close');
            json(response, 200, { restartingForMs: ms });
            restart(ms, request.socket);
            return;
        }
        case '/control/sessions':
            json(response, 200, sessions.map((s) => ({
                id: s.id, path: s.path, raw: s.raw, transport: s.transport, principal: s.principal,
                cookieNames: s.cookieNames, open: s.open, stomp: s.stomp, subscriptions: [...s.subscriptions.values()],
                commands: s.commands, sendBodies: s.sendBodies, unacked: s.unacked.size,
                http: (httpRequests.get(s.id) || {}).endpoints || {},
                withoutCookie: (httpRequests.get(s.id) || {}).withoutCookie || 0,
            })));
            return;
        case '/control/queues': {
            const out = {};
            for (const [destination, queue] of queues) {
                let unacked = 0;
                for (const session of sessions) {
                    for (const entry of session.unacked.values()) if (entry.destination === destination) unacked++;
                }
                out[destination] = { pending: queue.pending.length, unacked, acked: queue.acked,
                    redelivered: queue.redelivered, droppedAcks: queue.dropped };
            }
            json(response, 200, out);
            return;
        }
        default:
            json(response, 404, { error: 'unknown control path' });
        }
    });
}

const server = http.createServer(control);
sockjsServer.installHandlers(server, { prefix });
const connections = new Set();
server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
});

// A crash and restart, as the clients see it: connections cut without a close frame, the port closed for a while,
// the SockJS sessions gone. The queues are kept (a broker's are durable), with what was not acknowledged back in them.
function restart(ms, spare) {
    console.log(`restart: down for ${ms} ms`);
    dropAcks = false; // the ACKs the crash lost are lost; the restarted server has no such fault
    // Sessions end at once (sockjs itself lets a session whose stream broke go at once, a polling one after
    // disconnect_delay): nothing more is delivered to them, and what they had not acknowledged is queued again.
    for (const session of sessions) endSession(session);
    server.close();
    for (const socket of connections) {
        if (socket !== spare) socket.destroy();
    }
    setTimeout(() => server.listen(listeningPort, '127.0.0.1', () => console.log('restart: listening again')), ms);
}
// /info pins the client to this node with a cookie, as a load balancer in front of Spring does (sockjs-node
// itself sets JSESSIONID only on its HTTP transports); the client must send it back with the upgrade.
const sockjsRequest = server.listeners('request');
server.removeAllListeners('request');
const httpPath = new RegExp('^' + prefix + '/[^/.]+/([^/.]+)/(xhr_streaming|xhr|xhr_send)$');
server.on('request', (request, response) => {
    const path = request.url.split('?')[0];
    if (path === prefix + '/info') response.setHeader('Set-Cookie', 'JSESSIONID=todo-node-1; Path=/');
    const http = httpPath.exec(path);
    if (http) {
        // The principal of an HTTP session comes from the request that opened it, as from an upgrade.
        if (!httpRequests.has(http[1]) && http[2] !== 'xhr_send') handshakes.set(request.url, request.headers);
        if (!httpRequests.has(http[1])) httpRequests.set(http[1], { endpoints: {}, withoutCookie: 0 });
        const seen = httpRequests.get(http[1]);
        seen.endpoints[http[2]] = (seen.endpoints[http[2]] || 0) + 1;
        if (!/(?:^|;\s*)JSESSIONID=todo-node-1(?:;|$)/.test(request.headers.cookie || '')) seen.withoutCookie++;
    }
    for (const listener of sockjsRequest) listener.call(server, request, response);
});
// Look at every upgrade before sockjs does: remember its headers (the principal comes from them) and refuse the
// raw endpoint unless it is switched on.
const sockjsUpgrade = server.listeners('upgrade');
server.removeAllListeners('upgrade');
server.on('upgrade', (request, socket, head) => {
    // A client may reset the socket before the answer is written; sockjs 0.3.24 then gets an EPIPE/ECONNRESET on
    // it (with --no-websocket it answers 404 on the raw socket) with nobody listening, which kills the process.
    socket.on('error', (error) => console.log(`upgrade socket error: ${error.code || error}`));
    const path = request.url.split('?')[0];
    if (!path.startsWith(prefix + '/') || (path === prefix + '/websocket' && !rawWebSocket)) {
        console.log(`refused WebSocket upgrade ${request.url}`);
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
    }
    handshakes.set(request.url, request.headers);
    for (const listener of sockjsUpgrade) listener.call(server, request, socket, head);
});

server.listen(listenPort, '127.0.0.1', () => {
    const port = server.address().port;
    listeningPort = port;
    console.log(`sockjs-stomp-server listening on http://127.0.0.1:${port}${prefix} (websocket: ${sockjsWebSocket})`);
    if (portFile) {
        fs.writeFileSync(`${portFile}.tmp`, `${port}\n`);
        fs.renameSync(`${portFile}.tmp`, portFile);
    }
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        server.close();
        process.exit(0);
    });
}
