#!/usr/bin/env bash
# Start/stop a real, throw-away RabbitMQ broker (STOMP + Web-STOMP) for the test suite,
# as a plain background process: no systemd, no init scripts.
#
# Usage:
#   rabbitmq-fixture.sh start   DIR   start a broker whose whole state lives under DIR; returns
#                                     once STOMP and Web-STOMP accept connections (pid of
#                                     beam.smp written to DIR/rabbitmq.pid)
#   rabbitmq-fixture.sh stop    DIR   graceful stop (SIGTERM), SIGKILL after a bounded wait
#   rabbitmq-fixture.sh kill    DIR   SIGKILL the broker's OS processes (crash simulation);
#                                     a later `start DIR` recovers durable queues/messages
#   rabbitmq-fixture.sh restart DIR   stop, then start
#   rabbitmq-fixture.sh status  DIR   exit 0 if this DIR's broker is running
#   rabbitmq-fixture.sh ready   DIR   exit 0 if its STOMP and Web-STOMP listeners answer
#   rabbitmq-fixture.sh ctl     DIR ARGS...   run rabbitmqctl ARGS against this DIR's node
#                                     (e.g. `ctl DIR list_queues name messages`)
#
# Environment (read by `start`; stop/kill/ctl reuse what `start` saved in DIR/fixture.env):
#   TODO_RMQ_AMQP_PORT     (26672)  AMQP listener
#   TODO_RMQ_STOMP_PORT    (26613)  STOMP listener
#   TODO_RMQ_WS_PORT       (26674)  Web-STOMP listener, ws://127.0.0.1:PORT/ws
#   TODO_RMQ_DIST_PORT     (26671)  Erlang distribution port of the node
#   TODO_RMQ_EPMD_PORT     (26369)  private epmd (not the system one on 4369)
#   TODO_RMQ_CTL_DIST_PORT_MIN (26680) first of 10 distribution ports for our CLI calls
#   TODO_RMQ_START_TIMEOUT (60)  TODO_RMQ_STOP_TIMEOUT (30)  seconds
# All defaults avoid RabbitMQ's standard ports (5672, 61613, 15674, 25672, 4369) and the
# standard CLI range 35672-35682. Everything listens on 127.0.0.1 only.
# Node name: todo-test-<STOMP port>@localhost (so two DIRs with different ports can coexist).
# Users: guest/guest (administrator, vhost "/"; loopback-only as usual) and todo/todo-secret
# (full permissions on "/" and on "todo-vhost"), loaded from DIR/definitions.json at boot.
#
# How it runs: /usr/lib/rabbitmq/bin/rabbitmq-server is called directly as the invoking user
# (root here), NOT through /usr/sbin/rabbitmq-server, which su's to the `rabbitmq` user and
# hard-codes /var/lib/rabbitmq and /var/log/rabbitmq. HOME is set to DIR, so the Erlang cookie
# is DIR/.erlang.cookie. The broker runs in its own session (setsid) with stdio redirected to
# DIR/log/startup.log, so this script returns even when its output is captured (ctest).
# Processes belonging to DIR are recognised by the variable TODO_RMQ_FIXTURE_DIR=DIR in their
# environment (/proc/PID/environ), so stop/kill never touch another broker.
# The private epmd (started by the Erlang VM, it daemonises itself) is left running while any
# node is registered with it and is killed by `stop` when none is left.
set -euo pipefail

RMQ_BIN=${TODO_RMQ_BIN_DIR:-/usr/lib/rabbitmq/bin}
PYTHON=${TODO_RMQ_PYTHON:-/usr/bin/python3}
[[ -x $PYTHON ]] || PYTHON=python3

die() { echo "rabbitmq-fixture: $*" >&2; exit 1; }
log() { echo "rabbitmq-fixture: $*" >&2; }

usage() {
    sed -n '5,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

load_settings() {
    # Values saved by a previous `start` win for stop/kill/ctl; env/defaults otherwise.
    unset AMQP_PORT STOMP_PORT WS_PORT DIST_PORT EPMD_PORT CTL_DIST_MIN NODE
    if [[ $1 == saved && -f $DIR/fixture.env ]]; then
        # shellcheck source=/dev/null
        source "$DIR/fixture.env"
    fi
    AMQP_PORT=${AMQP_PORT:-${TODO_RMQ_AMQP_PORT:-26672}}
    STOMP_PORT=${STOMP_PORT:-${TODO_RMQ_STOMP_PORT:-26613}}
    WS_PORT=${WS_PORT:-${TODO_RMQ_WS_PORT:-26674}}
    DIST_PORT=${DIST_PORT:-${TODO_RMQ_DIST_PORT:-26671}}
    EPMD_PORT=${EPMD_PORT:-${TODO_RMQ_EPMD_PORT:-26369}}
    CTL_DIST_MIN=${CTL_DIST_MIN:-${TODO_RMQ_CTL_DIST_PORT_MIN:-26680}}
    NODE=${NODE:-todo-test-${STOMP_PORT}@localhost}
    START_TIMEOUT=${TODO_RMQ_START_TIMEOUT:-60}
    STOP_TIMEOUT=${TODO_RMQ_STOP_TIMEOUT:-30}
    local p
    for p in "$AMQP_PORT" "$STOMP_PORT" "$WS_PORT" "$DIST_PORT" "$EPMD_PORT" "$CTL_DIST_MIN"; do
        [[ $p =~ ^[0-9]+$ ]] || die "invalid port number '$p'"
    done
}

# PIDs of all processes started for this DIR (found through the marker variable), except
# epmd, which is shared with other nodes using the same epmd port.
fixture_pids() {
    local marker="TODO_RMQ_FIXTURE_DIR=$DIR" f pid comm
    # One grep over all environ files (NUL-separated entries, whole-entry match): a loop with a
    # tr|grep pair per process takes seconds on a busy machine.
    while IFS= read -r f; do
        pid=${f#/proc/}
        pid=${pid%/environ}
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
        [[ $comm == epmd ]] && continue
        echo "$pid"
    done < <(grep -lsxzF -- "$marker" /proc/[0-9]*/environ)
}

beam_pid() {
    local pid
    for pid in $(fixture_pids); do
        if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == beam.smp ]]; then
            echo "$pid"
            return 0
        fi
    done
    return 1
}

# Wait until no fixture process is left; returns 1 on timeout.
wait_gone() {
    local deadline=$((SECONDS + $1))
    while [[ -n $(fixture_pids) ]]; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# kill -0 succeeds on a zombie, so look at the process state.
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stomp_ready() {
    # A real STOMP session as `todo` on `todo-vhost`: proves the listener is up and the
    # definitions (users, vhosts, permissions) have been imported.
    (
        exec 3<>"/dev/tcp/127.0.0.1/$STOMP_PORT"
        printf 'CONNECT\naccept-version:1.2\nhost:todo-vhost\nlogin:todo\npasscode:todo-secret\n\n\0' >&3
        IFS= read -r -t 3 line <&3
        [[ $line == CONNECTED* ]] || exit 1
        printf 'DISCONNECT\n\n\0' >&3
    ) 2>/dev/null
}

ws_ready() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$WS_PORT"
        printf 'GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n' "$WS_PORT" >&3
        IFS= read -r -t 3 line <&3
        [[ $line == "HTTP/1.1 101"* ]]
    ) 2>/dev/null
}

# Logs are appended across runs: remember their sizes so that failures show this run only.
declare -A LOG_OFFSET=()
mark_logs() {
    local f
    for f in "$DIR/log/startup.log" "$DIR/log/$NODE.log"; do
        LOG_OFFSET[$f]=$(stat -c %s "$f" 2>/dev/null || echo 0)
    done
}

print_log_tail() {
    local f
    for f in "$DIR/log/startup.log" "$DIR/log/$NODE.log"; do
        [[ -f $f ]] || continue
        echo "----- tail of $f (this run) -----" >&2
        tail -c +"$((${LOG_OFFSET[$f]:-0} + 1))" "$f" | tail -n 40 >&2 || true
    done
}

cleanup_epmd() {
    local epmd
    epmd=$(command -v epmd 2>/dev/null) || return 0
    # Only kill our private epmd when no node is registered with it any more.
    local names
    names=$(ERL_EPMD_PORT=$EPMD_PORT "$epmd" -names 2>/dev/null) || return 0
    if ! grep -q '^name ' <<<"$names"; then
        ERL_EPMD_PORT=$EPMD_PORT "$epmd" -kill >/dev/null 2>&1 || true
    fi
}

password_hash() {
    # rabbit_password_hashing_sha256: base64(salt(4) ++ sha256(salt(4) ++ password))
    "$PYTHON" -c 'import base64,hashlib,os,sys
s=os.urandom(4); print(base64.b64encode(s+hashlib.sha256(s+sys.argv[1].encode()).digest()).decode())' "$1"
}

write_config() {
    mkdir -p "$DIR/mnesia" "$DIR/log" "$DIR/conf.d" "$DIR/plugins-expand"
    : >"$DIR/rabbitmq-env.conf"   # keeps /etc/rabbitmq/rabbitmq-env.conf out
    echo '[rabbitmq_stomp,rabbitmq_web_stomp].' >"$DIR/enabled_plugins"
    cat >"$DIR/rabbitmq.conf" <<EOF
# Generated by scripts/rabbitmq-fixture.sh; rewritten on every start.
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
stomp.listeners.tcp.1 = 127.0.0.1:$STOMP_PORT
web_stomp.tcp.ip = 127.0.0.1
web_stomp.tcp.port = $WS_PORT
loopback_users.guest = true
disk_free_limit.absolute = 10MB
log.console = false
log.file.level = info
load_definitions = $DIR/definitions.json
EOF
    local guest_hash todo_hash
    guest_hash=$(password_hash guest)
    todo_hash=$(password_hash todo-secret)
    cat >"$DIR/definitions.json" <<EOF
{
  "users": [
    {"name": "guest", "password_hash": "$guest_hash",
     "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "administrator"},
    {"name": "todo", "password_hash": "$todo_hash",
     "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ""}
  ],
  "vhosts": [{"name": "/"}, {"name": "todo-vhost"}],
  "permissions": [
    {"user": "guest", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"},
    {"user": "todo", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"},
    {"user": "todo", "vhost": "todo-vhost", "configure": ".*", "write": ".*", "read": ".*"}
  ]
}
EOF
    {
        local v
        for v in AMQP_PORT STOMP_PORT WS_PORT DIST_PORT EPMD_PORT CTL_DIST_MIN NODE; do
            printf '%s=%q\n' "$v" "${!v}"
        done
    } >"$DIR/fixture.env"
}

cmd_stop() {
    local pids beam
    pids=$(fixture_pids)
    if [[ -z $pids ]]; then
        rm -f "$DIR/rabbitmq.pid"
        cleanup_epmd
        return 0
    fi
    # SIGTERM to beam.smp is a graceful shutdown in RabbitMQ >= 3.8 (same as `rabbitmqctl stop`).
    if beam=$(beam_pid); then
        kill -TERM "$beam" 2>/dev/null || true
    else
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null || true
    fi
    if ! wait_gone "$STOP_TIMEOUT"; then
        log "broker did not stop within ${STOP_TIMEOUT}s, killing it"
        cmd_kill
    fi
    rm -f "$DIR/rabbitmq.pid"
    cleanup_epmd
}

cmd_kill() {
    local pids
    pids=$(fixture_pids)
    if [[ -n $pids ]]; then
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        wait_gone 10 || die "processes still alive after SIGKILL: $(fixture_pids | tr '\n' ' ')"
    fi
    rm -f "$DIR/rabbitmq.pid"
}

cmd_start() {
    [[ -x $RMQ_BIN/rabbitmq-server ]] || die "$RMQ_BIN/rabbitmq-server not found (apt-get install rabbitmq-server)"
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd -P)

    # A broker left over from a previous run with this DIR: stop it (with its saved settings).
    if [[ -n $(fixture_pids) ]]; then
        log "a broker for $DIR is still running, stopping it first"
        (load_settings saved; cmd_stop)
    fi
    load_settings env

    local p
    for p in "$AMQP_PORT" "$STOMP_PORT" "$WS_PORT" "$DIST_PORT"; do
        if port_open "$p"; then
            die "port 127.0.0.1:$p is already in use (another broker? set TODO_RMQ_*_PORT)"
        fi
    done

    write_config
    mark_logs
    echo "===== $(date '+%F %T') start $NODE =====" >>"$DIR/log/startup.log"

    local erl_args="-kernel inet_dist_use_interface {127,0,0,1}"
    local wrapper
    cd "$DIR"   # the VM's working directory (erl_crash.dump would land there otherwise)
    env -i \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin \
        HOME="$DIR" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        TODO_RMQ_FIXTURE_DIR="$DIR" \
        RABBITMQ_NODENAME="$NODE" \
        RABBITMQ_USE_LONGNAME=false \
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$AMQP_PORT" \
        RABBITMQ_DIST_PORT="$DIST_PORT" \
        RABBITMQ_CONF_ENV_FILE="$DIR/rabbitmq-env.conf" \
        RABBITMQ_CONFIG_FILE="$DIR/rabbitmq.conf" \
        RABBITMQ_CONFIG_FILES="$DIR/conf.d" \
        RABBITMQ_ADVANCED_CONFIG_FILE="$DIR/advanced.config" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins" \
        RABBITMQ_MNESIA_BASE="$DIR/mnesia" \
        RABBITMQ_LOG_BASE="$DIR/log" \
        RABBITMQ_PLUGINS_EXPAND_DIR="$DIR/plugins-expand" \
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$erl_args" \
        RABBITMQ_CTL_ERL_ARGS="$erl_args" \
        RABBITMQ_CTL_DIST_PORT_MIN="$CTL_DIST_MIN" \
        RABBITMQ_CTL_DIST_PORT_MAX="$((CTL_DIST_MIN + 9))" \
        ERL_EPMD_PORT="$EPMD_PORT" \
        ERL_EPMD_ADDRESS=127.0.0.1 \
        ERL_CRASH_DUMP="$DIR/log/erl_crash.dump" \
        setsid "$RMQ_BIN/rabbitmq-server" </dev/null >>"$DIR/log/startup.log" 2>&1 &
    wrapper=$!
    disown "$wrapper"   # no job bookkeeping/"Killed" notices; the broker outlives this script

    local deadline=$((SECONDS + START_TIMEOUT)) stomp_ok=0 ws_ok=0
    while :; do
        if ! alive "$wrapper"; then
            print_log_tail
            die "broker exited during startup (see logs above, in $DIR/log)"
        fi
        ((stomp_ok)) || { stomp_ready && stomp_ok=1; }
        ((ws_ok)) || { ws_ready && ws_ok=1; }
        ((stomp_ok && ws_ok)) && break
        if ((SECONDS >= deadline)); then
            print_log_tail
            (cmd_kill) || true
            die "broker not ready after ${START_TIMEOUT}s (stomp ready: $stomp_ok, web-stomp ready: $ws_ok)"
        fi
        sleep 0.25
    done

    local beam
    beam=$(beam_pid) || die "broker is answering but its beam.smp process was not found"
    echo "$beam" >"$DIR/rabbitmq.pid"
    log "$NODE up (pid $beam): amqp $AMQP_PORT, stomp $STOMP_PORT, ws://127.0.0.1:$WS_PORT/ws"
}

cmd_ctl() {
    [[ -f $DIR/fixture.env ]] || die "$DIR/fixture.env missing: the broker was never started there"
    load_settings saved
    HOME="$DIR" ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
        RABBITMQ_CTL_DIST_PORT_MIN="$CTL_DIST_MIN" RABBITMQ_CTL_DIST_PORT_MAX="$((CTL_DIST_MIN + 9))" \
        RABBITMQ_CONF_ENV_FILE="$DIR/rabbitmq-env.conf" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins" \
        "$RMQ_BIN/rabbitmqctl" -n "$NODE" "$@"
}

[[ $# -ge 2 ]] || usage
action=$1
DIR=$2
shift 2
[[ -n $DIR ]] || usage
if [[ $action != start ]]; then
    [[ -d $DIR ]] || { [[ $action == stop || $action == kill ]] && exit 0; die "no such directory: $DIR"; }
    DIR=$(cd "$DIR" && pwd -P)
fi

case $action in
    start)   cmd_start ;;
    stop)    load_settings saved; cmd_stop ;;
    kill)    load_settings saved; cmd_kill ;;
    restart) mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd -P); (load_settings saved; cmd_stop); cmd_start ;;
    status)  [[ -n $(fixture_pids) ]] ;;
    ready)   load_settings saved; stomp_ready && ws_ready ;;
    ctl)     cmd_ctl "$@" ;;
    *)       usage ;;
esac
