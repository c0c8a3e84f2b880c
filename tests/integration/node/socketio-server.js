#!/usr/bin/env node
// A Socket.IO 4 push server on the npm `socket.io` package, as Node.js applications run it: the default namespace
// "/" open to all, and a namespace "/todos" whose middleware admits only clients whose auth payload carries the token
// "letmein" (socket.handshake.auth.token); anyone else gets a CONNECT_ERROR "not authorized: ...". Every todo emitted
// may be kept in a pending list that clients GET after connecting (the catch-up URL), since Socket.IO keeps nothing
// for a client that is away, unless it recovers connection state: this server does (connectionStateRecovery), so a
// client whose connection dropped and that comes back within a minute with its session id and last offset gets the
// broadcasts it missed replayed.
//  - A handshake whose query says direct=refuse may not open a session over a direct WebSocket (allowRequest refuses
//    it, which engine.io answers with HTTP 400): such a client must take the long-polling handshake and upgrade, as
//    behind proxies that pin sessions with a cookie.
//  - --ping-interval MS, --ping-timeout MS: Engine.IO's heart-beat (short ones make the liveness test quick).
//  Control API on the same port (for the tests; JSON answers):
//      POST /control/emit?nsp=/todos&event=todo&as=object|string&ack=1&keep=0
//                                     body: a todo object -> emitted to every socket of the namespace (default "/")
//                                     as the event (default "todo"): the object itself, or (as=string) its JSON text;
//                                     ack=1 asks every client to acknowledge (counted in /control/state); kept in the
//                                     pending list unless keep=0
//      POST /control/restart?ms=N&mode=disconnect|drop
//                                     disconnects every client and refuses handshakes and upgrades with HTTP 503 for
//                                     N ms. disconnect (default): the server disconnects the sockets (no recovery);
//                                     drop: it closes the Engine.IO connections, as a network that drops them would
//                                     (the sockets' sessions are kept for recovery)
//      GET  /control/state            the Engine.IO sessions (transport they began on, upgraded, pongs, query), the
//                                     refused requests (query, reason), the sockets (namespace, auth payload,
//                                     connected, recovered), acknowledgements received
//      GET  /pending                  the pending list: the {data:{sysMsgList,sysMsgNums}} envelope of every kept todo
// Usage: node socketio-server.js [--port 0] [--port-file FILE] [--ping-interval 25000] [--ping-timeout 20000]
'use strict';

const fs = require('fs');
const http = require('http');
const { Server } = require('socket.io');
const { URL } = require('url');

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const listenPort = Number(option('--port', '0'));
const portFile = option('--port-file', '');
const pingInterval = Number(option('--ping-interval', '25000'));
const pingTimeout = Number(option('--ping-timeout', '20000'));

const pending = []; // every kept todo, in order
const sessions = []; // every Engine.IO session, in order
const sockets = []; // every Socket.IO socket, in order
const refusals = []; // every refused Engine.IO request: its query and engine.io's error message
let acks = 0;
let refusingUntil = 0;

function json(response, status, value) {
    response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
    response.end(JSON.stringify(value));
}

function envelope(todos) {
    return { data: { sysMsgList: todos, sysMsgNums: todos.length, menuTipsMap: null } };
}

function readBody(request, done) {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', chunk => { body += chunk; });
    request.on('end', () => done(body));
}

const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/pending')
        return json(response, 200, envelope(pending));
    if (request.method === 'GET' && url.pathname === '/control/state')
        return json(response, 200, { sessions, sockets: sockets.map(s => s.record), refusals, acks });
    if (request.method === 'POST' && url.pathname === '/control/emit') {
        readBody(request, body => {
            let todo;
            try {
                todo = JSON.parse(body);
            } catch (error) {
                return json(response, 400, { error: String(error) });
            }
            const nsp = io.of(url.searchParams.get('nsp') || '/');
            const event = url.searchParams.get('event') || 'todo';
            const payload = url.searchParams.get('as') === 'string' ? JSON.stringify(todo) : todo;
            if (url.searchParams.get('keep') !== '0')
                pending.push(todo);
            const receivers = nsp.sockets.size;
            if (url.searchParams.get('ack') === '1') {
                nsp.timeout(10000).emit(event, payload, (error, answers) => {
                    if (!error)
                        acks += answers.length;
                });
            } else {
                nsp.emit(event, payload);
            }
            json(response, 200, { receivers, pending: pending.length });
        });
        return;
    }
    if (request.method === 'POST' && url.pathname === '/control/restart') {
        refusingUntil = Date.now() + Number(url.searchParams.get('ms') || '1000');
        if (url.searchParams.get('mode') === 'drop') {
            for (const connection of Object.values(io.engine.clients))
                connection.close(); // "forced close": a reason the sockets recover from
        } else {
            io.of('/').disconnectSockets(true);
            io.of('/todos').disconnectSockets(true);
        }
        return json(response, 200, { refusingUntil });
    }
    json(response, 404, { error: 'not found' });
});

const io = new Server(server, {
    pingInterval,
    pingTimeout,
    connectionStateRecovery: { maxDisconnectionDuration: 60000 },
    allowRequest: (request, callback) => {
        const query = new URL(request.url, 'http://localhost').searchParams;
        if (query.get('transport') === 'websocket' && query.get('direct') === 'refuse')
            return callback('take the long-polling handshake first', false);
        callback(null, true);
    },
});

// A restarting server: nothing gets in, neither a handshake nor an upgrade.
io.engine.use((request, response, next) => {
    if (Date.now() >= refusingUntil)
        return next();
    if (response instanceof http.ServerResponse) {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        return response.end('restarting');
    }
    // An upgrade: answer on the raw socket, which end() then closes.
    response.socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    response.end();
});

io.engine.on('connection_error', error => {
    refusals.push({ query: Object.fromEntries(new URL(error.req.url, 'http://localhost').searchParams),
                    message: error.message });
});

io.engine.on('connection', connection => {
    const record = { sid: connection.id, transport: connection.transport.name, upgraded: false, pongs: 0,
                     query: Object.fromEntries(new URL(connection.request.url, 'http://localhost').searchParams) };
    sessions.push(record);
    connection.on('upgrade', () => { record.upgraded = true; });
    connection.on('heartbeat', () => { ++record.pongs; });
});

function track(socket) {
    const record = { id: socket.id, session: socket.conn.id, nsp: socket.nsp.name, auth: socket.handshake.auth,
                     connected: true, disconnectReason: null, recovered: socket.recovered };
    sockets.push({ record });
    socket.on('disconnect', reason => {
        record.connected = false;
        record.disconnectReason = reason;
    });
}

io.on('connection', track);
const todos = io.of('/todos');
todos.use((socket, next) => {
    if (socket.handshake.auth && socket.handshake.auth.token === 'letmein')
        return next();
    next(new Error('not authorized: bad or missing token'));
});
todos.on('connection', track);

server.listen(listenPort, '127.0.0.1', () => {
    const port = server.address().port;
    if (portFile) {
        fs.writeFileSync(`${portFile}.tmp`, `${port}\n`);
        fs.renameSync(`${portFile}.tmp`, portFile);
    }
    console.log(`socket.io server on http://127.0.0.1:${port}/ (namespaces / and /todos, ping ${pingInterval} ms, ` +
                `timeout ${pingTimeout} ms)`);
});
process.on('SIGTERM', () => process.exit(0));
