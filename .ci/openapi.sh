#!/usr/bin/env bash
# OpenAPI export checked by an independent validator: the documents restdoc
# writes for specs/ and for every corpus in ../shared/corpus, as OpenAPI 3.1
# and as 3.0.3 (and specs/ as YAML too), must pass openapi-spec-validator
# (installed from PyPI into target/openapi-venv) with zero errors.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
out=target/openapi
mkdir -p "$out"
start=$(date +%s)

venv=target/openapi-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" 2>/dev/null || {
    apt-get install -y -q python3-venv >/dev/null
    python3 -m venv "$venv"
  }
fi
"$venv/bin/pip" install -q --disable-pip-version-check 'openapi-spec-validator==0.9.0'

cargo build --release --locked -p restdoc
bin=target/release/restdoc

docs=()
export_doc() { # name, input, version, extra args...
  local name=$1 input=$2 version=$3
  shift 3
  local file="$out/$name.$version.${EXT:-json}"
  # exit 1 = an error diagnostic in the docs (a page not read); the document
  # is still written and must still be valid. Anything else is a failure.
  local rc=0
  "$bin" -q openapi "$input" --openapi "$version" "$@" -o "$file" 2> "$out/$name.$version.log" || rc=$?
  if [ "$rc" -gt 1 ] || [ ! -s "$file" ]; then
    cat "$out/$name.$version.log" >&2
    echo "restdoc openapi $input --openapi $version failed (exit $rc)" >&2
    exit 1
  fi
  docs+=("$file")
}

for v in 3.1 3.0; do
  export_doc specs specs "$v"
  EXT=yaml export_doc specs specs "$v" --yaml
  for set in ../shared/corpus/*/; do
    set=${set%/}
    export_doc "$(basename "$set")" "$set" "$v"
  done
done

"$venv/bin/python" - "${docs[@]}" <<'PY'
import json, sys
import yaml  # a dependency of openapi-spec-validator
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

failed = 0
for path in sys.argv[1:]:
    with open(path) as f:
        doc = yaml.safe_load(f) if path.endswith(".yaml") else json.load(f)
    version = doc.get("openapi", "")
    cls = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    errors = list(cls(doc).iter_errors())
    ops = sum(1 for item in doc["paths"].values() for k in item if k in
              ("get", "put", "post", "delete", "options", "head", "patch", "trace"))
    print(f"{path}: OpenAPI {version}, {len(doc['paths'])} paths, {ops} operations, {len(errors)} errors")
    for e in errors[:20]:
        print(f"  {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    failed += bool(errors)
if failed:
    sys.exit(f"{failed} OpenAPI documents are not valid")
PY
echo "openapi: ${#docs[@]} documents valid in $(( $(date +%s) - start ))s"
