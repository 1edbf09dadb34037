# Shared by the benchmark scripts: free ports, nginx with a static reply, wrk runs.

build_release_node() {
  cmake --preset release >/dev/null
  cmake --build --preset release --target seckill-node >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_static_nginx DIR PORT BODY: nginx answering every request with BODY as JSON.
start_static_nginx() {
  local dir=$1 port=$2 body=$3
  mkdir -p "$dir/logs"
  cat > "$dir/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-auto};
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port reuseport;
    default_type application/json;
    location / { return 200 '$body'; }
  }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf"
}

stop_nginx() { [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true; }

wait_http() {
  for _ in $(seq 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

# run_wrk URL SECONDS -> prints "req_per_s p99_ms"
run_wrk() {
  local out
  out=$(wrk -t1 -c64 -d"$2"s --latency -s "$(dirname "${BASH_SOURCE[0]}")/random_buyer.lua" "$1")
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
  echo "$rps $p99"
}

# start_redis DIR PORT: a redis-server with AOF, fsync before it answers (appendfsync always),
# as production must run it for a confirmed order to survive a Redis crash. REDIS_FSYNC=everysec
# measures the faster setting the earlier tables used.
start_redis() {
  mkdir -p "$1"
  redis-server --port "$2" --bind 127.0.0.1 --dir "$1" --appendonly yes --appendfsync "${REDIS_FSYNC:-always}" \
    --save "" --daemonize yes --pidfile "$1/redis.pid" --logfile "$1/redis.log"
  for _ in $(seq 100); do redis-cli -p "$2" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "redis-server did not start" >&2; return 1
}

stop_redis() { [ -f "$1/redis.pid" ] && kill "$(cat "$1/redis.pid")" 2>/dev/null || true; }

median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

# compare_with_nginx NGINX_URL NODE_URL SECONDS: three alternating wrk rounds against each,
# then the medians and node/nginx. Sets RATIO.
compare_with_nginx() {
  local nginx_url=$1 node_url=$2 secs=$3 r p
  local -a node_rps=() nginx_rps=() node_p99=() nginx_p99=()
  printf '%-6s %-8s %12s %10s\n' round target req/s p99_ms
  for round in 1 2 3; do
    read -r r p < <(run_wrk "$nginx_url" "$secs")
    nginx_rps+=("$r"); nginx_p99+=("$p")
    printf '%-6s %-8s %12s %10s\n' "$round" nginx "$r" "$p"
    read -r r p < <(run_wrk "$node_url" "$secs")
    node_rps+=("$r"); node_p99+=("$p")
    printf '%-6s %-8s %12s %10s\n' "$round" node "$r" "$p"
  done
  local n g np gp
  n=$(median "${node_rps[@]}"); g=$(median "${nginx_rps[@]}")
  np=$(median "${node_p99[@]}"); gp=$(median "${nginx_p99[@]}")
  RATIO=$(awk -v a="$n" -v b="$g" 'BEGIN {printf "%.2f", a/b}')
  echo
  echo "median: node $n req/s (p99 $np ms), nginx $g req/s (p99 $gp ms), node/nginx = $RATIO"
}
