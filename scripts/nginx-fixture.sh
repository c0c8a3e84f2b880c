#!/usr/bin/env bash
# Start/stop a throw-away nginx (Debian's `nginx` package) as a reverse proxy in front of a test server, as a plain
# background process with its configuration, logs and temporary files under one directory: no systemd, no
# /etc/nginx, no /var/log/nginx. It proxies plain HTTP to 127.0.0.1:UPSTREAM and does NOT forward `Upgrade` and
# `Connection` (a proxy set up for HTTP only, as many are): a WebSocket handshake reaches the server as a plain GET
# and fails, so SockJS clients must fall back to their HTTP transports. `proxy_buffering off` lets xhr-streaming
# responses through as they come.
#
# Usage:
#   nginx-fixture.sh start DIR UPSTREAM_PORT_FILE   write DIR/nginx.conf (listening on 127.0.0.1 and a free
#                                                   ephemeral port, proxying to the port in UPSTREAM_PORT_FILE),
#                                                   start nginx and return once it accepts connections; the port
#                                                   is in DIR/nginx.port, the master's pid in DIR/nginx.pid, logs
#                                                   in DIR/error.log and DIR/access.log
#   nginx-fixture.sh stop DIR                       SIGQUIT (graceful), SIGKILL after 10 s
# Environment: TODO_NGINX (nginx), TODO_NGINX_START_TIMEOUT (30) seconds.
set -euo pipefail

NGINX=${TODO_NGINX:-nginx}

die() { echo "nginx-fixture: $*" >&2; exit 1; }

usage() {
    sed -n '9,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

free_port() {
    # Bind port 0 and report what the kernel picked (released again at once; a race is reported by start).
    "${PYTHON:-/usr/bin/python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_config() {
    local port=$1 upstream=$2 user=""
    # A master running as root hands its workers to `nobody`, who may not write DIR: keep them root here.
    if [[ $(id -u) == 0 ]]; then
        user="user root;"
    fi
    mkdir -p "$DIR/tmp"
    cat >"$DIR/nginx.conf" <<EOF
# Written by scripts/nginx-fixture.sh for the integration tests; rewritten on every start.
$user
daemon off;
worker_processes 1;
pid $DIR/master.pid; # nginx's own; DIR/nginx.pid is the fixture's
error_log $DIR/error.log info;
events { worker_connections 256; }
http {
    access_log $DIR/access.log;
    client_body_temp_path $DIR/tmp/body;
    proxy_temp_path $DIR/tmp/proxy;
    fastcgi_temp_path $DIR/tmp/fastcgi;
    uwsgi_temp_path $DIR/tmp/uwsgi;
    scgi_temp_path $DIR/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://127.0.0.1:$upstream;
            proxy_http_version 1.1;
            # Deliberately no "proxy_set_header Upgrade \$http_upgrade" and no "Connection upgrade": the hop-by-hop
            # headers stay behind, so the server sees a WebSocket handshake as a plain GET (and answers 400).
            proxy_buffering off;
            proxy_read_timeout 120s;
        }
    }
}
EOF
}

cmd_stop() {
    [[ -f $DIR/nginx.pid ]] || return 0
    local pid
    pid=$(cat "$DIR/nginx.pid")
    if alive "$pid"; then
        kill -QUIT "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + 10))
        while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$DIR/nginx.pid" "$DIR/nginx.port"
}

cmd_start() {
    local upstream_file=$1 upstream port
    command -v "$NGINX" >/dev/null || die "$NGINX not found (scripts/install-deps.sh test installs nginx)"
    [[ -s $upstream_file ]] || die "no upstream port file: $upstream_file"
    upstream=$(tr -d '[:space:]' <"$upstream_file")
    [[ $upstream =~ ^[0-9]+$ ]] || die "invalid upstream port '$upstream' in $upstream_file"
    cmd_stop
    port=$(free_port)
    listening "$port" && die "port 127.0.0.1:$port is already in use"
    write_config "$port" "$upstream"
    echo "===== $(date '+%F %T') start on port $port, upstream $upstream" >>"$DIR/console.log"
    setsid "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" -e "$DIR/error.log" </dev/null >>"$DIR/console.log" 2>&1 &
    local pid=$!
    disown "$pid"
    echo "$pid" >"$DIR/nginx.pid"
    local deadline=$((SECONDS + ${TODO_NGINX_START_TIMEOUT:-30}))
    until listening "$port"; do
        if ! alive "$pid"; then
            tail -n 20 "$DIR/error.log" >&2 || true
            die "nginx exited during startup (log: $DIR/error.log)"
        fi
        if ((SECONDS >= deadline)); then
            cmd_stop
            die "nginx did not start within ${TODO_NGINX_START_TIMEOUT:-30}s (log: $DIR/error.log)"
        fi
        sleep 0.1
    done
    echo "$port" >"$DIR/nginx.port.tmp"
    mv "$DIR/nginx.port.tmp" "$DIR/nginx.port"
    echo "nginx-fixture: nginx (pid $pid) on port $port, proxying to $upstream"
}

[[ $# -ge 2 ]] || usage
action=$1
DIR=$2
shift 2
case $action in
    start) [[ $# -ge 1 ]] || usage; mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd -P); cmd_start "$1" ;;
    stop) [[ -d $DIR ]] || exit 0; DIR=$(cd "$DIR" && pwd -P); cmd_stop ;;
    *) usage ;;
esac
