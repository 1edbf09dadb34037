#!/usr/bin/env bash
# The path that makes orders against the path that refuses them, on the same node binary
# and the same machine, embedded and on Redis (numbers depend on the machine; not a test):
#   storm    a sold-out sale: every buy answered 410 from the sold-out flag
#   success  a 10,000,000-unit sale bought by random users out of a million: every buy a
#            reservation, committed (journal or Redis) and queued for the order DB
# Three alternating rounds each, wrk 1 thread / 64 connections; medians, success/storm,
# p99. After each success run the ledger's sold count must equal the 201s wrk read plus at
# most one buy per connection: wrk stops with up to 64 buys in flight, whose 201s it never
# reads. Fewer sold than 201s read (a 201 that is not an order) fails it, as does more.
#   tests/bench/success_path.sh [SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib.sh
secs=${1:-10}

build_release_node
work=$(mktemp -d)
node_pid=
trap '[ -n "$node_pid" ] && kill $node_pid 2>/dev/null; stop_redis "$work/redis"; rm -rf "$work"' EXIT
export SECKILL_ADMIN_TOKEN=bench-token
redis_port=$(free_port)
start_redis "$work/redis" "$redis_port"
script="$(pwd)/tests/bench/counting_buyer.lua"

sold_of() {
  curl -s -H "Authorization: Bearer $SECKILL_ADMIN_TOKEN" "http://127.0.0.1:$1/admin/v1/sales" |
    python3 -c "import json,sys; print([s['sold'] for s in json.load(sys.stdin)['sales'] if s['sale']=='$2'][0])"
}

# run MODE KIND ROUND -> prints "req_per_s p99_ms created other sold"
run() {
  local mode=$1 kind=$2 round=$3 port sale stock
  port=$(free_port); sale="$kind$round"
  stock=$([ "$kind" = storm ] && echo 1 || echo 10000000)
  local -a ledger=()
  [ "$mode" = redis ] && ledger=(--redis "redis://127.0.0.1:$redis_port" --order-writer --node-id "$mode$kind$round")
  build/release/app/seckill-node --listen "127.0.0.1:$port" --data-dir "$work/$mode-$sale" \
    --demo-sale "$sale:$stock" "${ledger[@]}" >"$work/$mode-$sale.log" 2>&1 &
  node_pid=$!
  wait_http "http://127.0.0.1:$port/healthz" >&2
  [ "$kind" = storm ] && curl -s -X POST "http://127.0.0.1:$port/v1/sales/$sale/buy?user=first" >/dev/null
  local out rps p99 created other
  out=$(BUY_PATH=/v1/sales/$sale/buy wrk -t1 -c64 -d"$secs"s --latency -s "$script" "http://127.0.0.1:$port")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
  read -r _ created _ other < <(grep '^created' <<<"$out")
  local sold; sold=$(sold_of "$port" "$sale")
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=
  echo "$rps $p99 $created $other $sold"
}

status=0
for mode in embedded redis; do
  echo "== $mode"
  printf '%-6s %-8s %12s %10s %10s %10s\n' round kind req/s p99_ms 201s sold
  declare -a storm=() success=() success_p99=() storm_p99=()
  for round in 1 2 3; do
    read -r r p c o s < <(run "$mode" storm "$round")
    storm+=("$r"); storm_p99+=("$p"); printf '%-6s %-8s %12s %10s %10s %10s\n' "$round" storm "$r" "$p" "$c" "$s"
    read -r r p c o s < <(run "$mode" success "$round")
    success+=("$r"); success_p99+=("$p"); printf '%-6s %-8s %12s %10s %10s %10s\n' "$round" success "$r" "$p" "$c" "$s"
    # The storm's one sale went to "first", before wrk; the success run's every 201 is an order.
    if [ "$s" -lt "$c" ] || [ "$s" -gt $((c + 64)) ]; then
      echo "MISMATCH: $c answers 201 read, the ledger sold $s (at most 64 unread in flight)" >&2; status=1
    fi
  done
  st=$(median "${storm[@]}"); su=$(median "${success[@]}")
  echo "median: storm $st req/s (p99 $(median "${storm_p99[@]}") ms), success $su req/s (p99 $(median "${success_p99[@]}") ms), success/storm = $(awk -v a="$su" -v b="$st" 'BEGIN {printf "%.2f", a/b}')"
  echo
  unset storm success success_p99 storm_p99
done
exit $status
