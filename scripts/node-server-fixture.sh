#!/usr/bin/env bash
# Installs the npm packages of the integration tests and starts/stops the Node test peers in
# tests/integration/node (the SockJS STOMP server, the WebSocket-to-TCP bridge) as plain background
# processes, for CTest fixtures. Everything lives in a directory of the build tree; nothing is written
# to the source tree.
#
# Usage:
#   node-server-fixture.sh install DIR                 `npm ci` of tests/integration/node/package-lock.json
#                                                      into DIR/node_modules (skipped when DIR already
#                                                      holds exactly that lock file's packages)
#   node-server-fixture.sh start DIR NAME SCRIPT [ARGS...]
#                                                      runs tests/integration/node/SCRIPT with ARGS and
#                                                      --port-file DIR/NAME.port; returns once the port
#                                                      file exists (pid in DIR/NAME.pid, log DIR/NAME.log)
#   node-server-fixture.sh stop DIR NAME               SIGTERM (SIGKILL after 10 s) the process started
#                                                      as NAME
# Servers listen on 127.0.0.1 and an ephemeral port unless ARGS say otherwise; tests read DIR/NAME.port.
# Environment: TODO_NODE_START_TIMEOUT (30) seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
source_dir="$here/../tests/integration/node"

die() { echo "node-server-fixture: $*" >&2; exit 1; }

usage() {
    sed -n '7,18p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

cmd_install() {
    command -v node >/dev/null || die "node not found (scripts/install-deps.sh test installs nodejs)"
    command -v npm >/dev/null || die "npm not found (scripts/install-deps.sh test installs npm)"
    mkdir -p "$DIR"
    local stamp
    stamp=$(sha256sum "$source_dir/package-lock.json" | cut -d' ' -f1)
    if [[ -d $DIR/node_modules && -f $DIR/.lock-stamp && $(cat "$DIR/.lock-stamp") == "$stamp" ]]; then
        echo "node-server-fixture: node_modules in $DIR is up to date"
        return 0
    fi
    cp "$source_dir/package.json" "$source_dir/package-lock.json" "$DIR/"
    (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$stamp" >"$DIR/.lock-stamp"
}

cmd_stop() {
    local name=$1 pid
    [[ -f $DIR/$name.pid ]] || return 0
    pid=$(cat "$DIR/$name.pid")
    if alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + 10))
        while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$DIR/$name.pid" "$DIR/$name.port"
}

cmd_start() {
    local name=$1 script=$2
    shift 2
    [[ -f $source_dir/$script ]] || die "no such script: $source_dir/$script"
    [[ -d $DIR/node_modules ]] || die "$DIR/node_modules missing: run '$0 install $DIR' first"
    cmd_stop "$name"
    local port_file="$DIR/$name.port"
    rm -f "$port_file"
    echo "===== $(date '+%F %T') start $script $*" >>"$DIR/$name.log"
    NODE_PATH="$DIR/node_modules" setsid node "$source_dir/$script" "$@" --port-file "$port_file" \
        </dev/null >>"$DIR/$name.log" 2>&1 &
    local pid=$!
    disown "$pid"
    echo "$pid" >"$DIR/$name.pid"
    local deadline=$((SECONDS + ${TODO_NODE_START_TIMEOUT:-30}))
    while [[ ! -s $port_file ]]; do
        if ! alive "$pid"; then
            tail -n 20 "$DIR/$name.log" >&2
            die "$script exited during startup (log: $DIR/$name.log)"
        fi
        if ((SECONDS >= deadline)); then
            cmd_stop "$name"
            die "$script did not start within ${TODO_NODE_START_TIMEOUT:-30}s (log: $DIR/$name.log)"
        fi
        sleep 0.1
    done
    echo "node-server-fixture: $name ($script, pid $pid) on port $(cat "$port_file")"
}

[[ $# -ge 2 ]] || usage
action=$1
DIR=$2
shift 2
case $action in
    install) cmd_install ;;
    start) [[ $# -ge 2 ]] || usage; mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd -P); cmd_start "$@" ;;
    stop) [[ $# -ge 1 ]] || usage; [[ -d $DIR ]] || exit 0; DIR=$(cd "$DIR" && pwd -P); cmd_stop "$1" ;;
    *) usage ;;
esac
