#!/usr/bin/env bash
# The success path of the embedded node with its ledger journal: every buy sells (a
# 10,000,000-unit sale, random users out of a million, per-user limit 1), so each commit
# batch is one SQLite transaction before the 201s. Three alternating rounds of
#   nginx  static JSON of the size of a 201 (the reference: what HTTP alone costs here)
#   process  --durability process (WAL, synchronous=NORMAL: survives kill -9)
#   power    --durability power   (WAL, synchronous=FULL: an fsync per commit batch)
# with wrk (1 thread, 64 connections). Prints req/s, orders committed/s and each mode's
# orders/s over nginx's req/s. Not a test: numbers depend on the machine and its disk.
#   tests/bench/durable_buy.sh [SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib.sh
secs=${1:-10}

build_release_node
work=$(mktemp -d)
node_pid=
trap '[ -n "$node_pid" ] && kill $node_pid 2>/dev/null; stop_nginx "$work/nginx"; rm -rf "$work"' EXIT

reserved_body='{"status":"reserved","order_id":"0b1e3a5c2d40700a9f27c41be0d35a6e","sale":"bench","user":"u123456","pay_before":"2026-11-25T19:20:00.000Z"}'
nginx_port=$(free_port)
start_static_nginx "$work/nginx" "$nginx_port" "$reserved_body"
wait_http "http://127.0.0.1:$nginx_port/"
export BUY_PATH=/v1/sales/bench/buy

sold_of() { curl -s "http://127.0.0.1:$1/v1/sales/bench" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sold"])'; }

# run_node MODE ROUND -> prints "req_per_s p99_ms orders_per_s"
run_node() {
  local port; port=$(free_port)
  build/release/app/seckill-node --listen "127.0.0.1:$port" --data-dir "$work/$1-$2" \
    --durability "$1" --demo-sale bench:10000000 >"$work/$1-$2.log" 2>&1 &
  node_pid=$!
  wait_http "http://127.0.0.1:$port/healthz" >&2
  local r p sold
  read -r r p < <(run_wrk "http://127.0.0.1:$port" "$secs")
  sold=$(sold_of "$port")
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=
  echo "$r $p $(awk -v s="$sold" -v t="$secs" 'BEGIN {printf "%.0f", s/t}')"
}

declare -a g_rps=() proc_orders=() power_orders=()
printf '%-6s %-8s %12s %10s %12s\n' round target req/s p99_ms orders/s
for round in 1 2 3; do
  read -r r p < <(run_wrk "http://127.0.0.1:$nginx_port" "$secs")
  g_rps+=("$r"); printf '%-6s %-8s %12s %10s %12s\n' "$round" nginx "$r" "$p" -
  read -r r p o < <(run_node process "$round")
  proc_orders+=("$o"); printf '%-6s %-8s %12s %10s %12s\n' "$round" process "$r" "$p" "$o"
  read -r r p o < <(run_node power "$round")
  power_orders+=("$o"); printf '%-6s %-8s %12s %10s %12s\n' "$round" power "$r" "$p" "$o"
done
g=$(median "${g_rps[@]}"); po=$(median "${proc_orders[@]}"); fo=$(median "${power_orders[@]}")
echo
echo "median: nginx $g req/s; orders committed/s: process $po ($(awk -v a="$po" -v b="$g" 'BEGIN {printf "%.2f", a/b}') of nginx), power $fo ($(awk -v a="$fo" -v b="$g" 'BEGIN {printf "%.2f", a/b}') of nginx)"
