#!/usr/bin/env node
// A Server-Sent Events push server on the npm `better-sse` package (sessions on Node's `http` module), shaped like the
// SSE endpoints in the field: GET /events opens a better-sse session (text/event-stream, `retry:` first, an empty
// comment as keep-alive every --keepalive ms, the client's Last-Event-ID as the session's lastId), says
// `: connected`, then sends every event pushed through the control API as
//     id:N
//     event:TYPE           (left out for the default type, "message")
//     data:LINE            (one data field per line of the data: multi-line data)
//     <empty line>
// written with better-sse's EventBuffer. The server keeps every event: a client that reconnects with Last-Event-ID
// gets every event after that id replayed first, as the HTML standard intends.
//  Control API on the same port (for the tests; JSON answers):
//      POST /control/push             body: {"event":"todo","data":"..."} (data: a string, or any JSON value, sent
//                                     as pretty-printed JSON, so over several data lines) -> stored with the next id
//                                     and sent to every open stream; answers {"id":N,"delivered":K}
//      POST /control/restart?ms=N     ends every open stream and answers 503 to new ones for N ms (a restart)
//      GET  /control/connections      every stream seen: id, open, lastEventId (the header it came with), replayed
//  Other paths: GET /plain answers text/html (a URL that is not an event stream), GET /stop answers 204 (the
//  standard's "do not reconnect"), anything else 404.
// Usage: node sse-server.js [--port 0] [--port-file FILE] [--retry MS] [--keepalive MS]
'use strict';

const fs = require('fs');
const http = require('http');
const { URL } = require('url');
const { createSession, createEventBuffer } = require('better-sse');

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const listenPort = Number(option('--port', '0'));
const portFile = option('--port-file', '');
const retryMs = Number(option('--retry', '300'));
const keepAliveMs = Number(option('--keepalive', '1000'));

const events = []; // every event pushed: {id, event, data}
const streams = []; // every stream ever: {id, session, response, open, lastEventId, replayed}
let refusingUntil = 0;

// Data are written as they are (strings); better-sse's default would JSON-encode them once more.
const bufferOptions = { serializer: data => String(data) };

function frame(e) {
    const buffer = createEventBuffer(bufferOptions).id(String(e.id));
    if (e.event && e.event !== 'message')
        buffer.event(e.event);
    for (const line of e.data.split('\n'))
        buffer.data(line);
    return buffer.dispatch();
}

function json(response, status, value) {
    response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
    response.end(JSON.stringify(value));
}

async function openStream(request, response) {
    if (Date.now() < refusingUntil) {
        response.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
        return response.end('restarting\n');
    }
    const header = request.headers['last-event-id'];
    request.socket.setNoDelay(true);
    const session = await createSession(request, response, { ...bufferOptions, retry: retryMs,
                                                               keepAlive: keepAliveMs,
                                                               headers: { 'X-Accel-Buffering': 'no' } });
    const stream = { id: streams.length + 1, session, response, open: true,
                     lastEventId: header === undefined ? null : header, replayed: 0 };
    streams.push(stream);
    session.on('disconnected', () => { stream.open = false; });
    // Batches of a ready EventBuffer are written at once (the promise only reports it): no await, so that no push
    // can come in between the replay and the live events.
    session.batch(createEventBuffer(bufferOptions).comment('connected').dispatch());
    // Everything after the id the client saw last (better-sse's lastId: the Last-Event-ID header); an unknown id, or
    // none, replays nothing.
    if (session.lastId !== '') {
        const after = Number(session.lastId);
        for (const e of events) {
            if (Number.isFinite(after) && e.id > after) {
                session.batch(frame(e));
                ++stream.replayed;
            }
        }
    }
}

const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/events') {
        openStream(request, response).catch(error => {
            console.error('stream failed:', error);
            response.destroy();
        });
        return;
    }
    if (request.method === 'GET' && url.pathname === '/plain') {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return response.end('<!doctype html><title>Not an event stream</title>\n');
    }
    if (request.method === 'GET' && url.pathname === '/stop') {
        response.writeHead(204);
        return response.end();
    }
    if (request.method === 'GET' && url.pathname === '/control/connections')
        return json(response, 200, streams.map(s => ({ id: s.id, open: s.open, lastEventId: s.lastEventId,
                                                        replayed: s.replayed })));
    if (request.method === 'POST' && url.pathname === '/control/push') {
        let body = '';
        request.setEncoding('utf8');
        request.on('data', chunk => { body += chunk; });
        request.on('end', () => {
            let message;
            try {
                message = JSON.parse(body);
            } catch (error) {
                return json(response, 400, { error: String(error) });
            }
            const data = typeof message.data === 'string' ? message.data : JSON.stringify(message.data, null, 2);
            const e = { id: events.length + 1, event: message.event || 'message', data };
            events.push(e);
            let delivered = 0;
            for (const s of streams) {
                if (s.open && s.session.isConnected) {
                    s.session.batch(frame(e));
                    ++delivered;
                }
            }
            json(response, 200, { id: e.id, delivered });
        });
        return;
    }
    if (request.method === 'POST' && url.pathname === '/control/restart') {
        refusingUntil = Date.now() + Number(url.searchParams.get('ms') || '1000');
        for (const s of streams) {
            if (s.open) {
                s.open = false;
                s.response.end();
            }
        }
        return json(response, 200, { refusingUntil });
    }
    json(response, 404, { error: 'not found' });
});

server.listen(listenPort, '127.0.0.1', () => {
    const port = server.address().port;
    if (portFile) {
        fs.writeFileSync(`${portFile}.tmp`, `${port}\n`);
        fs.renameSync(`${portFile}.tmp`, portFile);
    }
    console.log(`sse server (better-sse) on http://127.0.0.1:${port}/events (retry ${retryMs} ms, keep-alive `
                + `${keepAliveMs} ms)`);
});
process.on('SIGTERM', () => process.exit(0));
