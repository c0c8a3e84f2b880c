#!/usr/bin/env bash
# How much of the tray burst's ratio is the broker's: the burst of bench/run.sh (10,000 todos through RabbitMQ to the
# tray application, bench_tray_burst) with three @stomp/stompjs subscribers beside it instead of one: two identical
# receive-only ones (A and B, as in bench/run.sh), so that each round says how far apart two identical clients
# finish, and one that acknowledges as the tray application does (K: ack:client, prefetch-count 1000, a cumulative ACK
# every 25 ms), so that it says what acknowledging costs at the broker, which a receive-only subscriber never pays.
# Not in bench/run.sh (more consumers change the load it measures); writes bench/results/burst-spread-latest.md.
# Usage: bench/burst_spread.sh [ROUNDS]   (default 7; about 20 s a round on 2 cores; as root on Debian 12)
# Environment: TODO_BENCH_COUNT (todos per burst, 10000).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
count=${TODO_BENCH_COUNT:-10000}

bench/prepare.sh bench_tray_burst
build=$PWD/build-bench

# Its own broker, on ports of its own (bench/run.sh uses 27xxx, the fleet 28xxx).
export TODO_RMQ_AMQP_PORT=26672 TODO_RMQ_STOMP_PORT=26613 TODO_RMQ_WS_PORT=26674 TODO_RMQ_DIST_PORT=26671
export TODO_RMQ_EPMD_PORT=26369 TODO_RMQ_CTL_DIST_PORT_MIN=26680
work=$(mktemp -d)
rmq=$build/rabbitmq-spread
scripts/rabbitmq-fixture.sh start "$rmq" >&2
trap 'scripts/rabbitmq-fixture.sh stop "$rmq" >&2 || true; rm -rf "$work"' EXIT
url=ws://127.0.0.1:$TODO_RMQ_WS_PORT/ws
export TODO_NOTIFIER_PASSCODE=guest
bindings() { scripts/rabbitmq-fixture.sh ctl "$rmq" -q list_bindings routing_key 2>/dev/null | grep -cx "$1" || true; }

for ((round = 1; round <= rounds; round++)); do
    destination=/topic/bench-spread-$round
    echo "burst spread, round $round of $rounds..." >&2
    DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/todo-notifier-no-bus \
        "$build/bench/bench_tray_burst" --url "$url" --destination "$destination" --count "$count" \
        >"$work/tray.jsonl" &
    pids=($!)
    node bench/stompjs/subscriber.mjs "$url" "$destination" "$count" >"$work/a.json" &
    pids+=($!)
    node bench/stompjs/subscriber.mjs "$url" "$destination" "$count" >"$work/b.json" &
    pids+=($!)
    TODO_BENCH_ACK_EVERY_MS=25 node bench/stompjs/subscriber.mjs "$url" "$destination" "$count" >"$work/k.json" &
    pids+=($!)
    for _ in $(seq 1 240); do
        [[ $(bindings "bench-spread-$round") -ge 4 ]] && grep -q '"event":"connected"' "$work/tray.jsonl" && break
        sleep 0.25
    done
    /usr/bin/python3 tests/integration/stomp_publish.py --port "$TODO_RMQ_STOMP_PORT" -n "$count" \
        --body-file bench/todo-body.json --timestamp-header send-ts --receipt -d "$destination" --times-json \
        >"$work/publisher.json"
    wait "${pids[@]}"
    node -e '
const fs = require("fs");
const [dir, round] = process.argv.slice(1);
const last = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").pop());
const tray = fs.readFileSync(`${dir}/tray.jsonl`, "utf8").split("\n").filter((l) => l.includes("\"tray_burst\""))
  .map((l) => JSON.parse(l))[0];
const p = last("publisher.json");
console.log(JSON.stringify({ round: Number(round), ours_ms: (tray.last_in_model_us - p.first_send_us) / 1000,
  a_ms: last("a.json").drain_ms, b_ms: last("b.json").drain_ms, k_ms: last("k.json").drain_ms }));' "$work" "$round" \
        >>"$work/rounds.jsonl"
done

node -e '
const fs = require("fs");
const [file, count, rounds] = process.argv.slice(1);
const rows = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const f = (x) => x.toFixed(2) + "x";
const ms = (x) => Math.round(x).toLocaleString("en-US");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = [];
out.push("# The tray burst beside three stompjs subscribers: two receive-only, one acknowledging", "");
out.push(`Produced by \`bench/burst_spread.sh ${rounds}\` on ${new Date().toISOString().slice(0, 10)}: ${count} todos per ` +
  "round through RabbitMQ, as in bench/run.sh, to the tray application (bench_tray_burst: each todo in the list and " +
  "durable before its ACK) and to three @stomp/stompjs subscribers: A and B receive-only (ack:auto, the reference of " +
  "bench/run.sh), the same program; K acknowledging as the tray application does (ack:client, prefetch-count 1000, a " +
  "cumulative ACK of what arrived every 25 ms). Times are from the first send to the last todo in the list (ours) or " +
  "received (A, B, K).", "");
out.push("| round | ours, ms | A, ms | B, ms | K, ms | ours / A | B / A | K / A | ours / K |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  out.push(`| ${r.round} | ${ms(r.ours_ms)} | ${ms(r.a_ms)} | ${ms(r.b_ms)} | ${ms(r.k_ms)} | ${f(r.ours_ms / r.a_ms)} | ` +
    `${f(r.b_ms / r.a_ms)} | ${f(r.k_ms / r.a_ms)} | ${f(r.ours_ms / r.k_ms)} |`);
const ratios = (g) => rows.map(g);
const range = (xs) => `median ${f(median(xs))}, from ${f(Math.min(...xs))} to ${f(Math.max(...xs))}`;
const spread = ratios((r) => Math.max(r.a_ms, r.b_ms) / Math.min(r.a_ms, r.b_ms));
const between = rows.filter((r) => r.ours_ms <= Math.max(r.a_ms, r.b_ms)).length;
const kSlower = rows.filter((r) => r.k_ms > Math.max(r.a_ms, r.b_ms)).length;
out.push("", `- ours / A: ${range(ratios((r) => r.ours_ms / r.a_ms))}. Ours finished no later than the slower of A and B ` +
  `in ${between} of ${rows.length} rounds.`);
out.push(`- Two identical receive-only subscribers: B / A ${range(ratios((r) => r.b_ms / r.a_ms))}; the slower of the two ` +
  `took up to ${f(Math.max(...spread))} the time of the faster (median ${f(median(spread))}).`);
out.push(`- Acknowledging as the tray application does: K / A ${range(ratios((r) => r.k_ms / r.a_ms))}; K finished after ` +
  `both A and B in ${kSlower} of ${rows.length} rounds.`);
out.push(`- ours / K, both acknowledging: ${range(ratios((r) => r.ours_ms / r.k_ms))}.`);
console.log(out.join("\n"));' "$work/rounds.jsonl" "$count" "$rounds" >bench/results/burst-spread-latest.md
cat bench/results/burst-spread-latest.md
