# Helpers shared by the package tests (sourced, not run).

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# wait_for WHAT SECONDS COMMAND...: runs COMMAND until it succeeds. The deadline only
# bounds a failure; the message names what was awaited and COMMAND's last output.
wait_for() {
  local what=$1 secs=$2 last=""
  shift 2
  local deadline=$((SECONDS + secs))
  while :; do
    if last=$("$@" 2>&1); then return 0; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "waited ${secs}s for $what; last seen: ${last:-<nothing>}"
    fi
    sleep 0.2
  done
}

# A TCP port free on 127.0.0.1 now (the kernel's pick), for servers that cannot take 0.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The port a seckill-node printed in its banner ("serving http://HOST:PORT"), from LOG.
banner_port() {
  grep -o 'serving http://[^ ]*' "$1" | head -1 | sed 's/.*://'
}

# has_banner LOG: true once the node printed its serving line.
has_banner() { grep -q 'serving http://' "$1" || { tail -2 "$1"; return 1; }; }
