# Shared by the benchmark scripts: free ports, nginx with a static reply, wrk runs.

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
