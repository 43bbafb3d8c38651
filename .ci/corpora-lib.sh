# Shared by codegen-corpora.sh, contract-corpora.sh and examples-corpora.sh
# (sourced from the repository root): where the generated crates and their
# one shared target dir live, the sets, where each set's docs are, timing.
out=target/codegen-corpora
export CARGO_TARGET_DIR="$PWD/target/corpora-target"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

all="codegen-edge uforge-3.8 openstack-wadl2rst glance-api-ref cinder-api-ref keystone-api-ref manila-api-ref placement-api-ref"
# where each set lives
docs() {
  case "$1" in
    codegen-edge) echo tests/fixtures/codegen-edge ;;
    *) echo "../shared/corpus/$1" ;;
  esac
}
