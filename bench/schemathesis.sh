#!/usr/bin/env bash
# schemathesis (PyPI) against the server generated from specs/, served by
# examples/specs-fake-server (a fake that answers documented codes), using
# the OpenAPI document `restdoc openapi specs` exports. Runs the
# status-code and response-schema conformance checks on generated valid
# requests (positive mode). Not in CI: it builds a server and fuzzes it.
#   bash bench/schemathesis.sh [MAX_EXAMPLES]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-100}
out=target/openapi
mkdir -p "$out"
venv=target/openapi-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check 'schemathesis==4.32.5'

cargo build -q --locked -p restdoc -p specs-fake-server
target/debug/restdoc -q openapi specs -o "$out/specs.3.1.json"
port=18089
target/debug/specs-fake-server "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
"$venv/bin/schemathesis" run "$out/specs.3.1.json" \
  --url "http://127.0.0.1:$port" \
  --checks status_code_conformance,response_schema_conformance \
  --mode positive --max-examples "$examples" --generation-deterministic \
  --header "X-Auth-Token: fake" --header "Authorization: Basic dXNlcjpwYXNz"
