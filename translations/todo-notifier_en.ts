<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdvancedPage</name>
    <message>
        <source>Extra headers</source>
        <translation>Extra headers</translation>
    </message>
    <message>
        <source>Heart-beat and reconnecting</source>
        <translation>Heart-beat and reconnecting</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Heart-beat &amp;sent every:</source>
        <translation>Heart-beat &amp;sent every:</translation>
    </message>
    <message>
        <source>How often this computer offers to show the server it is alive; 0 = never.</source>
        <translation>How often this computer offers to show the server it is alive; 0 = never.</translation>
    </message>
    <message>
        <source>Heart-beat &amp;expected every:</source>
        <translation>Heart-beat &amp;expected every:</translation>
    </message>
    <message>
        <source>How often the server should show it is alive; a silent connection is then reopened. 0 = never.</source>
        <translation>How often the server should show it is alive; a silent connection is then reopened. 0 = never.</translation>
    </message>
    <message>
        <source>&amp;First retry after:</source>
        <translation>&amp;First retry after:</translation>
    </message>
    <message>
        <source>The wait before the first reconnect attempt; it doubles with every failed attempt.</source>
        <translation>The wait before the first reconnect attempt; it doubles with every failed attempt.</translation>
    </message>
    <message>
        <source>&amp;Longest wait between retries:</source>
        <translation>&amp;Longest wait between retries:</translation>
    </message>
    <message>
        <source>The wait between reconnect attempts never grows beyond this.</source>
        <translation>The wait between reconnect attempts never grows beyond this.</translation>
    </message>
    <message>
        <source>&amp;Give up after:</source>
        <translation>&amp;Give up after:</translation>
    </message>
    <message>
        <source>Failed attempts in a row before giving up; 0 = keep trying.</source>
        <translation>Failed attempts in a row before giving up; 0 = keep trying.</translation>
    </message>
    <message>
        <source>attempts (0 = never)</source>
        <translation>attempts (0 = never)</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone (%1)</source>
        <translation>This computer&apos;s time zone (%1)</translation>
    </message>
    <message>
        <source>&amp;Time zone of server times:</source>
        <translation>&amp;Time zone of server times:</translation>
    </message>
    <message>
        <source>The time zone the server writes the todos&apos; times in, e.g. Asia/Shanghai.</source>
        <translation>The time zone the server writes the todos&apos; times in, e.g. Asia/Shanghai.</translation>
    </message>
    <message>
        <source>&amp;Keep at most:</source>
        <translation>&amp;Keep at most:</translation>
    </message>
    <message>
        <source>How many read todos are kept; unread ones are always kept.</source>
        <translation>How many read todos are kept; unread ones are always kept.</translation>
    </message>
    <message>
        <source>read todos</source>
        <translation>read todos</translation>
    </message>
    <message>
        <source>Keep read todos &amp;for:</source>
        <translation>Keep read todos &amp;for:</translation>
    </message>
    <message>
        <source>Days a read todo that the server no longer lists is kept.</source>
        <translation>Days a read todo that the server no longer lists is kept.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>days</translation>
    </message>
    <message>
        <source>Enter a number of milliseconds, e.g. 10000.</source>
        <translation>Enter a number of milliseconds, e.g. 10000.</translation>
    </message>
    <message>
        <source>Enter a whole number, e.g. 5.</source>
        <translation>Enter a whole number, e.g. 5.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>AutoConnectionCheck</name>
    <message>
        <source>the server speaks %1, which this version cannot speak yet</source>
        <translation>the server speaks %1, which this version cannot speak yet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>AutoSource</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no server URL is configured</source>
        <translation>no server URL is configured</translation>
    </message>
    <message>
        <source>%1 speaks %2, which this version cannot speak yet</source>
        <translation>%1 speaks %2, which this version cannot speak yet</translation>
    </message>
</context>
<context>
    <name>AutoTransport</name>
    <message>
        <source>closed by the client</source>
        <translation>closed by the client</translation>
    </message>
</context>
<context>
    <name>CatchUp</name>
    <message>
        <source>the pending list is larger than %1 bytes</source>
        <translation>the pending list is larger than %1 bytes</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP status %1</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <source>no command given</source>
        <translation>no command given</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (expected listen, check or send)</source>
        <translation>unknown command &quot;%1&quot; (expected listen, check or send)</translation>
    </message>
    <message>
        <source>--passcode is not accepted: command lines are visible to other users. Use --passcode-file PATH or the TODO_NOTIFIER_PASSCODE environment variable.</source>
        <translation>--passcode is not accepted: command lines are visible to other users. Use --passcode-file PATH or the TODO_NOTIFIER_PASSCODE environment variable.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>STOMP login.</source>
        <translation>STOMP login.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Read the STOMP passcode from this file.</source>
        <translation>Read the STOMP passcode from this file.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>path</translation>
    </message>
    <message>
        <source>STOMP host header (RabbitMQ virtual host).</source>
        <translation>STOMP host header (RabbitMQ virtual host).</translation>
    </message>
    <message>
        <source>host</source>
        <translation>host</translation>
    </message>
    <message>
        <source>Extra CONNECT header, e.g. client-id:desk-42 (repeatable).</source>
        <translation>Extra CONNECT header, e.g. client-id:desk-42 (repeatable).</translation>
    </message>
    <message>
        <source>name:value</source>
        <translation>name:value</translation>
    </message>
    <message>
        <source>Read extra CONNECT headers (one name:value per line) from a file; use it for tokens.</source>
        <translation>Read extra CONNECT headers (one name:value per line) from a file; use it for tokens.</translation>
    </message>
    <message>
        <source>Heart-beat periods in ms we send and want (default 10000,10000).</source>
        <translation>Heart-beat periods in ms we send and want (default 10000,10000).</translation>
    </message>
    <message>
        <source>out,in</source>
        <translation>out,in</translation>
    </message>
    <message>
        <source>Ack mode: auto, client or client-individual.</source>
        <translation>Ack mode: auto, client or client-individual.</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <source>Log protocol details to stderr.</source>
        <translation>Log protocol details to stderr.</translation>
    </message>
    <message>
        <source>Destination to subscribe or send to (repeatable for listen).</source>
        <translation>Destination to subscribe or send to (repeatable for listen).</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>destination</translation>
    </message>
    <message>
        <source>listen: exit after N messages.</source>
        <translation>listen: exit after N messages.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>listen: exit after S seconds; check/send: give up after S seconds.</source>
        <translation>listen: exit after S seconds; check/send: give up after S seconds.</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Reconnect delays in ms: initial,maximum (default 1000,60000).</source>
        <translation>Reconnect delays in ms: initial,maximum (default 1000,60000).</translation>
    </message>
    <message>
        <source>initial,max</source>
        <translation>initial,max</translation>
    </message>
    <message>
        <source>Give up after N failed attempts in a row (default: never).</source>
        <translation>Give up after N failed attempts in a row (default: never).</translation>
    </message>
    <message>
        <source>send: content-type header.</source>
        <translation>send: content-type header.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>Accept TLS certificates that fail verification (testing only).</source>
        <translation>Accept TLS certificates that fail verification (testing only).</translation>
    </message>
    <message>
        <source>Message body; read from stdin when omitted.</source>
        <translation>Message body; read from stdin when omitted.</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli send --destination D [options] [body]

Send one message and wait for the server&apos;s receipt.
</source>
        <translation>Usage: todo-notifier-cli send --destination D [options] [body]

Send one message and wait for the server&apos;s receipt.
</translation>
    </message>
    <message>
        <source>no server: give --url (or --demo to try the embedded demo server)</source>
        <translation>no server: give --url (or --demo to try the embedded demo server)</translation>
    </message>
    <message>
        <source>invalid --header &quot;%1&quot;: expected name:value</source>
        <translation>invalid --header &quot;%1&quot;: expected name:value</translation>
    </message>
    <message>
        <source>invalid --heartbeat &quot;%1&quot;: expected two non-negative millisecond values, e.g. 10000,10000</source>
        <translation>invalid --heartbeat &quot;%1&quot;: expected two non-negative millisecond values, e.g. 10000,10000</translation>
    </message>
    <message>
        <source>invalid --reconnect &quot;%1&quot;: expected initial,maximum in ms with initial &lt;= maximum</source>
        <translation>invalid --reconnect &quot;%1&quot;: expected initial,maximum in ms with initial &lt;= maximum</translation>
    </message>
    <message>
        <source>invalid --max-attempts: expected a positive number</source>
        <translation>invalid --max-attempts: expected a positive number</translation>
    </message>
    <message>
        <source>--destination is required</source>
        <translation>--destination is required</translation>
    </message>
    <message>
        <source>invalid --ack &quot;%1&quot;: expected auto, client or client-individual</source>
        <translation>invalid --ack &quot;%1&quot;: expected auto, client or client-individual</translation>
    </message>
    <message>
        <source>invalid --count: expected a positive number</source>
        <translation>invalid --count: expected a positive number</translation>
    </message>
    <message>
        <source>invalid --timeout: expected a positive number of seconds</source>
        <translation>invalid --timeout: expected a positive number of seconds</translation>
    </message>
    <message>
        <source>send takes one body argument; quote it or pipe it on stdin</source>
        <translation>send takes one body argument; quote it or pipe it on stdin</translation>
    </message>
    <message>
        <source>no body given and stdin cannot be read</source>
        <translation>no body given and stdin cannot be read</translation>
    </message>
    <message>
        <source>listen: keep todos in this SQLite file and print one &quot;todo&quot; event per new todo; with --ack client or client-individual a message is acknowledged only after it is committed.</source>
        <translation>listen: keep todos in this SQLite file and print one &quot;todo&quot; event per new todo; with --ack client or client-individual a message is acknowledged only after it is committed.</translation>
    </message>
    <message>
        <source>listen --store: web application URL that todo links are relative to (default: the push URL&apos;s origin, ws -&gt; http, wss -&gt; https).</source>
        <translation>listen --store: web application URL that todo links are relative to (default: the push URL&apos;s origin, ws -&gt; http, wss -&gt; https).</translation>
    </message>
    <message>
        <source>listen --store: time zone of the server&apos;s &quot;yyyy-MM-dd HH:mm:ss&quot; times, e.g. Asia/Shanghai (default: local).</source>
        <translation>listen --store: time zone of the server&apos;s &quot;yyyy-MM-dd HH:mm:ss&quot; times, e.g. Asia/Shanghai (default: local).</translation>
    </message>
    <message>
        <source>zone</source>
        <translation>zone</translation>
    </message>
    <message>
        <source>listen --store: another site todo links may open, e.g. https://sso.example.com (repeatable).</source>
        <translation>listen --store: another site todo links may open, e.g. https://sso.example.com (repeatable).</translation>
    </message>
    <message>
        <source>listen --store: after every connect, GET this pending-todo list (same auth headers, same payload shape) and reconcile.</source>
        <translation>listen --store: after every connect, GET this pending-todo list (same auth headers, same payload shape) and reconcile.</translation>
    </message>
    <message>
        <source>listen --store: keep at most N read todos (unread ones are never deleted; default %1).</source>
        <translation>listen --store: keep at most N read todos (unread ones are never deleted; default %1).</translation>
    </message>
    <message>
        <source>listen --store: delete read todos not seen for D days (default %1).</source>
        <translation>listen --store: delete read todos not seen for D days (default %1).</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli listen [options]

Connect, subscribe to every --destination and print one JSON object per line for each event (connected, message, disconnected, reconnecting, error). Reconnects by itself. With --store, messages become todos: &quot;todo&quot; events (each new todo once, with the pending count) replace &quot;message&quot; events and --count counts new todos.
</source>
        <translation>Usage: todo-notifier-cli listen [options]

Connect, subscribe to every --destination and print one JSON object per line for each event (connected, message, disconnected, reconnecting, error). Reconnects by itself. With --store, messages become todos: &quot;todo&quot; events (each new todo once, with the pending count) replace &quot;message&quot; events and --count counts new todos.
</translation>
    </message>
    <message>
        <source>How to speak to the URLs: websocket, sockjs, or auto (default: find out, and say how and why).</source>
        <translation>How to speak to the URLs: websocket, sockjs, or auto (default: find out, and say how and why).</translation>
    </message>
    <message>
        <source>Extra HTTP header for the WebSocket/SockJS handshake, e.g. Cookie:SESSION=... (repeatable; never logged). Spring user destinations need the principal&apos;s Cookie or Authorization here.</source>
        <translation>Extra HTTP header for the WebSocket/SockJS handshake, e.g. Cookie:SESSION=... (repeatable; never logged). Spring user destinations need the principal&apos;s Cookie or Authorization here.</translation>
    </message>
    <message>
        <source>Read extra handshake headers (one name:value per line) from a file; use it for cookies and tokens.</source>
        <translation>Read extra handshake headers (one name:value per line) from a file; use it for cookies and tokens.</translation>
    </message>
    <message>
        <source>invalid --transport &quot;%1&quot;: expected auto, websocket or sockjs</source>
        <translation>invalid --transport &quot;%1&quot;: expected auto, websocket or sockjs</translation>
    </message>
    <message>
        <source>invalid --handshake-header: expected name:value</source>
        <translation>invalid --handshake-header: expected name:value</translation>
    </message>
    <message>
        <source>--store needs a file path</source>
        <translation>--store needs a file path</translation>
    </message>
    <message>
        <source>--%1 requires --store</source>
        <translation>--%1 requires --store</translation>
    </message>
    <message>
        <source>invalid --web-base &quot;%1&quot;: expected an http:// or https:// URL with a host</source>
        <translation>invalid --web-base &quot;%1&quot;: expected an http:// or https:// URL with a host</translation>
    </message>
    <message>
        <source>invalid --server-timezone &quot;%1&quot;: expected an IANA name such as Asia/Shanghai, UTC or local</source>
        <translation>invalid --server-timezone &quot;%1&quot;: expected an IANA name such as Asia/Shanghai, UTC or local</translation>
    </message>
    <message>
        <source>invalid --allow-origin &quot;%1&quot;: expected an http:// or https:// URL with a host</source>
        <translation>invalid --allow-origin &quot;%1&quot;: expected an http:// or https:// URL with a host</translation>
    </message>
    <message>
        <source>invalid --pending-url &quot;%1&quot;: expected an http:// or https:// URL with a host</source>
        <translation>invalid --pending-url &quot;%1&quot;: expected an http:// or https:// URL with a host</translation>
    </message>
    <message>
        <source>invalid --%1: expected a positive number</source>
        <translation>invalid --%1: expected a positive number</translation>
    </message>
    <message>
        <source>listen: extra SUBSCRIBE header, e.g. prefetch-count:100 (repeatable).</source>
        <translation>listen: extra SUBSCRIBE header, e.g. prefetch-count:100 (repeatable).</translation>
    </message>
    <message>
        <source>invalid --subscribe-header &quot;%1&quot;: expected name:value</source>
        <translation>invalid --subscribe-header &quot;%1&quot;: expected name:value</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>invalid line %1 in --%2: expected name:value</source>
        <translation>invalid line %1 in --%2: expected name:value</translation>
    </message>
    <message>
        <source>Server URL as you have it: ws(s)://host/ws (STOMP over WebSocket), http(s)://host/app/ws (a SockJS endpoint, e.g. Spring&apos;s .withSockJS()) or stomp://host:61613 and stomp+ssl://host:61614 (a broker&apos;s STOMP port); repeat for failover, tried in order.</source>
        <translation>Server URL as you have it: ws(s)://host/ws (STOMP over WebSocket), http(s)://host/app/ws (a SockJS endpoint, e.g. Spring&apos;s .withSockJS()) or stomp://host:61613 and stomp+ssl://host:61614 (a broker&apos;s STOMP port); repeat for failover, tried in order.</translation>
    </message>
    <message>
        <source>invalid --url &quot;%1&quot;: expected ws://, wss://, http://, https://, stomp:// or stomp+ssl:// with a host</source>
        <translation>invalid --url &quot;%1&quot;: expected ws://, wss://, http://, https://, stomp:// or stomp+ssl:// with a host</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocol</translation>
    </message>
    <message>
        <source>json-ws: text sent after every connect, e.g. {&quot;clientId&quot;:&quot;{clientId}&quot;} ({login} and {clientId} are filled in).</source>
        <translation>json-ws: text sent after every connect, e.g. {&quot;clientId&quot;:&quot;{clientId}&quot;} ({login} and {clientId} are filled in).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>json-ws: application keep-alive text, e.g. {&quot;keepalive&quot;:&quot;live&quot;}.</source>
        <translation>json-ws: application keep-alive text, e.g. {&quot;keepalive&quot;:&quot;live&quot;}.</translation>
    </message>
    <message>
        <source>json-ws: send the keep-alive every MS milliseconds; three intervals of silence count as a lost connection.</source>
        <translation>json-ws: send the keep-alive every MS milliseconds; three intervals of silence count as a lost connection.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>invalid --protocol: %1</source>
        <translation>invalid --protocol: %1</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>not a number</translation>
    </message>
    <message>
        <source>invalid --keepalive-interval: %1</source>
        <translation>invalid --keepalive-interval: %1</translation>
    </message>
    <message>
        <source>--keepalive-interval needs --keepalive-message</source>
        <translation>--keepalive-interval needs --keepalive-message</translation>
    </message>
    <message>
        <source>The push protocol: auto (default: find out, and say how and why), stomp (over WebSocket, SockJS or a broker&apos;s STOMP port), sockjs (STOMP over SockJS), json-ws (a plain WebSocket that pushes JSON), sse (Server-Sent Events from an http(s):// URL), socketio (a Socket.IO 3/4 server: http://host:3000, or http://host:3000/namespace; --header values are its auth payload).</source>
        <translation>The push protocol: auto (default: find out, and say how and why), stomp (over WebSocket, SockJS or a broker&apos;s STOMP port), sockjs (STOMP over SockJS), json-ws (a plain WebSocket that pushes JSON), sse (Server-Sent Events from an http(s):// URL), socketio (a Socket.IO 3/4 server: http://host:3000, or http://host:3000/namespace; --header values are its auth payload).</translation>
    </message>
    <message>
        <source>json-ws: the file where messages wait while the server cannot be reached; they go out on the next connect, by send or listen (default: one file per server under the application&apos;s data directory).</source>
        <translation>json-ws: the file where messages wait while the server cannot be reached; they go out on the next connect, by send or listen (default: one file per server under the application&apos;s data directory).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>sse, socketio: an event whose data are todos, e.g. todo (repeatable; default for sse: message, the type of an event without an event: field; for socketio: every event).</source>
        <translation>sse, socketio: an event whose data are todos, e.g. todo (repeatable; default for sse: message, the type of an event without an event: field; for socketio: every event).</translation>
    </message>
    <message>
        <source>socketio: the namespace to join, e.g. /admin (default: the URL&apos;s path).</source>
        <translation>socketio: the namespace to join, e.g. /admin (default: the URL&apos;s path).</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>namespace</translation>
    </message>
    <message>
        <source>send does not speak Socket.IO: with --protocol socketio use listen or check</source>
        <translation>send does not speak Socket.IO: with --protocol socketio use listen or check</translation>
    </message>
    <message>
        <source>invalid --namespace: %1</source>
        <translation>invalid --namespace: %1</translation>
    </message>
    <message>
        <source>only for --protocol sse, socketio or auto</source>
        <translation>only for --protocol sse, socketio or auto</translation>
    </message>
    <message>
        <source>invalid --event: %1</source>
        <translation>invalid --event: %1</translation>
    </message>
    <message>
        <source>send is not available with --protocol sse: Server-Sent Events only flow from the server</source>
        <translation>send is not available with --protocol sse: Server-Sent Events only flow from the server</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli check [options]

Connect once and report the protocol (with auto: what was found and why), the transport, and what the server negotiated. Exit codes: 0 ok, 3 unreachable, 4 refused or nothing at this path, 5 authentication failed, 6 server error, 7 timeout, 8 TLS, 9 not this protocol.
</source>
        <translation>Usage: todo-notifier-cli check [options]

Connect once and report the protocol (with auto: what was found and why), the transport, and what the server negotiated. Exit codes: 0 ok, 3 unreachable, 4 refused or nothing at this path, 5 authentication failed, 6 server error, 7 timeout, 8 TLS, 9 not this protocol.
</translation>
    </message>
    <message>
        <source>Start the embedded demo push server and connect to it, over one of its protocols: stomp (the default when none is given), sockjs, json-ws, sse or socketio, e.g. --demo json-ws.</source>
        <translation>Start the embedded demo push server and connect to it, over one of its protocols: stomp (the default when none is given), sockjs, json-ws, sse or socketio, e.g. --demo json-ws.</translation>
    </message>
    <message>
        <source>invalid --demo &quot;%1&quot;: expected one of %2</source>
        <translation>invalid --demo &quot;%1&quot;: expected one of %2</translation>
    </message>
    <message>
        <source>listen with --ack client or client-individual: messages the broker may send ahead of our acks (RabbitMQ prefetch-count, ActiveMQ activemq.prefetchSize); 0 = the broker&apos;s default (default: %1).</source>
        <translation>listen with --ack client or client-individual: messages the broker may send ahead of our acks (RabbitMQ prefetch-count, ActiveMQ activemq.prefetchSize); 0 = the broker&apos;s default (default: %1).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>count</translation>
    </message>
    <message>
        <source>invalid --prefetch: %1</source>
        <translation>invalid --prefetch: %1</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli &lt;command&gt; [options]

A headless push client: everything the tray app does, from a terminal. It speaks STOMP
(over WebSocket, SockJS or a broker&apos;s TCP port) and the other push protocols of --protocol,
and by default finds out which one the server speaks.

Commands:
  listen   connect, subscribe and print one JSON object per line for every event
  check    connect once and report the protocol, the negotiated version, heart-beat and server
  send     send one message and wait for the server&apos;s receipt

Run &apos;todo-notifier-cli &lt;command&gt; --help&apos; for the options of a command.
The passcode is never taken from the command line: use --passcode-file or the
environment variable TODO_NOTIFIER_PASSCODE.
listen and check --profile NAME connect to a server configured in the tray app instead,
with its passcode from the keychain.
</source>
        <translation>Usage: todo-notifier-cli &lt;command&gt; [options]

A headless push client: everything the tray app does, from a terminal. It speaks STOMP
(over WebSocket, SockJS or a broker&apos;s TCP port) and the other push protocols of --protocol,
and by default finds out which one the server speaks.

Commands:
  listen   connect, subscribe and print one JSON object per line for every event
  check    connect once and report the protocol, the negotiated version, heart-beat and server
  send     send one message and wait for the server&apos;s receipt

Run &apos;todo-notifier-cli &lt;command&gt; --help&apos; for the options of a command.
The passcode is never taken from the command line: use --passcode-file or the
environment variable TODO_NOTIFIER_PASSCODE.
listen and check --profile NAME connect to a server configured in the tray app instead,
with its passcode from the keychain.
</translation>
    </message>
    <message>
        <source>listen, check: connect to a server configured in the tray app: &quot;default&quot; (the first server), a profile id or a server&apos;s name. Its settings give the connection and the keychain its passcode and secret header values; the connection options (--url, --login, --protocol, --destination, ...) and --store&apos;s link, time zone and retention options cannot be given with it.</source>
        <translation>listen, check: connect to a server configured in the tray app: &quot;default&quot; (the first server), a profile id or a server&apos;s name. Its settings give the connection and the keychain its passcode and secret header values; the connection options (--url, --login, --protocol, --destination, ...) and --store&apos;s link, time zone and retention options cannot be given with it.</translation>
    </message>
    <message>
        <source>listen, check --profile: the tray app&apos;s settings file (default: your settings).</source>
        <translation>listen, check --profile: the tray app&apos;s settings file (default: your settings).</translation>
    </message>
    <message>
        <source>--config needs --profile</source>
        <translation>--config needs --profile</translation>
    </message>
    <message>
        <source>--config needs a file path</source>
        <translation>--config needs a file path</translation>
    </message>
    <message>
        <source>--%1 cannot be combined with --profile: the profile gives the connection</source>
        <translation>--%1 cannot be combined with --profile: the profile gives the connection</translation>
    </message>
    <message>
        <source>no server profile named %1; the profiles are: %2</source>
        <translation>no server profile named %1; the profiles are: %2</translation>
    </message>
    <message>
        <source>the server profile %1 has no server URL yet</source>
        <translation>the server profile %1 has no server URL yet</translation>
    </message>
    <message>
        <source>warning: no keychain (%1): connecting without the profile&apos;s passcode and secret header values</source>
        <translation>warning: no keychain (%1): connecting without the profile&apos;s passcode and secret header values</translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>sent to %1, receipt %2</source>
        <translation>sent to %1, receipt %2</translation>
    </message>
    <message>
        <source>error: no receipt from the server for the message</source>
        <translation>error: no receipt from the server for the message</translation>
    </message>
    <message>
        <source>error: cannot start the demo server</source>
        <translation>error: cannot start the demo server</translation>
    </message>
    <message>
        <source>error: %1 (%2)</source>
        <translation>error: %1 (%2)</translation>
    </message>
    <message>
        <source>error: timed out after %1 s with %2 of %3 messages</source>
        <translation>error: timed out after %1 s with %2 of %3 messages</translation>
    </message>
    <message>
        <source>error: no answer within %1 s</source>
        <translation>error: no answer within %1 s</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>warning: %1</translation>
    </message>
    <message>
        <source>connected to %1 via %2: %3</source>
        <translation>connected to %1 via %2: %3</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>sent a message queued earlier</source>
        <translation>sent a message queued earlier</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>error: %1</translation>
    </message>
    <message>
        <source>messages queued earlier: %1; they go first</source>
        <translation>messages queued earlier: %1; they go first</translation>
    </message>
    <message>
        <source>messages not sent yet: %1, kept in %2; they go out on the next connect (send or listen)</source>
        <translation>messages not sent yet: %1, kept in %2; they go out on the next connect (send or listen)</translation>
    </message>
    <message>
        <source>demo push server (a test double, not a broker) speaking %1 on %2</source>
        <translation>demo push server (a test double, not a broker) speaking %1 on %2</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Server URLs</source>
        <translation>Server URLs</translation>
    </message>
    <message>
        <source>&amp;Server URLs:</source>
        <translation>&amp;Server URLs:</translation>
    </message>
    <message>
        <source>Automatic (WebSocket or SockJS)</source>
        <translation>Automatic (WebSocket or SockJS)</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>SockJS</source>
        <translation>SockJS</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>&amp;Transport:</translation>
    </message>
    <message>
        <source>Automatic finds out whether a URL is a plain STOMP WebSocket endpoint or a SockJS endpoint.</source>
        <translation>Automatic finds out whether a URL is a plain STOMP WebSocket endpoint or a SockJS endpoint.</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>Destinations</translation>
    </message>
    <message>
        <source>&amp;Destinations:</source>
        <translation>&amp;Destinations:</translation>
    </message>
    <message>
        <source>The STOMP destinations to subscribe to, e.g. /user/topic/all or /exchange/FanoutDemandExchange.</source>
        <translation>The STOMP destinations to subscribe to, e.g. /user/topic/all or /exchange/FanoutDemandExchange.</translation>
    </message>
    <message>
        <source>not sent when empty</source>
        <translation>not sent when empty</translation>
    </message>
    <message>
        <source>Virtual &amp;host:</source>
        <translation>Virtual &amp;host:</translation>
    </message>
    <message>
        <source>The STOMP host header; for RabbitMQ the virtual host, e.g. /.</source>
        <translation>The STOMP host header; for RabbitMQ the virtual host, e.g. /.</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>The STOMP login (user name).</source>
        <translation>The STOMP login (user name).</translation>
    </message>
    <message>
        <source>&amp;Passcode:</source>
        <translation>&amp;Passcode:</translation>
    </message>
    <message>
        <source>The STOMP passcode (password). It is kept in the keychain, never in the settings file.</source>
        <translation>The STOMP passcode (password). It is kept in the keychain, never in the settings file.</translation>
    </message>
    <message>
        <source>D&amp;urable subscription (the broker keeps todos while this computer is off)</source>
        <translation>D&amp;urable subscription (the broker keeps todos while this computer is off)</translation>
    </message>
    <message>
        <source>Asks the broker for a subscription that outlives the connection (RabbitMQ, ActiveMQ).</source>
        <translation>Asks the broker for a subscription that outlives the connection (RabbitMQ, ActiveMQ).</translation>
    </message>
    <message>
        <source>Check these settings</source>
        <translation>Check these settings</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Connect and subscribe with the values on screen, without saving them</source>
        <translation>Connect and subscribe with the values on screen, without saving them</translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation>Cancel test</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Connection test result</translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>Reading the keychain…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Connected to %1; checking…</source>
        <translation>Connected to %1; checking…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>There is no server URL to test.</source>
        <translation>There is no server URL to test.</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test cancelled.</translation>
    </message>
    <message>
        <source>It works: %1.</source>
        <translation>It works: %1.</translation>
    </message>
    <message>
        <source>Server: %1.</source>
        <translation>Server: %1.</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>Unreachable: %1</translation>
    </message>
    <message>
        <source>The handshake was refused: %1</source>
        <translation>The handshake was refused: %1</translation>
    </message>
    <message>
        <source>Nothing at this address: %1</source>
        <translation>Nothing at this address: %1</translation>
    </message>
    <message>
        <source>Authentication failed. The server said: %1</source>
        <translation>Authentication failed. The server said: %1</translation>
    </message>
    <message>
        <source>Server error: %1</source>
        <translation>Server error: %1</translation>
    </message>
    <message>
        <source>The server refused the subscription: %1</source>
        <translation>The server refused the subscription: %1</translation>
    </message>
    <message>
        <source>Protocol error: %1</source>
        <translation>Protocol error: %1</translation>
    </message>
    <message>
        <source>No answer in time: %1</source>
        <translation>No answer in time: %1</translation>
    </message>
    <message>
        <source>Secure connection (TLS) failed: %1</source>
        <translation>Secure connection (TLS) failed: %1</translation>
    </message>
    <message>
        <source>The connection was lost: %1</source>
        <translation>The connection was lost: %1</translation>
    </message>
    <message>
        <source>Connected with %1, but the test failed after connecting. %2</source>
        <translation>Connected with %1, but the test failed after connecting. %2</translation>
    </message>
    <message>
        <source>STOMP (WebSocket, SockJS or a broker&apos;s STOMP port)</source>
        <translation>STOMP (WebSocket, SockJS or a broker&apos;s STOMP port)</translation>
    </message>
    <message>
        <source>STOMP over SockJS</source>
        <translation>STOMP over SockJS</translation>
    </message>
    <message>
        <source>Plain WebSocket with JSON</source>
        <translation>Plain WebSocket with JSON</translation>
    </message>
    <message>
        <source>P&amp;rotocol:</source>
        <translation>P&amp;rotocol:</translation>
    </message>
    <message>
        <source>&amp;Open message:</source>
        <translation>&amp;Open message:</translation>
    </message>
    <message>
        <source>Sent after every connect, for servers that push only to clients that said who they are. {login} and {clientId} (the same for this computer every time) are filled in. Empty: nothing is sent.</source>
        <translation>Sent after every connect, for servers that push only to clients that said who they are. {login} and {clientId} (the same for this computer every time) are filled in. Empty: nothing is sent.</translation>
    </message>
    <message>
        <source>&amp;Keep-alive message:</source>
        <translation>&amp;Keep-alive message:</translation>
    </message>
    <message>
        <source>Sent regularly so that the server (and proxies) keep the connection open; its replies, and anything else the server sends, show that the connection is alive.</source>
        <translation>Sent regularly so that the server (and proxies) keep the connection open; its replies, and anything else the server sends, show that the connection is alive.</translation>
    </message>
    <message>
        <source>Keep-alive &amp;every:</source>
        <translation>Keep-alive &amp;every:</translation>
    </message>
    <message>
        <source>0: no keep-alive. Three intervals without anything from the server count as a lost connection.</source>
        <translation>0: no keep-alive. Three intervals without anything from the server count as a lost connection.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Enter the keep-alive message to send, or 0 for none.</source>
        <translation>Enter the keep-alive message to send, or 0 for none.</translation>
    </message>
    <message>
        <source>Automatic (find out what the server speaks)</source>
        <translation>Automatic (find out what the server speaks)</translation>
    </message>
    <message>
        <source>The push endpoints, tried in this order: ws:// or wss:// (STOMP over WebSocket, a plain WebSocket or Socket.IO), http:// or https:// (a SockJS endpoint, Server-Sent Events or Socket.IO), stomp:// or stomp+ssl:// (a broker&apos;s STOMP port).</source>
        <translation>The push endpoints, tried in this order: ws:// or wss:// (STOMP over WebSocket, a plain WebSocket or Socket.IO), http:// or https:// (a SockJS endpoint, Server-Sent Events or Socket.IO), stomp:// or stomp+ssl:// (a broker&apos;s STOMP port).</translation>
    </message>
    <message>
        <source>What the server speaks. STOMP is what RabbitMQ, ActiveMQ and Spring speak; a plain WebSocket pushes JSON text of its own; Server-Sent Events come down one long HTTP response; Socket.IO 4 is what a socket.io server speaks.</source>
        <translation>What the server speaks. STOMP is what RabbitMQ, ActiveMQ and Spring speak; a plain WebSocket pushes JSON text of its own; Server-Sent Events come down one long HTTP response; Socket.IO 4 is what a socket.io server speaks.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>E&amp;vents:</source>
        <translation>E&amp;vents:</translation>
    </message>
    <message>
        <source>The events that carry todos: Server-Sent Events types or Socket.IO event names. Empty: the Server-Sent Events without a type (&quot;message&quot;), and every Socket.IO event.</source>
        <translation>The events that carry todos: Server-Sent Events types or Socket.IO event names. Empty: the Server-Sent Events without a type (&quot;message&quot;), and every Socket.IO event.</translation>
    </message>
    <message>
        <source>empty: the URL&apos;s path</source>
        <translation>empty: the URL&apos;s path</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>&amp;Namespace:</translation>
    </message>
    <message>
        <source>The Socket.IO namespace to join, e.g. /admin. Empty: the path of the server URL (/ for none).</source>
        <translation>The Socket.IO namespace to join, e.g. /admin. Empty: the path of the server URL (/ for none).</translation>
    </message>
    <message>
        <source>Empty: the events without a type (&quot;message&quot; events).</source>
        <translation>Empty: the events without a type (&quot;message&quot; events).</translation>
    </message>
    <message>
        <source>Empty: every event.</source>
        <translation>Empty: every event.</translation>
    </message>
    <message>
        <source>Empty: Server-Sent Events without a type (&quot;message&quot; events), every Socket.IO event.</source>
        <translation>Empty: Server-Sent Events without a type (&quot;message&quot; events), every Socket.IO event.</translation>
    </message>
    <message>
        <source>Server-Sent Events (text/event-stream)</source>
        <translation>Server-Sent Events (text/event-stream)</translation>
    </message>
    <message>
        <source>Socket.IO 4</source>
        <translation>Socket.IO 4</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>no server configured</source>
        <translation>no server configured</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>connected to %1</translation>
    </message>
    <message>
        <source>connecting to %1…</source>
        <translation>connecting to %1…</translation>
    </message>
    <message>
        <source>offline, next attempt at %1</source>
        <translation>offline, next attempt at %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>failed to connect to %1</source>
        <translation>failed to connect to %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>needs attention: cannot connect to %1</source>
        <translation>needs attention: cannot connect to %1</translation>
    </message>
    <message numerus="yes">
        <source>connected to %n servers</source>
        <translation>
            <numerusform>connected to %n server</numerusform>
            <numerusform>connected to %n servers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 — %3 of %4 servers connected</source>
        <translation>%1: %2 — %3 of %4 servers connected</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>The keychain refused: %1</source>
        <translation>The keychain refused: %1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Passwords are kept in memory until the application quits and must be entered again next time.</source>
        <translation>No keychain is available (%1). Passwords are kept in memory until the application quits and must be entered again next time.</translation>
    </message>
</context>
<context>
    <name>EngineIoOpen</name>
    <message>
        <source>the open packet does not hold a JSON object</source>
        <translation>the open packet does not hold a JSON object</translation>
    </message>
    <message>
        <source>the open packet has no session id (&quot;sid&quot;)</source>
        <translation>the open packet has no session id (&quot;sid&quot;)</translation>
    </message>
    <message>
        <source>the open packet has no valid &quot;pingInterval&quot; and &quot;pingTimeout&quot; (Engine.IO 4 servers send both in milliseconds)</source>
        <translation>the open packet has no valid &quot;pingInterval&quot; and &quot;pingTimeout&quot; (Engine.IO 4 servers send both in milliseconds)</translation>
    </message>
    <message>
        <source>the open packet&apos;s &quot;upgrades&quot; is not a list</source>
        <translation>the open packet&apos;s &quot;upgrades&quot; is not a list</translation>
    </message>
</context>
<context>
    <name>EngineIoPacket</name>
    <message>
        <source>an empty Engine.IO packet</source>
        <translation>an empty Engine.IO packet</translation>
    </message>
    <message>
        <source>a binary Engine.IO packet (Socket.IO binary attachments are not supported)</source>
        <translation>a binary Engine.IO packet (Socket.IO binary attachments are not supported)</translation>
    </message>
    <message>
        <source>not an Engine.IO packet: it starts with 0x%1</source>
        <translation>not an Engine.IO packet: it starts with 0x%1</translation>
    </message>
    <message>
        <source>packet %1 of the long-polling payload: %2</source>
        <translation>packet %1 of the long-polling payload: %2</translation>
    </message>
</context>
<context>
    <name>EngineIoPollingHandshake</name>
    <message>
        <source>the server refused the Engine.IO handshake (HTTP %1): %2</source>
        <translation>the server refused the Engine.IO handshake (HTTP %1): %2</translation>
    </message>
    <message>
        <source>the server refused the Engine.IO handshake with HTTP %1: it wants credentials (a token or cookie handshake header)</source>
        <translation>the server refused the Engine.IO handshake with HTTP %1: it wants credentials (a token or cookie handshake header)</translation>
    </message>
    <message>
        <source>the server has nothing at the Engine.IO path (HTTP 404): no Socket.IO server there, or one mounted on another path (give it in the URL: http://host/path/socket.io/)</source>
        <translation>the server has nothing at the Engine.IO path (HTTP 404): no Socket.IO server there, or one mounted on another path (give it in the URL: http://host/path/socket.io/)</translation>
    </message>
    <message>
        <source>the Engine.IO handshake returned HTTP %1</source>
        <translation>the Engine.IO handshake returned HTTP %1</translation>
    </message>
    <message>
        <source>the server does not speak Engine.IO 4 (Socket.IO 3 and 4 do; it may be an older Socket.IO): %1</source>
        <translation>the server does not speak Engine.IO 4 (Socket.IO 3 and 4 do; it may be an older Socket.IO): %1</translation>
    </message>
    <message>
        <source>the server allows neither a direct WebSocket nor HTTP long-polling for this client: %1</source>
        <translation>the server allows neither a direct WebSocket nor HTTP long-polling for this client: %1</translation>
    </message>
    <message>
        <source>the Engine.IO server refused the handshake (HTTP %1): %2</source>
        <translation>the Engine.IO server refused the handshake (HTTP %1): %2</translation>
    </message>
    <message>
        <source>the server answered HTTP %1, not as a Socket.IO (Engine.IO 4) server</source>
        <translation>the server answered HTTP %1, not as a Socket.IO (Engine.IO 4) server</translation>
    </message>
    <message>
        <source>its first packet is not an open packet</source>
        <translation>its first packet is not an open packet</translation>
    </message>
    <message>
        <source>the server answered, but not as a Socket.IO (Engine.IO 4) server: %1</source>
        <translation>the server answered, but not as a Socket.IO (Engine.IO 4) server: %1</translation>
    </message>
    <message>
        <source>the server offers no upgrade to WebSocket (only HTTP long-polling, which this client does not keep up): allow the &quot;websocket&quot; transport on the server</source>
        <translation>the server offers no upgrade to WebSocket (only HTTP long-polling, which this client does not keep up): allow the &quot;websocket&quot; transport on the server</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>no answer in time</translation>
    </message>
    <message>
        <source>Engine.IO long-polling handshake failed: %1</source>
        <translation>Engine.IO long-polling handshake failed: %1</translation>
    </message>
</context>
<context>
    <name>FreedesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>Snooze 1 hour</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Mark as read</translation>
    </message>
</context>
<context>
    <name>GuiOptions</name>
    <message>
        <source>Todo Notifier: stays connected to your organisation&apos;s push server and tells you the moment a todo is waiting for you. It lives in the system tray; a second launch brings up the todo list of the first.</source>
        <translation>Todo Notifier: stays connected to your organisation&apos;s push server and tells you the moment a todo is waiting for you. It lives in the system tray; a second launch brings up the todo list of the first.</translation>
    </message>
    <message>
        <source>With --demo: milliseconds between sample todos (default 5000; 0 sends only what is published to the demo server).</source>
        <translation>With --demo: milliseconds between sample todos (default 5000; 0 sends only what is published to the demo server).</translation>
    </message>
    <message>
        <source>Open the settings dialog.</source>
        <translation>Open the settings dialog.</translation>
    </message>
    <message>
        <source>Start in the system tray without showing the todo list.</source>
        <translation>Start in the system tray without showing the todo list.</translation>
    </message>
    <message>
        <source>Read and write the settings in this file (INI) instead of the user&apos;s settings.</source>
        <translation>Read and write the settings in this file (INI) instead of the user&apos;s settings.</translation>
    </message>
    <message>
        <source>Log the connection and the protocol in detail.</source>
        <translation>Log the connection and the protocol in detail.</translation>
    </message>
    <message>
        <source>Print the state of the running instance as one line of JSON (state, pendingCount, unreadCount, lastError) and exit; exit code 1 if none runs.</source>
        <translation>Print the state of the running instance as one line of JSON (state, pendingCount, unreadCount, lastError) and exit; exit code 1 if none runs.</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unexpected argument: %1</translation>
    </message>
    <message>
        <source>--demo-interval takes a number of milliseconds, 0 or more</source>
        <translation>--demo-interval takes a number of milliseconds, 0 or more</translation>
    </message>
    <message>
        <source>Todo Notifier</source>
        <translation>Todo Notifier</translation>
    </message>
    <message>
        <source>todo-notifier: %1
Run &apos;todo-notifier --help&apos; for usage.
</source>
        <translation>todo-notifier: %1
Run &apos;todo-notifier --help&apos; for usage.
</translation>
    </message>
    <message>
        <source>Connect to an embedded demo push server that sends sample todos (nothing is sent anywhere; your settings are not changed), over one of its protocols: stomp (the default when none is given), sockjs, json-ws, sse or socketio.</source>
        <translation>Connect to an embedded demo push server that sends sample todos (nothing is sent anywhere; your settings are not changed), over one of its protocols: stomp (the default when none is given), sockjs, json-ws, sse or socketio.</translation>
    </message>
    <message>
        <source>invalid --demo &quot;%1&quot;: expected one of %2</source>
        <translation>invalid --demo &quot;%1&quot;: expected one of %2</translation>
    </message>
</context>
<context>
    <name>HeaderTableEditor</name>
    <message>
        <source>Sent with</source>
        <translation>Sent with</translation>
    </message>
    <message>
        <source>Header value</source>
        <translation>Header value</translation>
    </message>
    <message>
        <source>Header name</source>
        <translation>Header name</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Add header</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Remove header</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation>Extra headers</translation>
    </message>
    <message>
        <source>Headers sent with every connection, e.g. client-id or Authorization. Mark a value as secret to keep it in the keychain instead of the settings file.</source>
        <translation>Headers sent with every connection, e.g. client-id or Authorization. Mark a value as secret to keep it in the keychain instead of the settings file.</translation>
    </message>
    <message>
        <source>Add a header and edit its name</source>
        <translation>Add a header and edit its name</translation>
    </message>
    <message>
        <source>Remove the selected header (Delete)</source>
        <translation>Remove the selected header (Delete)</translation>
    </message>
    <message>
        <source>Handshake (HTTP)</source>
        <translation>Handshake (HTTP)</translation>
    </message>
    <message>
        <source>CONNECT frame</source>
        <translation>CONNECT frame</translation>
    </message>
    <message>
        <source>Keep this value in the keychain, never in the settings file</source>
        <translation>Keep this value in the keychain, never in the settings file</translation>
    </message>
</context>
<context>
    <name>JsonWebSocketSource</name>
    <message>
        <source>plain WebSocket (JSON), keep-alive every %1 ms</source>
        <translation>plain WebSocket (JSON), keep-alive every %1 ms</translation>
    </message>
    <message>
        <source>plain WebSocket (JSON)</source>
        <translation>plain WebSocket (JSON)</translation>
    </message>
</context>
<context>
    <name>LinkPolicy</name>
    <message>
        <source>this todo has no link</source>
        <translation>this todo has no link</translation>
    </message>
    <message>
        <source>not a valid link (%1)</source>
        <translation>not a valid link (%1)</translation>
    </message>
    <message>
        <source>only http and https links are opened, not &quot;%1:&quot;</source>
        <translation>only http and https links are opened, not &quot;%1:&quot;</translation>
    </message>
    <message>
        <source>a relative link needs the web base URL, which is not set</source>
        <translation>a relative link needs the web base URL, which is not set</translation>
    </message>
    <message>
        <source>the link has no host</source>
        <translation>the link has no host</translation>
    </message>
    <message>
        <source>links that carry a user name or password are not opened</source>
        <translation>links that carry a user name or password are not opened</translation>
    </message>
    <message>
        <source>links to %1 are not opened: it is not on the list of allowed sites</source>
        <translation>links to %1 are not opened: it is not on the list of allowed sites</translation>
    </message>
    <message>
        <source>links to %1 are not opened: only the web application (%2) and allowed sites are</source>
        <translation>links to %1 are not opened: only the web application (%2) and allowed sites are</translation>
    </message>
</context>
<context>
    <name>LinksPage</name>
    <message>
        <source>&amp;Web application:</source>
        <translation>&amp;Web application:</translation>
    </message>
    <message>
        <source>The address of the web application the todos belong to. Their links are relative to it.</source>
        <translation>The address of the web application the todos belong to. Their links are relative to it.</translation>
    </message>
    <message>
        <source>Other sites links may open</source>
        <translation>Other sites links may open</translation>
    </message>
    <message>
        <source>&amp;Other sites links may open:</source>
        <translation>&amp;Other sites links may open:</translation>
    </message>
    <message>
        <source>Links to the web application always open. A link to any other site opens only if its site is listed here, e.g. https://sso.example.com.</source>
        <translation>Links to the web application always open. A link to any other site opens only if its site is listed here, e.g. https://sso.example.com.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>&amp;Pending todos URL:</source>
        <translation>&amp;Pending todos URL:</translation>
    </message>
    <message>
        <source>Fetched after every connect to catch up on todos that arrived while this computer was offline. Leave empty if the server has no such list.</source>
        <translation>Fetched after every connect to catch up on todos that arrived while this computer was offline. Leave empty if the server has no such list.</translation>
    </message>
    <message>
        <source>&amp;Fetch it again when the pending count drops</source>
        <translation>&amp;Fetch it again when the pending count drops</translation>
    </message>
    <message>
        <source>When a push brings no todos and a lower pending count, todos were handled in the web application; the pending list says which, and their notifications are withdrawn.</source>
        <translation>When a push brings no todos and a lower pending count, todos were handled in the web application; the pending list says which, and their notifications are withdrawn.</translation>
    </message>
    <message>
        <source>none, e.g. data.removedIds</source>
        <translation>none, e.g. data.removedIds</translation>
    </message>
    <message>
        <source>Field naming todos done &amp;elsewhere:</source>
        <translation>Field naming todos done &amp;elsewhere:</translation>
    </message>
    <message>
        <source>Where a push names todos handled in the web application, as a path of field names separated by dots. Those todos are marked done and their notifications withdrawn.</source>
        <translation>Where a push names todos handled in the web application, as a path of field names separated by dots. Those todos are marked done and their notifications withdrawn.</translation>
    </message>
</context>
<context>
    <name>MacAutostart</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Cannot remove %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>NotificationCoordinator</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New todo</source>
        <translation>New todo</translation>
    </message>
    <message numerus="yes">
        <source>%n new todos</source>
        <translation>
            <numerusform>%n new todo</numerusform>
            <numerusform>%n new todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n todos arrived while you were offline</source>
        <translation>
            <numerusform>%n todo arrived while you were offline</numerusform>
            <numerusform>%n todos arrived while you were offline</numerusform>
        </translation>
    </message>
    <message>
        <source>Todo Notifier cannot connect</source>
        <translation>Todo Notifier cannot connect</translation>
    </message>
    <message>
        <source>%1
Check the server settings; it keeps trying now and then.</source>
        <translation>%1
Check the server settings; it keeps trying now and then.</translation>
    </message>
    <message>
        <source>Todo Notifier is offline</source>
        <translation>Todo Notifier is offline</translation>
    </message>
    <message>
        <source>No connection to the server since %1. It keeps trying; todos sent meanwhile arrive when it is back.</source>
        <translation>No connection to the server since %1. It keeps trying; todos sent meanwhile arrive when it is back.</translation>
    </message>
    <message>
        <source>Nothing arrived while you were offline.</source>
        <translation>Nothing arrived while you were offline.</translation>
    </message>
    <message numerus="yes">
        <source>%n todos arrived while you were offline.</source>
        <translation>
            <numerusform>%n todo arrived while you were offline.</numerusform>
            <numerusform>%n todos arrived while you were offline.</numerusform>
        </translation>
    </message>
    <message>
        <source>Todo Notifier is connected again</source>
        <translation>Todo Notifier is connected again</translation>
    </message>
    <message numerus="yes">
        <source>%n todos arrived during quiet hours</source>
        <translation>
            <numerusform>%n todo arrived during quiet hours</numerusform>
            <numerusform>%n todos arrived during quiet hours</numerusform>
        </translation>
    </message>
    <message>
        <source>Still unread: %1</source>
        <translation>Still unread: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>NotificationRules</name>
    <message>
        <source>A rule is not a JSON object.</source>
        <translation>A rule is not a JSON object.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;; use type, sender or department.</source>
        <translation>Unknown field &quot;%1&quot;; use type, sender or department.</translation>
    </message>
    <message>
        <source>Unknown match &quot;%1&quot;; use equals or contains.</source>
        <translation>Unknown match &quot;%1&quot;; use equals or contains.</translation>
    </message>
    <message>
        <source>Enter the text a rule matches, e.g. a sender&apos;s name.</source>
        <translation>Enter the text a rule matches, e.g. a sender&apos;s name.</translation>
    </message>
    <message>
        <source>The notification rules are not a JSON array.</source>
        <translation>The notification rules are not a JSON array.</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Rule %1: %2</translation>
    </message>
    <message>
        <source>Use 0 (off), 1 (below urgent) or 2 (below critical).</source>
        <translation>Use 0 (off), 1 (below urgent) or 2 (below critical).</translation>
    </message>
    <message>
        <source>Unknown action &quot;%1&quot;; use mute or lower.</source>
        <translation>Unknown action &quot;%1&quot;; use mute or lower.</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Show a &amp;notification for each new todo</source>
        <translation>Show a &amp;notification for each new todo</translation>
    </message>
    <message>
        <source>Several todos arriving at once are summarised in one notification.</source>
        <translation>Several todos arriving at once are summarised in one notification.</translation>
    </message>
    <message>
        <source>Play a &amp;sound</source>
        <translation>Play a &amp;sound</translation>
    </message>
    <message>
        <source>Ask the notification service to play its sound.</source>
        <translation>Ask the notification service to play its sound.</translation>
    </message>
    <message>
        <source>Do not &amp;disturb until</source>
        <translation>Do not &amp;disturb until</translation>
    </message>
    <message>
        <source>Do not disturb until</source>
        <translation>Do not disturb until</translation>
    </message>
    <message>
        <source>While on, no notifications pop up; todos are still counted on the tray icon.</source>
        <translation>While on, no notifications pop up; todos are still counted on the tray icon.</translation>
    </message>
    <message>
        <source>&amp;Urgent todos notify even when I do not want to be disturbed</source>
        <translation>&amp;Urgent todos notify even when I do not want to be disturbed</translation>
    </message>
    <message>
        <source>Todos the server marks as urgent still pop up during do not disturb.</source>
        <translation>Todos the server marks as urgent still pop up during do not disturb.</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Start Todo Notifier when I &amp;log in</source>
        <translation>Start Todo Notifier when I &amp;log in</translation>
    </message>
    <message>
        <source>Startup:</source>
        <translation>Startup:</translation>
    </message>
    <message>
        <source>Adds Todo Notifier to the programs your desktop starts at login.</source>
        <translation>Adds Todo Notifier to the programs your desktop starts at login.</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>The language of Todo Notifier; a change applies the next time it starts.</source>
        <translation>The language of Todo Notifier; a change applies the next time it starts.</translation>
    </message>
    <message>
        <source>Choose a time in the future.</source>
        <translation>Choose a time in the future.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Say that I am offline after this many minutes</source>
        <translation>Say that I am offline after this many minutes</translation>
    </message>
    <message>
        <source>Say I am &amp;offline after:</source>
        <translation>Say I am &amp;offline after:</translation>
    </message>
    <message>
        <source>One notification when the server has been unreachable this long, and one when it is back with what arrived meanwhile; never one per retry.</source>
        <translation>One notification when the server has been unreachable this long, and one when it is back with what arrived meanwhile; never one per retry.</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <source>Hold pop-ups during &amp;quiet hours</source>
        <translation>Hold pop-ups during &amp;quiet hours</translation>
    </message>
    <message>
        <source>What arrives during quiet hours is counted on the tray icon and becomes one notification when they end. Urgent todos notify anyway when they may disturb you (above).</source>
        <translation>What arrives during quiet hours is counted on the tray icon and becomes one notification when they end. Urgent todos notify anyway when they may disturb you (above).</translation>
    </message>
    <message>
        <source>Quiet hours from</source>
        <translation>Quiet hours from</translation>
    </message>
    <message>
        <source>Quiet hours until</source>
        <translation>Quiet hours until</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>A window that ends before it starts runs over midnight: 19:00 to 08:00 is quiet in the evening and early in the morning of the days below.</source>
        <translation>A window that ends before it starts runs over midnight: 19:00 to 08:00 is quiet in the evening and early in the morning of the days below.</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>On:</translation>
    </message>
    <message>
        <source>The days the window applies to.</source>
        <translation>The days the window applies to.</translation>
    </message>
    <message>
        <source>All day on:</source>
        <translation>All day on:</translation>
    </message>
    <message>
        <source>Days that are quiet from midnight to midnight.</source>
        <translation>Days that are quiet from midnight to midnight.</translation>
    </message>
    <message>
        <source>No quiet hours.</source>
        <translation>No quiet hours.</translation>
    </message>
    <message>
        <source>Quiet now, until %1.</source>
        <translation>Quiet now, until %1.</translation>
    </message>
    <message>
        <source>Quiet at every hour of the week.</source>
        <translation>Quiet at every hour of the week.</translation>
    </message>
    <message>
        <source>Not quiet now.</source>
        <translation>Not quiet now.</translation>
    </message>
    <message>
        <source>Choose an end different from the start.</source>
        <translation>Choose an end different from the start.</translation>
    </message>
    <message>
        <source>Remind me of unread urgent todos after this many minutes</source>
        <translation>Remind me of unread urgent todos after this many minutes</translation>
    </message>
    <message>
        <source>&amp;Remind of urgent todos after:</source>
        <translation>&amp;Remind of urgent todos after:</translation>
    </message>
    <message>
        <source>An urgent todo still unread this long after its notification pops up once more; only once.</source>
        <translation>An urgent todo still unread this long after its notification pops up once more; only once.</translation>
    </message>
</context>
<context>
    <name>OutgoingQueue</name>
    <message>
        <source>unknown format version %1</source>
        <translation>unknown format version %1</translation>
    </message>
    <message>
        <source>the queue of unsent messages %1 could not be read (%2); it was kept as %3</source>
        <translation>the queue of unsent messages %1 could not be read (%2); it was kept as %3</translation>
    </message>
    <message>
        <source>the queue of unsent messages %1 could not be read (%2)</source>
        <translation>the queue of unsent messages %1 could not be read (%2)</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>cannot remove %1</translation>
    </message>
    <message>
        <source>cannot write the queue of unsent messages %1: %2</source>
        <translation>cannot write the queue of unsent messages %1: %2</translation>
    </message>
</context>
<context>
    <name>PayloadParser</name>
    <message>
        <source>body of %1 bytes is larger than the limit of %2 bytes</source>
        <translation>body of %1 bytes is larger than the limit of %2 bytes</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8; invalid bytes were replaced</source>
        <translation>the text is not valid UTF-8; invalid bytes were replaced</translation>
    </message>
    <message>
        <source>JSON nested deeper than %1 levels</source>
        <translation>JSON nested deeper than %1 levels</translation>
    </message>
    <message>
        <source>malformed JSON: %1 at byte %2</source>
        <translation>malformed JSON: %1 at byte %2</translation>
    </message>
    <message>
        <source>JSON encoded in a string more than %1 times</source>
        <translation>JSON encoded in a string more than %1 times</translation>
    </message>
    <message>
        <source>a list of %1 elements without a todo object</source>
        <translation>a list of %1 elements without a todo object</translation>
    </message>
    <message>
        <source>a JSON value that is %1, not a todo</source>
        <translation>a JSON value that is %1, not a todo</translation>
    </message>
    <message>
        <source>sysMsgNums &quot;%1&quot; is not a count; ignored</source>
        <translation>sysMsgNums &quot;%1&quot; is not a count; ignored</translation>
    </message>
    <message>
        <source>sysMsgNums is %1, not a number; ignored</source>
        <translation>sysMsgNums is %1, not a number; ignored</translation>
    </message>
    <message>
        <source>sysMsgList is a single object, not a list</source>
        <translation>sysMsgList is a single object, not a list</translation>
    </message>
    <message>
        <source>sysMsgList is %1, not a list; ignored</source>
        <translation>sysMsgList is %1, not a list; ignored</translation>
    </message>
    <message>
        <source>an envelope with neither todos nor a pending count</source>
        <translation>an envelope with neither todos nor a pending count</translation>
    </message>
    <message>
        <source>a JSON object that is neither a todo, a list of todos nor an envelope (keys: %1)</source>
        <translation>a JSON object that is neither a todo, a list of todos nor an envelope (keys: %1)</translation>
    </message>
    <message>
        <source>only the first %1 todos of a list of %2 elements were taken</source>
        <translation>only the first %1 todos of a list of %2 elements were taken</translation>
    </message>
    <message>
        <source>list element %1 is %2, not a todo object; skipped</source>
        <translation>list element %1 is %2, not a todo object; skipped</translation>
    </message>
    <message>
        <source>text of %1 characters cut to %2 for the title</source>
        <translation>text of %1 characters cut to %2 for the title</translation>
    </message>
    <message>
        <source>a text body without message-id; keyed by its content</source>
        <translation>a text body without message-id; keyed by its content</translation>
    </message>
    <message>
        <source>todo %1: %2 is a boolean, read as text</source>
        <translation>todo %1: %2 is a boolean, read as text</translation>
    </message>
    <message>
        <source>todo %1: %2 is %3, not text; ignored</source>
        <translation>todo %1: %2 is %3, not text; ignored</translation>
    </message>
    <message>
        <source>todo %1: %2 of %3 characters cut to %4</source>
        <translation>todo %1: %2 of %3 characters cut to %4</translation>
    </message>
    <message>
        <source>a todo without an id; keyed as %1</source>
        <translation>a todo without an id; keyed as %1</translation>
    </message>
    <message>
        <source>todo %1: metaData is %2, not an object; ignored</source>
        <translation>todo %1: metaData is %2, not an object; ignored</translation>
    </message>
    <message>
        <source>Untitled todo</source>
        <translation>Untitled todo</translation>
    </message>
    <message>
        <source>todo %1 has no title</source>
        <translation>todo %1 has no title</translation>
    </message>
    <message>
        <source>todo %1: urgency &quot;%2&quot; is not a number; taken as 0</source>
        <translation>todo %1: urgency &quot;%2&quot; is not a number; taken as 0</translation>
    </message>
    <message>
        <source>todo %1: urgency is %2; taken as 0</source>
        <translation>todo %1: urgency is %2; taken as 0</translation>
    </message>
    <message>
        <source>todo %1: time &quot;%2&quot; not understood</source>
        <translation>todo %1: time &quot;%2&quot; not understood</translation>
    </message>
</context>
<context>
    <name>ProtocolPlan</name>
    <message>
        <source>a broker&apos;s STOMP port (%1://)</source>
        <translation>a broker&apos;s STOMP port (%1://)</translation>
    </message>
    <message>
        <source>%1 is not a URL of a push server (ws://, wss://, http://, https://, stomp://)</source>
        <translation>%1 is not a URL of a push server (ws://, wss://, http://, https://, stomp://)</translation>
    </message>
    <message>
        <source>the WebSocket answered STOMP&apos;s CONNECT with a STOMP frame</source>
        <translation>the WebSocket answered STOMP&apos;s CONNECT with a STOMP frame</translation>
    </message>
    <message>
        <source>the WebSocket answered STOMP&apos;s CONNECT with something else: a plain WebSocket</source>
        <translation>the WebSocket answered STOMP&apos;s CONNECT with something else: a plain WebSocket</translation>
    </message>
    <message>
        <source>the WebSocket did not answer STOMP&apos;s CONNECT: a plain WebSocket (it may wait for an open message)</source>
        <translation>the WebSocket did not answer STOMP&apos;s CONNECT: a plain WebSocket (it may wait for an open message)</translation>
    </message>
    <message>
        <source>the WebSocket upgrade was refused (%1)</source>
        <translation>the WebSocket upgrade was refused (%1)</translation>
    </message>
    <message>
        <source>no push protocol found at %1: %2</source>
        <translation>no push protocol found at %1: %2</translation>
    </message>
    <message>
        <source>the URL answered with an event stream</source>
        <translation>the URL answered with an event stream</translation>
    </message>
    <message>
        <source>not an event stream (%1)</source>
        <translation>not an event stream (%1)</translation>
    </message>
    <message>
        <source>/info answered: a SockJS endpoint (STOMP over SockJS)</source>
        <translation>/info answered: a SockJS endpoint (STOMP over SockJS)</translation>
    </message>
    <message>
        <source>no SockJS /info (%1)</source>
        <translation>no SockJS /info (%1)</translation>
    </message>
    <message>
        <source>/socket.io/ answered Engine.IO&apos;s handshake: Socket.IO</source>
        <translation>/socket.io/ answered Engine.IO&apos;s handshake: Socket.IO</translation>
    </message>
    <message>
        <source>no Socket.IO at /socket.io/ (%1)</source>
        <translation>no Socket.IO at /socket.io/ (%1)</translation>
    </message>
    <message>
        <source>auto: %1</source>
        <translation>auto: %1</translation>
    </message>
    <message>
        <source> (before that: %1)</source>
        <translation> (before that: %1)</translation>
    </message>
</context>
<context>
    <name>ProtocolProbe</name>
    <message>
        <source>%1 refused the credentials (%2)</source>
        <translation>%1 refused the credentials (%2)</translation>
    </message>
    <message>
        <source>no WebSocket handshake within %1 s</source>
        <translation>no WebSocket handshake within %1 s</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>no answer within %1 s</translation>
    </message>
</context>
<context>
    <name>ReconnectPolicy</name>
    <message numerus="yes">
        <source>authentication failed %n time(s); not retrying: %1</source>
        <translation>
            <numerusform>authentication failed %n time; not retrying: %1</numerusform>
            <numerusform>authentication failed %n times; not retrying: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n attempt(s): %1</source>
        <translation>
            <numerusform>gave up after %n attempt: %1</numerusform>
            <numerusform>gave up after %n attempts: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the same error %n time(s) in a row, which retrying cannot fix: %1</source>
        <translation>
            <numerusform>the same error %n time in a row, which retrying cannot fix: %1</numerusform>
            <numerusform>the same error %n times in a row, which retrying cannot fix: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (retrying cannot fix this)</source>
        <translation>%1 (retrying cannot fix this)</translation>
    </message>
</context>
<context>
    <name>ReconnectingSource</name>
    <message>
        <source>no server URL is configured</source>
        <translation>no server URL is configured</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <source>reconnect requested</source>
        <translation>reconnect requested</translation>
    </message>
    <message>
        <source>no answer from the server within %1 s</source>
        <translation>no answer from the server within %1 s</translation>
    </message>
    <message>
        <source>nothing from the server for %1 s</source>
        <translation>nothing from the server for %1 s</translation>
    </message>
    <message>
        <source>no sign of life from the server after a network change</source>
        <translation>no sign of life from the server after a network change</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>Muted todos are stored and counted but never pop up. Lowered todos pop up quietly: low urgency, no sound, and never during do not disturb or quiet hours. When one rule mutes a todo and another lowers it, it is muted.</source>
        <translation>Muted todos are stored and counted but never pop up. Lowered todos pop up quietly: low urgency, no sound, and never during do not disturb or quiet hours. When one rule mutes a todo and another lowers it, it is muted.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Notification rules</source>
        <translation>Notification rules</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>&amp;Add rule</translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation>&amp;Remove rule</translation>
    </message>
    <message>
        <source>Type is the kind of todo the server names (bname); text matches ignore upper and lower case.</source>
        <translation>Type is the kind of todo the server names (bname); text matches ignore upper and lower case.</translation>
    </message>
    <message>
        <source>By urgency</source>
        <translation>By urgency</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <source>Lower</source>
        <translation>Lower</translation>
    </message>
    <message>
        <source>What happens to todos below the urgency</source>
        <translation>What happens to todos below the urgency</translation>
    </message>
    <message>
        <source>no todos</source>
        <translation>no todos</translation>
    </message>
    <message>
        <source>normal todos (below urgent)</source>
        <translation>normal todos (below urgent)</translation>
    </message>
    <message>
        <source>normal and urgent todos (below critical)</source>
        <translation>normal and urgent todos (below critical)</translation>
    </message>
    <message>
        <source>Todos below this urgency</source>
        <translation>Todos below this urgency</translation>
    </message>
    <message>
        <source>Mute or lower every todo whose urgency is below the one chosen, whoever sends it.</source>
        <translation>Mute or lower every todo whose urgency is below the one chosen, whoever sends it.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>is</source>
        <translation>is</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contains</translation>
    </message>
    <message>
        <source>e.g. Leave request</source>
        <translation>e.g. Leave request</translation>
    </message>
    <message>
        <source>There are no todos in the list to try the rules on.</source>
        <translation>There are no todos in the list to try the rules on.</translation>
    </message>
    <message numerus="yes">
        <source>Would mute %1 and lower %2 of the %n todos in the list.</source>
        <translation>
            <numerusform>Would mute %1 and lower %2 of the %n todo in the list.</numerusform>
            <numerusform>Would mute %1 and lower %2 of the %n todos in the list.</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted: %1</source>
        <translation>Muted: %1</translation>
    </message>
    <message>
        <source>Lowered: %1</source>
        <translation>Lowered: %1</translation>
    </message>
</context>
<context>
    <name>SecretServiceBackend</name>
    <message>
        <source>Default keyring</source>
        <translation>Default keyring</translation>
    </message>
    <message>
        <source>The keychain was not unlocked.</source>
        <translation>The keychain was not unlocked.</translation>
    </message>
</context>
<context>
    <name>ServerProfiles</name>
    <message>
        <source>Server %1</source>
        <translation>Server %1</translation>
    </message>
    <message>
        <source>Give the new server a name.</source>
        <translation>Give the new server a name.</translation>
    </message>
    <message>
        <source>Another server is already called &quot;%1&quot;.</source>
        <translation>Another server is already called &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The administrator has locked the list of servers.</source>
        <translation>The administrator has locked the list of servers.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>There is no server &quot;%1&quot;.</source>
        <translation>There is no server &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The administrator has locked the server&apos;s name.</source>
        <translation>The administrator has locked the server&apos;s name.</translation>
    </message>
    <message>
        <source>The first server cannot be removed; change its connection instead.</source>
        <translation>The first server cannot be removed; change its connection instead.</translation>
    </message>
    <message>
        <source>A server id has 1 to %1 lower-case letters, digits and &apos;-&apos;, and does not start with &apos;-&apos;: &quot;%2&quot;.</source>
        <translation>A server id has 1 to %1 lower-case letters, digits and &apos;-&apos;, and does not start with &apos;-&apos;: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is reserved and cannot name a server.</source>
        <translation>&quot;%1&quot; is reserved and cannot name a server.</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <source>Todo Notifier connects to every server listed here at once, each with its own connection, passcode and todos. Adding, renaming and removing a server take effect at once.</source>
        <translation>Todo Notifier connects to every server listed here at once, each with its own connection, passcode and todos. Adding, renaming and removing a server take effect at once.</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Servers</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>Add another server to connect to</source>
        <translation>Add another server to connect to</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;name…</translation>
    </message>
    <message>
        <source>Give the selected server another name</source>
        <translation>Give the selected server another name</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Stop connecting to the selected server (the first server cannot be removed)</source>
        <translation>Stop connecting to the selected server (the first server cannot be removed)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Change the selected server&apos;s connection, links and advanced settings</source>
        <translation>Change the selected server&apos;s connection, links and advanced settings</translation>
    </message>
    <message>
        <source>(no server URL yet)</source>
        <translation>(no server URL yet)</translation>
    </message>
    <message>
        <source>The first server: its connection is on the Connection page</source>
        <translation>The first server: its connection is on the Connection page</translation>
    </message>
    <message>
        <source>Its own settings file: %1</source>
        <translation>Its own settings file: %1</translation>
    </message>
    <message>
        <source>Add a Server</source>
        <translation>Add a Server</translation>
    </message>
    <message>
        <source>Name of the new server (e.g. Production, Test system):</source>
        <translation>Name of the new server (e.g. Production, Test system):</translation>
    </message>
    <message>
        <source>Rename the Server</source>
        <translation>Rename the Server</translation>
    </message>
    <message>
        <source>New name (empty: its host):</source>
        <translation>New name (empty: its host):</translation>
    </message>
    <message>
        <source>Remove Server</source>
        <translation>Remove Server</translation>
    </message>
    <message>
        <source>Stop connecting to &quot;%1&quot; and remove its settings?</source>
        <translation>Stop connecting to &quot;%1&quot; and remove its settings?</translation>
    </message>
    <message>
        <source>Its todos stay on this computer.</source>
        <translation>Its todos stay on this computer.</translation>
    </message>
    <message>
        <source>Also &amp;forget its passcode and secret header values in the keychain</source>
        <translation>Also &amp;forget its passcode and secret header values in the keychain</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Enter a server URL, e.g. wss://push.example.com/ws.</source>
        <translation>Enter a server URL, e.g. wss://push.example.com/ws.</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>This is not a valid URL.</translation>
    </message>
    <message>
        <source>The URL has no host name.</source>
        <translation>The URL has no host name.</translation>
    </message>
    <message>
        <source>Enter at least one server URL.</source>
        <translation>Enter at least one server URL.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 is listed twice.</translation>
    </message>
    <message>
        <source>Enter a destination, e.g. /user/topic/all.</source>
        <translation>Enter a destination, e.g. /user/topic/all.</translation>
    </message>
    <message>
        <source>A destination cannot contain line breaks or control characters.</source>
        <translation>A destination cannot contain line breaks or control characters.</translation>
    </message>
    <message>
        <source>Enter a header name.</source>
        <translation>Enter a header name.</translation>
    </message>
    <message>
        <source>A header name cannot contain &quot;:&quot;, line breaks or control characters.</source>
        <translation>A header name cannot contain &quot;:&quot;, line breaks or control characters.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has its own field; set it there.</source>
        <translation>&quot;%1&quot; has its own field; set it there.</translation>
    </message>
    <message>
        <source>A handshake header name may contain only letters, digits and !#$%&amp;&apos;*+-.^_`|~.</source>
        <translation>A handshake header name may contain only letters, digits and !#$%&amp;&apos;*+-.^_`|~.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is set by the WebSocket handshake itself.</source>
        <translation>&quot;%1&quot; is set by the WebSocket handshake itself.</translation>
    </message>
    <message>
        <source>A header value cannot contain line breaks or control characters.</source>
        <translation>A header value cannot contain line breaks or control characters.</translation>
    </message>
    <message>
        <source>Use 0 (no heart-beat) or at least 1000 ms.</source>
        <translation>Use 0 (no heart-beat) or at least 1000 ms.</translation>
    </message>
    <message>
        <source>Use at most 3600000 ms (one hour).</source>
        <translation>Use at most 3600000 ms (one hour).</translation>
    </message>
    <message>
        <source>The first retry delay must be at least 100 ms.</source>
        <translation>The first retry delay must be at least 100 ms.</translation>
    </message>
    <message>
        <source>The maximum delay cannot be shorter than the first delay.</source>
        <translation>The maximum delay cannot be shorter than the first delay.</translation>
    </message>
    <message>
        <source>The maximum delay can be at most 3600000 ms (one hour).</source>
        <translation>The maximum delay can be at most 3600000 ms (one hour).</translation>
    </message>
    <message>
        <source>The attempt limit must be 0 (no limit) or more.</source>
        <translation>The attempt limit must be 0 (no limit) or more.</translation>
    </message>
    <message>
        <source>Use an http:// or https:// URL.</source>
        <translation>Use an http:// or https:// URL.</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;%1&quot;; use an IANA name such as Asia/Shanghai.</source>
        <translation>Unknown time zone &quot;%1&quot;; use an IANA name such as Asia/Shanghai.</translation>
    </message>
    <message>
        <source>Keep between 1 and 100000 todos.</source>
        <translation>Keep between 1 and 100000 todos.</translation>
    </message>
    <message>
        <source>Keep todos between 1 and 3650 days.</source>
        <translation>Keep todos between 1 and 3650 days.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a site; use e.g. https://sso.example.com.</source>
        <translation>&quot;%1&quot; is not a site; use e.g. https://sso.example.com.</translation>
    </message>
    <message>
        <source>Unknown transport &quot;%1&quot;; use auto, websocket or sockjs.</source>
        <translation>Unknown transport &quot;%1&quot;; use auto, websocket or sockjs.</translation>
    </message>
    <message>
        <source>The headers are not a JSON array.</source>
        <translation>The headers are not a JSON array.</translation>
    </message>
    <message>
        <source>A retry delay must be between 100 and 3600000 ms.</source>
        <translation>A retry delay must be between 100 and 3600000 ms.</translation>
    </message>
    <message>
        <source>Use a ws://, wss://, http:// or https:// URL, or stomp:// or stomp+ssl:// for a broker&apos;s STOMP port.</source>
        <translation>Use a ws://, wss://, http:// or https:// URL, or stomp:// or stomp+ssl:// for a broker&apos;s STOMP port.</translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;; use one of %2.</source>
        <translation>Unknown protocol &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>Use 0 (no keep-alive) or between 1000 and 3600000 ms.</source>
        <translation>Use 0 (no keep-alive) or between 1000 and 3600000 ms.</translation>
    </message>
    <message>
        <source>Enter an event name, e.g. todo.</source>
        <translation>Enter an event name, e.g. todo.</translation>
    </message>
    <message>
        <source>An event name cannot contain line breaks or control characters.</source>
        <translation>An event name cannot contain line breaks or control characters.</translation>
    </message>
    <message>
        <source>A Socket.IO namespace starts with / and has no commas or spaces, e.g. /admin.</source>
        <translation>A Socket.IO namespace starts with / and has no commas or spaces, e.g. /admin.</translation>
    </message>
    <message>
        <source>Use 0 (the server&apos;s default) or between 1 and 65535 messages.</source>
        <translation>Use 0 (the server&apos;s default) or between 1 and 65535 messages.</translation>
    </message>
    <message>
        <source>Use 0 (never) or between 1 and 1440 minutes.</source>
        <translation>Use 0 (never) or between 1 and 1440 minutes.</translation>
    </message>
    <message>
        <source>Write the time as hours and minutes, e.g. 19:00.</source>
        <translation>Write the time as hours and minutes, e.g. 19:00.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a day; use mon, tue, wed, thu, fri, sat or sun.</source>
        <translation>&quot;%1&quot; is not a day; use mon, tue, wed, thu, fri, sat or sun.</translation>
    </message>
    <message>
        <source>A field path is field names separated by dots, such as data.removedIds.</source>
        <translation>A field path is field names separated by dots, such as data.removedIds.</translation>
    </message>
    <message>
        <source>The server &quot;%1&quot; is listed twice.</source>
        <translation>The server &quot;%1&quot; is listed twice.</translation>
    </message>
    <message>
        <source>A server&apos;s name is one line of text.</source>
        <translation>A server&apos;s name is one line of text.</translation>
    </message>
    <message numerus="yes">
        <source>A server&apos;s name has at most %n characters.</source>
        <translation>
            <numerusform>A server&apos;s name has at most %n character.</numerusform>
            <numerusform>A server&apos;s name has at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Todo Notifier Settings</source>
        <translation>Todo Notifier Settings</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>No keychain is available: the passcode and secret header values are kept in memory for this session only and must be entered again after a restart. They are never written to the settings file.</source>
        <translation>No keychain is available: the passcode and secret header values are kept in memory for this session only and must be entered again after a restart. They are never written to the settings file.</translation>
    </message>
    <message>
        <source>Keychain notice</source>
        <translation>Keychain notice</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Save the settings and close</source>
        <translation>Save the settings and close</translation>
    </message>
    <message>
        <source>Save the settings and keep this window open</source>
        <translation>Save the settings and keep this window open</translation>
    </message>
    <message>
        <source>Close without saving anything</source>
        <translation>Close without saving anything</translation>
    </message>
    <message>
        <source>Welcome to Todo Notifier</source>
        <translation>Welcome to Todo Notifier</translation>
    </message>
    <message>
        <source>No server is configured yet. Enter the push server your organisation uses (your administrator knows its URL and destination), or try the demo server to see how todos arrive.</source>
        <translation>No server is configured yet. Enter the push server your organisation uses (your administrator knows its URL and destination), or try the demo server to see how todos arrive.</translation>
    </message>
    <message>
        <source>Try the &amp;demo server</source>
        <translation>Try the &amp;demo server</translation>
    </message>
    <message>
        <source>Start a built-in demo server on this computer that pushes sample todos</source>
        <translation>Start a built-in demo server on this computer that pushes sample todos</translation>
    </message>
    <message>
        <source>Could not read the saved secrets from the keychain: %1</source>
        <translation>Could not read the saved secrets from the keychain: %1</translation>
    </message>
    <message>
        <source>Something on this page needs correcting</source>
        <translation>Something on this page needs correcting</translation>
    </message>
    <message>
        <source>Correct the marked fields to save (%1).</source>
        <translation>Correct the marked fields to save (%1).</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Nothing was saved: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Reading the passcode from the keychain…</source>
        <translation>Reading the passcode from the keychain…</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Servers</translation>
    </message>
    <message>
        <source>Server Settings: %1</source>
        <translation>Server Settings: %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Set by your administrator; it cannot be changed here.</source>
        <translation>Set by your administrator; it cannot be changed here.</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until</source>
        <translation>Snooze until</translation>
    </message>
    <message>
        <source>When should this todo remind you again?</source>
        <translation>When should this todo remind you again?</translation>
    </message>
    <message>
        <source>When should “%1” remind you again?</source>
        <translation>When should “%1” remind you again?</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>&amp;Snooze</translation>
    </message>
</context>
<context>
    <name>SnoozeTimes</name>
    <message>
        <source>Choose a date and a time.</source>
        <translation>Choose a date and a time.</translation>
    </message>
    <message>
        <source>That time has passed. Choose a time in the future.</source>
        <translation>That time has passed. Choose a time in the future.</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hour</translation>
    </message>
    <message>
        <source>Tomorrow morning</source>
        <translation>Tomorrow morning</translation>
    </message>
</context>
<context>
    <name>SockJsFraming</name>
    <message>
        <source>empty SockJS frame</source>
        <translation>empty SockJS frame</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;%1&apos; frame</source>
        <translation>unexpected data after the SockJS &apos;%1&apos; frame</translation>
    </message>
    <message>
        <source>malformed SockJS &apos;a&apos; frame: %1</source>
        <translation>malformed SockJS &apos;a&apos; frame: %1</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;a&apos; frame</source>
        <translation>unexpected data after the SockJS &apos;a&apos; frame</translation>
    </message>
    <message>
        <source>malformed SockJS &apos;m&apos; frame: %1</source>
        <translation>malformed SockJS &apos;m&apos; frame: %1</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;m&apos; frame</source>
        <translation>unexpected data after the SockJS &apos;m&apos; frame</translation>
    </message>
    <message>
        <source>malformed SockJS &apos;c&apos; frame (expected c[code,&quot;reason&quot;]): %1</source>
        <translation>malformed SockJS &apos;c&apos; frame (expected c[code,&quot;reason&quot;]): %1</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;c&apos; frame</source>
        <translation>unexpected data after the SockJS &apos;c&apos; frame</translation>
    </message>
    <message>
        <source>not a SockJS frame (starts with byte 0x%1)</source>
        <translation>not a SockJS frame (starts with byte 0x%1)</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos; at offset %2</source>
        <translation>expected &apos;%1&apos; at offset %2</translation>
    </message>
    <message>
        <source>expected a JSON string at offset %1</source>
        <translation>expected a JSON string at offset %1</translation>
    </message>
    <message>
        <source>unterminated JSON string</source>
        <translation>unterminated JSON string</translation>
    </message>
    <message>
        <source>unescaped control character in a JSON string at offset %1</source>
        <translation>unescaped control character in a JSON string at offset %1</translation>
    </message>
    <message>
        <source>expected an integer at offset %1</source>
        <translation>expected an integer at offset %1</translation>
    </message>
    <message>
        <source>truncated \u escape</source>
        <translation>truncated \u escape</translation>
    </message>
    <message>
        <source>invalid \u escape at offset %1</source>
        <translation>invalid \u escape at offset %1</translation>
    </message>
    <message>
        <source>invalid escape &apos;\%1&apos; in a JSON string</source>
        <translation>invalid escape &apos;\%1&apos; in a JSON string</translation>
    </message>
    <message>
        <source>a SockJS frame longer than %1 bytes</source>
        <translation>a SockJS frame longer than %1 bytes</translation>
    </message>
</context>
<context>
    <name>SockJsHttpTransport</name>
    <message>
        <source>not a SockJS URL (http://, https://, ws:// or wss://): %1</source>
        <translation>not a SockJS URL (http://, https://, ws:// or wss://): %1</translation>
    </message>
    <message>
        <source>SockJS protocol error: %1</source>
        <translation>SockJS protocol error: %1</translation>
    </message>
    <message>
        <source>the SockJS %1 receive broke: %2</source>
        <translation>the SockJS %1 receive broke: %2</translation>
    </message>
    <message>
        <source>the SockJS %1 receive broke off inside a frame: %2</source>
        <translation>the SockJS %1 receive broke off inside a frame: %2</translation>
    </message>
    <message>
        <source>the SockJS %1 response from %2 ended before the session opened</source>
        <translation>the SockJS %1 response from %2 ended before the session opened</translation>
    </message>
    <message>
        <source>SockJS protocol error: %1 receive responses in a row from %2 without a frame</source>
        <translation>SockJS protocol error: %1 receive responses in a row from %2 without a frame</translation>
    </message>
    <message>
        <source>the server no longer knows the SockJS session %1 (it answered the re-opened receive with a new &apos;o&apos; frame)</source>
        <translation>the server no longer knows the SockJS session %1 (it answered the re-opened receive with a new &apos;o&apos; frame)</translation>
    </message>
    <message>
        <source>SockJS protocol error: a second &apos;o&apos; frame on an open session</source>
        <translation>SockJS protocol error: a second &apos;o&apos; frame on an open session</translation>
    </message>
    <message>
        <source>SockJS protocol error: messages before the &apos;o&apos; frame</source>
        <translation>SockJS protocol error: messages before the &apos;o&apos; frame</translation>
    </message>
    <message>
        <source>the server closed the SockJS session: %1 (code %2)</source>
        <translation>the server closed the SockJS session: %1 (code %2)</translation>
    </message>
    <message>
        <source>the server no longer knows the SockJS session %1 (xhr_send answered 404)</source>
        <translation>the server no longer knows the SockJS session %1 (xhr_send answered 404)</translation>
    </message>
    <message>
        <source>SockJS xhr_send failed: %1</source>
        <translation>SockJS xhr_send failed: %1</translation>
    </message>
    <message>
        <source>no SockJS &apos;o&apos; frame from %1 over %2 within %3 s (a proxy that buffers responses holds it back?)</source>
        <translation>no SockJS &apos;o&apos; frame from %1 over %2 within %3 s (a proxy that buffers responses holds it back?)</translation>
    </message>
    <message>
        <source>%1 returned %2: the server wants credentials (Authorization or Cookie handshake header)</source>
        <translation>%1 returned %2: the server wants credentials (Authorization or Cookie handshake header)</translation>
    </message>
    <message>
        <source>%1 returned %2: the server behind it is not answering</source>
        <translation>%1 returned %2: the server behind it is not answering</translation>
    </message>
    <message>
        <source>%1 returned %2</source>
        <translation>%1 returned %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>closed by the client</translation>
    </message>
</context>
<context>
    <name>SockJsInfo</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>the answer is not a JSON object</translation>
    </message>
    <message>
        <source>the JSON has no boolean &quot;websocket&quot; member</source>
        <translation>the JSON has no boolean &quot;websocket&quot; member</translation>
    </message>
</context>
<context>
    <name>SockJsInfoProbe</name>
    <message>
        <source>no answer in time</source>
        <translation>no answer in time</translation>
    </message>
    <message>
        <source>SockJS info request to %1 failed: %2</source>
        <translation>SockJS info request to %1 failed: %2</translation>
    </message>
    <message>
        <source>SockJS info endpoint %1 returned %2: the server wants credentials (Authorization or Cookie handshake header)</source>
        <translation>SockJS info endpoint %1 returned %2: the server wants credentials (Authorization or Cookie handshake header)</translation>
    </message>
    <message>
        <source>SockJS info endpoint returned 404: this may be a raw WebSocket URL (%1)</source>
        <translation>SockJS info endpoint returned 404: this may be a raw WebSocket URL (%1)</translation>
    </message>
    <message>
        <source>SockJS info endpoint %1 returned %2: not a SockJS endpoint, or a broken one</source>
        <translation>SockJS info endpoint %1 returned %2: not a SockJS endpoint, or a broken one</translation>
    </message>
    <message>
        <source>%1 answered, but not as a SockJS server: %2</source>
        <translation>%1 answered, but not as a SockJS server: %2</translation>
    </message>
    <message>
        <source>SockJS info endpoint %1 returned %2: the server behind it is not answering</source>
        <translation>SockJS info endpoint %1 returned %2: the server behind it is not answering</translation>
    </message>
</context>
<context>
    <name>SockJsTransport</name>
    <message>
        <source>not a SockJS URL (http://, https://, ws:// or wss://): %1</source>
        <translation>not a SockJS URL (http://, https://, ws:// or wss://): %1</translation>
    </message>
    <message>
        <source>SockJS WebSocket %1: %2</source>
        <translation>SockJS WebSocket %1: %2</translation>
    </message>
    <message>
        <source>SockJS protocol error: %1</source>
        <translation>SockJS protocol error: %1</translation>
    </message>
    <message>
        <source>SockJS protocol error: a second &apos;o&apos; frame on an open session</source>
        <translation>SockJS protocol error: a second &apos;o&apos; frame on an open session</translation>
    </message>
    <message>
        <source>SockJS protocol error: messages before the &apos;o&apos; frame</source>
        <translation>SockJS protocol error: messages before the &apos;o&apos; frame</translation>
    </message>
    <message>
        <source>the server closed the SockJS session: %1 (code %2)</source>
        <translation>the server closed the SockJS session: %1 (code %2)</translation>
    </message>
    <message>
        <source>the WebSocket closed before the SockJS session opened: %1</source>
        <translation>the WebSocket closed before the SockJS session opened: %1</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>closed by the client</translation>
    </message>
    <message>
        <source>the SockJS server at %1 has WebSocket switched off (/info says websocket:false)</source>
        <translation>the SockJS server at %1 has WebSocket switched off (/info says websocket:false)</translation>
    </message>
</context>
<context>
    <name>SocketIoPacket</name>
    <message>
        <source>an empty Socket.IO packet</source>
        <translation>an empty Socket.IO packet</translation>
    </message>
    <message>
        <source>a Socket.IO packet that is not UTF-8 text</source>
        <translation>a Socket.IO packet that is not UTF-8 text</translation>
    </message>
    <message>
        <source>an unknown Socket.IO packet type</source>
        <translation>an unknown Socket.IO packet type</translation>
    </message>
    <message>
        <source>a binary Socket.IO packet without a valid attachment count</source>
        <translation>a binary Socket.IO packet without a valid attachment count</translation>
    </message>
    <message>
        <source>a Socket.IO packet with an ack id of more than %1 digits</source>
        <translation>a Socket.IO packet with an ack id of more than %1 digits</translation>
    </message>
    <message numerus="yes">
        <source>a binary Socket.IO packet (%n attachment(s)): binary arguments are not supported</source>
        <translation>
            <numerusform>a binary Socket.IO packet (%n attachment): binary arguments are not supported</numerusform>
            <numerusform>a binary Socket.IO packet (%n attachments): binary arguments are not supported</numerusform>
        </translation>
    </message>
    <message>
        <source>a Socket.IO packet whose data is not JSON</source>
        <translation>a Socket.IO packet whose data is not JSON</translation>
    </message>
    <message>
        <source>a CONNECT packet whose data is not a JSON object</source>
        <translation>a CONNECT packet whose data is not a JSON object</translation>
    </message>
    <message>
        <source>a DISCONNECT packet with data</source>
        <translation>a DISCONNECT packet with data</translation>
    </message>
    <message>
        <source>a CONNECT_ERROR packet without a message</source>
        <translation>a CONNECT_ERROR packet without a message</translation>
    </message>
    <message>
        <source>an EVENT packet without an event name</source>
        <translation>an EVENT packet without an event name</translation>
    </message>
    <message>
        <source>an EVENT packet with the reserved name &quot;%1&quot;</source>
        <translation>an EVENT packet with the reserved name &quot;%1&quot;</translation>
    </message>
    <message>
        <source>an ACK packet whose data is not a JSON array</source>
        <translation>an ACK packet whose data is not a JSON array</translation>
    </message>
</context>
<context>
    <name>SocketIoSource</name>
    <message>
        <source>not a Socket.IO URL (http://, https://, ws:// or wss:// with a host): %1</source>
        <translation>not a Socket.IO URL (http://, https://, ws:// or wss:// with a host): %1</translation>
    </message>
    <message>
        <source>the server opened a long-polling session but refused its upgrade to WebSocket (%1): this client needs WebSocket, which the server or a proxy in front of it does not let through</source>
        <translation>the server opened a long-polling session but refused its upgrade to WebSocket (%1): this client needs WebSocket, which the server or a proxy in front of it does not let through</translation>
    </message>
    <message>
        <source>the server answered, but not as a Socket.IO (Engine.IO 4) server: %1</source>
        <translation>the server answered, but not as a Socket.IO (Engine.IO 4) server: %1</translation>
    </message>
    <message>
        <source>a malformed Engine.IO packet: %1</source>
        <translation>a malformed Engine.IO packet: %1</translation>
    </message>
    <message>
        <source>the server answered, but not as a Socket.IO (Engine.IO 4) server: its first packet is not an open packet</source>
        <translation>the server answered, but not as a Socket.IO (Engine.IO 4) server: its first packet is not an open packet</translation>
    </message>
    <message>
        <source>the server closed the Engine.IO session</source>
        <translation>the server closed the Engine.IO session</translation>
    </message>
    <message>
        <source>a malformed Socket.IO packet: %1</source>
        <translation>a malformed Socket.IO packet: %1</translation>
    </message>
    <message>
        <source>the server disconnected this client from namespace %1</source>
        <translation>the server disconnected this client from namespace %1</translation>
    </message>
    <message>
        <source>Socket.IO 4, namespace %1, ping every %2 ms (timeout %3 ms)</source>
        <translation>Socket.IO 4, namespace %1, ping every %2 ms (timeout %3 ms)</translation>
    </message>
    <message>
        <source>namespace %1 refused the credentials: %2</source>
        <translation>namespace %1 refused the credentials: %2</translation>
    </message>
    <message>
        <source>the server has no namespace %1</source>
        <translation>the server has no namespace %1</translation>
    </message>
    <message>
        <source>namespace %1 refused the connection: %2</source>
        <translation>namespace %1 refused the connection: %2</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
</context>
<context>
    <name>SourceConnectionCheck</name>
    <message>
        <source>the server closed the connection</source>
        <translation>the server closed the connection</translation>
    </message>
</context>
<context>
    <name>SseSource</name>
    <message>
        <source>%1: Server-Sent Events need an http:// or https:// URL</source>
        <translation>%1: Server-Sent Events need an http:// or https:// URL</translation>
    </message>
    <message>
        <source>%1 answered with %2, not an event stream (text/event-stream): not a Server-Sent Events URL</source>
        <translation>%1 answered with %2, not an event stream (text/event-stream): not a Server-Sent Events URL</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>no content type</translation>
    </message>
    <message>
        <source>todos from events %1</source>
        <translation>todos from events %1</translation>
    </message>
    <message>
        <source>resumed after event id &quot;%1&quot; (Last-Event-ID): a server that keeps its events replays what was missed</source>
        <translation>resumed after event id &quot;%1&quot; (Last-Event-ID): a server that keeps its events replays what was missed</translation>
    </message>
    <message>
        <source>what is missed while disconnected is replayed through Last-Event-ID once the server sends event ids</source>
        <translation>what is missed while disconnected is replayed through Last-Event-ID once the server sends event ids</translation>
    </message>
    <message>
        <source>Server-Sent Events, %1; %2</source>
        <translation>Server-Sent Events, %1; %2</translation>
    </message>
    <message>
        <source>%1 returned 204 No Content: the server asks not to be reconnected; start again to retry</source>
        <translation>%1 returned 204 No Content: the server asks not to be reconnected; start again to retry</translation>
    </message>
    <message>
        <source>the server ended the event stream</source>
        <translation>the server ended the event stream</translation>
    </message>
    <message>
        <source>the event stream broke: %1</source>
        <translation>the event stream broke: %1</translation>
    </message>
    <message>
        <source>%1 returned %2: there is no event stream at this path</source>
        <translation>%1 returned %2: there is no event stream at this path</translation>
    </message>
    <message>
        <source>%1 returned %2: the server wants credentials (an Authorization or Cookie header)</source>
        <translation>%1 returned %2: the server wants credentials (an Authorization or Cookie header)</translation>
    </message>
    <message>
        <source>%1 returned %2: the server is not taking connections now</source>
        <translation>%1 returned %2: the server is not taking connections now</translation>
    </message>
    <message>
        <source>%1 returned %2 instead of an event stream: not a Server-Sent Events URL</source>
        <translation>%1 returned %2 instead of an event stream: not a Server-Sent Events URL</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>cannot reach %1: %2</translation>
    </message>
</context>
<context>
    <name>StompClient</name>
    <message>
        <source>no server URL is configured</source>
        <translation>no server URL is configured</translation>
    </message>
    <message>
        <source>reconnect requested</source>
        <translation>reconnect requested</translation>
    </message>
    <message>
        <source>no transport for %1</source>
        <translation>no transport for %1</translation>
    </message>
    <message>
        <source>malformed frame</source>
        <translation>malformed frame</translation>
    </message>
    <message>
        <source>malformed frame from the server: %1</source>
        <translation>malformed frame from the server: %1</translation>
    </message>
    <message>
        <source>no answer from the server within %1 s</source>
        <translation>no answer from the server within %1 s</translation>
    </message>
    <message>
        <source>no data from the server for %1 s (heart-beat %2 s)</source>
        <translation>no data from the server for %1 s (heart-beat %2 s)</translation>
    </message>
    <message>
        <source>no answer to WebSocket pings for %1 s</source>
        <translation>no answer to WebSocket pings for %1 s</translation>
    </message>
    <message>
        <source>no sign of life from the server after a network change</source>
        <translation>no sign of life from the server after a network change</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
</context>
<context>
    <name>StompConnectionCheck</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>STOMP %1 over %2, heart-beat %3 out, %4 in</source>
        <translation>STOMP %1 over %2, heart-beat %3 out, %4 in</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>the server closed the connection</translation>
    </message>
    <message>
        <source>Subscribed to %1.</source>
        <translation>Subscribed to %1.</translation>
    </message>
    <message>
        <source>the server did not confirm the subscription to %1 within %2 s</source>
        <translation>the server did not confirm the subscription to %1 within %2 s</translation>
    </message>
</context>
<context>
    <name>StompDestination</name>
    <message>
        <source>RabbitMQ exchange &quot;%1&quot;</source>
        <translation>RabbitMQ exchange &quot;%1&quot;</translation>
    </message>
    <message>
        <source>RabbitMQ exchange &quot;%1&quot;, binding pattern &quot;%2&quot;</source>
        <translation>RabbitMQ exchange &quot;%1&quot;, binding pattern &quot;%2&quot;</translation>
    </message>
    <message>
        <source>queue &quot;%1&quot;</source>
        <translation>queue &quot;%1&quot;</translation>
    </message>
    <message>
        <source>existing RabbitMQ queue &quot;%1&quot;</source>
        <translation>existing RabbitMQ queue &quot;%1&quot;</translation>
    </message>
    <message>
        <source>topic &quot;%1&quot;</source>
        <translation>topic &quot;%1&quot;</translation>
    </message>
    <message>
        <source>temporary reply queue &quot;%1&quot;</source>
        <translation>temporary reply queue &quot;%1&quot;</translation>
    </message>
    <message>
        <source>user destination &quot;%1&quot; (for the handshake&apos;s principal)</source>
        <translation>user destination &quot;%1&quot; (for the handshake&apos;s principal)</translation>
    </message>
    <message>
        <source>destination &quot;%1&quot;</source>
        <translation>destination &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>StompHandshake</name>
    <message>
        <source>the server chose an unknown STOMP version &quot;%1&quot;</source>
        <translation>the server chose an unknown STOMP version &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the server chose STOMP %1, which was not offered</source>
        <translation>the server chose STOMP %1, which was not offered</translation>
    </message>
</context>
<context>
    <name>StompPushSource</name>
    <message>
        <source>STOMP %1, heart-beat %2,%3 ms, server &quot;%4&quot;</source>
        <translation>STOMP %1, heart-beat %2,%3 ms, server &quot;%4&quot;</translation>
    </message>
</context>
<context>
    <name>StringListEditor</name>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Add an entry and edit it</source>
        <translation>Add an entry and edit it</translation>
    </message>
    <message>
        <source>Remove the selected entry (Delete)</source>
        <translation>Remove the selected entry (Delete)</translation>
    </message>
    <message>
        <source>Move the selected entry up: it is tried earlier</source>
        <translation>Move the selected entry up: it is tried earlier</translation>
    </message>
    <message>
        <source>Move the selected entry down: it is tried later</source>
        <translation>Move the selected entry down: it is tried later</translation>
    </message>
    <message>
        <source>Add to %1</source>
        <translation>Add to %1</translation>
    </message>
    <message>
        <source>Remove from %1</source>
        <translation>Remove from %1</translation>
    </message>
    <message>
        <source>Move up in %1</source>
        <translation>Move up in %1</translation>
    </message>
    <message>
        <source>Move down in %1</source>
        <translation>Move down in %1</translation>
    </message>
</context>
<context>
    <name>TcpTransport</name>
    <message>
        <source>not a STOMP TCP URL (stomp:// or stomp+ssl://): %1</source>
        <translation>not a STOMP TCP URL (stomp:// or stomp+ssl://): %1</translation>
    </message>
    <message>
        <source>this build has no TLS support</source>
        <translation>this build has no TLS support</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>closed by the client</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>the server closed the connection</translation>
    </message>
    <message>
        <source>the connection closed before it was established</source>
        <translation>the connection closed before it was established</translation>
    </message>
</context>
<context>
    <name>TodoDatabase</name>
    <message>
        <source>The todo store %1 could not be used (%2). It was moved to %3 and a new, empty store was created.</source>
        <translation>The todo store %1 could not be used (%2). It was moved to %3 and a new, empty store was created.</translation>
    </message>
    <message>
        <source>The todo store %1 could not be used (%2), nor could a new one be created there. Todos are kept in memory only until the application quits.</source>
        <translation>The todo store %1 could not be used (%2), nor could a new one be created there. Todos are kept in memory only until the application quits.</translation>
    </message>
    <message>
        <source>No todo store could be opened: %1</source>
        <translation>No todo store could be opened: %1</translation>
    </message>
    <message>
        <source>%1 is a directory</source>
        <translation>%1 is a directory</translation>
    </message>
    <message>
        <source>cannot create the directory %1</source>
        <translation>cannot create the directory %1</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>the Qt SQLite driver (QSQLITE) is not installed</translation>
    </message>
    <message>
        <source>it was written by a newer version of the application (schema %1, this one knows %2)</source>
        <translation>it was written by a newer version of the application (schema %1, this one knows %2)</translation>
    </message>
    <message>
        <source>it is not a todo store (it has other tables)</source>
        <translation>it is not a todo store (it has other tables)</translation>
    </message>
    <message>
        <source>integrity check failed: %1</source>
        <translation>integrity check failed: %1</translation>
    </message>
    <message>
        <source>schema migration to version %1 failed: %2</source>
        <translation>schema migration to version %1 failed: %2</translation>
    </message>
</context>
<context>
    <name>TodoDelegate</name>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>yesterday %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Snoozed until %1</translation>
    </message>
    <message>
        <source>Snoozed until tomorrow %1</source>
        <translation>Snoozed until tomorrow %1</translation>
    </message>
    <message>
        <source>Snoozed until %1 %2</source>
        <translation>Snoozed until %1 %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Main server</source>
        <translation>Main server</translation>
    </message>
</context>
<context>
    <name>TodoListWindow</name>
    <message>
        <source>Unread</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>The todo was not opened: %1</source>
        <translation>The todo was not opened: %1</translation>
    </message>
    <message>
        <source>“%1” was not opened: %2</source>
        <translation>“%1” was not opened: %2</translation>
    </message>
    <message>
        <source>Search todos (Ctrl+F)</source>
        <translation>Search todos (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search todos</source>
        <translation>Search todos</translation>
    </message>
    <message>
        <source>Shows the todos whose title, sender, department or business type contain every word</source>
        <translation>Shows the todos whose title, sender, department or business type contain every word</translation>
    </message>
    <message>
        <source>&amp;Unread only</source>
        <translation>&amp;Unread only</translation>
    </message>
    <message>
        <source>Show unread todos only</source>
        <translation>Show unread todos only</translation>
    </message>
    <message>
        <source>&amp;Mark all as read</source>
        <translation>&amp;Mark all as read</translation>
    </message>
    <message>
        <source>Mark all todos as read</source>
        <translation>Mark all todos as read</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Application menu</source>
        <translation>Application menu</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Enter opens the selected todo in the browser; the context menu key shows more</source>
        <translation>Enter opens the selected todo in the browser; the context menu key shows more</translation>
    </message>
    <message>
        <source>No todos to show</source>
        <translation>No todos to show</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Connection status</translation>
    </message>
    <message>
        <source>Number of todos</source>
        <translation>Number of todos</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>Mark as &amp;unread</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>Mark as &amp;read</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>&amp;Copy link</translation>
    </message>
    <message>
        <source>No todos yet.

When a todo is pushed to you (an approval, a change request, a task), it appears here at once and as a notification.</source>
        <translation>No todos yet.

When a todo is pushed to you (an approval, a change request, a task), it appears here at once and as a notification.</translation>
    </message>
    <message>
        <source>First tell Todo Notifier where your server is: Menu → Settings…</source>
        <translation>First tell Todo Notifier where your server is: Menu → Settings…</translation>
    </message>
    <message>
        <source>No todos match “%1”.</source>
        <translation>No todos match “%1”.</translation>
    </message>
    <message>
        <source>No unread todos: you have read them all.</source>
        <translation>No unread todos: you have read them all.</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n todos</source>
        <translation>
            <numerusform>%n todo</numerusform>
            <numerusform>%n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Todos (%n unread)</source>
        <translation>
            <numerusform>Todos (%n unread)</numerusform>
            <numerusform>Todos (%n unread)</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter: open · Ctrl+R: mark as read or unread · Ctrl+S: snooze for an hour · Ctrl+Shift+S: snooze until… · Menu key or Shift+F10: more</source>
        <translation>Enter: open · Ctrl+R: mark as read or unread · Ctrl+S: snooze for an hour · Ctrl+Shift+S: snooze until… · Menu key or Shift+F10: more</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>&amp;Snooze</translation>
    </message>
    <message>
        <source>&amp;Choose a time…</source>
        <translation>&amp;Choose a time…</translation>
    </message>
    <message>
        <source>&amp;Wake now</source>
        <translation>&amp;Wake now</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”: %2</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Shows the todos of one server only</source>
        <translation>Shows the todos of one server only</translation>
    </message>
    <message>
        <source>No todos from %1 match “%2”.</source>
        <translation>No todos from %1 match “%2”.</translation>
    </message>
    <message>
        <source>No unread todos from %1.</source>
        <translation>No unread todos from %1.</translation>
    </message>
    <message>
        <source>No todos from %1 yet.</source>
        <translation>No todos from %1 yet.</translation>
    </message>
    <message>
        <source>All servers</source>
        <translation>All servers</translation>
    </message>
</context>
<context>
    <name>TodoOpener</name>
    <message>
        <source>This todo is no longer in the list.</source>
        <translation>This todo is no longer in the list.</translation>
    </message>
    <message>
        <source>No web browser could be started to open the link.</source>
        <translation>No web browser could be started to open the link.</translation>
    </message>
</context>
<context>
    <name>TodoStore</name>
    <message>
        <source>the todo store is not open</source>
        <translation>the todo store is not open</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source>TLS certificate rejected: %1</source>
        <translation>TLS certificate rejected: %1</translation>
    </message>
</context>
<context>
    <name>TransportPlan</name>
    <message>
        <source> with %1</source>
        <translation> with %1</translation>
    </message>
    <message>
        <source>not a server URL (ws://, wss://, http:// or https://): %1</source>
        <translation>not a server URL (ws://, wss://, http:// or https://): %1</translation>
    </message>
    <message>
        <source>/info says websocket:true</source>
        <translation>/info says websocket:true</translation>
    </message>
    <message>
        <source>; not a SockJS endpoint either: %1</source>
        <translation>; not a SockJS endpoint either: %1</translation>
    </message>
    <message>
        <source>/info is not SockJS JSON</source>
        <translation>/info is not SockJS JSON</translation>
    </message>
    <message>
        <source>/info returned %1</source>
        <translation>/info returned %1</translation>
    </message>
    <message>
        <source>no SockJS /info</source>
        <translation>no SockJS /info</translation>
    </message>
    <message>
        <source>what worked before was refused%1</source>
        <translation>what worked before was refused%1</translation>
    </message>
    <message>
        <source>WebSocket upgrade refused%1</source>
        <translation>WebSocket upgrade refused%1</translation>
    </message>
    <message>
        <source>raw /websocket refused%1</source>
        <translation>raw /websocket refused%1</translation>
    </message>
    <message>
        <source>; as a raw WebSocket URL: %1</source>
        <translation>; as a raw WebSocket URL: %1</translation>
    </message>
    <message>
        <source>%1, as configured</source>
        <translation>%1, as configured</translation>
    </message>
    <message>
        <source>auto, remembered: %1</source>
        <translation>auto, remembered: %1</translation>
    </message>
    <message>
        <source>auto: the WebSocket upgrade was accepted</source>
        <translation>auto: the WebSocket upgrade was accepted</translation>
    </message>
    <message>
        <source>auto: %1</source>
        <translation>auto: %1</translation>
    </message>
    <message>
        <source>/info says websocket:false</source>
        <translation>/info says websocket:false</translation>
    </message>
    <message>
        <source>raw /websocket failed (%1)</source>
        <translation>raw /websocket failed (%1)</translation>
    </message>
    <message>
        <source>%1 (before: %2)</source>
        <translation>%1 (before: %2)</translation>
    </message>
    <message>
        <source>SockJS WebSocket</source>
        <translation>SockJS WebSocket</translation>
    </message>
    <message>
        <source>%1 refused%2</source>
        <translation>%1 refused%2</translation>
    </message>
    <message>
        <source>%1 failed (%2)</source>
        <translation>%1 failed (%2)</translation>
    </message>
    <message>
        <source>%1, as configured: %2</source>
        <translation>%1, as configured: %2</translation>
    </message>
</context>
<context>
    <name>TrayApplication</name>
    <message>
        <source>Todo Notifier</source>
        <translation>Todo Notifier</translation>
    </message>
    <message>
        <source>The todo store cannot be opened: %1</source>
        <translation>The todo store cannot be opened: %1</translation>
    </message>
    <message>
        <source>Your desktop has no system tray, so this window is Todo Notifier&apos;s main window: closing it quits the application. Notifications still appear.</source>
        <translation>Your desktop has no system tray, so this window is Todo Notifier&apos;s main window: closing it quits the application. Notifications still appear.</translation>
    </message>
    <message>
        <source>The demo server cannot be started: %1</source>
        <translation>The demo server cannot be started: %1</translation>
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation>Starting at login could not be changed: %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Todo Notifier %1&lt;/h3&gt;&lt;p&gt;Stays connected to your organisation&apos;s push server and tells you the moment a todo is waiting for you.&lt;/p&gt;&lt;p&gt;Notifications: %2&lt;br&gt;Todo store: %3&lt;br&gt;Settings: %4&lt;/p&gt;&lt;p&gt;Built with Qt %5.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Todo Notifier %1&lt;/h3&gt;&lt;p&gt;Stays connected to your organisation&apos;s push server and tells you the moment a todo is waiting for you.&lt;/p&gt;&lt;p&gt;Notifications: %2&lt;br&gt;Todo store: %3&lt;br&gt;Settings: %4&lt;/p&gt;&lt;p&gt;Built with Qt %5.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Todo Notifier</source>
        <translation>About Todo Notifier</translation>
    </message>
    <message>
        <source>The todos of %1 cannot be opened, so it is not connected: %2</source>
        <translation>The todos of %1 cannot be opened, so it is not connected: %2</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>&amp;Open todo list</source>
        <translation>&amp;Open todo list</translation>
    </message>
    <message>
        <source>&amp;Mark all as read</source>
        <translation>&amp;Mark all as read</translation>
    </message>
    <message>
        <source>For 1 &amp;hour</source>
        <translation>For 1 &amp;hour</translation>
    </message>
    <message>
        <source>Until &amp;tomorrow (%1)</source>
        <translation>Until &amp;tomorrow (%1)</translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation>&amp;Off</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Reconnect now</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;About Todo Notifier</source>
        <translation>&amp;About Todo Notifier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message numerus="yes">
        <source>%n pending todos — %1</source>
        <translation>
            <numerusform>%n pending todo — %1</numerusform>
            <numerusform>%n pending todos — %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not disturb until %1</source>
        <translation>Do not disturb until %1</translation>
    </message>
    <message>
        <source>&amp;Do not disturb (until %1)</source>
        <translation>&amp;Do not disturb (until %1)</translation>
    </message>
    <message>
        <source>&amp;Do not disturb</source>
        <translation>&amp;Do not disturb</translation>
    </message>
</context>
<context>
    <name>WebSocketTransport</name>
    <message>
        <source>not a WebSocket URL (ws:// or wss://): %1</source>
        <translation>not a WebSocket URL (ws:// or wss://): %1</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>closed by the client</translation>
    </message>
    <message>
        <source>the server closed the connection (code %1)</source>
        <translation>the server closed the connection (code %1)</translation>
    </message>
    <message>
        <source>the connection closed during the handshake</source>
        <translation>the connection closed during the handshake</translation>
    </message>
    <message>
        <source>the server answered the WebSocket handshake with status code: 400 (Bad Request)</source>
        <translation>the server answered the WebSocket handshake with status code: 400 (Bad Request)</translation>
    </message>
</context>
<context>
    <name>WindowsAutostart</name>
    <message>
        <source>Cannot change %1 in the registry.</source>
        <translation>Cannot change %1 in the registry.</translation>
    </message>
</context>
<context>
    <name>XdgAutostart</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Cannot remove %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
</context>
</TS>
