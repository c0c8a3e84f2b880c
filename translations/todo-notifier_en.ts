<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
        <source>Usage: todo-notifier-cli &lt;command&gt; [options]

A headless STOMP-over-WebSocket client: everything the tray app does, from a terminal.

Commands:
  listen   connect, subscribe and print one JSON object per line for every event
  check    connect once and report the negotiated version, heart-beat and server
  send     send one message and wait for the server&apos;s receipt

Run &apos;todo-notifier-cli &lt;command&gt; --help&apos; for the options of a command.
The passcode is never taken from the command line: use --passcode-file or the
environment variable TODO_NOTIFIER_PASSCODE.
</source>
        <translation>Usage: todo-notifier-cli &lt;command&gt; [options]

A headless STOMP-over-WebSocket client: everything the tray app does, from a terminal.

Commands:
  listen   connect, subscribe and print one JSON object per line for every event
  check    connect once and report the negotiated version, heart-beat and server
  send     send one message and wait for the server&apos;s receipt

Run &apos;todo-notifier-cli &lt;command&gt; --help&apos; for the options of a command.
The passcode is never taken from the command line: use --passcode-file or the
environment variable TODO_NOTIFIER_PASSCODE.
</translation>
    </message>
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
        <source>Start the embedded demo push server and connect to it.</source>
        <translation>Start the embedded demo push server and connect to it.</translation>
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
        <source>Usage: todo-notifier-cli check [options]

Connect once and report the negotiated STOMP version, heart-beat and server. Exit codes: 0 ok, 3 unreachable, 4 handshake refused, 5 authentication failed, 6 server or protocol error, 7 timeout, 8 TLS.
</source>
        <translation>Usage: todo-notifier-cli check [options]

Connect once and report the negotiated STOMP version, heart-beat and server. Exit codes: 0 ok, 3 unreachable, 4 handshake refused, 5 authentication failed, 6 server or protocol error, 7 timeout, 8 TLS.
</translation>
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
        <source>invalid --url &quot;%1&quot;: expected ws://, wss://, http:// or https:// with a host</source>
        <translation>invalid --url &quot;%1&quot;: expected ws://, wss://, http:// or https:// with a host</translation>
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
        <source>invalid line in --header-file: expected name:value</source>
        <translation>invalid line in --header-file: expected name:value</translation>
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
        <source>Server URL as you have it: ws(s)://host/ws (STOMP over WebSocket) or http(s)://host/app/ws (a SockJS endpoint, e.g. Spring&apos;s .withSockJS()); repeat for failover, tried in order.</source>
        <translation>Server URL as you have it: ws(s)://host/ws (STOMP over WebSocket) or http(s)://host/app/ws (a SockJS endpoint, e.g. Spring&apos;s .withSockJS()); repeat for failover, tried in order.</translation>
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
        <source>invalid line in --handshake-header-file: expected name:value</source>
        <translation>invalid line in --handshake-header-file: expected name:value</translation>
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
        <source>demo push server (a test double, not a broker) listening on %1</source>
        <translation>demo push server (a test double, not a broker) listening on %1</translation>
    </message>
    <message>
        <source>connected to %1 via %2: STOMP %3, heart-beat %4,%5 ms, server &quot;%6&quot;</source>
        <translation>connected to %1 via %2: STOMP %3, heart-beat %4,%5 ms, server &quot;%6&quot;</translation>
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
    <name>FreedesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
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
        <source>Use a ws://, wss://, http:// or https:// URL.</source>
        <translation>Use a ws://, wss://, http:// or https:// URL.</translation>
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
        <source>TLS certificate rejected: %1</source>
        <translation>TLS certificate rejected: %1</translation>
    </message>
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
</context>
<context>
    <name>SockJsTransport</name>
    <message>
        <source>not a SockJS URL (http://, https://, ws:// or wss://): %1</source>
        <translation>not a SockJS URL (http://, https://, ws:// or wss://): %1</translation>
    </message>
    <message>
        <source>the SockJS server at %1 has WebSocket switched off (/info says websocket:false); this client speaks SockJS over WebSocket only</source>
        <translation>the SockJS server at %1 has WebSocket switched off (/info says websocket:false); this client speaks SockJS over WebSocket only</translation>
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
        <source>the server chose an unknown STOMP version &quot;%1&quot;</source>
        <translation>the server chose an unknown STOMP version &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the server chose STOMP %1, which was not offered</source>
        <translation>the server chose STOMP %1, which was not offered</translation>
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
    <message>
        <source>disconnected</source>
        <translation>disconnected</translation>
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
    <name>TodoStore</name>
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
        <source>integrity check failed: %1</source>
        <translation>integrity check failed: %1</translation>
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
        <source>schema migration to version %1 failed: %2</source>
        <translation>schema migration to version %1 failed: %2</translation>
    </message>
    <message>
        <source>the todo store is not open</source>
        <translation>the todo store is not open</translation>
    </message>
    <message>
        <source>The todo store %1 could not be used (%2). It was moved to %3 and a new, empty store was created.</source>
        <translation>The todo store %1 could not be used (%2). It was moved to %3 and a new, empty store was created.</translation>
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
        <source>%1 is a SockJS endpoint with WebSocket switched off (/info says websocket:false); this client speaks SockJS over WebSocket only</source>
        <translation>%1 is a SockJS endpoint with WebSocket switched off (/info says websocket:false); this client speaks SockJS over WebSocket only</translation>
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
        <source>TLS certificate rejected: %1</source>
        <translation>TLS certificate rejected: %1</translation>
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
