#!/usr/bin/env bash
# The Debian packages, as an operator meets them: what they hold, lintian, the unit,
# desktop and AppStream validators; then, as root, dpkg -i, --version, and a node started
# from the installed unit's ExecStart line (this container has no systemd as PID 1, so
# `systemctl start` cannot run here) that says READY=1 on a notify socket, sells a unit
# and drains on SIGTERM. Usage: test_debs.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
. "$src/tests/package/lib.sh"
work=$(mktemp -d /tmp/seckill-pkgtest.XXXXXX)
chmod 0755 "$work"
pids=()
installed=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$installed" = 1 ]; then dpkg --purge seckill-node seckill-console >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"

# 1. Build the packages from this tree.
"$src/scripts/package" --build-dir "$build" --out "$work/debs" >/dev/null
arch=$(dpkg --print-architecture)
node_deb="$work/debs/seckill-node_${version}_${arch}.deb"
console_deb="$work/debs/seckill-console_${version}_${arch}.deb"
[ -f "$node_deb" ] || fail "no $node_deb (got: $(ls "$work/debs"))"
with_console=0
[ -f "$console_deb" ] && with_console=1
pass "built $(cd "$work/debs" && ls ./*.deb | tr '\n' ' ')"

# 2. They hold what the issue promised.
expect_files() {
  local deb=$1
  shift
  local listing
  listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
  for f in "$@"; do
    grep -qxF "./$f" <<<"$listing" || fail "$(basename "$deb") lacks /$f"
  done
  pass "$(basename "$deb") holds $# promised files"
}
expect_files "$node_deb" usr/bin/seckill-node usr/bin/seckill-load \
  lib/systemd/system/seckill-node@.service lib/systemd/system/seckill-prometheus-targets.service \
  lib/systemd/system/seckill-prometheus-targets.timer etc/seckill/n1.env \
  etc/seckill/prometheus-targets.env usr/share/seckill/nginx/nginx.conf.in \
  usr/share/seckill/prometheus/prometheus.yml usr/share/seckill/prometheus/seckill-alerts.yml \
  usr/share/man/man1/seckill-node.1.gz usr/share/man/man1/seckill-load.1.gz \
  usr/share/doc/seckill-node/copyright usr/share/doc/seckill-node/changelog.gz
if [ "$with_console" = 1 ]; then
  expect_files "$console_deb" usr/bin/seckill-console usr/share/applications/seckill-console.desktop \
    usr/share/metainfo/org.seckill.console.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/seckill-console.svg \
    usr/share/icons/hicolor/48x48/apps/seckill-console.png \
    usr/share/icons/hicolor/256x256/apps/seckill-console.png \
    usr/share/man/man1/seckill-console.1.gz usr/share/doc/seckill-console/copyright
fi
depends=$(dpkg-deb -f "$node_deb" Depends)
grep -q 'libc6' <<<"$depends" || fail "seckill-node's Depends were not computed: $depends"
pass "dependencies computed: $(dpkg-deb -f "$node_deb" Depends)"

# 3. lintian: no error, and no warning that packaging/deb/lintian-kept does not explain.
kept=$(grep -v '^#' "$src/packaging/deb/lintian-kept" | awk 'NF {print $1}')
for deb in "$work"/debs/*.deb; do
  out=$(lintian --no-cfg --display-level '>=warning' "$deb" 2>&1 || true)
  if grep -q '^E: ' <<<"$out"; then fail "lintian errors on $(basename "$deb"):"$'\n'"$(grep '^E: ' <<<"$out")"; fi
  while read -r line; do
    [ -n "$line" ] || continue
    tag=$(awk '{print $3}' <<<"$line")
    grep -qxF "$tag" <<<"$kept" || fail "lintian warning not in packaging/deb/lintian-kept: $line"
  done < <(grep '^W: ' <<<"$out" || true)
  pass "lintian: $(basename "$deb"): 0 errors, $(grep -c '^W: ' <<<"$out" || true) kept warnings"
done

# 4. Validators on the shipped files.
desktop-file-validate "$src/packaging/desktop/seckill-console.desktop" || fail "desktop-file-validate"
pass "desktop-file-validate clean"
appstreamcli validate --pedantic --no-net "$src/packaging/desktop/org.seckill.console.metainfo.xml" >"$work/as.log" 2>&1 ||
  fail "appstreamcli validate: $(cat "$work/as.log")"
grep -q 'Validation was successful.$' "$work/as.log" || fail "appstreamcli has remarks: $(cat "$work/as.log")"
pass "appstreamcli validate clean"

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: dpkg -i and the installed unit need root (CI runs as root); checks above passed"
  exit 77
fi

# 5. Install.
dpkg -i "$node_deb" >"$work/dpkg.log" 2>&1 || fail "dpkg -i seckill-node: $(cat "$work/dpkg.log")"
installed=1
if [ "$with_console" = 1 ]; then
  dpkg -i "$console_deb" >>"$work/dpkg.log" 2>&1 || fail "dpkg -i seckill-console: $(cat "$work/dpkg.log")"
  [ "$(QT_QPA_PLATFORM=offscreen seckill-console --version)" = "seckill-console $version" ] || fail "seckill-console --version"
fi
getent passwd seckill >/dev/null || fail "postinst made no seckill user"
[ "$(stat -c '%a %U' /var/lib/seckill)" = "700 seckill" ] || fail "/var/lib/seckill is $(stat -c '%a %U' /var/lib/seckill)"
for p in seckill-node seckill-load; do
  [ "$(/usr/bin/$p --version)" = "$p $version" ] || fail "$p --version said $(/usr/bin/$p --version)"
done
# Captured first: grep -q closing a pipe early would fail it under pipefail.
man_page=$(zcat /usr/share/man/man1/seckill-node.1.gz)
grep -qF 'print\-prometheus\-targets' <<<"$man_page" || fail "seckill-node's man page lacks its flags"
grep -q '^\.SH FILES' <<<"$man_page" || fail "seckill-node's man page lacks FILES"
pass "installed: seckill user, /var/lib/seckill 0700, --version $version, man pages"

# 6. The units as installed.
mkdir -p "$work/units"
ln -s /lib/systemd/system/seckill-node@.service "$work/units/seckill-node@n1.service"
systemd-analyze verify "$work/units/seckill-node@n1.service" \
  /lib/systemd/system/seckill-prometheus-targets.service /lib/systemd/system/seckill-prometheus-targets.timer \
  >"$work/verify.log" 2>&1 || fail "systemd-analyze verify: $(cat "$work/verify.log")"
[ ! -s "$work/verify.log" ] || fail "systemd-analyze verify has remarks: $(cat "$work/verify.log")"
pass "systemd-analyze verify clean"
# The hardening, as systemd scores it (0 = locked down, 10 = none); 20 means 2.0.
systemd-analyze security --offline=true --threshold=20 "$work/units/seckill-node@n1.service" >"$work/security.log" 2>&1 ||
  fail "seckill-node@.service is exposed over 2.0: $(grep -E 'Overall|✗' "$work/security.log")"
pass "systemd-analyze security: $(grep -o 'Overall exposure level.*' "$work/security.log")"

# 7. A node started as the unit starts it: its ExecStart line with %i and the env file
# expanded, as the seckill user, in the state directory systemd would create.
instance=pkgtest
exec_line=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/seckill-node@.service)
cat >"$work/$instance.env" <<ENV
SECKILL_LISTEN=127.0.0.1:0
SECKILL_NODE_ARGS=--demo-sale demo:10 --threads 1
ENV
# As systemd reads EnvironmentFile=: KEY=VALUE per line, the value is the rest of the line.
while IFS= read -r line; do
  case "$line" in '#'* | '') continue ;; esac
  declare "${line%%=*}=${line#*=}"
done <"$work/$instance.env"
cmdline=${exec_line//%i/$instance}
cmdline=${cmdline//\$\{SECKILL_LISTEN\}/$SECKILL_LISTEN}
cmdline=${cmdline//\$SECKILL_NODE_ARGS/$SECKILL_NODE_ARGS}
install -d -m 0700 -o seckill -g seckill "/var/lib/seckill/$instance"
python3 "$src/tests/package/notify_listener.py" "$work/notify.sock" "$work/notify.log" &
pids+=($!)
wait_for "the notify socket" 10 test -S "$work/notify.sock"
# setpriv execs the node itself (as User=/Group= would), so SIGTERM reaches the node.
# shellcheck disable=SC2086  # the unit's line splits into words as systemd splits it
NOTIFY_SOCKET="$work/notify.sock" setpriv --reuid=seckill --regid=seckill --init-groups -- $cmdline >"$work/node.out" 2>"$work/node.err" &
node=$!
pids+=($node)
wait_for "the installed node's serving line" 30 has_banner "$work/node.out"
wait_for "READY=1 from the node" 30 grep -q 'READY=1' "$work/notify.log"
port=$(banner_port "$work/node.out")
code=$(curl -s -o "$work/buy.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/v1/sales/demo/buy?user=alice")
[ "$code" = 201 ] || fail "buy answered $code: $(cat "$work/buy.json")"
pass "node from ExecStart ($cmdline) said READY=1 and sold a unit (201)"
grep -q 'level=info event=started node=pkgtest' "$work/node.err" || fail "no started line in the log: $(cat "$work/node.err")"
kill -TERM "$node"
wait "$node" || fail "the node exited $? on SIGTERM: $(cat "$work/node.err")"
grep -q 'STOPPING=1' "$work/notify.log" || fail "no STOPPING=1: $(cat "$work/notify.log")"
grep -q 'event=stopped node=pkgtest order_events_unwritten=0' "$work/node.err" ||
  fail "the node did not drain: $(cat "$work/node.err")"
[ "$(stat -c '%U' "/var/lib/seckill/$instance/orders.db")" = seckill ] || fail "orders.db not the seckill user's"
pass "SIGTERM drained it: STOPPING=1, 0 order events unwritten, files owned by seckill"
echo "test_debs: all checks passed"
