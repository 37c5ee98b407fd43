# tap.sh — the prologue of a shell test that runs factum: sourced after the script's cd to the repository.
# Sets FACTUM (default build/factum), the TAP counter n and ok STATUS NAME, stops when the binary is missing,
# and makes $tmp, removed on exit.
FACTUM=${FACTUM:-build/factum}
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
if [ ! -x "$FACTUM" ]; then echo "not ok 1 - factum binary not found at $FACTUM"; exit 1; fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
