#!/usr/bin/env bash
# Download benchmark for restdoc-images over loopback, one run, medians of
# several tries (TRIES, default 5), all peers measured in the same run:
#   1. client: `restdoc-images get` vs `curl -o FILE`, both from our server,
#      1 GiB image (UForge call: no checksum; OpenStack call: Content-MD5 checked)
#   2. server: our server vs nginx (Debian package, installed here if
#      missing) serving the same file statically, both fetched with curl
#   3. peak RSS of our client (GNU time) and our server (VmHWM) moving 1 GiB
# usage: bash bench/download.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
TRIES=${TRIES:-5}
SIZE_MIB=${SIZE_MIB:-1024}
if ! command -v nginx >/dev/null || ! command -v curl >/dev/null || ! [ -x /usr/bin/time ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light curl time >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx curl time >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
cargo build --release -q -p restdoc-images
BIN=$PWD/target/release/restdoc-images

WORK=$(mktemp -d /tmp/restdoc-images-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# the store: one 1 GiB image, one user
mkdir -p "$WORK/store/images" "$WORK/out" "$WORK/nginx"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$WORK/store/images/big.raw"
cat > "$WORK/store/manifest.json" <<'JSON'
{"users": [{"login": "bench", "password": "bench-password", "token": "bench-token"}],
 "images": [{"id": "bench-image", "owner": "bench", "name": "big", "file_name": "big.raw",
             "object": "images/big.raw", "address": {"kind": "machine", "appliance": "1", "image": "1"}}]}
JSON
BYTES=$(stat -c %s "$WORK/store/images/big.raw")

"$BIN" serve --listen 127.0.0.1:18481 --store "$WORK/store" 2>"$WORK/server.log" &
PIDS+=($!); SERVER=$!
cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http { access_log off; sendfile on; tcp_nopush on;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server { listen 127.0.0.1:18482; root $WORK/store; } }
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)
for _ in $(seq 50); do curl -s -o /dev/null 127.0.0.1:18481/v2/images && curl -s -o /dev/null 127.0.0.1:18482/ && break; sleep 0.2; done

OURS=http://127.0.0.1:18481/users/bench/appliances/1/images/1/downloads
GLANCE=http://127.0.0.1:18481/v2/images/bench-image/file
NGX=http://127.0.0.1:18482/images/big.raw
# warm-up: page cache, and the one-time Content-MD5 computation
curl -s -o /dev/null -H 'X-Auth-Token: bench-token' "$GLANCE"
curl -s -o /dev/null "$NGX"

mibs() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
: > "$WORK/r"
for i in $(seq "$TRIES"); do
  # client peers, each writing the file
  t=$(curl -s -o "$WORK/out/curl.img" -u bench:bench-password -w '%{time_total}' "$OURS"); echo "curl_file $(mibs "$t")" >> "$WORK/r"
  /usr/bin/time -f '%e %M' -o "$WORK/t" "$BIN" get -q --force --user bench --password bench-password "$OURS" -o "$WORK/out/ours.img"
  read -r e m < "$WORK/t"; echo "ours_file $(mibs "$e")" >> "$WORK/r"; echo "client_rss_kib $m" >> "$WORK/r"
  /usr/bin/time -f '%e %M' -o "$WORK/t" "$BIN" get -q --force --token bench-token "$GLANCE" -o "$WORK/out/ours-md5.img"
  read -r e m < "$WORK/t"; echo "ours_md5_file $(mibs "$e")" >> "$WORK/r"; echo "client_md5_rss_kib $m" >> "$WORK/r"
  s=$(date +%s.%N); curl -s -H 'X-Auth-Token: bench-token' "$GLANCE" | tee "$WORK/out/curl-md5.img" | md5sum > /dev/null; e=$(date +%s.%N)
  echo "curl_md5_file $(mibs "$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')")" >> "$WORK/r"
  cmp -s "$WORK/out/ours.img" "$WORK/store/images/big.raw" || { echo "client download differs" >&2; exit 1; }
  rm -f "$WORK/out/"*
  # server peers, curl to /dev/null
  t=$(curl -s -o /dev/null -u bench:bench-password -w '%{time_total}' "$OURS"); echo "server_ours $(mibs "$t")" >> "$WORK/r"
  t=$(curl -s -o /dev/null -w '%{time_total}' "$NGX"); echo "server_nginx $(mibs "$t")" >> "$WORK/r"
done
SERVER_RSS=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")

med() { grep "^$1 " "$WORK/r" | cut -d' ' -f2 | median; }
all() { grep "^$1 " "$WORK/r" | cut -d' ' -f2 | tr '\n' ' '; }
echo "restdoc-images download benchmark: $((BYTES / 1048576)) MiB over loopback, $TRIES tries, $(nproc) cores (shared)"
printf '%-46s %8s MiB/s   (tries: %s)\n' \
  "curl -o FILE from our server" "$(med curl_file)" "$(all curl_file)" \
  "restdoc-images get (UForge call, no checksum)" "$(med ours_file)" "$(all ours_file)" \
  "curl | tee FILE | md5sum from our server" "$(med curl_md5_file)" "$(all curl_md5_file)" \
  "restdoc-images get (OpenStack call, MD5 check)" "$(med ours_md5_file)" "$(all ours_md5_file)" \
  "our server -> curl -o /dev/null" "$(med server_ours)" "$(all server_ours)" \
  "nginx -> curl -o /dev/null" "$(med server_nginx)" "$(all server_nginx)"
awk -v a="$(med ours_file)" -v b="$(med curl_file)" -v c="$(med ours_md5_file)" -v f="$(med curl_md5_file)" -v d="$(med server_ours)" -v e="$(med server_nginx)" \
  'BEGIN { printf "client/curl: %.2fx (target 0.9x); MD5-checked client vs curl|tee|md5sum: %.2fx, vs plain curl: %.2fx   server/nginx: %.2fx (target 0.8x)\n", a / b, c / f, c / b, d / e }'
echo "peak RSS: client $(( $(med client_rss_kib) / 1024 )) MiB (MD5-checked $(( $(med client_md5_rss_kib) / 1024 )) MiB), server $((SERVER_RSS / 1024)) MiB after all tries (target < 64 MiB each)"
