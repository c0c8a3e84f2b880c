#!/usr/bin/env node
// A real SockJS server (npm `sockjs`, the reference server implementation) serving a small STOMP 1.2 broker
// written for the tests, shaped like a Spring `.withSockJS()` endpoint with a simple broker:
//  - SockJS at {prefix} (default /app/ws): /info, {prefix}/{server}/{session}/websocket; the raw WebSocket
//    endpoint {prefix}/websocket is refused with 404 unless --raw-websocket is given (or switched on through
//    the control API), so that `auto` must fall back to SockJS framing. /info sets a JSESSIONID cookie, as
//    load-balanced deployments do, and the sessions record which cookies their upgrade carried.
//  - STOMP: CONNECT/STOMP -> CONNECTED (version 1.2, negotiated heart-beat, `session`, `user-name`),
//    SUBSCRIBE/UNSUBSCRIBE, SEND -> MESSAGE to every subscription of the destination, RECEIPT for any frame
//    with `receipt`, DISCONNECT, ACK/NACK accepted. Frames may arrive split over several SockJS messages (they
//    are reassembled, as Spring's STOMP decoder does). Heart-beats: the server sends an EOL every negotiated
//    period (--heartbeat SX,SY is what it offers; default 1000,1000).
//  - The principal comes from the HTTP handshake of the session, as Spring's does: `Authorization: Bearer
//    <name>` or a cookie `TODO_USER=<name>`. A subscription to /user/queue/x or /user/topic/x receives what is
//    pushed to that user's /queue/x or /topic/x (Spring's user destinations).
//  - Control API on the same port (for the tests; JSON answers):
//      POST /control/push?destination=D[&user=U]   body -> MESSAGE to the subscribers of D (of user U:
//                                                  the subscriptions to /user + D of U's sessions)
//      POST /control/close?code=C&reason=R         closes every open session with c[C,"R"]
//      POST /control/raw-websocket?enabled=0|1
//      GET  /control/sessions                      every session seen: id, path, principal, cookie header
//                                                  names, open, stomp, subscriptions
// Usage: node sockjs-stomp-server.js [--port 0] [--port-file FILE] [--prefix /app/ws] [--raw-websocket]
//                                    [--heartbeat SX,SY] [--sockjs-heartbeat MS]
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

const handshakes = new Map(); // request path -> handshake headers of the upgrade
const sessions = []; // every session ever opened, in order
let messageCounter = 0;

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

function deliver(destination, body, user) {
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
        break;
    case 'UNSUBSCRIBE':
        session.subscriptions.delete(h.id);
        break;
    case 'SEND':
        if (h.destination && h.destination.startsWith('/user/') && h.destination.split('/').length > 3) {
            // /user/{name}/queue/x -> user {name}, /queue/x (Spring's convertAndSendToUser)
            const [, , name, ...rest] = h.destination.split('/');
            deliver('/' + rest.join('/'), frame.body, name);
        } else {
            deliver(h.destination, frame.body);
        }
        break;
    case 'ACK':
    case 'NACK':
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
        conn,
        open: true,
        stomp: false,
        buffer: Buffer.alloc(0),
        subscriptions: new Map(),
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
        session.open = false;
        if (session.heartbeat) clearInterval(session.heartbeat);
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
        case '/control/sessions':
            json(response, 200, sessions.map((s) => ({
                id: s.id, path: s.path, raw: s.raw, principal: s.principal, cookieNames: s.cookieNames, open: s.open,
                stomp: s.stomp, subscriptions: [...s.subscriptions.values()],
            })));
            return;
        default:
            json(response, 404, { error: 'unknown control path' });
        }
    });
}

const server = http.createServer(control);
sockjsServer.installHandlers(server, { prefix });
// /info pins the client to this node with a cookie, as a load balancer in front of Spring does (sockjs-node
// itself sets JSESSIONID only on its HTTP transports); the client must send it back with the upgrade.
const sockjsRequest = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (request, response) => {
    if (request.url.split('?')[0] === prefix + '/info') response.setHeader('Set-Cookie', 'JSESSIONID=todo-node-1; Path=/');
    for (const listener of sockjsRequest) listener.call(server, request, response);
});
// Look at every upgrade before sockjs does: remember its headers (the principal comes from them) and refuse the
// raw endpoint unless it is switched on.
const sockjsUpgrade = server.listeners('upgrade');
server.removeAllListeners('upgrade');
server.on('upgrade', (request, socket, head) => {
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
    console.log(`sockjs-stomp-server listening on http://127.0.0.1:${port}${prefix}`);
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
