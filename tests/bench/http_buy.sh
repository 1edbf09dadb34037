#!/usr/bin/env bash
# Sold-out storm: the node with a 1,000-unit sale against nginx serving a static JSON body
# of the same size as the node's sold-out reply. wrk: 1 thread, 64 connections, random
# users; three alternating rounds. Prints req/s, p99 and node/nginx, then checks that
# exactly 1,000 units were sold. Not a test: numbers depend on the machine.
#   tests/bench/http_buy.sh [SECONDS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib.sh
secs=${1:-10}

build_release_node
work=$(mktemp -d)
trap 'kill $node_pid 2>/dev/null; stop_nginx "$work/nginx"; rm -rf "$work"' EXIT

sold_out_body='{"status":"sold_out","error":"every unit of this sale is sold"}'
nginx_port=$(free_port)
node_port=$(free_port)
start_static_nginx "$work/nginx" "$nginx_port" "$sold_out_body"
build/release/app/seckill-node --listen "127.0.0.1:$node_port" --data-dir "$work/node" \
  --demo-sale bench:1000 >"$work/node.log" 2>&1 &
node_pid=$!
wait_http "http://127.0.0.1:$nginx_port/"
wait_http "http://127.0.0.1:$node_port/healthz"
export BUY_PATH=/v1/sales/bench/buy

compare_with_nginx "http://127.0.0.1:$nginx_port" "http://127.0.0.1:$node_port" "$secs"

sold=$(curl -s "http://127.0.0.1:$node_port/v1/sales/bench" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sold"])')
echo "units sold: $sold of 1000"
[ "$sold" = 1000 ] || { echo "FAIL: expected exactly 1000 sold" >&2; exit 1; }
token=$(cat "$work/node/admin-token")
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$node_port/admin/v1/sales/bench/invariants" |
  python3 -c 'import json,sys; r=json.load(sys.stdin); print("invariants:", "ok" if r["ok"] else r); sys.exit(0 if r["ok"] else 1)'
