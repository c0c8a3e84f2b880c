#!/usr/bin/env bash
# A real, throw-away three-node RabbitMQ cluster on 127.0.0.1 (STOMP + Web-STOMP on every node) for
# integration tests and soaks; every node is one scripts/rabbitmq-fixture.sh broker.
#
# Usage:
#   rabbitmq-cluster-fixture.sh start       DIR    a FRESH cluster: stops one still running for DIR, wipes
#                                                  DIR/node{1,2,3}/mnesia, starts three nodes in parallel,
#                                                  joins node2 and node3 to node1, waits for 3 running nodes
#                                                  and STOMP + Web-STOMP on each, declares the durable quorum
#                                                  queue `todo-cluster` (vhost "/", leader node1, 3 members)
#   rabbitmq-cluster-fixture.sh stop        DIR    graceful stop of all nodes (bounded, SIGKILL after), kills
#                                                  the private epmd; succeeds when nothing runs
#   rabbitmq-cluster-fixture.sh kill-node   DIR N  SIGKILL node N (N = 1, 2 or 3): a crash
#   rabbitmq-cluster-fixture.sh stop-node   DIR N  graceful stop of node N
#   rabbitmq-cluster-fixture.sh start-node  DIR N  restart node N after kill-node/stop-node (with its own
#                                                  data: it is not re-joined); returns once the cluster_status
#                                                  of every running node (3 normally) lists them all running
#                                                  and N's STOMP + Web-STOMP answer; only waits if N runs
#   rabbitmq-cluster-fixture.sh pause-node  DIR N  SIGSTOP all of node N's OS processes (a partition)
#   rabbitmq-cluster-fixture.sh resume-node DIR N  SIGCONT them; returns once N is back in the cluster (as
#                                                  for start-node; see "Pause/resume" below)
#   rabbitmq-cluster-fixture.sh leader      DIR QUEUE [VHOST]  print 1, 2 or 3: the node leading quorum
#                                                  queue QUEUE (vhost "/"); waits while that is a down or
#                                                  paused node (an election in progress)
#   rabbitmq-cluster-fixture.sh status      DIR    print "nodeN NAME running|paused|down" for each node;
#                                                  exit 0 if all three run (not paused)
#   rabbitmq-cluster-fixture.sh ctl         DIR N ARGS...  rabbitmqctl ARGS against node N
#
# Files written by `start` (the port files hold just the number):
#   DIR/node{1,2,3}.stomp.port  DIR/node{1,2,3}.ws.port (ws://127.0.0.1:PORT/ws)  DIR/node{1,2,3}.amqp.port
#   DIR/cluster.env   shell-sourceable: BASE_PORT, EPMD_PORT, QUEUE, and for N in 1 2 3: NODEN (node name),
#                     NODEN_DIR, NODEN_AMQP_PORT, NODEN_STOMP_PORT, NODEN_WS_PORT, NODEN_DIST_PORT,
#                     NODEN_CTL_DIST_PORT_MIN
#   DIR/nodeN/...     that node's rabbitmq-fixture.sh directory (logs in DIR/nodeN/log/)
#
# Ports (read by `start`, saved in DIR/cluster.env for the other commands): B = TODO_RMQC_BASE_PORT (26800)
#   shared epmd B+1; node N: distribution B+10N+1, AMQP B+10N+2, STOMP B+10N+3, Web-STOMP B+10N+4;
#   rabbitmqctl distribution ports for node N: B+40+10N .. B+49+10N.
#   Defaults: node1 26811-26814, node2 26821-26824, node3 26831-26834, epmd 26801, CLI 26850-26879
#   (clear of the single-node fixture's 266xx and the 25xxx/27xxx/28xxx soak/benchmark/fleet ranges; all below the
#   kernel's ephemeral range, 32768-60999).
# Other environment: TODO_RMQC_START_TIMEOUT (90) seconds per node boot, TODO_RMQC_STOP_TIMEOUT (30),
#   TODO_RMQC_WAIT_TIMEOUT (90) for cluster waits (join, start-node, resume-node, leader),
#   TODO_RMQC_COOKIE (random per `start`) the shared Erlang cookie.
# Node names: todo-test-<STOMP port>@localhost (todo-test-26813@localhost, ...-26823, ...-26833).
# Users/vhosts as in rabbitmq-fixture.sh: guest/guest ("/"), todo/todo-secret ("/" and "todo-vhost").
#
# How: every node is `rabbitmq-fixture.sh start DIR/nodeN` with its own TODO_RMQ_*_PORT values and one
# shared TODO_RMQ_EPMD_PORT; HOME=DIR/nodeN, so the shared cookie is written to DIR/nodeN/.erlang.cookie
# (mode 400) before a fresh start. Cluster settings go to DIR/nodeN/conf.d/90-cluster.conf (rabbitmq.conf
# syntax, next to the rabbitmq.conf that rabbitmq-fixture.sh rewrites on every start):
#   net_ticktime = 10                              a silent (paused) node is declared down after ~10-13 s
#   cluster_partition_handling = pause_minority
# The quorum queue is declared with `rabbitmqctl eval rabbit_amqqueue:declare(...)` on node1 (x-queue-type
# quorum, durable, not auto-delete), so node1 leads it at first; STOMP clients use it as /amq/queue/todo-cluster
# (or /queue/todo-cluster with the header x-queue-type:quorum, see tests/integration/README.md).
#
# Pause/resume (pause_minority): while node N is stopped the two others, a majority, go on: a quorum
# queue led by N elects a new leader among them after ~7 s (Ra's own failure detector), N is declared
# down after net_ticktime (~11-13 s); N's own clients stall (their TCP connections stay open). A pause
# shorter than that is only a stall. After SIGCONT either N sees itself in a minority and pauses its
# rabbit application until it reaches the majority again (~2 s; its STOMP and Web-STOMP connections are
# closed), or (a race, 11 of 16 pauses of 15-25 s here on 3.10.8) N reconnects before it notices and the
# cluster is left partitioned (cluster_status lists partitions, N's running_nodes is only itself, while
# quorum queues already work through N again). resume-node repairs the latter: when a partition is still
# recorded 6 s after SIGCONT + 2 s, it restarts N's rabbit application (stop_app + start_app, RabbitMQ's
# manual recovery; N's client connections are closed then). Either way N's clients are disconnected once
# and resume-node returns within ~5-20 s with three running nodes and no partition.
# Two nodes down at once (kill/stop/pause): the remaining one pauses itself too (a minority of one) and
# comes back when one of the others does.
# While a node is paused, rabbitmqctl calls to the running nodes (also those of `leader`) take a few
# seconds more, and those that ask every node (list_queues, cluster_status) can stall for up to
# ~net_ticktime until the paused node is declared down.
# shellcheck disable=SC2153  # NODE1..NODE3 are set by printf -v or by sourcing DIR/cluster.env
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SINGLE=$HERE/rabbitmq-fixture.sh
PYTHON=${TODO_RMQ_PYTHON:-/usr/bin/python3}
[[ -x $PYTHON ]] || PYTHON=python3
NODES=(1 2 3)

die() { echo "rabbitmq-cluster-fixture: $*" >&2; exit 1; }
log() { echo "rabbitmq-cluster-fixture: $*" >&2; }

usage() {
    sed -n '5,27p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------------------------------------- settings

load_settings() {
    # $1 = saved: what `start` wrote to DIR/cluster.env (if any); env: TODO_RMQC_* / defaults.
    if [[ $1 == saved && -f $DIR/cluster.env ]]; then
        # shellcheck source=/dev/null
        source "$DIR/cluster.env"
    else
        BASE_PORT=${TODO_RMQC_BASE_PORT:-26800}
        if ! [[ $BASE_PORT =~ ^[0-9]+$ ]] || ((BASE_PORT < 1024 || BASE_PORT > 65400)); then
            die "invalid TODO_RMQC_BASE_PORT '$BASE_PORT' (1024..65400)"
        fi
        EPMD_PORT=$((BASE_PORT + 1))
        QUEUE=todo-cluster
        local n
        for n in "${NODES[@]}"; do
            printf -v "NODE${n}_DIR" '%s' "$DIR/node$n"
            printf -v "NODE${n}_DIST_PORT" '%s' $((BASE_PORT + 10 * n + 1))
            printf -v "NODE${n}_AMQP_PORT" '%s' $((BASE_PORT + 10 * n + 2))
            printf -v "NODE${n}_STOMP_PORT" '%s' $((BASE_PORT + 10 * n + 3))
            printf -v "NODE${n}_WS_PORT" '%s' $((BASE_PORT + 10 * n + 4))
            printf -v "NODE${n}_CTL_DIST_PORT_MIN" '%s' $((BASE_PORT + 40 + 10 * n))
            printf -v "NODE$n" 'todo-test-%s@localhost' $((BASE_PORT + 10 * n + 3))
        done
    fi
    START_TIMEOUT=${TODO_RMQC_START_TIMEOUT:-90}
    STOP_TIMEOUT=${TODO_RMQC_STOP_TIMEOUT:-30}
    WAIT_TIMEOUT=${TODO_RMQC_WAIT_TIMEOUT:-90}
}

# nv N SUFFIX: value of NODE<N><SUFFIX>, e.g. `nv 2 _STOMP_PORT`, `nv 1 ''` (the node name).
nv() {
    local v="NODE$1$2"
    [[ -n ${!v:-} ]] || die "setting $v missing (was the cluster started with this DIR?)"
    echo "${!v}"
}

write_cluster_env() {
    {
        echo "# Generated by scripts/rabbitmq-cluster-fixture.sh start; sourced by its other commands."
        local v n s
        for v in BASE_PORT EPMD_PORT QUEUE; do printf '%s=%q\n' "$v" "${!v}"; done
        for n in "${NODES[@]}"; do
            for s in '' _DIR _AMQP_PORT _STOMP_PORT _WS_PORT _DIST_PORT _CTL_DIST_PORT_MIN; do
                v="NODE$n$s"
                printf '%s=%q\n' "$v" "${!v}"
            done
        done
    } >"$DIR/cluster.env"
    for n in "${NODES[@]}"; do
        nv "$n" _STOMP_PORT >"$DIR/node$n.stomp.port"
        nv "$n" _WS_PORT >"$DIR/node$n.ws.port"
        nv "$n" _AMQP_PORT >"$DIR/node$n.amqp.port"
    done
}

check_node_arg() {
    [[ ${1:-} =~ ^[123]$ ]] || die "node number must be 1, 2 or 3, got '${1:-}'"
}

# ------------------------------------------------------------------------------------ node processes

# single N ACTION [ARGS]: rabbitmq-fixture.sh ACTION DIR/nodeN with node N's ports in the environment.
single() {
    local n=$1 action=$2
    shift 2
    TODO_RMQ_AMQP_PORT=$(nv "$n" _AMQP_PORT) \
        TODO_RMQ_STOMP_PORT=$(nv "$n" _STOMP_PORT) \
        TODO_RMQ_WS_PORT=$(nv "$n" _WS_PORT) \
        TODO_RMQ_DIST_PORT=$(nv "$n" _DIST_PORT) \
        TODO_RMQ_EPMD_PORT="$EPMD_PORT" \
        TODO_RMQ_CTL_DIST_PORT_MIN=$(nv "$n" _CTL_DIST_PORT_MIN) \
        TODO_RMQ_START_TIMEOUT="$START_TIMEOUT" \
        TODO_RMQ_STOP_TIMEOUT="$STOP_TIMEOUT" \
        "$SINGLE" "$action" "$(nv "$n" _DIR)" "$@"
}

# ctl N ARGS: rabbitmqctl against node N, bounded (a paused node would make it hang).
ctl() {
    local n=$1
    shift
    timeout -k 5 "${CTL_TIMEOUT:-120}" "$SINGLE" ctl "$(nv "$n" _DIR)" "$@"
}

# PIDs of node N's OS processes (same marker as rabbitmq-fixture.sh), without the shared epmd.
node_pids() {
    local marker="TODO_RMQ_FIXTURE_DIR=$DIR/node$1" f pid
    while IFS= read -r f; do
        pid=${f#/proc/}
        pid=${pid%/environ}
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        [[ $(cat "/proc/$pid/comm" 2>/dev/null) == epmd ]] && continue
        echo "$pid"
    done < <(grep -lsxzF -- "$marker" /proc/[0-9]*/environ)
}

proc_state() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    echo "${stat%% *}"
}

# node_state N: running | paused | down (from the OS processes only).
node_state() {
    local pid st beam=''
    for pid in $(node_pids "$1"); do
        [[ $(cat "/proc/$pid/comm" 2>/dev/null) == beam.smp ]] && { beam=$pid; break; }
    done
    st=$([[ -n $beam ]] && proc_state "$beam") || st=''
    case $st in
        '' | Z | X) echo down ;;
        T | t) echo paused ;;
        *) echo running ;;
    esac
}

# Node N's STOMP and Web-STOMP answer (the single-node script's own readiness probes).
listeners_ready() { "$SINGLE" ready "$(nv "$1" _DIR)" 2>/dev/null; }

# view N NODE...: node N's cluster_status in one word: ok (the named nodes all running, no partition
# recorded), partitioned (a partition is recorded), incomplete (a named node is not running), down (N's
# process is not running), error (no answer).
view() {
    local n=$1 json
    shift
    [[ $(node_state "$n") == running ]] || { echo down; return; }
    json=$(CTL_TIMEOUT=20 ctl "$n" -q cluster_status --formatter json 2>/dev/null) || { echo error; return; }
    "$PYTHON" -c 'import json, sys
try:
    s = json.loads(sys.argv[1])
except ValueError:
    print("error"); sys.exit()
running = set(s.get("running_nodes") or [])
if s.get("partitions"):
    print("partitioned")
elif set(sys.argv[2:]) <= running:
    print("ok")
else:
    print("incomplete")' "$json" "$@"
}

in_cluster() { [[ $(view "$1" "$(nv 1 '')" "$(nv 2 '')" "$(nv 3 '')") == ok ]]; }

# views N...: `view` of each of the nodes N... (which must all be running), asked in parallel;
# prints "N:WORD ...".
views() {
    local tmp n pids=() names=() out=''
    for n in "$@"; do names+=("$(nv "$n" '')"); done
    tmp=$(mktemp -d)
    for n in "$@"; do
        view "$n" "${names[@]}" >"$tmp/$n" &
        pids+=($!)
    done
    wait "${pids[@]}" || true
    for n in "$@"; do out+="$n:$(cat "$tmp/$n") "; done
    rm -rf "$tmp"
    echo "${out% }"
}

# wait_member N WHAT [REPAIR_AFTER]: until N's STOMP and Web-STOMP answer and the cluster_status of
# every running node (normally all three, N included) lists all running nodes and no partition; die
# after WAIT_TIMEOUT. With REPAIR_AFTER (seconds): if a partition is still recorded by then, restart N's
# rabbit application once (stop_app + start_app: RabbitMQ's manual partition recovery, N being the
# minority side).
wait_member() {
    local n=$1 what=$2 repair_after=${3:-} t0=$SECONDS v repaired=0 m up want
    local deadline=$((SECONDS + WAIT_TIMEOUT))
    while :; do
        v=''
        if listeners_ready "$n"; then
            up=()
            want=''
            for m in "${NODES[@]}"; do
                [[ $m == "$n" || $(node_state "$m") == running ]] || continue
                up+=("$m")
                want+="$m:ok "
            done
            v=$(views "${up[@]}")
            [[ $v == "${want% }" ]] && listeners_ready "$n" && return 0
        fi
        if [[ -n $repair_after && $v == *partitioned* ]] && ((!repaired && SECONDS - t0 >= repair_after)); then
            log "$what: a partition is still recorded ($v): restarting node$n's rabbit application"
            ctl "$n" -q stop_app >&2 || true
            ctl "$n" -q start_app >&2 || true
            repaired=1
            continue
        fi
        if ((SECONDS >= deadline)); then
            CTL_TIMEOUT=20 ctl "$n" cluster_status >&2 || true
            die "$what: node$n ($(nv "$n" '')) not back in the cluster after ${WAIT_TIMEOUT}s (cluster_status per node: ${v:-STOMP or Web-STOMP of node$n not answering}; logs: $DIR/node$n/log/)"
        fi
        sleep 1
    done
}

# ctl_parallel "N..." ARGS: rabbitmqctl ARGS against several nodes at once; fails if any call fails.
ctl_parallel() {
    local n pids=() rc=0
    for n in $1; do
        ctl "$n" "${@:2}" >&2 &
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || rc=1; done
    return "$rc"
}

# wait_cluster WHAT: until cluster_status from node1 lists 3 running nodes (no partition) and every
# node's STOMP and Web-STOMP answer; die after WAIT_TIMEOUT.
wait_cluster() {
    local deadline=$((SECONDS + WAIT_TIMEOUT)) n ok
    while :; do
        ok=1
        for n in "${NODES[@]}"; do listeners_ready "$n" || { ok=0; break; }; done
        ((ok)) && in_cluster 1 && return 0
        if ((SECONDS >= deadline)); then
            CTL_TIMEOUT=20 ctl 1 cluster_status >&2 || true
            die "$1: no cluster of 3 running nodes after ${WAIT_TIMEOUT}s (logs: $DIR/node*/log/)"
        fi
        sleep 0.5
    done
}

write_node_config() {
    local n=$1 d
    d=$(nv "$n" _DIR)
    mkdir -p "$d/conf.d"
    cat >"$d/conf.d/90-cluster.conf" <<EOF
# Generated by scripts/rabbitmq-cluster-fixture.sh start (rabbitmq.conf syntax, read after rabbitmq.conf).
net_ticktime = 10
cluster_partition_handling = pause_minority
EOF
    rm -f "$d/.erlang.cookie"
    (umask 077 && printf '%s' "$COOKIE" >"$d/.erlang.cookie")
    chmod 400 "$d/.erlang.cookie"
}

# ---------------------------------------------------------------------------------------------- commands

cmd_stop() {
    local n pids=() rc=0 any=0
    for n in "${NODES[@]}"; do
        [[ $(node_state "$n") == down ]] && continue
        any=1
        # A stopped process cannot act on SIGTERM: continue a paused node first.
        # shellcheck disable=SC2046
        kill -CONT $(node_pids "$n") 2>/dev/null || true
    done
    if ((any)); then
        for n in "${NODES[@]}"; do
            [[ -d $DIR/node$n ]] || continue
            single "$n" stop &
            pids+=($!)
        done
        for n in "${pids[@]}"; do wait "$n" || rc=1; done
    fi
    kill_epmd
    ((rc == 0)) || die "stopping a node failed"
}

# The private epmd (shared by the three nodes and their CLI calls): `epmd -kill` refuses while a node is
# still registered, so another cluster using the same ports is never cut off.
kill_epmd() {
    local epmd names
    epmd=$(command -v epmd 2>/dev/null) || return 0
    names=$(ERL_EPMD_PORT=$EPMD_PORT "$epmd" -names 2>/dev/null) || return 0
    if grep -q '^name ' <<<"$names"; then
        log "epmd on port $EPMD_PORT left running: nodes still registered: $(grep '^name ' <<<"$names" | awk '{print $2}' | tr '\n' ' ')"
    else
        ERL_EPMD_PORT=$EPMD_PORT "$epmd" -kill >/dev/null 2>&1 || true
    fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

declare_queue() {
    local out
    out=$(ctl 1 -q eval "case rabbit_amqqueue:declare(rabbit_misc:r(<<\"/\">>, queue, <<\"$QUEUE\">>),
            true, false, [{<<\"x-queue-type\">>, longstr, <<\"quorum\">>}], none, <<\"cluster-fixture\">>) of
          {new, _} -> new; {existing, _} -> existing; Other -> Other end.") ||
        die "declaring quorum queue $QUEUE failed: $out"
    [[ $out == new || $out == existing ]] || die "declaring quorum queue $QUEUE failed: $out"
}

cmd_start() {
    local t0=$SECONDS n pids=() rc failed=''
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd -P)
    for n in "${NODES[@]}"; do
        if [[ $(DIR=$DIR node_state "$n") != down ]]; then
            log "a cluster for $DIR is still running, stopping it first"
            (load_settings saved; cmd_stop)
            break
        fi
    done
    load_settings env
    local p busy=''
    for n in "${NODES[@]}"; do
        for p in _DIST_PORT _AMQP_PORT _STOMP_PORT _WS_PORT; do
            port_open "$(nv "$n" "$p")" && busy+=" $(nv "$n" "$p")"
        done
    done
    [[ -z $busy ]] || die "port(s)$busy on 127.0.0.1 already in use (another cluster? set TODO_RMQC_BASE_PORT)"
    COOKIE=${TODO_RMQC_COOKIE:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
    for n in "${NODES[@]}"; do
        rm -rf "$(nv "$n" _DIR)/mnesia"
        write_node_config "$n"
    done
    write_cluster_env

    # 1. three independent nodes, in parallel
    for n in "${NODES[@]}"; do
        single "$n" start 2>"$DIR/node$n.start.log" &
        pids+=($!)
    done
    for n in "${NODES[@]}"; do
        rc=0
        wait "${pids[n - 1]}" || rc=$?
        ((rc == 0)) || failed+=" $n"
    done
    if [[ -n $failed ]]; then
        for n in $failed; do cat "$DIR/node$n.start.log" >&2; done
        (cmd_stop) || true
        die "node(s)$failed did not start"
    fi
    log "3 nodes up after $((SECONDS - t0))s, clustering"

    # 2. node2 and node3 join node1: `rabbitmqctl stop_app; join_cluster NODE1; start_app` on each
    #    (join_cluster resets the joining node). The joins (mnesia schema changes) one after the other,
    #    stop_app and start_app on both nodes at the same time. (join_cluster's output is shown only
    #    when it fails: while the other node's app is stopped it logs harmless "Failed to create a
    #    tracked connection table ... node_not_running" errors.)
    local out=''
    if ! { ctl_parallel "2 3" -q stop_app && out=$(ctl 2 -q join_cluster "$NODE1" 2>&1) &&
        out=$(ctl 3 -q join_cluster "$NODE1" 2>&1) && ctl_parallel "2 3" -q start_app; }; then
        [[ -z $out ]] || echo "$out" >&2
        (cmd_stop) || true
        die "node2/node3 could not join $NODE1 (logs: $DIR/node{2,3}/log/)"
    fi
    wait_cluster start
    log "cluster of 3 running after $((SECONDS - t0))s"

    # 3. the quorum queue
    declare_queue
    local row
    row=$(ctl 1 -q list_queues --no-table-headers name type members | awk -v q="$QUEUE" '$1 == q')
    [[ $row == *quorum* && $row == *"$NODE1"* && $row == *"$NODE2"* && $row == *"$NODE3"* ]] ||
        die "quorum queue $QUEUE not on 3 nodes: '$row'"
    log "cluster ready in $((SECONDS - t0))s: $NODE1 $NODE2 $NODE3, STOMP $(nv 1 _STOMP_PORT)/$(nv 2 _STOMP_PORT)/$(nv 3 _STOMP_PORT), quorum queue $QUEUE"
}

cmd_start_node() {
    local n=$1 st
    [[ -d $DIR/node$n/mnesia ]] || die "node$n was never part of a cluster in $DIR (use start)"
    st=$(node_state "$n")
    case $st in
        running) log "node$n is running already" ;;
        paused) die "node$n is paused (use resume-node)" ;;
        down) single "$n" start ;;
    esac
    wait_member "$n" start-node
    log "node$n ($(nv "$n" '')) is back in the cluster"
}

cmd_pause_node() {
    local n=$1 pids
    pids=$(node_pids "$n")
    [[ -n $pids ]] || die "node$n is not running"
    # shellcheck disable=SC2086
    kill -STOP $pids
    log "node$n paused (SIGSTOP: ${pids//$'\n'/ })"
}

cmd_resume_node() {
    local n=$1 pids
    pids=$(node_pids "$n")
    [[ -n $pids ]] || die "node$n is not running"
    # shellcheck disable=SC2086
    kill -CONT $pids
    # Give the node a moment to find out what happened while it was stopped (lost peers -> pause_minority).
    sleep 2
    wait_member "$n" resume-node 6
    log "node$n resumed and back in the cluster"
}

cmd_leader() {
    local queue=$1 vhost=${2:-/} deadline=$((SECONDS + WAIT_TIMEOUT)) n m leader num
    [[ $queue$vhost != *[\"\\]* ]] || die "queue and vhost names with '\"' or '\\' are not supported"
    # The leader recorded in the queue's own record (updated by each election), read on one running
    # node: unlike list_queues this asks no other node, so it neither stalls on a paused node nor misses
    # a queue whose leader's node is gone.
    local expr="case rabbit_amqqueue:lookup(rabbit_misc:r(<<\"$vhost\">>, queue, <<\"$queue\">>)) of
        {ok, Q} -> case amqqueue:get_pid(Q) of {_, N} -> N; P when is_pid(P) -> node(P); _ -> none end;
        _ -> not_found end."
    while :; do
        leader=''
        for n in "${NODES[@]}"; do
            [[ $(node_state "$n") == running ]] || continue
            leader=$(CTL_TIMEOUT=20 ctl "$n" -q eval "$expr" 2>/dev/null) || { leader=''; continue; }
            leader=${leader//\'/}
            [[ $leader != not_found ]] || die "no queue '$queue' in vhost '$vhost' (asked node$n)"
            break
        done
        num=''
        for m in "${NODES[@]}"; do [[ $leader == "$(nv "$m" '')" ]] && num=$m; done
        # A leader that is down or paused is stale: wait for the election.
        if [[ -n $num && $(node_state "$num") == running ]]; then
            echo "$num"
            return 0
        fi
        ((SECONDS < deadline)) || die "no running leader for queue '$queue' (vhost '$vhost') after ${WAIT_TIMEOUT}s (last: '${leader}')"
        sleep 1
    done
}

cmd_status() {
    local n st rc=0
    for n in "${NODES[@]}"; do
        st=$(node_state "$n")
        echo "node$n $(nv "$n" '') $st"
        [[ $st == running ]] || rc=1
    done
    return "$rc"
}

[[ $# -ge 2 ]] || usage
action=$1
DIR=$2
shift 2
[[ -n $DIR ]] || usage
if [[ $action != start ]]; then
    [[ -d $DIR ]] || { [[ $action == stop ]] && exit 0; die "no such directory: $DIR"; }
    DIR=$(cd "$DIR" && pwd -P)
    load_settings saved
fi

case $action in
    start) [[ $# -eq 0 ]] || usage; cmd_start ;;
    stop) cmd_stop ;;
    kill-node) check_node_arg "${1:-}"; single "$1" kill; log "node$1 killed" ;;
    stop-node)
        check_node_arg "${1:-}"
        # shellcheck disable=SC2046
        kill -CONT $(node_pids "$1") 2>/dev/null || true   # a paused node cannot act on SIGTERM
        single "$1" stop
        log "node$1 stopped"
        ;;
    start-node) check_node_arg "${1:-}"; cmd_start_node "$1" ;;
    pause-node) check_node_arg "${1:-}"; cmd_pause_node "$1" ;;
    resume-node) check_node_arg "${1:-}"; cmd_resume_node "$1" ;;
    leader) [[ $# -ge 1 ]] || usage; cmd_leader "$@" ;;
    status) cmd_status ;;
    ctl) check_node_arg "${1:-}"; n=$1; shift; exec "$SINGLE" ctl "$(nv "$n" _DIR)" "$@" ;;
    *) usage ;;
esac
