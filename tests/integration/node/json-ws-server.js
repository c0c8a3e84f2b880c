#!/usr/bin/env node
// A plain JSON WebSocket push server on npm `ws`, shaped like the home-grown servers in the field: no STOMP, text
// messages holding JSON. It accepts whatever subprotocol a client offers first (npm `ws` does), pushes todos as
// the {data:{sysMsgList,sysMsgNums}} envelope, and keeps every todo it pushed in a pending list that clients may GET
// after connecting (the catch-up URL), so a client that missed pushes while away can recover them.
//  - --require-open: a connection receives pushes only after it sent an open message naming a client id
//    ({"clientId":"..."}), as servers that route by client id do; before that it gets nothing.
//  - --echo-keepalive: every {"keepalive":...} message is answered with the same text.
//  - --greeting TEXT: sent to every new connection (a server that says hello first).
//  Control API on the same port (for the tests; JSON answers):
//      POST /control/push             body: a todo object -> pushed (as the envelope, once) to every registered
//                                     connection, and kept in the pending list
//      POST /control/restart?ms=N     closes every connection (code 1012, "restart") and refuses new ones for N ms
//      GET  /control/connections      every connection seen: id, open, clientId, protocol, received messages
//      GET  /pending                  the pending list: the envelope with every todo pushed so far
// Usage: node json-ws-server.js [--port 0] [--port-file FILE] [--require-open] [--echo-keepalive] [--greeting T]
'use strict';

const fs = require('fs');
const http = require('http');
const { WebSocketServer } = require('ws');
const { URL } = require('url');

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const listenPort = Number(option('--port', '0'));
const portFile = option('--port-file', '');
const requireOpen = process.argv.includes('--require-open');
const echoKeepAlive = process.argv.includes('--echo-keepalive');
const greeting = option('--greeting', '');

const pending = []; // every todo pushed, in order
const connections = []; // every connection ever, in order
let refusingUntil = 0;

function envelope(todos) {
    return JSON.stringify({ data: { sysMsgList: todos, sysMsgNums: pending.length, menuTipsMap: null },
                            fromUserId: null, fromUserName: null });
}

function json(response, status, value) {
    response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
    response.end(JSON.stringify(value));
}

const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/pending')
        return json(response, 200, JSON.parse(envelope(pending)));
    if (request.method === 'GET' && url.pathname === '/control/connections')
        return json(response, 200, connections.map(c => ({ id: c.id, open: c.open, clientId: c.clientId,
                                                            protocol: c.protocol, received: c.received })));
    if (request.method === 'POST' && url.pathname === '/control/push') {
        let body = '';
        request.setEncoding('utf8');
        request.on('data', chunk => { body += chunk; });
        request.on('end', () => {
            let todo;
            try {
                todo = JSON.parse(body);
            } catch (error) {
                return json(response, 400, { error: String(error) });
            }
            pending.push(todo);
            let delivered = 0;
            for (const c of connections) {
                if (c.open && (!requireOpen || c.clientId)) {
                    c.socket.send(envelope([todo]));
                    ++delivered;
                }
            }
            json(response, 200, { delivered, pending: pending.length });
        });
        return;
    }
    if (request.method === 'POST' && url.pathname === '/control/restart') {
        refusingUntil = Date.now() + Number(url.searchParams.get('ms') || '1000');
        for (const c of connections) {
            if (c.open)
                c.socket.close(1012, 'restart');
        }
        return json(response, 200, { refusingUntil });
    }
    json(response, 404, { error: 'not found' });
});

const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (request, socket, head) => {
    if (Date.now() < refusingUntil) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
        return;
    }
    wss.handleUpgrade(request, socket, head, ws => wss.emit('connection', ws, request));
});

wss.on('connection', (socket, request) => {
    const connection = { id: connections.length + 1, socket, open: true, clientId: null,
                         protocol: socket.protocol || '', received: [] };
    connections.push(connection);
    if (greeting)
        socket.send(greeting);
    socket.on('message', (data, isBinary) => {
        const text = isBinary ? data.toString('utf8') : data.toString();
        connection.received.push(text);
        let message = null;
        try {
            message = JSON.parse(text);
        } catch (error) {
            return;
        }
        if (message && typeof message.clientId === 'string' && message.clientId)
            connection.clientId = message.clientId;
        if (echoKeepAlive && message && message.keepalive !== undefined)
            socket.send(text);
    });
    socket.on('close', () => { connection.open = false; });
    socket.on('error', () => { connection.open = false; });
});

server.listen(listenPort, '127.0.0.1', () => {
    const port = server.address().port;
    if (portFile) {
        fs.writeFileSync(`${portFile}.tmp`, `${port}\n`);
        fs.renameSync(`${portFile}.tmp`, portFile);
    }
    console.log(`json-ws server on ws://127.0.0.1:${port}/ (require-open: ${requireOpen}, ` +
                `echo-keepalive: ${echoKeepAlive})`);
});
process.on('SIGTERM', () => process.exit(0));
