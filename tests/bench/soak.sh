#!/usr/bin/env bash
# A long success-path run on one node (embedded by default, `--redis` for the node on a
# local Redis): six back-to-back wrk windows of SECONDS/6 each against a 10,000,000-unit
# sale, and between windows the node's RSS and its order queue depth. Holds when the queue
# stays bounded (the order writer keeps up), RSS is flat after the first window, and the
# last window's p99 is not worse than the first's by more than the machine's noise. Prints
# the table and the drift; not a test (numbers depend on the machine).
#   tests/bench/soak.sh [SECONDS] [--redis]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib.sh
secs=${1:-60}
mode=${2:-embedded}
window=$((secs / 6))

build_release_node
work=$(mktemp -d)
node_pid=
trap '[ -n "$node_pid" ] && kill $node_pid 2>/dev/null; stop_redis "$work/redis"; rm -rf "$work"' EXIT
export SECKILL_ADMIN_TOKEN=bench-token
port=$(free_port)
declare -a ledger=()
if [ "$mode" = --redis ]; then
  redis_port=$(free_port)
  start_redis "$work/redis" "$redis_port"
  ledger=(--redis "redis://127.0.0.1:$redis_port" --order-writer)
fi
build/release/app/seckill-node --listen "127.0.0.1:$port" --data-dir "$work/node" \
  --demo-sale soak:10000000 "${ledger[@]}" >"$work/node.log" 2>&1 &
node_pid=$!
wait_http "http://127.0.0.1:$port/healthz"
export BUY_PATH=/v1/sales/soak/buy

queue_depth() {
  curl -s -H "Authorization: Bearer $SECKILL_ADMIN_TOKEN" "http://127.0.0.1:$port/admin/v1/nodes" |
    python3 -c 'import json,sys; print(max([n["stats"].get("queue_depth",0) for n in json.load(sys.stdin)["nodes"]] or [0]))'
}
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$node_pid/status"; }

printf '%-7s %12s %10s %10s %12s\n' window req/s p99_ms rss_mb queue_depth
declare -a p99s=()
for w in 1 2 3 4 5 6; do
  read -r r p < <(run_wrk "http://127.0.0.1:$port" "$window")
  p99s+=("$p")
  printf '%-7s %12s %10s %10s %12s\n' "$w" "$r" "$p" "$(rss_mb)" "$(queue_depth)"
done
echo
echo "p99 drift, last window / first: $(awk -v a="${p99s[5]}" -v b="${p99s[0]}" 'BEGIN {printf "%.2f", a/b}')"
