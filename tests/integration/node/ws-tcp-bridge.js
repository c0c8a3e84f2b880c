#!/usr/bin/env node
// A WebSocket-to-TCP bridge (websockify-style) for the integration tests: every WebSocket connection on
// 127.0.0.1 is piped to a new TCP connection to --target-port, bytes unchanged both ways. Debian's ActiveMQ has
// no WebSocket connector, so the tests reach its STOMP-over-TCP port through this, as deployments put such a
// proxy in front of a broker. TCP data goes out as binary WebSocket messages (a TCP read can end inside a UTF-8
// sequence); WebSocket messages of either kind go to TCP as they are. The STOMP subprotocols are accepted.
//
// Usage: node ws-tcp-bridge.js (--target-port N | --target-port-file FILE) [--target-host 127.0.0.1]
//                              [--port 0] [--port-file FILE]
// The listening port (ephemeral by default) is written to --port-file once the bridge is ready.
'use strict';

const fs = require('fs');
const net = require('net');
const { WebSocketServer } = require('ws');

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const targetHost = option('--target-host', '127.0.0.1');
const targetPortFile = option('--target-port-file', '');
const targetPort = Number(targetPortFile ? fs.readFileSync(targetPortFile, 'utf8').trim() : option('--target-port', '0'));
const listenPort = Number(option('--port', '0'));
const portFile = option('--port-file', '');
if (!targetPort) {
    console.error('ws-tcp-bridge: --target-port or --target-port-file is required');
    process.exit(2);
}

const stompProtocols = ['v12.stomp', 'v11.stomp', 'v10.stomp'];
const server = new WebSocketServer({
    host: '127.0.0.1',
    port: listenPort,
    handleProtocols: (protocols) => stompProtocols.find((p) => protocols.has(p)) || false,
});

let connections = 0;
server.on('connection', (ws, request) => {
    const id = ++connections;
    const tcp = net.connect(targetPort, targetHost);
    const pending = [];
    let tcpOpen = false;
    console.log(`bridge #${id}: ${request.url} -> ${targetHost}:${targetPort}`);
    tcp.on('connect', () => {
        tcpOpen = true;
        for (const chunk of pending) tcp.write(chunk);
        pending.length = 0;
    });
    tcp.on('data', (chunk) => {
        if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
    });
    tcp.on('close', () => {
        console.log(`bridge #${id}: TCP closed`);
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000, 'broker closed the connection');
    });
    tcp.on('error', (error) => {
        console.log(`bridge #${id}: TCP error ${error.message}`);
        ws.terminate();
    });
    ws.on('message', (data) => {
        const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (tcpOpen) tcp.write(bytes);
        else pending.push(bytes);
    });
    ws.on('close', () => tcp.end());
    ws.on('error', () => tcp.destroy());
});

server.on('listening', () => {
    const port = server.address().port;
    console.log(`ws-tcp-bridge listening on ws://127.0.0.1:${port}/ -> ${targetHost}:${targetPort}`);
    if (portFile) {
        fs.writeFileSync(`${portFile}.tmp`, `${port}\n`);
        fs.renameSync(`${portFile}.tmp`, portFile);
    }
});
server.on('error', (error) => {
    console.error(`ws-tcp-bridge: ${error.message}`);
    process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        server.close();
        process.exit(0);
    });
}
