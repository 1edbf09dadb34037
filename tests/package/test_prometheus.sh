#!/usr/bin/env bash
# A real Prometheus (Debian's package) with the shipped prometheus.yml and alert rules,
# intervals shortened to 1 s, scraping two seckill-node processes on a Redis ledger
# through file-based discovery that `seckill-node --print-prometheus-targets` writes.
# Its HTTP API must find the series; when one node is killed, SeckillNodeDown must fire.
# Usage: test_prometheus.sh SOURCE_DIR SECKILL_NODE_BINARY
set -euo pipefail
src=$1
node_bin=$2
. "$src/tests/package/lib.sh"
for tool in prometheus promtool redis-server curl python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/bootstrap installs it)"
done
work=$(mktemp -d /tmp/seckill-promtest.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
redis_url="redis://127.0.0.1:$redis_port"
wait_for "redis-server on port $redis_port" 20 redis-cli -p "$redis_port" ping

start_node() { # ID EXTRA...: starts a node; its pid goes to $node_pid
  local id=$1
  shift
  "$node_bin" --redis "$redis_url" --node-id "$id" --listen 127.0.0.1:0 --threads 1 \
    --data-dir "$work/$id" "$@" >"$work/$id.out" 2>"$work/$id.err" &
  node_pid=$!
  pids+=($node_pid)
  wait_for "node $id's serving line" 30 has_banner "$work/$id.out"
}
start_node p1 --order-writer --demo-sale demo:100
p1_pid=$node_pid
start_node p2
p2_pid=$node_pid
p1="127.0.0.1:$(banner_port "$work/p1.out")"
p2="127.0.0.1:$(banner_port "$work/p2.out")"
curl -sf -X POST "http://$p1/v1/sales/demo/buy?user=alice" >/dev/null || fail "buy on p1"

# The exposition itself passes promtool's lint (names, units, HELP, counters' _total).
curl -sf "http://$p1/metrics" >"$work/metrics.txt"
lint=$(promtool check metrics <"$work/metrics.txt" 2>&1) || fail "promtool check metrics: $lint"
[ -z "$lint" ] || fail "promtool check metrics found: $lint"
pass "promtool check metrics: no findings on $(grep -c '^# TYPE' "$work/metrics.txt") families"
# promtool does not check that a family's samples stay together; this does (text format 0.0.4).
grouping=$(python3 "$src/tests/package/check_exposition.py" <"$work/metrics.txt") ||
  fail "the exposition interleaves families: $grouping"
pass "every family's samples are grouped under its own HELP/TYPE"

# Targets from the registry, as the timer writes them.
mkdir -p "$work/targets"
"$node_bin" --redis "$redis_url" --print-prometheus-targets "$work/targets/seckill-nodes.json"
for a in "$p1" "$p2"; do
  grep -q "\"$a\"" "$work/targets/seckill-nodes.json" || fail "targets lack $a: $(cat "$work/targets/seckill-nodes.json")"
done
pass "--print-prometheus-targets wrote both nodes"

# The shipped config, with 1 s intervals and this test's paths; node-down waits 2 s, not 1 m.
sed -e 's/^\(  *\)scrape_interval: .*/\1scrape_interval: 1s/' \
    -e 's/^\(  *\)evaluation_interval: .*/\1evaluation_interval: 1s/' \
    -e "s#/usr/share/seckill/prometheus/seckill-alerts.yml#$work/alerts.yml#" \
    -e "s#/var/lib/seckill-targets/\*.json#$work/targets/*.json#" \
    "$src/packaging/prometheus/prometheus.yml" >"$work/prometheus.yml"
python3 - "$src/packaging/prometheus/seckill-alerts.yml" "$work/alerts.yml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# Only SeckillNodeDown's hold time is shortened; the rest is the shipped file.
head, tail = text.split("- alert: SeckillNodeDown", 1)
tail = re.sub(r"for: 1m", "for: 2s", tail, count=1)
open(sys.argv[2], "w").write(head + "- alert: SeckillNodeDown" + tail)
PY
grep -q 'scrape_interval: 1s' "$work/prometheus.yml" || fail "the test config was not shortened"
promtool check config "$work/prometheus.yml" >"$work/check.log" 2>&1 || fail "promtool check config: $(cat "$work/check.log")"

prom_port=$(free_port)
prom="http://127.0.0.1:$prom_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
wait_for "Prometheus ready on $prom" 60 curl -sf "$prom/-/ready"

# query EXPR: the number of series in the instant vector, or the error.
query() {
  curl -sf "$prom/api/v1/query" --data-urlencode "query=$1" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))'
}
# expect_series EXPR N: true when EXPR has exactly N series (prints what it has).
expect_series() { local n; n=$(query "$1"); echo "$1 has $n series"; [ "$n" = "$2" ]; }
wait_for 'both nodes up (up{job="seckill-node"} == 1 twice)' 60 expect_series 'up{job="seckill-node"} == 1' 2
for expr in 'seckill_ledger_up == 1' 'seckill_circuit_breaker_state{target="ledger"}' \
  'seckill_degrade_level_by_source{source="auto"}' 'seckill_ledger_round_trip_seconds'; do
  wait_for "$expr on both nodes" 30 expect_series "$expr" 2
done
wait_for 'the order writer lag of p1' 30 expect_series 'seckill_order_writer_lag_seconds{node="p1"}' 1
wait_for 'invariants I1-I8 of sale demo holding on both nodes' 30 \
  expect_series 'seckill_invariant_ok{sale="demo"} == 1' 16
wait_for 'one reserved buy counted' 30 expect_series 'sum(seckill_buys_total{result="reserved"}) == 1' 1
pass "Prometheus scrapes both nodes: up, ledger, breaker, degrade, round trip, writer lag, 16 invariant series"

# firing_for INSTANCE: SeckillNodeDown firing for it (prints the alerts seen).
firing_for() {
  curl -sf "$prom/api/v1/alerts" | python3 -c '
import json, sys
alerts = json.load(sys.stdin)["data"]["alerts"]
print([(a["labels"]["alertname"], a["labels"].get("instance"), a["state"]) for a in alerts])
sys.exit(0 if any(a["labels"]["alertname"] == "SeckillNodeDown" and a["state"] == "firing"
                  and a["labels"].get("instance") == sys.argv[1] for a in alerts) else 1)' "$1"
}
firing_for "$p2" >/dev/null && fail "SeckillNodeDown fired before the node was killed"
kill -9 "$p2_pid"
wait "$p2_pid" 2>/dev/null || true
wait_for "SeckillNodeDown firing for $p2 after kill -9" 90 firing_for "$p2"
n=$(query 'ALERTS{alertname="SeckillNodeDown", alertstate="firing"}')
[ "$n" = 1 ] || fail "expected one node-down alert, got $n"
kill -0 "$p1_pid" || fail "p1 died"
pass "kill -9 of p2 fired SeckillNodeDown for $p2 only"
echo "test_prometheus: all checks passed"
