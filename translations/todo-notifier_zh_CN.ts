<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdvancedPage</name>
    <message>
        <source>Extra headers</source>
        <translation>额外的头</translation>
    </message>
    <message>
        <source>Heart-beat and reconnecting</source>
        <translation>心跳与重连</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Heart-beat &amp;sent every:</source>
        <translation>发送心跳间隔(&amp;S)：</translation>
    </message>
    <message>
        <source>How often this computer offers to show the server it is alive; 0 = never.</source>
        <translation>本机多久向服务器表明一次自己在线；0 = 从不。</translation>
    </message>
    <message>
        <source>Heart-beat &amp;expected every:</source>
        <translation>期望心跳间隔(&amp;E)：</translation>
    </message>
    <message>
        <source>How often the server should show it is alive; a silent connection is then reopened. 0 = never.</source>
        <translation>服务器应多久表明一次自己在线；超时无声的连接会重新建立。0 = 从不。</translation>
    </message>
    <message>
        <source>&amp;First retry after:</source>
        <translation>首次重试等待(&amp;F)：</translation>
    </message>
    <message>
        <source>The wait before the first reconnect attempt; it doubles with every failed attempt.</source>
        <translation>第一次重连前的等待时间；每失败一次翻倍。</translation>
    </message>
    <message>
        <source>&amp;Longest wait between retries:</source>
        <translation>重试最长等待(&amp;L)：</translation>
    </message>
    <message>
        <source>The wait between reconnect attempts never grows beyond this.</source>
        <translation>两次重连之间的等待不会超过此值。</translation>
    </message>
    <message>
        <source>&amp;Give up after:</source>
        <translation>放弃前尝试(&amp;G)：</translation>
    </message>
    <message>
        <source>Failed attempts in a row before giving up; 0 = keep trying.</source>
        <translation>连续失败多少次后放弃；0 = 一直尝试。</translation>
    </message>
    <message>
        <source>attempts (0 = never)</source>
        <translation>次（0 = 不放弃）</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone (%1)</source>
        <translation>本机时区（%1）</translation>
    </message>
    <message>
        <source>&amp;Time zone of server times:</source>
        <translation>服务器时间的时区(&amp;T)：</translation>
    </message>
    <message>
        <source>The time zone the server writes the todos&apos; times in, e.g. Asia/Shanghai.</source>
        <translation>服务器书写待办时间所用的时区，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>&amp;Keep at most:</source>
        <translation>最多保留(&amp;K)：</translation>
    </message>
    <message>
        <source>How many read todos are kept; unread ones are always kept.</source>
        <translation>保留多少条已读待办；未读待办总是保留。</translation>
    </message>
    <message>
        <source>read todos</source>
        <translation>条已读待办</translation>
    </message>
    <message>
        <source>Keep read todos &amp;for:</source>
        <translation>已读待办保留(&amp;F)：</translation>
    </message>
    <message>
        <source>Days a read todo that the server no longer lists is kept.</source>
        <translation>服务器不再列出的已读待办保留的天数。</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Enter a number of milliseconds, e.g. 10000.</source>
        <translation>请输入毫秒数，例如 10000。</translation>
    </message>
    <message>
        <source>Enter a whole number, e.g. 5.</source>
        <translation>请输入整数，例如 5。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>AutoConnectionCheck</name>
    <message>
        <source>the server speaks %1, which this version cannot speak yet</source>
        <translation>服务器使用 %1 协议，本版本尚不支持</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>AutoSource</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>no server URL is configured</source>
        <translation>未配置服务器 URL</translation>
    </message>
    <message>
        <source>%1 speaks %2, which this version cannot speak yet</source>
        <translation>%1 使用 %2 协议，本版本尚不支持</translation>
    </message>
</context>
<context>
    <name>AutoTransport</name>
    <message>
        <source>closed by the client</source>
        <translation>已由客户端关闭</translation>
    </message>
</context>
<context>
    <name>CatchUp</name>
    <message>
        <source>the pending list is larger than %1 bytes</source>
        <translation>待办列表超过 %1 字节</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP 状态码 %1</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <source>no command given</source>
        <translation>未指定命令</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (expected listen, check or send)</source>
        <translation>未知命令“%1”（应为 listen、check 或 send）</translation>
    </message>
    <message>
        <source>--passcode is not accepted: command lines are visible to other users. Use --passcode-file PATH or the TODO_NOTIFIER_PASSCODE environment variable.</source>
        <translation>不接受 --passcode：命令行对其他用户可见。请使用 --passcode-file 路径 或环境变量 TODO_NOTIFIER_PASSCODE。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>STOMP login.</source>
        <translation>STOMP 登录名。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Read the STOMP passcode from this file.</source>
        <translation>从此文件读取 STOMP 密码。</translation>
    </message>
    <message>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>STOMP host header (RabbitMQ virtual host).</source>
        <translation>STOMP host 头（RabbitMQ 虚拟主机）。</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Extra CONNECT header, e.g. client-id:desk-42 (repeatable).</source>
        <translation>额外的 CONNECT 头，例如 client-id:desk-42（可重复）。</translation>
    </message>
    <message>
        <source>name:value</source>
        <translation>名称:值</translation>
    </message>
    <message>
        <source>Read extra CONNECT headers (one name:value per line) from a file; use it for tokens.</source>
        <translation>从文件读取额外的 CONNECT 头（每行一个 名称:值）；令牌请用此方式提供。</translation>
    </message>
    <message>
        <source>Heart-beat periods in ms we send and want (default 10000,10000).</source>
        <translation>我方发送与期望接收的心跳周期，单位毫秒（默认 10000,10000）。</translation>
    </message>
    <message>
        <source>out,in</source>
        <translation>发送,接收</translation>
    </message>
    <message>
        <source>Ack mode: auto, client or client-individual.</source>
        <translation>确认模式：auto、client 或 client-individual。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Log protocol details to stderr.</source>
        <translation>将协议细节输出到标准错误。</translation>
    </message>
    <message>
        <source>Destination to subscribe or send to (repeatable for listen).</source>
        <translation>要订阅或发送到的目标地址（listen 时可重复）。</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>目标地址</translation>
    </message>
    <message>
        <source>listen: exit after N messages.</source>
        <translation>listen：收到 N 条消息后退出。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>listen: exit after S seconds; check/send: give up after S seconds.</source>
        <translation>listen：S 秒后退出；check/send：S 秒后放弃。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Reconnect delays in ms: initial,maximum (default 1000,60000).</source>
        <translation>重连延迟，单位毫秒：初始,最大（默认 1000,60000）。</translation>
    </message>
    <message>
        <source>initial,max</source>
        <translation>初始,最大</translation>
    </message>
    <message>
        <source>Give up after N failed attempts in a row (default: never).</source>
        <translation>连续失败 N 次后放弃（默认：永不放弃）。</translation>
    </message>
    <message>
        <source>send: content-type header.</source>
        <translation>send：content-type 头。</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Accept TLS certificates that fail verification (testing only).</source>
        <translation>接受未通过验证的 TLS 证书（仅用于测试）。</translation>
    </message>
    <message>
        <source>Message body; read from stdin when omitted.</source>
        <translation>消息正文；省略时从标准输入读取。</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli send --destination D [options] [body]

Send one message and wait for the server&apos;s receipt.
</source>
        <translation>用法：todo-notifier-cli send --destination D [选项] [正文]

发送一条消息并等待服务器的回执。
</translation>
    </message>
    <message>
        <source>no server: give --url (or --demo to try the embedded demo server)</source>
        <translation>未指定服务器：请提供 --url（或用 --demo 试用内置演示服务器）</translation>
    </message>
    <message>
        <source>invalid --header &quot;%1&quot;: expected name:value</source>
        <translation>无效的 --header“%1”：应为 名称:值</translation>
    </message>
    <message>
        <source>invalid --heartbeat &quot;%1&quot;: expected two non-negative millisecond values, e.g. 10000,10000</source>
        <translation>无效的 --heartbeat“%1”：应为两个非负的毫秒数，例如 10000,10000</translation>
    </message>
    <message>
        <source>invalid --reconnect &quot;%1&quot;: expected initial,maximum in ms with initial &lt;= maximum</source>
        <translation>无效的 --reconnect“%1”：应为 初始,最大（毫秒），且初始值 &lt;= 最大值</translation>
    </message>
    <message>
        <source>invalid --max-attempts: expected a positive number</source>
        <translation>无效的 --max-attempts：应为正数</translation>
    </message>
    <message>
        <source>--destination is required</source>
        <translation>必须提供 --destination</translation>
    </message>
    <message>
        <source>invalid --ack &quot;%1&quot;: expected auto, client or client-individual</source>
        <translation>无效的 --ack“%1”：应为 auto、client 或 client-individual</translation>
    </message>
    <message>
        <source>invalid --count: expected a positive number</source>
        <translation>无效的 --count：应为正数</translation>
    </message>
    <message>
        <source>invalid --timeout: expected a positive number of seconds</source>
        <translation>无效的 --timeout：应为正的秒数</translation>
    </message>
    <message>
        <source>send takes one body argument; quote it or pipe it on stdin</source>
        <translation>send 只接受一个正文参数；请加引号，或通过标准输入传入</translation>
    </message>
    <message>
        <source>no body given and stdin cannot be read</source>
        <translation>未提供正文，且无法读取标准输入</translation>
    </message>
    <message>
        <source>listen: keep todos in this SQLite file and print one &quot;todo&quot; event per new todo; with --ack client or client-individual a message is acknowledged only after it is committed.</source>
        <translation>listen：把待办保存在此 SQLite 文件中，每个新待办输出一个“todo”事件；使用 --ack client 或 client-individual 时，消息在写入提交之后才会确认。</translation>
    </message>
    <message>
        <source>listen --store: web application URL that todo links are relative to (default: the push URL&apos;s origin, ws -&gt; http, wss -&gt; https).</source>
        <translation>listen --store：待办链接所相对的 Web 应用 URL（默认：推送 URL 的源，ws -&gt; http，wss -&gt; https）。</translation>
    </message>
    <message>
        <source>listen --store: time zone of the server&apos;s &quot;yyyy-MM-dd HH:mm:ss&quot; times, e.g. Asia/Shanghai (default: local).</source>
        <translation>listen --store：服务器“yyyy-MM-dd HH:mm:ss”时间所用的时区，例如 Asia/Shanghai（默认：本机时区）。</translation>
    </message>
    <message>
        <source>zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>listen --store: another site todo links may open, e.g. https://sso.example.com (repeatable).</source>
        <translation>listen --store：待办链接可以打开的其他站点，例如 https://sso.example.com（可重复）。</translation>
    </message>
    <message>
        <source>listen --store: after every connect, GET this pending-todo list (same auth headers, same payload shape) and reconcile.</source>
        <translation>listen --store：每次连接后，GET 此待办列表（相同的认证头、相同的数据格式）并进行核对。</translation>
    </message>
    <message>
        <source>listen --store: keep at most N read todos (unread ones are never deleted; default %1).</source>
        <translation>listen --store：最多保留 N 条已读待办（未读的从不删除；默认 %1）。</translation>
    </message>
    <message>
        <source>listen --store: delete read todos not seen for D days (default %1).</source>
        <translation>listen --store：删除 D 天内未再出现的已读待办（默认 %1）。</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli listen [options]

Connect, subscribe to every --destination and print one JSON object per line for each event (connected, message, disconnected, reconnecting, error). Reconnects by itself. With --store, messages become todos: &quot;todo&quot; events (each new todo once, with the pending count) replace &quot;message&quot; events and --count counts new todos.
</source>
        <translation>用法：todo-notifier-cli listen [选项]

连接、订阅每个 --destination，并为每个事件（connected、message、disconnected、reconnecting、error）每行输出一个 JSON 对象。断线后自动重连。使用 --store 时，消息会成为待办：以“todo”事件（每个新待办一次，附带待办总数）取代“message”事件，--count 统计的是新待办数。
</translation>
    </message>
    <message>
        <source>How to speak to the URLs: websocket, sockjs, or auto (default: find out, and say how and why).</source>
        <translation>与这些 URL 通信的方式：websocket、sockjs 或 auto（默认：自动探测，并说明方式和原因）。</translation>
    </message>
    <message>
        <source>Extra HTTP header for the WebSocket/SockJS handshake, e.g. Cookie:SESSION=... (repeatable; never logged). Spring user destinations need the principal&apos;s Cookie or Authorization here.</source>
        <translation>WebSocket/SockJS 握手时附加的 HTTP 头，例如 Cookie:SESSION=...（可重复；从不写入日志）。Spring 的用户目标地址需要在这里提供该用户的 Cookie 或 Authorization。</translation>
    </message>
    <message>
        <source>Read extra handshake headers (one name:value per line) from a file; use it for cookies and tokens.</source>
        <translation>从文件读取额外的握手头（每行一个 名称:值）；Cookie 和令牌请用此方式提供。</translation>
    </message>
    <message>
        <source>invalid --transport &quot;%1&quot;: expected auto, websocket or sockjs</source>
        <translation>无效的 --transport“%1”：应为 auto、websocket 或 sockjs</translation>
    </message>
    <message>
        <source>invalid --handshake-header: expected name:value</source>
        <translation>无效的 --handshake-header：应为 名称:值</translation>
    </message>
    <message>
        <source>--store needs a file path</source>
        <translation>--store 需要一个文件路径</translation>
    </message>
    <message>
        <source>--%1 requires --store</source>
        <translation>--%1 需要同时使用 --store</translation>
    </message>
    <message>
        <source>invalid --web-base &quot;%1&quot;: expected an http:// or https:// URL with a host</source>
        <translation>无效的 --web-base“%1”：应为带主机名的 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>invalid --server-timezone &quot;%1&quot;: expected an IANA name such as Asia/Shanghai, UTC or local</source>
        <translation>无效的 --server-timezone“%1”：应为 IANA 时区名（如 Asia/Shanghai）、UTC 或 local</translation>
    </message>
    <message>
        <source>invalid --allow-origin &quot;%1&quot;: expected an http:// or https:// URL with a host</source>
        <translation>无效的 --allow-origin“%1”：应为带主机名的 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>invalid --pending-url &quot;%1&quot;: expected an http:// or https:// URL with a host</source>
        <translation>无效的 --pending-url“%1”：应为带主机名的 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>invalid --%1: expected a positive number</source>
        <translation>无效的 --%1：应为正数</translation>
    </message>
    <message>
        <source>listen: extra SUBSCRIBE header, e.g. prefetch-count:100 (repeatable).</source>
        <translation>listen：额外的 SUBSCRIBE 头，例如 prefetch-count:100（可重复）。</translation>
    </message>
    <message>
        <source>invalid --subscribe-header &quot;%1&quot;: expected name:value</source>
        <translation>无效的 --subscribe-header“%1”：应为 名称:值</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>invalid line %1 in --%2: expected name:value</source>
        <translation>--%2 第 %1 行无效：应为 名称:值</translation>
    </message>
    <message>
        <source>Server URL as you have it: ws(s)://host/ws (STOMP over WebSocket), http(s)://host/app/ws (a SockJS endpoint, e.g. Spring&apos;s .withSockJS()) or stomp://host:61613 and stomp+ssl://host:61614 (a broker&apos;s STOMP port); repeat for failover, tried in order.</source>
        <translation>服务器地址（按您手上的写法）：ws(s)://host/ws（基于 WebSocket 的 STOMP）、http(s)://host/app/ws（SockJS 端点，如 Spring 的 .withSockJS()），或 stomp://host:61613 与 stomp+ssl://host:61614（消息代理的 STOMP 端口）；可重复指定以便故障切换，按顺序尝试。</translation>
    </message>
    <message>
        <source>invalid --url &quot;%1&quot;: expected ws://, wss://, http://, https://, stomp:// or stomp+ssl:// with a host</source>
        <translation>无效的 --url“%1”：应为带主机名的 ws://、wss://、http://、https://、stomp:// 或 stomp+ssl:// 地址</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>json-ws: text sent after every connect, e.g. {&quot;clientId&quot;:&quot;{clientId}&quot;} ({login} and {clientId} are filled in).</source>
        <translation>json-ws：每次连接后发送的文本，例如 {&quot;clientId&quot;:&quot;{clientId}&quot;}（会填入 {login} 和 {clientId}）。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>json-ws: application keep-alive text, e.g. {&quot;keepalive&quot;:&quot;live&quot;}.</source>
        <translation>json-ws：应用层保活文本，例如 {&quot;keepalive&quot;:&quot;live&quot;}。</translation>
    </message>
    <message>
        <source>json-ws: send the keep-alive every MS milliseconds; three intervals of silence count as a lost connection.</source>
        <translation>json-ws：每 MS 毫秒发送一次保活消息；连续三个间隔没有任何消息即视为连接已断开。</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>invalid --protocol: %1</source>
        <translation>无效的 --protocol：%1</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>invalid --keepalive-interval: %1</source>
        <translation>无效的 --keepalive-interval：%1</translation>
    </message>
    <message>
        <source>--keepalive-interval needs --keepalive-message</source>
        <translation>--keepalive-interval 需要同时指定 --keepalive-message</translation>
    </message>
    <message>
        <source>The push protocol: auto (default: find out, and say how and why), stomp (over WebSocket, SockJS or a broker&apos;s STOMP port), sockjs (STOMP over SockJS), json-ws (a plain WebSocket that pushes JSON), sse (Server-Sent Events from an http(s):// URL), socketio (a Socket.IO 3/4 server: http://host:3000, or http://host:3000/namespace; --header values are its auth payload).</source>
        <translation>推送协议：auto（默认：自动探测，并说明依据和原因）、stomp（通过 WebSocket、SockJS 或代理的 STOMP 端口）、sockjs（基于 SockJS 的 STOMP）、json-ws（推送 JSON 的普通 WebSocket）、sse（来自 http(s):// URL 的服务器发送事件）、socketio（Socket.IO 3/4 服务器：http://host:3000 或 http://host:3000/命名空间；--header 的值作为其认证数据）。</translation>
    </message>
    <message>
        <source>json-ws: the file where messages wait while the server cannot be reached; they go out on the next connect, by send or listen (default: one file per server under the application&apos;s data directory).</source>
        <translation>json-ws：服务器无法连接时消息在此文件中等待；下次连接时（send 或 listen）发出（默认：应用数据目录下每个服务器一个文件）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>sse, socketio: an event whose data are todos, e.g. todo (repeatable; default for sse: message, the type of an event without an event: field; for socketio: every event).</source>
        <translation>sse、socketio：其数据为待办的事件，例如 todo（可重复；sse 默认为 message，即没有 event: 字段的事件类型；socketio 默认为所有事件）。</translation>
    </message>
    <message>
        <source>socketio: the namespace to join, e.g. /admin (default: the URL&apos;s path).</source>
        <translation>socketio：要加入的命名空间，例如 /admin（默认：URL 的路径）。</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>send does not speak Socket.IO: with --protocol socketio use listen or check</source>
        <translation>send 不支持 Socket.IO：使用 --protocol socketio 时请用 listen 或 check</translation>
    </message>
    <message>
        <source>invalid --namespace: %1</source>
        <translation>无效的 --namespace：%1</translation>
    </message>
    <message>
        <source>only for --protocol sse, socketio or auto</source>
        <translation>仅适用于 --protocol sse、socketio 或 auto</translation>
    </message>
    <message>
        <source>invalid --event: %1</source>
        <translation>无效的 --event：%1</translation>
    </message>
    <message>
        <source>send is not available with --protocol sse: Server-Sent Events only flow from the server</source>
        <translation>--protocol sse 不支持 send：服务器发送事件只能从服务器流向客户端</translation>
    </message>
    <message>
        <source>Usage: todo-notifier-cli check [options]

Connect once and report the protocol (with auto: what was found and why), the transport, and what the server negotiated. Exit codes: 0 ok, 3 unreachable, 4 refused or nothing at this path, 5 authentication failed, 6 server error, 7 timeout, 8 TLS, 9 not this protocol.
</source>
        <translation>用法：todo-notifier-cli check [选项]

连接一次并报告协议（auto 时：探测到什么以及原因）、传输方式以及服务器协商的内容。退出码：0 成功，3 无法连接，4 被拒绝或此路径上没有内容，5 认证失败，6 服务器错误，7 超时，8 TLS，9 不是此协议。
</translation>
    </message>
    <message>
        <source>Start the embedded demo push server and connect to it, over one of its protocols: stomp (the default when none is given), sockjs, json-ws, sse or socketio, e.g. --demo json-ws.</source>
        <translation>启动内置的演示推送服务器并连接，使用其协议之一：stomp（未指定时的默认值）、sockjs、json-ws、sse 或 socketio，例如 --demo json-ws。</translation>
    </message>
    <message>
        <source>invalid --demo &quot;%1&quot;: expected one of %2</source>
        <translation>无效的 --demo &quot;%1&quot;：应为 %2 之一</translation>
    </message>
    <message>
        <source>listen with --ack client or client-individual: messages the broker may send ahead of our acks (RabbitMQ prefetch-count, ActiveMQ activemq.prefetchSize); 0 = the broker&apos;s default (default: %1).</source>
        <translation>listen 配合 --ack client 或 client-individual：消息代理在我们确认之前最多可预先发送的消息数（RabbitMQ 的 prefetch-count，ActiveMQ 的 activemq.prefetchSize）；0 = 使用消息代理的默认值（默认：%1）。</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>invalid --prefetch: %1</source>
        <translation>无效的 --prefetch：%1</translation>
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
        <translation>用法：todo-notifier-cli &lt;命令&gt; [选项]

无界面的推送客户端：在终端中完成托盘应用所做的一切。它支持 STOMP
（通过 WebSocket、SockJS 或代理的 TCP 端口）以及 --protocol 列出的其他推送协议，
默认会自动探测服务器使用的协议。

命令：
  listen   连接、订阅，并为每个事件每行输出一个 JSON 对象
  check    连接一次，报告协议、协商的版本、心跳和服务器
  send     发送一条消息并等待服务器回执

运行 &apos;todo-notifier-cli &lt;命令&gt; --help&apos; 查看某个命令的选项。
口令从不从命令行获取：请使用 --passcode-file 或
环境变量 TODO_NOTIFIER_PASSCODE。
listen 和 check 也可用 --profile 名称 连接托盘应用中配置的服务器，
其口令取自钥匙串。
</translation>
    </message>
    <message>
        <source>listen, check: connect to a server configured in the tray app: &quot;default&quot; (the first server), a profile id or a server&apos;s name. Its settings give the connection and the keychain its passcode and secret header values; the connection options (--url, --login, --protocol, --destination, ...) and --store&apos;s link, time zone and retention options cannot be given with it.</source>
        <translation>listen、check：连接托盘应用中配置的服务器：&quot;default&quot;（第一个服务器）、配置 ID 或服务器名称。连接取自其设置，口令和保密请求头的值取自钥匙串；不能同时给出连接选项（--url、--login、--protocol、--destination 等）以及 --store 的链接、时区和保留选项。</translation>
    </message>
    <message>
        <source>listen, check --profile: the tray app&apos;s settings file (default: your settings).</source>
        <translation>listen、check --profile：托盘应用的设置文件（默认：您的设置）。</translation>
    </message>
    <message>
        <source>--config needs --profile</source>
        <translation>--config 需要与 --profile 一起使用</translation>
    </message>
    <message>
        <source>--config needs a file path</source>
        <translation>--config 需要一个文件路径</translation>
    </message>
    <message>
        <source>--%1 cannot be combined with --profile: the profile gives the connection</source>
        <translation>--%1 不能与 --profile 同时使用：连接由配置给出</translation>
    </message>
    <message>
        <source>no server profile named %1; the profiles are: %2</source>
        <translation>没有名为 %1 的服务器配置；现有配置：%2</translation>
    </message>
    <message>
        <source>the server profile %1 has no server URL yet</source>
        <translation>服务器配置 %1 尚未设置服务器 URL</translation>
    </message>
    <message>
        <source>warning: no keychain (%1): connecting without the profile&apos;s passcode and secret header values</source>
        <translation>警告：没有钥匙串（%1）：连接时不带该配置的口令和保密请求头的值</translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>sent to %1, receipt %2</source>
        <translation>已发送到 %1，回执 %2</translation>
    </message>
    <message>
        <source>error: no receipt from the server for the message</source>
        <translation>错误：服务器未返回该消息的回执</translation>
    </message>
    <message>
        <source>error: cannot start the demo server</source>
        <translation>错误：无法启动演示服务器</translation>
    </message>
    <message>
        <source>error: %1 (%2)</source>
        <translation>错误：%1（%2）</translation>
    </message>
    <message>
        <source>error: timed out after %1 s with %2 of %3 messages</source>
        <translation>错误：%1 秒后超时，已收到 %3 条中的 %2 条消息</translation>
    </message>
    <message>
        <source>error: no answer within %1 s</source>
        <translation>错误：%1 秒内没有应答</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>connected to %1 via %2: %3</source>
        <translation>已通过 %2 连接到 %1：%3</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>sent a message queued earlier</source>
        <translation>已发送一条先前排队的消息</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>messages queued earlier: %1; they go first</source>
        <translation>先前排队的消息：%1 条；它们先发送</translation>
    </message>
    <message>
        <source>messages not sent yet: %1, kept in %2; they go out on the next connect (send or listen)</source>
        <translation>尚未发送的消息：%1 条，保存在 %2；下次连接时（send 或 listen）发出</translation>
    </message>
    <message>
        <source>demo push server (a test double, not a broker) speaking %1 on %2</source>
        <translation>演示推送服务器（测试替身，不是消息代理）在 %2 上使用 %1</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Server URLs</source>
        <translation>服务器 URL</translation>
    </message>
    <message>
        <source>&amp;Server URLs:</source>
        <translation>服务器 URL(&amp;S)：</translation>
    </message>
    <message>
        <source>Automatic (WebSocket or SockJS)</source>
        <translation>自动（WebSocket 或 SockJS）</translation>
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
        <translation>传输方式(&amp;T)：</translation>
    </message>
    <message>
        <source>Automatic finds out whether a URL is a plain STOMP WebSocket endpoint or a SockJS endpoint.</source>
        <translation>“自动”会判断 URL 是普通的 STOMP WebSocket 端点还是 SockJS 端点。</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>目标地址</translation>
    </message>
    <message>
        <source>&amp;Destinations:</source>
        <translation>目标地址(&amp;D)：</translation>
    </message>
    <message>
        <source>The STOMP destinations to subscribe to, e.g. /user/topic/all or /exchange/FanoutDemandExchange.</source>
        <translation>要订阅的 STOMP 目标地址，例如 /user/topic/all 或 /exchange/FanoutDemandExchange。</translation>
    </message>
    <message>
        <source>not sent when empty</source>
        <translation>留空则不发送</translation>
    </message>
    <message>
        <source>Virtual &amp;host:</source>
        <translation>虚拟主机(&amp;H)：</translation>
    </message>
    <message>
        <source>The STOMP host header; for RabbitMQ the virtual host, e.g. /.</source>
        <translation>STOMP 的 host 头；对 RabbitMQ 而言是虚拟主机，例如 /。</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>The STOMP login (user name).</source>
        <translation>STOMP 登录名（用户名）。</translation>
    </message>
    <message>
        <source>&amp;Passcode:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>The STOMP passcode (password). It is kept in the keychain, never in the settings file.</source>
        <translation>STOMP 密码。它保存在系统钥匙串中，绝不写入设置文件。</translation>
    </message>
    <message>
        <source>D&amp;urable subscription (the broker keeps todos while this computer is off)</source>
        <translation>持久订阅(&amp;U)（本机关机时由消息代理保留待办）</translation>
    </message>
    <message>
        <source>Asks the broker for a subscription that outlives the connection (RabbitMQ, ActiveMQ).</source>
        <translation>请求消息代理建立在连接断开后仍然保留的订阅（RabbitMQ、ActiveMQ）。</translation>
    </message>
    <message>
        <source>Check these settings</source>
        <translation>检查这些设置</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Connect and subscribe with the values on screen, without saving them</source>
        <translation>用界面上的值连接并订阅，不保存</translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation>取消测试</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>连接测试结果</translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>正在读取钥匙串…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected to %1; checking…</source>
        <translation>已连接 %1，正在检查…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>There is no server URL to test.</source>
        <translation>没有可测试的服务器 URL。</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>测试已取消。</translation>
    </message>
    <message>
        <source>It works: %1.</source>
        <translation>连接正常：%1。</translation>
    </message>
    <message>
        <source>Server: %1.</source>
        <translation>服务器：%1。</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>无法访问：%1</translation>
    </message>
    <message>
        <source>The handshake was refused: %1</source>
        <translation>握手被拒绝：%1</translation>
    </message>
    <message>
        <source>Nothing at this address: %1</source>
        <translation>此地址上没有服务：%1</translation>
    </message>
    <message>
        <source>Authentication failed. The server said: %1</source>
        <translation>身份验证失败。服务器返回：%1</translation>
    </message>
    <message>
        <source>Server error: %1</source>
        <translation>服务器错误：%1</translation>
    </message>
    <message>
        <source>The server refused the subscription: %1</source>
        <translation>服务器拒绝了订阅：%1</translation>
    </message>
    <message>
        <source>Protocol error: %1</source>
        <translation>协议错误：%1</translation>
    </message>
    <message>
        <source>No answer in time: %1</source>
        <translation>未及时响应：%1</translation>
    </message>
    <message>
        <source>Secure connection (TLS) failed: %1</source>
        <translation>安全连接（TLS）失败：%1</translation>
    </message>
    <message>
        <source>The connection was lost: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <source>Connected with %1, but the test failed after connecting. %2</source>
        <translation>已连接（%1），但连接后的测试失败。%2</translation>
    </message>
    <message>
        <source>STOMP (WebSocket, SockJS or a broker&apos;s STOMP port)</source>
        <translation>STOMP（WebSocket、SockJS 或消息代理的 STOMP 端口）</translation>
    </message>
    <message>
        <source>STOMP over SockJS</source>
        <translation>基于 SockJS 的 STOMP</translation>
    </message>
    <message>
        <source>Plain WebSocket with JSON</source>
        <translation>推送 JSON 的普通 WebSocket</translation>
    </message>
    <message>
        <source>P&amp;rotocol:</source>
        <translation>协议(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Open message:</source>
        <translation>连接消息(&amp;O)：</translation>
    </message>
    <message>
        <source>Sent after every connect, for servers that push only to clients that said who they are. {login} and {clientId} (the same for this computer every time) are filled in. Empty: nothing is sent.</source>
        <translation>每次连接后发送，用于只向已表明身份的客户端推送的服务器。会填入 {login} 和 {clientId}（本机每次相同）。留空则不发送。</translation>
    </message>
    <message>
        <source>&amp;Keep-alive message:</source>
        <translation>保活消息(&amp;K)：</translation>
    </message>
    <message>
        <source>Sent regularly so that the server (and proxies) keep the connection open; its replies, and anything else the server sends, show that the connection is alive.</source>
        <translation>定期发送，使服务器（及代理）保持连接；服务器的回复以及它发送的任何内容都表明连接仍然有效。</translation>
    </message>
    <message>
        <source>Keep-alive &amp;every:</source>
        <translation>保活间隔(&amp;E)：</translation>
    </message>
    <message>
        <source>0: no keep-alive. Three intervals without anything from the server count as a lost connection.</source>
        <translation>0：不发送保活消息。连续三个间隔没有收到服务器的任何内容即视为连接已断开。</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Enter the keep-alive message to send, or 0 for none.</source>
        <translation>请输入要发送的保活消息，或填 0 表示不发送。</translation>
    </message>
    <message>
        <source>Automatic (find out what the server speaks)</source>
        <translation>自动（探测服务器使用的协议）</translation>
    </message>
    <message>
        <source>The push endpoints, tried in this order: ws:// or wss:// (STOMP over WebSocket, a plain WebSocket or Socket.IO), http:// or https:// (a SockJS endpoint, Server-Sent Events or Socket.IO), stomp:// or stomp+ssl:// (a broker&apos;s STOMP port).</source>
        <translation>推送端点，按此顺序尝试：ws:// 或 wss://（基于 WebSocket 的 STOMP、普通 WebSocket 或 Socket.IO），http:// 或 https://（SockJS 端点、服务器发送事件或 Socket.IO），stomp:// 或 stomp+ssl://（代理的 STOMP 端口）。</translation>
    </message>
    <message>
        <source>What the server speaks. STOMP is what RabbitMQ, ActiveMQ and Spring speak; a plain WebSocket pushes JSON text of its own; Server-Sent Events come down one long HTTP response; Socket.IO 4 is what a socket.io server speaks.</source>
        <translation>服务器使用的协议。RabbitMQ、ActiveMQ 和 Spring 使用 STOMP；普通 WebSocket 推送自定义的 JSON 文本；服务器发送事件通过一个长 HTTP 响应下发；Socket.IO 4 是 socket.io 服务器使用的协议。</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>E&amp;vents:</source>
        <translation>事件(&amp;V)：</translation>
    </message>
    <message>
        <source>The events that carry todos: Server-Sent Events types or Socket.IO event names. Empty: the Server-Sent Events without a type (&quot;message&quot;), and every Socket.IO event.</source>
        <translation>携带待办的事件：服务器发送事件的类型或 Socket.IO 事件名称。留空：没有类型的服务器发送事件（&quot;message&quot;）以及所有 Socket.IO 事件。</translation>
    </message>
    <message>
        <source>empty: the URL&apos;s path</source>
        <translation>留空：使用 URL 的路径</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>命名空间(&amp;N)：</translation>
    </message>
    <message>
        <source>The Socket.IO namespace to join, e.g. /admin. Empty: the path of the server URL (/ for none).</source>
        <translation>要加入的 Socket.IO 命名空间，例如 /admin。留空：使用服务器 URL 的路径（没有路径时为 /）。</translation>
    </message>
    <message>
        <source>Empty: the events without a type (&quot;message&quot; events).</source>
        <translation>留空：没有类型的事件（&quot;message&quot; 事件）。</translation>
    </message>
    <message>
        <source>Empty: every event.</source>
        <translation>留空：所有事件。</translation>
    </message>
    <message>
        <source>Empty: Server-Sent Events without a type (&quot;message&quot; events), every Socket.IO event.</source>
        <translation>留空：没有类型的服务器发送事件（&quot;message&quot; 事件）、所有 Socket.IO 事件。</translation>
    </message>
    <message>
        <source>Server-Sent Events (text/event-stream)</source>
        <translation>服务器发送事件（text/event-stream）</translation>
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
        <translation>未配置服务器</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>offline, next attempt at %1</source>
        <translation>离线，下次尝试时间 %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>failed to connect to %1</source>
        <translation>无法连接到 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>needs attention: cannot connect to %1</source>
        <translation>需要处理：无法连接到 %1</translation>
    </message>
    <message numerus="yes">
        <source>connected to %n servers</source>
        <translation>
            <numerusform>已连接到 %n 个服务器</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 — %3 of %4 servers connected</source>
        <translation>%1：%2 — %4 个服务器中已连接 %3 个</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>The keychain refused: %1</source>
        <translation>系统钥匙串拒绝了操作：%1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Passwords are kept in memory until the application quits and must be entered again next time.</source>
        <translation>没有可用的系统钥匙串（%1）。密码只保存在内存中直到程序退出，下次需要重新输入。</translation>
    </message>
</context>
<context>
    <name>EngineIoOpen</name>
    <message>
        <source>the open packet does not hold a JSON object</source>
        <translation>open 包不包含 JSON 对象</translation>
    </message>
    <message>
        <source>the open packet has no session id (&quot;sid&quot;)</source>
        <translation>open 包没有会话 ID（&quot;sid&quot;）</translation>
    </message>
    <message>
        <source>the open packet has no valid &quot;pingInterval&quot; and &quot;pingTimeout&quot; (Engine.IO 4 servers send both in milliseconds)</source>
        <translation>open 包没有有效的 &quot;pingInterval&quot; 和 &quot;pingTimeout&quot;（Engine.IO 4 服务器以毫秒发送这两项）</translation>
    </message>
    <message>
        <source>the open packet&apos;s &quot;upgrades&quot; is not a list</source>
        <translation>open 包的 &quot;upgrades&quot; 不是列表</translation>
    </message>
</context>
<context>
    <name>EngineIoPacket</name>
    <message>
        <source>an empty Engine.IO packet</source>
        <translation>空的 Engine.IO 包</translation>
    </message>
    <message>
        <source>a binary Engine.IO packet (Socket.IO binary attachments are not supported)</source>
        <translation>二进制 Engine.IO 包（不支持 Socket.IO 二进制附件）</translation>
    </message>
    <message>
        <source>not an Engine.IO packet: it starts with 0x%1</source>
        <translation>不是 Engine.IO 包：以 0x%1 开头</translation>
    </message>
    <message>
        <source>packet %1 of the long-polling payload: %2</source>
        <translation>长轮询负载中的第 %1 个包：%2</translation>
    </message>
</context>
<context>
    <name>EngineIoPollingHandshake</name>
    <message>
        <source>the server refused the Engine.IO handshake (HTTP %1): %2</source>
        <translation>服务器拒绝了 Engine.IO 握手（HTTP %1）：%2</translation>
    </message>
    <message>
        <source>the server refused the Engine.IO handshake with HTTP %1: it wants credentials (a token or cookie handshake header)</source>
        <translation>服务器以 HTTP %1 拒绝了 Engine.IO 握手：需要凭据（令牌或 Cookie 握手头）</translation>
    </message>
    <message>
        <source>the server has nothing at the Engine.IO path (HTTP 404): no Socket.IO server there, or one mounted on another path (give it in the URL: http://host/path/socket.io/)</source>
        <translation>服务器在 Engine.IO 路径上没有内容（HTTP 404）：那里没有 Socket.IO 服务器，或者挂载在其他路径上（请在 URL 中给出：http://host/path/socket.io/）</translation>
    </message>
    <message>
        <source>the Engine.IO handshake returned HTTP %1</source>
        <translation>Engine.IO 握手返回 HTTP %1</translation>
    </message>
    <message>
        <source>the server does not speak Engine.IO 4 (Socket.IO 3 and 4 do; it may be an older Socket.IO): %1</source>
        <translation>服务器不支持 Engine.IO 4（Socket.IO 3 和 4 支持；它可能是较旧的 Socket.IO）：%1</translation>
    </message>
    <message>
        <source>the server allows neither a direct WebSocket nor HTTP long-polling for this client: %1</source>
        <translation>服务器既不允许此客户端直接使用 WebSocket，也不允许 HTTP 长轮询：%1</translation>
    </message>
    <message>
        <source>the Engine.IO server refused the handshake (HTTP %1): %2</source>
        <translation>Engine.IO 服务器拒绝了握手（HTTP %1）：%2</translation>
    </message>
    <message>
        <source>the server answered HTTP %1, not as a Socket.IO (Engine.IO 4) server</source>
        <translation>服务器返回 HTTP %1，不像 Socket.IO（Engine.IO 4）服务器</translation>
    </message>
    <message>
        <source>its first packet is not an open packet</source>
        <translation>它的第一个包不是 open 包</translation>
    </message>
    <message>
        <source>the server answered, but not as a Socket.IO (Engine.IO 4) server: %1</source>
        <translation>服务器有应答，但不像 Socket.IO（Engine.IO 4）服务器：%1</translation>
    </message>
    <message>
        <source>the server offers no upgrade to WebSocket (only HTTP long-polling, which this client does not keep up): allow the &quot;websocket&quot; transport on the server</source>
        <translation>服务器不提供到 WebSocket 的升级（只有 HTTP 长轮询，此客户端不会持续使用）：请在服务器上允许 &quot;websocket&quot; 传输</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>未及时应答</translation>
    </message>
    <message>
        <source>Engine.IO long-polling handshake failed: %1</source>
        <translation>Engine.IO 长轮询握手失败：%1</translation>
    </message>
</context>
<context>
    <name>FreedesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>稍后提醒 (1 小时)</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标为已读</translation>
    </message>
</context>
<context>
    <name>GuiOptions</name>
    <message>
        <source>Todo Notifier: stays connected to your organisation&apos;s push server and tells you the moment a todo is waiting for you. It lives in the system tray; a second launch brings up the todo list of the first.</source>
        <translation>待办通知：与贵单位的推送服务器保持连接，一有待办就立即提醒您。它驻留在系统托盘中；再次启动时会打开已运行实例的待办列表。</translation>
    </message>
    <message>
        <source>With --demo: milliseconds between sample todos (default 5000; 0 sends only what is published to the demo server).</source>
        <translation>与 --demo 一起使用：示例待办之间的间隔毫秒数（默认 5000；为 0 时只发送发布到演示服务器的内容）。</translation>
    </message>
    <message>
        <source>Open the settings dialog.</source>
        <translation>打开设置对话框。</translation>
    </message>
    <message>
        <source>Start in the system tray without showing the todo list.</source>
        <translation>启动后只在系统托盘中运行，不显示待办列表。</translation>
    </message>
    <message>
        <source>Read and write the settings in this file (INI) instead of the user&apos;s settings.</source>
        <translation>在此文件（INI 格式）中读写设置，而不使用用户设置。</translation>
    </message>
    <message>
        <source>Log the connection and the protocol in detail.</source>
        <translation>详细记录连接和协议日志。</translation>
    </message>
    <message>
        <source>Print the state of the running instance as one line of JSON (state, pendingCount, unreadCount, lastError) and exit; exit code 1 if none runs.</source>
        <translation>以一行 JSON 输出正在运行的实例的状态（state、pendingCount、unreadCount、lastError）后退出；没有运行的实例时退出码为 1。</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>意外的参数：%1</translation>
    </message>
    <message>
        <source>--demo-interval takes a number of milliseconds, 0 or more</source>
        <translation>--demo-interval 需要一个毫秒数（0 或更大）</translation>
    </message>
    <message>
        <source>Todo Notifier</source>
        <translation>待办通知</translation>
    </message>
    <message>
        <source>todo-notifier: %1
Run &apos;todo-notifier --help&apos; for usage.
</source>
        <translation>todo-notifier：%1
运行 “todo-notifier --help” 查看用法。
</translation>
    </message>
    <message>
        <source>Connect to an embedded demo push server that sends sample todos (nothing is sent anywhere; your settings are not changed), over one of its protocols: stomp (the default when none is given), sockjs, json-ws, sse or socketio.</source>
        <translation>连接到内置的演示推送服务器，它会发送示例待办（不会向任何地方发送数据；不会更改您的设置），使用其协议之一：stomp（未指定时的默认值）、sockjs、json-ws、sse 或 socketio。</translation>
    </message>
    <message>
        <source>invalid --demo &quot;%1&quot;: expected one of %2</source>
        <translation>无效的 --demo &quot;%1&quot;：应为 %2 之一</translation>
    </message>
</context>
<context>
    <name>HeaderTableEditor</name>
    <message>
        <source>Sent with</source>
        <translation>发送时机</translation>
    </message>
    <message>
        <source>Header value</source>
        <translation>头的值</translation>
    </message>
    <message>
        <source>Header name</source>
        <translation>头名称</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>添加头</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>删除头</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>机密</translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation>额外的头</translation>
    </message>
    <message>
        <source>Headers sent with every connection, e.g. client-id or Authorization. Mark a value as secret to keep it in the keychain instead of the settings file.</source>
        <translation>每次连接都会发送的头，例如 client-id 或 Authorization。把值标记为机密，它就保存在系统钥匙串中，而不是设置文件里。</translation>
    </message>
    <message>
        <source>Add a header and edit its name</source>
        <translation>添加一个头并编辑其名称</translation>
    </message>
    <message>
        <source>Remove the selected header (Delete)</source>
        <translation>删除选中的头（Delete）</translation>
    </message>
    <message>
        <source>Handshake (HTTP)</source>
        <translation>握手（HTTP）</translation>
    </message>
    <message>
        <source>CONNECT frame</source>
        <translation>CONNECT 帧</translation>
    </message>
    <message>
        <source>Keep this value in the keychain, never in the settings file</source>
        <translation>把此值保存在系统钥匙串中，绝不写入设置文件</translation>
    </message>
</context>
<context>
    <name>JsonWebSocketSource</name>
    <message>
        <source>plain WebSocket (JSON), keep-alive every %1 ms</source>
        <translation>普通 WebSocket（JSON），每 %1 毫秒发送一次保活消息</translation>
    </message>
    <message>
        <source>plain WebSocket (JSON)</source>
        <translation>普通 WebSocket（JSON）</translation>
    </message>
</context>
<context>
    <name>LinkPolicy</name>
    <message>
        <source>this todo has no link</source>
        <translation>此待办没有链接</translation>
    </message>
    <message>
        <source>not a valid link (%1)</source>
        <translation>不是有效的链接（%1）</translation>
    </message>
    <message>
        <source>only http and https links are opened, not &quot;%1:&quot;</source>
        <translation>只打开 http 和 https 链接，不打开“%1:”</translation>
    </message>
    <message>
        <source>a relative link needs the web base URL, which is not set</source>
        <translation>相对链接需要 Web 基础 URL，但尚未设置</translation>
    </message>
    <message>
        <source>the link has no host</source>
        <translation>链接没有主机名</translation>
    </message>
    <message>
        <source>links that carry a user name or password are not opened</source>
        <translation>不打开包含用户名或密码的链接</translation>
    </message>
    <message>
        <source>links to %1 are not opened: it is not on the list of allowed sites</source>
        <translation>不打开指向 %1 的链接：它不在允许的站点列表中</translation>
    </message>
    <message>
        <source>links to %1 are not opened: only the web application (%2) and allowed sites are</source>
        <translation>不打开指向 %1 的链接：只打开 Web 应用（%2）和允许的站点</translation>
    </message>
</context>
<context>
    <name>LinksPage</name>
    <message>
        <source>&amp;Web application:</source>
        <translation>Web 应用(&amp;W)：</translation>
    </message>
    <message>
        <source>The address of the web application the todos belong to. Their links are relative to it.</source>
        <translation>待办所属 Web 应用的地址。待办的链接是相对于它的。</translation>
    </message>
    <message>
        <source>Other sites links may open</source>
        <translation>链接可以打开的其他站点</translation>
    </message>
    <message>
        <source>&amp;Other sites links may open:</source>
        <translation>链接可打开的其他站点(&amp;O)：</translation>
    </message>
    <message>
        <source>Links to the web application always open. A link to any other site opens only if its site is listed here, e.g. https://sso.example.com.</source>
        <translation>指向 Web 应用的链接总能打开。指向其他站点的链接只有在其站点列于此处时才会打开，例如 https://sso.example.com。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Pending todos URL:</source>
        <translation>待办列表 URL(&amp;P)：</translation>
    </message>
    <message>
        <source>Fetched after every connect to catch up on todos that arrived while this computer was offline. Leave empty if the server has no such list.</source>
        <translation>每次连接后获取，用来补上本机离线期间到达的待办。服务器没有这样的列表时请留空。</translation>
    </message>
    <message>
        <source>&amp;Fetch it again when the pending count drops</source>
        <translation>待办数减少时重新获取待办列表(&amp;F)</translation>
    </message>
    <message>
        <source>When a push brings no todos and a lower pending count, todos were handled in the web application; the pending list says which, and their notifications are withdrawn.</source>
        <translation>推送不含待办且待办数减少时，说明有待办已在网页应用中处理；待办列表会指出是哪些，并撤回它们的通知。</translation>
    </message>
    <message>
        <source>none, e.g. data.removedIds</source>
        <translation>无，例如 data.removedIds</translation>
    </message>
    <message>
        <source>Field naming todos done &amp;elsewhere:</source>
        <translation>列出他处已办待办的字段(&amp;E)：</translation>
    </message>
    <message>
        <source>Where a push names todos handled in the web application, as a path of field names separated by dots. Those todos are marked done and their notifications withdrawn.</source>
        <translation>推送中列出已在网页应用中处理的待办的位置，用点分隔的字段名路径表示。这些待办会被标为已办，其通知会被撤回。</translation>
    </message>
</context>
<context>
    <name>MacAutostart</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>NotificationCoordinator</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>New todo</source>
        <translation>新待办</translation>
    </message>
    <message numerus="yes">
        <source>%n new todos</source>
        <translation>
            <numerusform>%n 条新待办</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n todos arrived while you were offline</source>
        <translation>
            <numerusform>离线期间收到 %n 条待办</numerusform>
        </translation>
    </message>
    <message>
        <source>Todo Notifier cannot connect</source>
        <translation>Todo Notifier 无法连接</translation>
    </message>
    <message>
        <source>%1
Check the server settings; it keeps trying now and then.</source>
        <translation>%1
请检查服务器设置；程序会不时继续尝试。</translation>
    </message>
    <message>
        <source>Todo Notifier is offline</source>
        <translation>待办通知已离线</translation>
    </message>
    <message>
        <source>No connection to the server since %1. It keeps trying; todos sent meanwhile arrive when it is back.</source>
        <translation>自 %1 起未连接到服务器。它会继续尝试；期间发送的待办会在恢复连接后送达。</translation>
    </message>
    <message>
        <source>Nothing arrived while you were offline.</source>
        <translation>离线期间没有收到新的待办。</translation>
    </message>
    <message numerus="yes">
        <source>%n todos arrived while you were offline.</source>
        <translation>
            <numerusform>离线期间收到 %n 条待办。</numerusform>
        </translation>
    </message>
    <message>
        <source>Todo Notifier is connected again</source>
        <translation>待办通知已重新连接</translation>
    </message>
    <message numerus="yes">
        <source>%n todos arrived during quiet hours</source>
        <translation>
            <numerusform>免打扰时段内收到 %n 条待办</numerusform>
        </translation>
    </message>
    <message>
        <source>Still unread: %1</source>
        <translation>仍未读：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>NotificationRules</name>
    <message>
        <source>A rule is not a JSON object.</source>
        <translation>某条规则不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;; use type, sender or department.</source>
        <translation>未知字段“%1”；请使用 type、sender 或 department。</translation>
    </message>
    <message>
        <source>Unknown match &quot;%1&quot;; use equals or contains.</source>
        <translation>未知匹配方式“%1”；请使用 equals 或 contains。</translation>
    </message>
    <message>
        <source>Enter the text a rule matches, e.g. a sender&apos;s name.</source>
        <translation>请输入规则要匹配的文本，例如发送人的姓名。</translation>
    </message>
    <message>
        <source>The notification rules are not a JSON array.</source>
        <translation>通知规则不是 JSON 数组。</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>Use 0 (off), 1 (below urgent) or 2 (below critical).</source>
        <translation>请使用 0（关闭）、1（低于紧急）或 2（低于特急）。</translation>
    </message>
    <message>
        <source>Unknown action &quot;%1&quot;; use mute or lower.</source>
        <translation>未知操作“%1”；请使用 mute 或 lower。</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Show a &amp;notification for each new todo</source>
        <translation>每个新待办都弹出通知(&amp;N)</translation>
    </message>
    <message>
        <source>Several todos arriving at once are summarised in one notification.</source>
        <translation>同时到达的多个待办会合并成一条通知。</translation>
    </message>
    <message>
        <source>Play a &amp;sound</source>
        <translation>播放提示音(&amp;S)</translation>
    </message>
    <message>
        <source>Ask the notification service to play its sound.</source>
        <translation>请通知服务播放提示音。</translation>
    </message>
    <message>
        <source>Do not &amp;disturb until</source>
        <translation>勿扰，直到(&amp;D)</translation>
    </message>
    <message>
        <source>Do not disturb until</source>
        <translation>勿扰，直到</translation>
    </message>
    <message>
        <source>While on, no notifications pop up; todos are still counted on the tray icon.</source>
        <translation>开启期间不弹出通知；托盘图标上仍然计数。</translation>
    </message>
    <message>
        <source>&amp;Urgent todos notify even when I do not want to be disturbed</source>
        <translation>紧急待办在勿扰期间也通知(&amp;U)</translation>
    </message>
    <message>
        <source>Todos the server marks as urgent still pop up during do not disturb.</source>
        <translation>服务器标记为紧急的待办在勿扰期间仍会弹出。</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <source>Start Todo Notifier when I &amp;log in</source>
        <translation>登录时启动 Todo Notifier(&amp;L)</translation>
    </message>
    <message>
        <source>Startup:</source>
        <translation>启动：</translation>
    </message>
    <message>
        <source>Adds Todo Notifier to the programs your desktop starts at login.</source>
        <translation>把 Todo Notifier 加入桌面登录时启动的程序。</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The language of Todo Notifier; a change applies the next time it starts.</source>
        <translation>Todo Notifier 的界面语言；修改在下次启动时生效。</translation>
    </message>
    <message>
        <source>Choose a time in the future.</source>
        <translation>请选择一个将来的时间。</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Say that I am offline after this many minutes</source>
        <translation>离线达到这么多分钟后提醒我</translation>
    </message>
    <message>
        <source>Say I am &amp;offline after:</source>
        <translation>离线提醒时间(&amp;O)：</translation>
    </message>
    <message>
        <source>One notification when the server has been unreachable this long, and one when it is back with what arrived meanwhile; never one per retry.</source>
        <translation>服务器无法连接达到这么久时提醒一次，恢复连接时再提醒一次并说明期间收到了什么；不会每次重试都提醒。</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>Hold pop-ups during &amp;quiet hours</source>
        <translation>在免打扰时段暂缓弹出通知(&amp;Q)</translation>
    </message>
    <message>
        <source>What arrives during quiet hours is counted on the tray icon and becomes one notification when they end. Urgent todos notify anyway when they may disturb you (above).</source>
        <translation>免打扰时段内收到的待办会计入托盘图标，并在时段结束时汇总为一条通知。若上方设置允许紧急待办打扰，紧急待办仍会立即通知。</translation>
    </message>
    <message>
        <source>Quiet hours from</source>
        <translation>免打扰时段开始时间</translation>
    </message>
    <message>
        <source>Quiet hours until</source>
        <translation>免打扰时段结束时间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>A window that ends before it starts runs over midnight: 19:00 to 08:00 is quiet in the evening and early in the morning of the days below.</source>
        <translation>结束时间早于开始时间的时段会跨过午夜：19:00 至 08:00 表示下列各天的晚上和清晨都免打扰。</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>适用于：</translation>
    </message>
    <message>
        <source>The days the window applies to.</source>
        <translation>该时段适用的日期。</translation>
    </message>
    <message>
        <source>All day on:</source>
        <translation>全天免打扰：</translation>
    </message>
    <message>
        <source>Days that are quiet from midnight to midnight.</source>
        <translation>从零点到次日零点全天免打扰的日期。</translation>
    </message>
    <message>
        <source>No quiet hours.</source>
        <translation>没有免打扰时段。</translation>
    </message>
    <message>
        <source>Quiet now, until %1.</source>
        <translation>当前处于免打扰时段，直到 %1。</translation>
    </message>
    <message>
        <source>Quiet at every hour of the week.</source>
        <translation>一周中的每个时刻都免打扰。</translation>
    </message>
    <message>
        <source>Not quiet now.</source>
        <translation>当前不在免打扰时段。</translation>
    </message>
    <message>
        <source>Choose an end different from the start.</source>
        <translation>请选择与开始时间不同的结束时间。</translation>
    </message>
    <message>
        <source>Remind me of unread urgent todos after this many minutes</source>
        <translation>紧急待办在这么多分钟后仍未读时再提醒我</translation>
    </message>
    <message>
        <source>&amp;Remind of urgent todos after:</source>
        <translation>紧急待办再次提醒间隔(&amp;R)：</translation>
    </message>
    <message>
        <source>An urgent todo still unread this long after its notification pops up once more; only once.</source>
        <translation>紧急待办在通知后这么久仍未读时，会再弹出一次；只此一次。</translation>
    </message>
</context>
<context>
    <name>OutgoingQueue</name>
    <message>
        <source>unknown format version %1</source>
        <translation>未知的格式版本 %1</translation>
    </message>
    <message>
        <source>the queue of unsent messages %1 could not be read (%2); it was kept as %3</source>
        <translation>无法读取未发送消息队列 %1（%2）；已保留为 %3</translation>
    </message>
    <message>
        <source>the queue of unsent messages %1 could not be read (%2)</source>
        <translation>无法读取未发送消息队列 %1（%2）</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>cannot write the queue of unsent messages %1: %2</source>
        <translation>无法写入未发送消息队列 %1：%2</translation>
    </message>
</context>
<context>
    <name>PayloadParser</name>
    <message>
        <source>body of %1 bytes is larger than the limit of %2 bytes</source>
        <translation>正文有 %1 字节，超过 %2 字节的上限</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8; invalid bytes were replaced</source>
        <translation>文本不是有效的 UTF-8；无效字节已被替换</translation>
    </message>
    <message>
        <source>JSON nested deeper than %1 levels</source>
        <translation>JSON 嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>malformed JSON: %1 at byte %2</source>
        <translation>JSON 格式错误：第 %2 字节处 %1</translation>
    </message>
    <message>
        <source>JSON encoded in a string more than %1 times</source>
        <translation>JSON 被编码成字符串超过 %1 次</translation>
    </message>
    <message>
        <source>a list of %1 elements without a todo object</source>
        <translation>包含 %1 个元素的列表中没有待办对象</translation>
    </message>
    <message>
        <source>a JSON value that is %1, not a todo</source>
        <translation>JSON 值是 %1，不是待办</translation>
    </message>
    <message>
        <source>sysMsgNums &quot;%1&quot; is not a count; ignored</source>
        <translation>sysMsgNums“%1”不是计数；已忽略</translation>
    </message>
    <message>
        <source>sysMsgNums is %1, not a number; ignored</source>
        <translation>sysMsgNums 是 %1，不是数字；已忽略</translation>
    </message>
    <message>
        <source>sysMsgList is a single object, not a list</source>
        <translation>sysMsgList 是单个对象，不是列表</translation>
    </message>
    <message>
        <source>sysMsgList is %1, not a list; ignored</source>
        <translation>sysMsgList 是 %1，不是列表；已忽略</translation>
    </message>
    <message>
        <source>an envelope with neither todos nor a pending count</source>
        <translation>消息封装中既没有待办也没有待办数量</translation>
    </message>
    <message>
        <source>a JSON object that is neither a todo, a list of todos nor an envelope (keys: %1)</source>
        <translation>JSON 对象既不是待办、待办列表，也不是消息封装（键：%1）</translation>
    </message>
    <message>
        <source>only the first %1 todos of a list of %2 elements were taken</source>
        <translation>%2 个元素的列表中只取了前 %1 个待办</translation>
    </message>
    <message>
        <source>list element %1 is %2, not a todo object; skipped</source>
        <translation>列表元素 %1 是 %2，不是待办对象；已跳过</translation>
    </message>
    <message>
        <source>text of %1 characters cut to %2 for the title</source>
        <translation>%1 个字符的文本被截为 %2 个字符作为标题</translation>
    </message>
    <message>
        <source>a text body without message-id; keyed by its content</source>
        <translation>文本正文没有 message-id；按内容作为键</translation>
    </message>
    <message>
        <source>todo %1: %2 is a boolean, read as text</source>
        <translation>待办 %1：%2 是布尔值，按文本读取</translation>
    </message>
    <message>
        <source>todo %1: %2 is %3, not text; ignored</source>
        <translation>待办 %1：%2 是 %3，不是文本；已忽略</translation>
    </message>
    <message>
        <source>todo %1: %2 of %3 characters cut to %4</source>
        <translation>待办 %1：%2 有 %3 个字符，已截为 %4 个</translation>
    </message>
    <message>
        <source>a todo without an id; keyed as %1</source>
        <translation>待办没有 id；以 %1 作为键</translation>
    </message>
    <message>
        <source>todo %1: metaData is %2, not an object; ignored</source>
        <translation>待办 %1：metaData 是 %2，不是对象；已忽略</translation>
    </message>
    <message>
        <source>Untitled todo</source>
        <translation>无标题待办</translation>
    </message>
    <message>
        <source>todo %1 has no title</source>
        <translation>待办 %1 没有标题</translation>
    </message>
    <message>
        <source>todo %1: urgency &quot;%2&quot; is not a number; taken as 0</source>
        <translation>待办 %1：紧急程度“%2”不是数字；按 0 处理</translation>
    </message>
    <message>
        <source>todo %1: urgency is %2; taken as 0</source>
        <translation>待办 %1：紧急程度是 %2；按 0 处理</translation>
    </message>
    <message>
        <source>todo %1: time &quot;%2&quot; not understood</source>
        <translation>待办 %1：无法识别时间“%2”</translation>
    </message>
</context>
<context>
    <name>ProtocolPlan</name>
    <message>
        <source>a broker&apos;s STOMP port (%1://)</source>
        <translation>代理的 STOMP 端口（%1://）</translation>
    </message>
    <message>
        <source>%1 is not a URL of a push server (ws://, wss://, http://, https://, stomp://)</source>
        <translation>%1 不是推送服务器的 URL（ws://、wss://、http://、https://、stomp://）</translation>
    </message>
    <message>
        <source>the WebSocket answered STOMP&apos;s CONNECT with a STOMP frame</source>
        <translation>WebSocket 用 STOMP 帧回应了 STOMP 的 CONNECT</translation>
    </message>
    <message>
        <source>the WebSocket answered STOMP&apos;s CONNECT with something else: a plain WebSocket</source>
        <translation>WebSocket 用其他内容回应了 STOMP 的 CONNECT：普通 WebSocket</translation>
    </message>
    <message>
        <source>the WebSocket did not answer STOMP&apos;s CONNECT: a plain WebSocket (it may wait for an open message)</source>
        <translation>WebSocket 未回应 STOMP 的 CONNECT：普通 WebSocket（它可能在等待一条打开消息）</translation>
    </message>
    <message>
        <source>the WebSocket upgrade was refused (%1)</source>
        <translation>WebSocket 升级被拒绝（%1）</translation>
    </message>
    <message>
        <source>no push protocol found at %1: %2</source>
        <translation>在 %1 未找到推送协议：%2</translation>
    </message>
    <message>
        <source>the URL answered with an event stream</source>
        <translation>该 URL 返回了事件流</translation>
    </message>
    <message>
        <source>not an event stream (%1)</source>
        <translation>不是事件流（%1）</translation>
    </message>
    <message>
        <source>/info answered: a SockJS endpoint (STOMP over SockJS)</source>
        <translation>/info 有应答：SockJS 端点（基于 SockJS 的 STOMP）</translation>
    </message>
    <message>
        <source>no SockJS /info (%1)</source>
        <translation>没有 SockJS /info（%1）</translation>
    </message>
    <message>
        <source>/socket.io/ answered Engine.IO&apos;s handshake: Socket.IO</source>
        <translation>/socket.io/ 回应了 Engine.IO 握手：Socket.IO</translation>
    </message>
    <message>
        <source>no Socket.IO at /socket.io/ (%1)</source>
        <translation>/socket.io/ 处没有 Socket.IO（%1）</translation>
    </message>
    <message>
        <source>auto: %1</source>
        <translation>自动：%1</translation>
    </message>
    <message>
        <source> (before that: %1)</source>
        <translation>（在此之前：%1）</translation>
    </message>
</context>
<context>
    <name>ProtocolProbe</name>
    <message>
        <source>%1 refused the credentials (%2)</source>
        <translation>%1 拒绝了凭据（%2）</translation>
    </message>
    <message>
        <source>no WebSocket handshake within %1 s</source>
        <translation>%1 秒内没有完成 WebSocket 握手</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>%1 秒内没有应答</translation>
    </message>
</context>
<context>
    <name>ReconnectPolicy</name>
    <message numerus="yes">
        <source>authentication failed %n time(s); not retrying: %1</source>
        <translation>
            <numerusform>认证失败 %n 次；不再重试：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n attempt(s): %1</source>
        <translation>
            <numerusform>尝试 %n 次后放弃：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the same error %n time(s) in a row, which retrying cannot fix: %1</source>
        <translation>
            <numerusform>连续 %n 次出现同一个无法通过重试解决的错误：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (retrying cannot fix this)</source>
        <translation>%1（重试无法解决此问题）</translation>
    </message>
</context>
<context>
    <name>ReconnectingSource</name>
    <message>
        <source>no server URL is configured</source>
        <translation>未配置服务器 URL</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开连接</translation>
    </message>
    <message>
        <source>reconnect requested</source>
        <translation>已请求重新连接</translation>
    </message>
    <message>
        <source>no answer from the server within %1 s</source>
        <translation>服务器在 %1 秒内没有应答</translation>
    </message>
    <message>
        <source>nothing from the server for %1 s</source>
        <translation>服务器已 %1 秒没有任何消息</translation>
    </message>
    <message>
        <source>no sign of life from the server after a network change</source>
        <translation>网络变化后服务器没有响应</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>Muted todos are stored and counted but never pop up. Lowered todos pop up quietly: low urgency, no sound, and never during do not disturb or quiet hours. When one rule mutes a todo and another lowers it, it is muted.</source>
        <translation>静音的待办会被保存和计数，但不会弹出。降级的待办会安静地弹出：低紧急程度、无声音，且在免打扰或安静时段内从不弹出。一条规则将待办静音而另一条将其降级时，以静音为准。</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Notification rules</source>
        <translation>通知规则</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation>删除规则(&amp;R)</translation>
    </message>
    <message>
        <source>Type is the kind of todo the server names (bname); text matches ignore upper and lower case.</source>
        <translation>类型是服务器给出的待办种类 (bname)；文本匹配不区分大小写。</translation>
    </message>
    <message>
        <source>By urgency</source>
        <translation>按紧急程度</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Lower</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>What happens to todos below the urgency</source>
        <translation>低于该紧急程度的待办如何处理</translation>
    </message>
    <message>
        <source>no todos</source>
        <translation>无</translation>
    </message>
    <message>
        <source>normal todos (below urgent)</source>
        <translation>普通待办（低于紧急）</translation>
    </message>
    <message>
        <source>normal and urgent todos (below critical)</source>
        <translation>普通和紧急待办（低于特急）</translation>
    </message>
    <message>
        <source>Todos below this urgency</source>
        <translation>低于该紧急程度的待办</translation>
    </message>
    <message>
        <source>Mute or lower every todo whose urgency is below the one chosen, whoever sends it.</source>
        <translation>将紧急程度低于所选级别的每个待办静音或降级，无论由谁发送。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送人</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>is</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>e.g. Leave request</source>
        <translation>例如 请假申请</translation>
    </message>
    <message>
        <source>There are no todos in the list to try the rules on.</source>
        <translation>列表中没有可用来试用规则的待办。</translation>
    </message>
    <message numerus="yes">
        <source>Would mute %1 and lower %2 of the %n todos in the list.</source>
        <translation>
            <numerusform>将静音 %1 个、降级 %2 个（列表中共 %n 个待办）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted: %1</source>
        <translation>已静音：%1</translation>
    </message>
    <message>
        <source>Lowered: %1</source>
        <translation>已降级：%1</translation>
    </message>
</context>
<context>
    <name>SecretServiceBackend</name>
    <message>
        <source>Default keyring</source>
        <translation>默认密钥环</translation>
    </message>
    <message>
        <source>The keychain was not unlocked.</source>
        <translation>钥匙串未解锁。</translation>
    </message>
</context>
<context>
    <name>ServerProfiles</name>
    <message>
        <source>Server %1</source>
        <translation>服务器 %1</translation>
    </message>
    <message>
        <source>Give the new server a name.</source>
        <translation>请为新服务器取一个名称。</translation>
    </message>
    <message>
        <source>Another server is already called &quot;%1&quot;.</source>
        <translation>已有服务器名为“%1”。</translation>
    </message>
    <message>
        <source>The administrator has locked the list of servers.</source>
        <translation>管理员已锁定服务器列表。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>There is no server &quot;%1&quot;.</source>
        <translation>没有服务器“%1”。</translation>
    </message>
    <message>
        <source>The administrator has locked the server&apos;s name.</source>
        <translation>管理员已锁定该服务器的名称。</translation>
    </message>
    <message>
        <source>The first server cannot be removed; change its connection instead.</source>
        <translation>第一个服务器不能删除；请改为修改其连接。</translation>
    </message>
    <message>
        <source>A server id has 1 to %1 lower-case letters, digits and &apos;-&apos;, and does not start with &apos;-&apos;: &quot;%2&quot;.</source>
        <translation>服务器 ID 由 1 到 %1 个小写字母、数字和“-”组成，且不能以“-”开头：“%2”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is reserved and cannot name a server.</source>
        <translation>“%1”为保留字，不能用作服务器名称。</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <source>Todo Notifier connects to every server listed here at once, each with its own connection, passcode and todos. Adding, renaming and removing a server take effect at once.</source>
        <translation>待办通知会同时连接这里列出的每个服务器，每个服务器都有自己的连接、口令和待办。添加、重命名和删除服务器会立即生效。</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add another server to connect to</source>
        <translation>再添加一个要连接的服务器</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>Give the selected server another name</source>
        <translation>为所选服务器改名</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Stop connecting to the selected server (the first server cannot be removed)</source>
        <translation>不再连接所选服务器（第一个服务器不能删除）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected server&apos;s connection, links and advanced settings</source>
        <translation>修改所选服务器的连接、链接和高级设置</translation>
    </message>
    <message>
        <source>(no server URL yet)</source>
        <translation>（尚无服务器 URL）</translation>
    </message>
    <message>
        <source>The first server: its connection is on the Connection page</source>
        <translation>第一个服务器：其连接在“连接”页中设置</translation>
    </message>
    <message>
        <source>Its own settings file: %1</source>
        <translation>其设置文件：%1</translation>
    </message>
    <message>
        <source>Add a Server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Name of the new server (e.g. Production, Test system):</source>
        <translation>新服务器的名称（例如：生产环境、测试系统）：</translation>
    </message>
    <message>
        <source>Rename the Server</source>
        <translation>重命名服务器</translation>
    </message>
    <message>
        <source>New name (empty: its host):</source>
        <translation>新名称（留空：使用其主机名）：</translation>
    </message>
    <message>
        <source>Remove Server</source>
        <translation>删除服务器</translation>
    </message>
    <message>
        <source>Stop connecting to &quot;%1&quot; and remove its settings?</source>
        <translation>不再连接“%1”并删除其设置？</translation>
    </message>
    <message>
        <source>Its todos stay on this computer.</source>
        <translation>其待办仍保留在这台电脑上。</translation>
    </message>
    <message>
        <source>Also &amp;forget its passcode and secret header values in the keychain</source>
        <translation>同时从钥匙串中删除其口令和保密请求头的值(&amp;F)</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Enter a server URL, e.g. wss://push.example.com/ws.</source>
        <translation>请输入服务器 URL，例如 wss://push.example.com/ws。</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>这不是有效的 URL。</translation>
    </message>
    <message>
        <source>The URL has no host name.</source>
        <translation>URL 中没有主机名。</translation>
    </message>
    <message>
        <source>Enter at least one server URL.</source>
        <translation>请至少输入一个服务器 URL。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 重复列出。</translation>
    </message>
    <message>
        <source>Enter a destination, e.g. /user/topic/all.</source>
        <translation>请输入目标地址，例如 /user/topic/all。</translation>
    </message>
    <message>
        <source>A destination cannot contain line breaks or control characters.</source>
        <translation>目标地址不能包含换行或控制字符。</translation>
    </message>
    <message>
        <source>Enter a header name.</source>
        <translation>请输入头名称。</translation>
    </message>
    <message>
        <source>A header name cannot contain &quot;:&quot;, line breaks or control characters.</source>
        <translation>头名称不能包含“:”、换行或控制字符。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has its own field; set it there.</source>
        <translation>“%1”有专门的输入框，请在那里设置。</translation>
    </message>
    <message>
        <source>A handshake header name may contain only letters, digits and !#$%&amp;&apos;*+-.^_`|~.</source>
        <translation>握手头名称只能包含字母、数字和 !#$%&amp;&apos;*+-.^_`|~。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is set by the WebSocket handshake itself.</source>
        <translation>“%1”由 WebSocket 握手自身设置。</translation>
    </message>
    <message>
        <source>A header value cannot contain line breaks or control characters.</source>
        <translation>头的值不能包含换行或控制字符。</translation>
    </message>
    <message>
        <source>Use 0 (no heart-beat) or at least 1000 ms.</source>
        <translation>请使用 0（不发心跳）或至少 1000 毫秒。</translation>
    </message>
    <message>
        <source>Use at most 3600000 ms (one hour).</source>
        <translation>最多使用 3600000 毫秒（一小时）。</translation>
    </message>
    <message>
        <source>The first retry delay must be at least 100 ms.</source>
        <translation>首次重试延迟至少为 100 毫秒。</translation>
    </message>
    <message>
        <source>The maximum delay cannot be shorter than the first delay.</source>
        <translation>最大延迟不能短于首次延迟。</translation>
    </message>
    <message>
        <source>The maximum delay can be at most 3600000 ms (one hour).</source>
        <translation>最大延迟最多为 3600000 毫秒（一小时）。</translation>
    </message>
    <message>
        <source>The attempt limit must be 0 (no limit) or more.</source>
        <translation>尝试次数上限必须为 0（不限）或更大。</translation>
    </message>
    <message>
        <source>Use an http:// or https:// URL.</source>
        <translation>请使用 http:// 或 https:// URL。</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;%1&quot;; use an IANA name such as Asia/Shanghai.</source>
        <translation>未知时区“%1”；请使用 IANA 名称，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Keep between 1 and 100000 todos.</source>
        <translation>保留的待办数量应在 1 到 100000 之间。</translation>
    </message>
    <message>
        <source>Keep todos between 1 and 3650 days.</source>
        <translation>待办保留天数应在 1 到 3650 天之间。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a site; use e.g. https://sso.example.com.</source>
        <translation>“%1”不是站点；请使用例如 https://sso.example.com。</translation>
    </message>
    <message>
        <source>Unknown transport &quot;%1&quot;; use auto, websocket or sockjs.</source>
        <translation>未知的传输方式“%1”；请使用 auto、websocket 或 sockjs。</translation>
    </message>
    <message>
        <source>The headers are not a JSON array.</source>
        <translation>请求头不是 JSON 数组。</translation>
    </message>
    <message>
        <source>A retry delay must be between 100 and 3600000 ms.</source>
        <translation>重试间隔必须在 100 到 3600000 毫秒之间。</translation>
    </message>
    <message>
        <source>Use a ws://, wss://, http:// or https:// URL, or stomp:// or stomp+ssl:// for a broker&apos;s STOMP port.</source>
        <translation>请使用 ws://、wss://、http:// 或 https:// 地址；消息代理的 STOMP 端口请用 stomp:// 或 stomp+ssl://。</translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;; use one of %2.</source>
        <translation>未知的协议“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>Use 0 (no keep-alive) or between 1000 and 3600000 ms.</source>
        <translation>请使用 0（不发送保活消息）或 1000 到 3600000 毫秒之间的值。</translation>
    </message>
    <message>
        <source>Enter an event name, e.g. todo.</source>
        <translation>请输入事件名称，例如 todo。</translation>
    </message>
    <message>
        <source>An event name cannot contain line breaks or control characters.</source>
        <translation>事件名称不能包含换行符或控制字符。</translation>
    </message>
    <message>
        <source>A Socket.IO namespace starts with / and has no commas or spaces, e.g. /admin.</source>
        <translation>Socket.IO 命名空间以 / 开头，且不含逗号或空格，例如 /admin。</translation>
    </message>
    <message>
        <source>Use 0 (the server&apos;s default) or between 1 and 65535 messages.</source>
        <translation>请使用 0（服务器默认值）或 1 到 65535 之间的消息数。</translation>
    </message>
    <message>
        <source>Use 0 (never) or between 1 and 1440 minutes.</source>
        <translation>请使用 0（从不）或 1 到 1440 之间的分钟数。</translation>
    </message>
    <message>
        <source>Write the time as hours and minutes, e.g. 19:00.</source>
        <translation>请以小时和分钟填写时间，例如 19:00。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a day; use mon, tue, wed, thu, fri, sat or sun.</source>
        <translation>“%1”不是有效的日期；请使用 mon、tue、wed、thu、fri、sat 或 sun。</translation>
    </message>
    <message>
        <source>A field path is field names separated by dots, such as data.removedIds.</source>
        <translation>字段路径是用点分隔的字段名，例如 data.removedIds。</translation>
    </message>
    <message>
        <source>The server &quot;%1&quot; is listed twice.</source>
        <translation>服务器“%1”被列出了两次。</translation>
    </message>
    <message>
        <source>A server&apos;s name is one line of text.</source>
        <translation>服务器名称只能是一行文字。</translation>
    </message>
    <message numerus="yes">
        <source>A server&apos;s name has at most %n characters.</source>
        <translation>
            <numerusform>服务器名称最多 %n 个字符。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Todo Notifier Settings</source>
        <translation>Todo Notifier 设置</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>No keychain is available: the passcode and secret header values are kept in memory for this session only and must be entered again after a restart. They are never written to the settings file.</source>
        <translation>没有可用的系统钥匙串：密码和机密头的值只在本次运行期间保存在内存中，重启后需要重新输入。它们绝不会写入设置文件。</translation>
    </message>
    <message>
        <source>Keychain notice</source>
        <translation>钥匙串提示</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Save the settings and close</source>
        <translation>保存设置并关闭</translation>
    </message>
    <message>
        <source>Save the settings and keep this window open</source>
        <translation>保存设置，窗口保持打开</translation>
    </message>
    <message>
        <source>Close without saving anything</source>
        <translation>关闭，不保存任何内容</translation>
    </message>
    <message>
        <source>Welcome to Todo Notifier</source>
        <translation>欢迎使用 Todo Notifier</translation>
    </message>
    <message>
        <source>No server is configured yet. Enter the push server your organisation uses (your administrator knows its URL and destination), or try the demo server to see how todos arrive.</source>
        <translation>尚未配置服务器。请填写贵单位使用的推送服务器（管理员知道它的 URL 和目标地址），或者试用演示服务器，看看待办是如何到达的。</translation>
    </message>
    <message>
        <source>Try the &amp;demo server</source>
        <translation>试用演示服务器(&amp;D)</translation>
    </message>
    <message>
        <source>Start a built-in demo server on this computer that pushes sample todos</source>
        <translation>在本机启动内置的演示服务器，推送示例待办</translation>
    </message>
    <message>
        <source>Could not read the saved secrets from the keychain: %1</source>
        <translation>无法从钥匙串读取已保存的机密信息：%1</translation>
    </message>
    <message>
        <source>Something on this page needs correcting</source>
        <translation>此页有需要更正的内容</translation>
    </message>
    <message>
        <source>Correct the marked fields to save (%1).</source>
        <translation>请更正标出的字段后再保存（%1）。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Reading the passcode from the keychain…</source>
        <translation>正在从钥匙串读取密码…</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Server Settings: %1</source>
        <translation>服务器设置：%1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Set by your administrator; it cannot be changed here.</source>
        <translation>由管理员设定，不能在此修改。</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until</source>
        <translation>稍后提醒时间</translation>
    </message>
    <message>
        <source>When should this todo remind you again?</source>
        <translation>何时再次提醒这个待办？</translation>
    </message>
    <message>
        <source>When should “%1” remind you again?</source>
        <translation>何时再次提醒“%1”？</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>稍后提醒(&amp;S)</translation>
    </message>
</context>
<context>
    <name>SnoozeTimes</name>
    <message>
        <source>Choose a date and a time.</source>
        <translation>请选择日期和时间。</translation>
    </message>
    <message>
        <source>That time has passed. Choose a time in the future.</source>
        <translation>该时间已过。请选择将来的时间。</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Tomorrow morning</source>
        <translation>明天上午</translation>
    </message>
</context>
<context>
    <name>SockJsFraming</name>
    <message>
        <source>empty SockJS frame</source>
        <translation>SockJS 帧为空</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;%1&apos; frame</source>
        <translation>SockJS“%1”帧之后有多余的数据</translation>
    </message>
    <message>
        <source>malformed SockJS &apos;a&apos; frame: %1</source>
        <translation>SockJS“a”帧格式错误：%1</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;a&apos; frame</source>
        <translation>SockJS“a”帧之后有多余的数据</translation>
    </message>
    <message>
        <source>malformed SockJS &apos;m&apos; frame: %1</source>
        <translation>SockJS“m”帧格式错误：%1</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;m&apos; frame</source>
        <translation>SockJS“m”帧之后有多余的数据</translation>
    </message>
    <message>
        <source>malformed SockJS &apos;c&apos; frame (expected c[code,&quot;reason&quot;]): %1</source>
        <translation>SockJS“c”帧格式错误（应为 c[code,&quot;reason&quot;]）：%1</translation>
    </message>
    <message>
        <source>unexpected data after the SockJS &apos;c&apos; frame</source>
        <translation>SockJS“c”帧之后有多余的数据</translation>
    </message>
    <message>
        <source>not a SockJS frame (starts with byte 0x%1)</source>
        <translation>不是 SockJS 帧（以字节 0x%1 开头）</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos; at offset %2</source>
        <translation>偏移 %2 处应为“%1”</translation>
    </message>
    <message>
        <source>expected a JSON string at offset %1</source>
        <translation>偏移 %1 处应为 JSON 字符串</translation>
    </message>
    <message>
        <source>unterminated JSON string</source>
        <translation>JSON 字符串没有结束</translation>
    </message>
    <message>
        <source>unescaped control character in a JSON string at offset %1</source>
        <translation>JSON 字符串偏移 %1 处有未转义的控制字符</translation>
    </message>
    <message>
        <source>expected an integer at offset %1</source>
        <translation>偏移 %1 处应为整数</translation>
    </message>
    <message>
        <source>truncated \u escape</source>
        <translation>\u 转义不完整</translation>
    </message>
    <message>
        <source>invalid \u escape at offset %1</source>
        <translation>偏移 %1 处的 \u 转义无效</translation>
    </message>
    <message>
        <source>invalid escape &apos;\%1&apos; in a JSON string</source>
        <translation>JSON 字符串中有无效的转义“\%1”</translation>
    </message>
    <message>
        <source>a SockJS frame longer than %1 bytes</source>
        <translation>超过 %1 字节的 SockJS 帧</translation>
    </message>
</context>
<context>
    <name>SockJsHttpTransport</name>
    <message>
        <source>not a SockJS URL (http://, https://, ws:// or wss://): %1</source>
        <translation>不是 SockJS URL（http://、https://、ws:// 或 wss://）：%1</translation>
    </message>
    <message>
        <source>SockJS protocol error: %1</source>
        <translation>SockJS 协议错误：%1</translation>
    </message>
    <message>
        <source>the SockJS %1 receive broke: %2</source>
        <translation>SockJS %1 接收中断：%2</translation>
    </message>
    <message>
        <source>the SockJS %1 receive broke off inside a frame: %2</source>
        <translation>SockJS %1 接收在帧中间中断：%2</translation>
    </message>
    <message>
        <source>the SockJS %1 response from %2 ended before the session opened</source>
        <translation>来自 %2 的 SockJS %1 响应在会话打开前就结束了</translation>
    </message>
    <message>
        <source>SockJS protocol error: %1 receive responses in a row from %2 without a frame</source>
        <translation>SockJS 协议错误：连续 %1 个来自 %2 的接收响应中没有帧</translation>
    </message>
    <message>
        <source>the server no longer knows the SockJS session %1 (it answered the re-opened receive with a new &apos;o&apos; frame)</source>
        <translation>服务器已不认识 SockJS 会话 %1（它用新的 &apos;o&apos; 帧回应了重新打开的接收）</translation>
    </message>
    <message>
        <source>SockJS protocol error: a second &apos;o&apos; frame on an open session</source>
        <translation>SockJS 协议错误：已打开的会话又收到一个“o”帧</translation>
    </message>
    <message>
        <source>SockJS protocol error: messages before the &apos;o&apos; frame</source>
        <translation>SockJS 协议错误：在“o”帧之前收到消息</translation>
    </message>
    <message>
        <source>the server closed the SockJS session: %1 (code %2)</source>
        <translation>服务器关闭了 SockJS 会话：%1（代码 %2）</translation>
    </message>
    <message>
        <source>the server no longer knows the SockJS session %1 (xhr_send answered 404)</source>
        <translation>服务器已不认识 SockJS 会话 %1（xhr_send 返回 404）</translation>
    </message>
    <message>
        <source>SockJS xhr_send failed: %1</source>
        <translation>SockJS xhr_send 失败：%1</translation>
    </message>
    <message>
        <source>no SockJS &apos;o&apos; frame from %1 over %2 within %3 s (a proxy that buffers responses holds it back?)</source>
        <translation>%3 秒内没有通过 %2 收到来自 %1 的 SockJS &apos;o&apos; 帧（是否有缓冲响应的代理把它拦住了？）</translation>
    </message>
    <message>
        <source>%1 returned %2: the server wants credentials (Authorization or Cookie handshake header)</source>
        <translation>%1 返回 %2：服务器需要凭据（Authorization 或 Cookie 握手头）</translation>
    </message>
    <message>
        <source>%1 returned %2: the server behind it is not answering</source>
        <translation>%1 返回 %2：其后面的服务器没有应答</translation>
    </message>
    <message>
        <source>%1 returned %2</source>
        <translation>%1 返回 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>已由客户端关闭</translation>
    </message>
</context>
<context>
    <name>SockJsInfo</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>应答不是 JSON 对象</translation>
    </message>
    <message>
        <source>the JSON has no boolean &quot;websocket&quot; member</source>
        <translation>JSON 中没有布尔类型的“websocket”成员</translation>
    </message>
</context>
<context>
    <name>SockJsInfoProbe</name>
    <message>
        <source>no answer in time</source>
        <translation>未及时应答</translation>
    </message>
    <message>
        <source>SockJS info request to %1 failed: %2</source>
        <translation>对 %1 的 SockJS info 请求失败：%2</translation>
    </message>
    <message>
        <source>SockJS info endpoint %1 returned %2: the server wants credentials (Authorization or Cookie handshake header)</source>
        <translation>SockJS info 端点 %1 返回 %2：服务器要求凭据（Authorization 或 Cookie 握手头）</translation>
    </message>
    <message>
        <source>SockJS info endpoint returned 404: this may be a raw WebSocket URL (%1)</source>
        <translation>SockJS info 端点返回 404：这可能是原生 WebSocket URL（%1）</translation>
    </message>
    <message>
        <source>SockJS info endpoint %1 returned %2: not a SockJS endpoint, or a broken one</source>
        <translation>SockJS info 端点 %1 返回 %2：不是 SockJS 端点，或端点已损坏</translation>
    </message>
    <message>
        <source>%1 answered, but not as a SockJS server: %2</source>
        <translation>%1 有应答，但不像 SockJS 服务器：%2</translation>
    </message>
    <message>
        <source>SockJS info endpoint %1 returned %2: the server behind it is not answering</source>
        <translation>SockJS info 端点 %1 返回 %2：其后面的服务器没有应答</translation>
    </message>
</context>
<context>
    <name>SockJsTransport</name>
    <message>
        <source>not a SockJS URL (http://, https://, ws:// or wss://): %1</source>
        <translation>不是 SockJS URL（http://、https://、ws:// 或 wss://）：%1</translation>
    </message>
    <message>
        <source>SockJS WebSocket %1: %2</source>
        <translation>SockJS WebSocket %1：%2</translation>
    </message>
    <message>
        <source>SockJS protocol error: %1</source>
        <translation>SockJS 协议错误：%1</translation>
    </message>
    <message>
        <source>SockJS protocol error: a second &apos;o&apos; frame on an open session</source>
        <translation>SockJS 协议错误：已打开的会话又收到一个“o”帧</translation>
    </message>
    <message>
        <source>SockJS protocol error: messages before the &apos;o&apos; frame</source>
        <translation>SockJS 协议错误：在“o”帧之前收到消息</translation>
    </message>
    <message>
        <source>the server closed the SockJS session: %1 (code %2)</source>
        <translation>服务器关闭了 SockJS 会话：%1（代码 %2）</translation>
    </message>
    <message>
        <source>the WebSocket closed before the SockJS session opened: %1</source>
        <translation>SockJS 会话打开之前 WebSocket 已关闭：%1</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>已由客户端关闭</translation>
    </message>
    <message>
        <source>the SockJS server at %1 has WebSocket switched off (/info says websocket:false)</source>
        <translation>%1 的 SockJS 服务器关闭了 WebSocket（/info 显示 websocket:false）</translation>
    </message>
</context>
<context>
    <name>SocketIoPacket</name>
    <message>
        <source>an empty Socket.IO packet</source>
        <translation>空的 Socket.IO 包</translation>
    </message>
    <message>
        <source>a Socket.IO packet that is not UTF-8 text</source>
        <translation>不是 UTF-8 文本的 Socket.IO 包</translation>
    </message>
    <message>
        <source>an unknown Socket.IO packet type</source>
        <translation>未知的 Socket.IO 包类型</translation>
    </message>
    <message>
        <source>a binary Socket.IO packet without a valid attachment count</source>
        <translation>没有有效附件数的二进制 Socket.IO 包</translation>
    </message>
    <message>
        <source>a Socket.IO packet with an ack id of more than %1 digits</source>
        <translation>确认 ID 超过 %1 位的 Socket.IO 包</translation>
    </message>
    <message numerus="yes">
        <source>a binary Socket.IO packet (%n attachment(s)): binary arguments are not supported</source>
        <translation>
            <numerusform>二进制 Socket.IO 包（%n 个附件）：不支持二进制参数</numerusform>
        </translation>
    </message>
    <message>
        <source>a Socket.IO packet whose data is not JSON</source>
        <translation>数据不是 JSON 的 Socket.IO 包</translation>
    </message>
    <message>
        <source>a CONNECT packet whose data is not a JSON object</source>
        <translation>数据不是 JSON 对象的 CONNECT 包</translation>
    </message>
    <message>
        <source>a DISCONNECT packet with data</source>
        <translation>带有数据的 DISCONNECT 包</translation>
    </message>
    <message>
        <source>a CONNECT_ERROR packet without a message</source>
        <translation>没有消息的 CONNECT_ERROR 包</translation>
    </message>
    <message>
        <source>an EVENT packet without an event name</source>
        <translation>没有事件名称的 EVENT 包</translation>
    </message>
    <message>
        <source>an EVENT packet with the reserved name &quot;%1&quot;</source>
        <translation>使用保留名称 &quot;%1&quot; 的 EVENT 包</translation>
    </message>
    <message>
        <source>an ACK packet whose data is not a JSON array</source>
        <translation>数据不是 JSON 数组的 ACK 包</translation>
    </message>
</context>
<context>
    <name>SocketIoSource</name>
    <message>
        <source>not a Socket.IO URL (http://, https://, ws:// or wss:// with a host): %1</source>
        <translation>不是 Socket.IO URL（需要带主机的 http://、https://、ws:// 或 wss://）：%1</translation>
    </message>
    <message>
        <source>the server opened a long-polling session but refused its upgrade to WebSocket (%1): this client needs WebSocket, which the server or a proxy in front of it does not let through</source>
        <translation>服务器打开了长轮询会话，但拒绝将其升级为 WebSocket（%1）：此客户端需要 WebSocket，而服务器或其前面的代理不允许通过</translation>
    </message>
    <message>
        <source>the server answered, but not as a Socket.IO (Engine.IO 4) server: %1</source>
        <translation>服务器有应答，但不像 Socket.IO（Engine.IO 4）服务器：%1</translation>
    </message>
    <message>
        <source>a malformed Engine.IO packet: %1</source>
        <translation>格式错误的 Engine.IO 包：%1</translation>
    </message>
    <message>
        <source>the server answered, but not as a Socket.IO (Engine.IO 4) server: its first packet is not an open packet</source>
        <translation>服务器有应答，但不像 Socket.IO（Engine.IO 4）服务器：它的第一个包不是 open 包</translation>
    </message>
    <message>
        <source>the server closed the Engine.IO session</source>
        <translation>服务器关闭了 Engine.IO 会话</translation>
    </message>
    <message>
        <source>a malformed Socket.IO packet: %1</source>
        <translation>格式错误的 Socket.IO 包：%1</translation>
    </message>
    <message>
        <source>the server disconnected this client from namespace %1</source>
        <translation>服务器将此客户端从命名空间 %1 断开</translation>
    </message>
    <message>
        <source>Socket.IO 4, namespace %1, ping every %2 ms (timeout %3 ms)</source>
        <translation>Socket.IO 4，命名空间 %1，每 %2 毫秒 ping 一次（超时 %3 毫秒）</translation>
    </message>
    <message>
        <source>namespace %1 refused the credentials: %2</source>
        <translation>命名空间 %1 拒绝了凭据：%2</translation>
    </message>
    <message>
        <source>the server has no namespace %1</source>
        <translation>服务器没有命名空间 %1</translation>
    </message>
    <message>
        <source>namespace %1 refused the connection: %2</source>
        <translation>命名空间 %1 拒绝了连接：%2</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
</context>
<context>
    <name>SourceConnectionCheck</name>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
</context>
<context>
    <name>SseSource</name>
    <message>
        <source>%1: Server-Sent Events need an http:// or https:// URL</source>
        <translation>%1：服务器发送事件需要 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>%1 answered with %2, not an event stream (text/event-stream): not a Server-Sent Events URL</source>
        <translation>%1 返回了 %2，不是事件流（text/event-stream）：不是服务器发送事件的 URL</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>没有内容类型</translation>
    </message>
    <message>
        <source>todos from events %1</source>
        <translation>来自事件 %1 的待办</translation>
    </message>
    <message>
        <source>resumed after event id &quot;%1&quot; (Last-Event-ID): a server that keeps its events replays what was missed</source>
        <translation>从事件 ID &quot;%1&quot; 之后继续（Last-Event-ID）：保留事件的服务器会重放错过的内容</translation>
    </message>
    <message>
        <source>what is missed while disconnected is replayed through Last-Event-ID once the server sends event ids</source>
        <translation>服务器发送事件 ID 后，断开期间错过的内容将通过 Last-Event-ID 重放</translation>
    </message>
    <message>
        <source>Server-Sent Events, %1; %2</source>
        <translation>服务器发送事件，%1；%2</translation>
    </message>
    <message>
        <source>%1 returned 204 No Content: the server asks not to be reconnected; start again to retry</source>
        <translation>%1 返回 204 No Content：服务器要求不要重新连接；重新开始即可重试</translation>
    </message>
    <message>
        <source>the server ended the event stream</source>
        <translation>服务器结束了事件流</translation>
    </message>
    <message>
        <source>the event stream broke: %1</source>
        <translation>事件流中断：%1</translation>
    </message>
    <message>
        <source>%1 returned %2: there is no event stream at this path</source>
        <translation>%1 返回 %2：此路径上没有事件流</translation>
    </message>
    <message>
        <source>%1 returned %2: the server wants credentials (an Authorization or Cookie header)</source>
        <translation>%1 返回 %2：服务器需要凭据（Authorization 或 Cookie 头）</translation>
    </message>
    <message>
        <source>%1 returned %2: the server is not taking connections now</source>
        <translation>%1 返回 %2：服务器目前不接受连接</translation>
    </message>
    <message>
        <source>%1 returned %2 instead of an event stream: not a Server-Sent Events URL</source>
        <translation>%1 返回了 %2 而不是事件流：不是服务器发送事件的 URL</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
</context>
<context>
    <name>StompClient</name>
    <message>
        <source>no server URL is configured</source>
        <translation>未配置服务器 URL</translation>
    </message>
    <message>
        <source>reconnect requested</source>
        <translation>已请求重新连接</translation>
    </message>
    <message>
        <source>no transport for %1</source>
        <translation>没有适用于 %1 的传输方式</translation>
    </message>
    <message>
        <source>malformed frame</source>
        <translation>帧格式错误</translation>
    </message>
    <message>
        <source>malformed frame from the server: %1</source>
        <translation>服务器发来的帧格式错误：%1</translation>
    </message>
    <message>
        <source>no answer from the server within %1 s</source>
        <translation>服务器在 %1 秒内没有应答</translation>
    </message>
    <message>
        <source>no data from the server for %1 s (heart-beat %2 s)</source>
        <translation>服务器 %1 秒没有数据（心跳 %2 秒）</translation>
    </message>
    <message>
        <source>no answer to WebSocket pings for %1 s</source>
        <translation>WebSocket ping %1 秒没有应答</translation>
    </message>
    <message>
        <source>no sign of life from the server after a network change</source>
        <translation>网络变化后服务器没有响应</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开连接</translation>
    </message>
</context>
<context>
    <name>StompConnectionCheck</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>STOMP %1 over %2, heart-beat %3 out, %4 in</source>
        <translation>STOMP %1，经由 %2，心跳：发送 %3，接收 %4</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>Subscribed to %1.</source>
        <translation>已订阅 %1。</translation>
    </message>
    <message>
        <source>the server did not confirm the subscription to %1 within %2 s</source>
        <translation>服务器在 %2 秒内没有确认对 %1 的订阅</translation>
    </message>
</context>
<context>
    <name>StompDestination</name>
    <message>
        <source>RabbitMQ exchange &quot;%1&quot;</source>
        <translation>RabbitMQ 交换机“%1”</translation>
    </message>
    <message>
        <source>RabbitMQ exchange &quot;%1&quot;, binding pattern &quot;%2&quot;</source>
        <translation>RabbitMQ 交换机“%1”，绑定模式“%2”</translation>
    </message>
    <message>
        <source>queue &quot;%1&quot;</source>
        <translation>队列“%1”</translation>
    </message>
    <message>
        <source>existing RabbitMQ queue &quot;%1&quot;</source>
        <translation>已有的 RabbitMQ 队列“%1”</translation>
    </message>
    <message>
        <source>topic &quot;%1&quot;</source>
        <translation>主题“%1”</translation>
    </message>
    <message>
        <source>temporary reply queue &quot;%1&quot;</source>
        <translation>临时应答队列“%1”</translation>
    </message>
    <message>
        <source>user destination &quot;%1&quot; (for the handshake&apos;s principal)</source>
        <translation>用户目标地址“%1”（对应握手时的用户身份）</translation>
    </message>
    <message>
        <source>destination &quot;%1&quot;</source>
        <translation>目标地址“%1”</translation>
    </message>
</context>
<context>
    <name>StompHandshake</name>
    <message>
        <source>the server chose an unknown STOMP version &quot;%1&quot;</source>
        <translation>服务器选择了未知的 STOMP 版本“%1”</translation>
    </message>
    <message>
        <source>the server chose STOMP %1, which was not offered</source>
        <translation>服务器选择了 STOMP %1，但客户端并未提供该版本</translation>
    </message>
</context>
<context>
    <name>StompPushSource</name>
    <message>
        <source>STOMP %1, heart-beat %2,%3 ms, server &quot;%4&quot;</source>
        <translation>STOMP %1，心跳 %2,%3 毫秒，服务器“%4”</translation>
    </message>
</context>
<context>
    <name>StringListEditor</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Add an entry and edit it</source>
        <translation>添加一项并编辑</translation>
    </message>
    <message>
        <source>Remove the selected entry (Delete)</source>
        <translation>删除选中的项（Delete）</translation>
    </message>
    <message>
        <source>Move the selected entry up: it is tried earlier</source>
        <translation>上移选中的项：更早尝试</translation>
    </message>
    <message>
        <source>Move the selected entry down: it is tried later</source>
        <translation>下移选中的项：更晚尝试</translation>
    </message>
    <message>
        <source>Add to %1</source>
        <translation>添加到 %1</translation>
    </message>
    <message>
        <source>Remove from %1</source>
        <translation>从 %1 中删除</translation>
    </message>
    <message>
        <source>Move up in %1</source>
        <translation>在 %1 中上移</translation>
    </message>
    <message>
        <source>Move down in %1</source>
        <translation>在 %1 中下移</translation>
    </message>
</context>
<context>
    <name>TcpTransport</name>
    <message>
        <source>not a STOMP TCP URL (stomp:// or stomp+ssl://): %1</source>
        <translation>不是 STOMP TCP 地址（stomp:// 或 stomp+ssl://）：%1</translation>
    </message>
    <message>
        <source>this build has no TLS support</source>
        <translation>此版本不支持 TLS</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>已由客户端关闭</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>the connection closed before it was established</source>
        <translation>连接在建立之前就已关闭</translation>
    </message>
</context>
<context>
    <name>TodoDatabase</name>
    <message>
        <source>The todo store %1 could not be used (%2). It was moved to %3 and a new, empty store was created.</source>
        <translation>无法使用待办存储 %1（%2）。它已被移到 %3，并新建了一个空的存储。</translation>
    </message>
    <message>
        <source>The todo store %1 could not be used (%2), nor could a new one be created there. Todos are kept in memory only until the application quits.</source>
        <translation>无法使用待办存储 %1（%2），也无法在那里新建存储。待办只保存在内存中，直到程序退出。</translation>
    </message>
    <message>
        <source>No todo store could be opened: %1</source>
        <translation>无法打开任何待办存储：%1</translation>
    </message>
    <message>
        <source>%1 is a directory</source>
        <translation>%1 是一个目录</translation>
    </message>
    <message>
        <source>cannot create the directory %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>未安装 Qt SQLite 驱动（QSQLITE）</translation>
    </message>
    <message>
        <source>it was written by a newer version of the application (schema %1, this one knows %2)</source>
        <translation>它由更新版本的程序写入（数据结构版本 %1，本程序只认识 %2）</translation>
    </message>
    <message>
        <source>it is not a todo store (it has other tables)</source>
        <translation>它不是待办存储（包含其他数据表）</translation>
    </message>
    <message>
        <source>integrity check failed: %1</source>
        <translation>完整性检查失败：%1</translation>
    </message>
    <message>
        <source>schema migration to version %1 failed: %2</source>
        <translation>数据结构迁移到版本 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>TodoDelegate</name>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>昨天 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>稍后提醒：%1</translation>
    </message>
    <message>
        <source>Snoozed until tomorrow %1</source>
        <translation>稍后提醒：明天 %1</translation>
    </message>
    <message>
        <source>Snoozed until %1 %2</source>
        <translation>稍后提醒：%1 %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办</translation>
    </message>
    <message>
        <source>Main server</source>
        <translation>主服务器</translation>
    </message>
</context>
<context>
    <name>TodoListWindow</name>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>The todo was not opened: %1</source>
        <translation>未打开该待办：%1</translation>
    </message>
    <message>
        <source>“%1” was not opened: %2</source>
        <translation>未打开“%1”：%2</translation>
    </message>
    <message>
        <source>Search todos (Ctrl+F)</source>
        <translation>搜索待办（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search todos</source>
        <translation>搜索待办</translation>
    </message>
    <message>
        <source>Shows the todos whose title, sender, department or business type contain every word</source>
        <translation>显示标题、发送人、部门或业务类型中包含所有关键词的待办</translation>
    </message>
    <message>
        <source>&amp;Unread only</source>
        <translation>仅未读(&amp;U)</translation>
    </message>
    <message>
        <source>Show unread todos only</source>
        <translation>只显示未读待办</translation>
    </message>
    <message>
        <source>&amp;Mark all as read</source>
        <translation>全部标为已读(&amp;M)</translation>
    </message>
    <message>
        <source>Mark all todos as read</source>
        <translation>将所有待办标为已读</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Application menu</source>
        <translation>应用程序菜单</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Enter opens the selected todo in the browser; the context menu key shows more</source>
        <translation>按 Enter 在浏览器中打开所选待办；按菜单键显示更多操作</translation>
    </message>
    <message>
        <source>No todos to show</source>
        <translation>没有可显示的待办</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Number of todos</source>
        <translation>待办数量</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>标为未读(&amp;U)</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>复制链接(&amp;C)</translation>
    </message>
    <message>
        <source>No todos yet.

When a todo is pushed to you (an approval, a change request, a task), it appears here at once and as a notification.</source>
        <translation>还没有待办。

当有待办推送给您（审批、变更申请、任务）时，它会立即出现在这里，并弹出通知。</translation>
    </message>
    <message>
        <source>First tell Todo Notifier where your server is: Menu → Settings…</source>
        <translation>请先告诉待办通知您的服务器地址：菜单 → 设置…</translation>
    </message>
    <message>
        <source>No todos match “%1”.</source>
        <translation>没有与“%1”匹配的待办。</translation>
    </message>
    <message>
        <source>No unread todos: you have read them all.</source>
        <translation>没有未读待办：全部都已读。</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n todos</source>
        <translation>
            <numerusform>共 %n 条待办</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Todos (%n unread)</source>
        <translation>
            <numerusform>待办（%n 条未读）</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter: open · Ctrl+R: mark as read or unread · Ctrl+S: snooze for an hour · Ctrl+Shift+S: snooze until… · Menu key or Shift+F10: more</source>
        <translation>Enter：打开 · Ctrl+R：标为已读或未读 · Ctrl+S：1 小时后提醒 · Ctrl+Shift+S：选择提醒时间… · 菜单键或 Shift+F10：更多</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>稍后提醒(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Choose a time…</source>
        <translation>选择时间…(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Wake now</source>
        <translation>立即提醒(&amp;W)</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Shows the todos of one server only</source>
        <translation>只显示一个服务器的待办</translation>
    </message>
    <message>
        <source>No todos from %1 match “%2”.</source>
        <translation>%1 没有与“%2”匹配的待办。</translation>
    </message>
    <message>
        <source>No unread todos from %1.</source>
        <translation>%1 没有未读待办。</translation>
    </message>
    <message>
        <source>No todos from %1 yet.</source>
        <translation>%1 还没有待办。</translation>
    </message>
    <message>
        <source>All servers</source>
        <translation>所有服务器</translation>
    </message>
</context>
<context>
    <name>TodoOpener</name>
    <message>
        <source>This todo is no longer in the list.</source>
        <translation>此待办已不在列表中。</translation>
    </message>
    <message>
        <source>No web browser could be started to open the link.</source>
        <translation>无法启动网页浏览器来打开链接。</translation>
    </message>
</context>
<context>
    <name>TodoStore</name>
    <message>
        <source>the todo store is not open</source>
        <translation>待办存储未打开</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source>TLS certificate rejected: %1</source>
        <translation>TLS 证书被拒绝：%1</translation>
    </message>
</context>
<context>
    <name>TransportPlan</name>
    <message>
        <source> with %1</source>
        <translation>，使用 %1</translation>
    </message>
    <message>
        <source>not a server URL (ws://, wss://, http:// or https://): %1</source>
        <translation>不是服务器 URL（ws://、wss://、http:// 或 https://）：%1</translation>
    </message>
    <message>
        <source>/info says websocket:true</source>
        <translation>/info 显示 websocket:true</translation>
    </message>
    <message>
        <source>; not a SockJS endpoint either: %1</source>
        <translation>；也不是 SockJS 端点：%1</translation>
    </message>
    <message>
        <source>/info is not SockJS JSON</source>
        <translation>/info 不是 SockJS 的 JSON</translation>
    </message>
    <message>
        <source>/info returned %1</source>
        <translation>/info 返回 %1</translation>
    </message>
    <message>
        <source>no SockJS /info</source>
        <translation>没有 SockJS /info</translation>
    </message>
    <message>
        <source>what worked before was refused%1</source>
        <translation>之前可用的方式被拒绝%1</translation>
    </message>
    <message>
        <source>WebSocket upgrade refused%1</source>
        <translation>WebSocket 升级被拒绝%1</translation>
    </message>
    <message>
        <source>raw /websocket refused%1</source>
        <translation>原生 /websocket 被拒绝%1</translation>
    </message>
    <message>
        <source>; as a raw WebSocket URL: %1</source>
        <translation>；作为原生 WebSocket URL：%1</translation>
    </message>
    <message>
        <source>%1, as configured</source>
        <translation>%1，按配置</translation>
    </message>
    <message>
        <source>auto, remembered: %1</source>
        <translation>自动，沿用上次：%1</translation>
    </message>
    <message>
        <source>auto: the WebSocket upgrade was accepted</source>
        <translation>自动：WebSocket 升级已被接受</translation>
    </message>
    <message>
        <source>auto: %1</source>
        <translation>自动：%1</translation>
    </message>
    <message>
        <source>/info says websocket:false</source>
        <translation>/info 显示 websocket:false</translation>
    </message>
    <message>
        <source>raw /websocket failed (%1)</source>
        <translation>原始 /websocket 失败（%1）</translation>
    </message>
    <message>
        <source>%1 (before: %2)</source>
        <translation>%1（之前：%2）</translation>
    </message>
    <message>
        <source>SockJS WebSocket</source>
        <translation>SockJS WebSocket</translation>
    </message>
    <message>
        <source>%1 refused%2</source>
        <translation>%1 被拒绝%2</translation>
    </message>
    <message>
        <source>%1 failed (%2)</source>
        <translation>%1 失败（%2）</translation>
    </message>
    <message>
        <source>%1, as configured: %2</source>
        <translation>%1，按配置：%2</translation>
    </message>
</context>
<context>
    <name>TrayApplication</name>
    <message>
        <source>Todo Notifier</source>
        <translation>待办通知</translation>
    </message>
    <message>
        <source>The todo store cannot be opened: %1</source>
        <translation>无法打开待办存储：%1</translation>
    </message>
    <message>
        <source>Your desktop has no system tray, so this window is Todo Notifier&apos;s main window: closing it quits the application. Notifications still appear.</source>
        <translation>您的桌面没有系统托盘，因此此窗口是待办通知的主窗口：关闭它将退出应用程序。通知仍会弹出。</translation>
    </message>
    <message>
        <source>The demo server cannot be started: %1</source>
        <translation>无法启动演示服务器：%1</translation>
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation>无法更改登录时启动的设置：%1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Todo Notifier %1&lt;/h3&gt;&lt;p&gt;Stays connected to your organisation&apos;s push server and tells you the moment a todo is waiting for you.&lt;/p&gt;&lt;p&gt;Notifications: %2&lt;br&gt;Todo store: %3&lt;br&gt;Settings: %4&lt;/p&gt;&lt;p&gt;Built with Qt %5.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;待办通知 %1&lt;/h3&gt;&lt;p&gt;与贵单位的推送服务器保持连接，一有待办就立即提醒您。&lt;/p&gt;&lt;p&gt;通知：%2&lt;br&gt;待办存储：%3&lt;br&gt;设置：%4&lt;/p&gt;&lt;p&gt;基于 Qt %5 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Todo Notifier</source>
        <translation>关于待办通知</translation>
    </message>
    <message>
        <source>The todos of %1 cannot be opened, so it is not connected: %2</source>
        <translation>无法打开 %1 的待办，因此未连接它：%2</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>&amp;Open todo list</source>
        <translation>打开待办列表(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Mark all as read</source>
        <translation>全部标为已读(&amp;M)</translation>
    </message>
    <message>
        <source>For 1 &amp;hour</source>
        <translation>1 小时(&amp;H)</translation>
    </message>
    <message>
        <source>Until &amp;tomorrow (%1)</source>
        <translation>直到明天(&amp;T)（%1）</translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation>关闭(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>立即重新连接(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About Todo Notifier</source>
        <translation>关于待办通知(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <source>%n pending todos — %1</source>
        <translation>
            <numerusform>%n 条待办 — %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not disturb until %1</source>
        <translation>免打扰直到 %1</translation>
    </message>
    <message>
        <source>&amp;Do not disturb (until %1)</source>
        <translation>免打扰(&amp;D)（直到 %1）</translation>
    </message>
    <message>
        <source>&amp;Do not disturb</source>
        <translation>免打扰(&amp;D)</translation>
    </message>
</context>
<context>
    <name>WebSocketTransport</name>
    <message>
        <source>not a WebSocket URL (ws:// or wss://): %1</source>
        <translation>不是 WebSocket URL（ws:// 或 wss://）：%1</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>已由客户端关闭</translation>
    </message>
    <message>
        <source>the server closed the connection (code %1)</source>
        <translation>服务器关闭了连接（代码 %1）</translation>
    </message>
    <message>
        <source>the connection closed during the handshake</source>
        <translation>连接在握手期间关闭</translation>
    </message>
    <message>
        <source>the server answered the WebSocket handshake with status code: 400 (Bad Request)</source>
        <translation>服务器以状态码 400（Bad Request）回应了 WebSocket 握手</translation>
    </message>
</context>
<context>
    <name>WindowsAutostart</name>
    <message>
        <source>Cannot change %1 in the registry.</source>
        <translation>无法修改注册表中的 %1。</translation>
    </message>
</context>
<context>
    <name>XdgAutostart</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
</TS>
