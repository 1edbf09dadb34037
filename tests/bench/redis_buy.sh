#!/usr/bin/env bash
# The node on a Redis ledger, two measurements in one run (numbers depend on the machine):
#  1. Orders committed per second: group commit (one EVALSHA per batch) against the classic
#     design (--commit-batch 1: one EVALSHA per buy), same node binary, same Redis, same
#     wrk load, on sales of 1,000,000 units bought by random users out of a million — so
#     most buys succeed and neither run sells out within the window.
#  2. The sold-out storm of http_buy.sh with the node on Redis, against nginx static.
#   tests/bench/redis_buy.sh [SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib.sh
secs=${1:-10}

build_release_node
work=$(mktemp -d)
node_pid=
trap 'kill $node_pid 2>/dev/null; stop_nginx "$work/nginx"; stop_redis "$work/redis"; rm -rf "$work"' EXIT

redis_port=$(free_port)
start_redis "$work/redis" "$redis_port"
redis="redis://127.0.0.1:$redis_port"
export SECKILL_ADMIN_TOKEN=bench-token

# start_node ID SALE:STOCK [flags…]: a node on the shared Redis; sets node_pid, node_port.
start_node() {
  local id=$1 sale=$2; shift 2
  node_port=$(free_port)
  build/release/app/seckill-node --redis "$redis" --node-id "$id" --listen "127.0.0.1:$node_port" \
    --data-dir "$work/$id" --order-writer --demo-sale "$sale" "$@" >"$work/$id.log" 2>&1 &
  node_pid=$!
  wait_http "http://127.0.0.1:$node_port/healthz"
}

sold_of() {
  curl -s -H "Authorization: Bearer $SECKILL_ADMIN_TOKEN" "http://127.0.0.1:$node_port/admin/v1/sales" |
    python3 -c "import json,sys; print([s['sold'] for s in json.load(sys.stdin)['sales'] if s['sale']=='$1'][0])"
}

# commit_rate ID SALE [flags…] -> orders committed per second over a wrk run
commit_rate() {
  local id=$1 sale=$2; shift 2
  start_node "$id" "$sale:1000000" "$@"
  export BUY_PATH=/v1/sales/$sale/buy
  run_wrk "http://127.0.0.1:$node_port" "$secs" >/dev/null
  local sold; sold=$(sold_of "$sale")
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
  awk -v s="$sold" -v t="$secs" 'BEGIN {printf "%.0f", s/t}'
}

echo "== group commit vs one EVALSHA per buy (orders committed per second)"
printf '%-6s %14s %14s %8s\n' round group_commit per_buy ratio
declare -a gc_rates one_rates
for round in 1 2 3; do
  g=$(commit_rate "g$round" "gc$round")
  o=$(commit_rate "o$round" "one$round" --commit-batch 1)
  gc_rates+=("$g"); one_rates+=("$o")
  printf '%-6s %14s %14s %8s\n' "$round" "$g" "$o" "$(awk -v a="$g" -v b="$o" 'BEGIN {printf "%.2f", a/b}')"
done
g=$(median "${gc_rates[@]}"); o=$(median "${one_rates[@]}")
echo "median: group commit $g orders/s, one EVALSHA per buy $o orders/s, ratio $(awk -v a="$g" -v b="$o" 'BEGIN {printf "%.2f", a/b}')"

echo
echo "== sold-out storm on Redis against nginx static"
sold_out_body='{"status":"sold_out","error":"every unit of this sale is sold"}'
nginx_port=$(free_port)
start_static_nginx "$work/nginx" "$nginx_port" "$sold_out_body"
wait_http "http://127.0.0.1:$nginx_port/"
start_node storm storm:1000
export BUY_PATH=/v1/sales/storm/buy
compare_with_nginx "http://127.0.0.1:$nginx_port" "http://127.0.0.1:$node_port" "$secs"
sold=$(sold_of storm)
echo "units sold: $sold of 1000"
[ "$sold" = 1000 ] || { echo "FAIL: expected exactly 1000 sold" >&2; exit 1; }
curl -s -H "Authorization: Bearer $SECKILL_ADMIN_TOKEN" "http://127.0.0.1:$node_port/admin/v1/sales/storm/invariants" |
  python3 -c 'import json,sys; r=json.load(sys.stdin); print("invariants:", "ok" if r["ok"] else r); sys.exit(0 if r["ok"] else 1)'
