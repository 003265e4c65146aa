#!/usr/bin/env bash
# Patient economy (issue 12): one stateful embedded sandbox stands in for Int, and full runs (JSON and
# XML) repeat against it with one pool of synthetic patients until the pool is exhausted (exit 2).
# Prints, per run: exit code, Consents created so far (counted in the sandbox's request log), the
# counts line and the summary's patient line.
#   npm run bench:patients [-- <pool size, default 80> [<max runs, default 30>]]
set -euo pipefail
size=${1:-80}
max=${2:-30}
work=$(mktemp -d)
trap 'kill "$sandbox" 2>/dev/null || true; rm -rf "$work"' EXIT
# The first <size> valid NHS numbers of the synthetic 999 range (Modulus 11; check digit 10 skipped).
pool=$(node -e '
  const size = Number(process.argv[1]); const out = [];
  for (let i = 1; out.length < size; i++) {
    const digits = `999${String(i).padStart(6, "0")}`.split("").map(Number);
    const check = 11 - (digits.reduce((sum, d, k) => sum + d * (10 - k), 0) % 11);
    if (check !== 10) out.push(digits.join("") + (check === 11 ? 0 : check));
  }
  console.log(out.join(","));' "$size")
node dist/cli/main.js sandbox --port 0 >"$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/STU3' "$work/sandbox.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
echo "pool of $size synthetic patients, one stateful sandbox at $url"
for run in $(seq 1 "$max"); do
  status=0
  NDOP_PATIENTS=$pool node dist/cli/main.js run --env custom --base-url "$url" \
    --reports-dir "$work/reports" >"$work/out" 2>&1 || status=$?
  creates=$(grep -c 'POST /STU3/Consent 201' "$work/sandbox.log" || true)
  counts=$(grep -E '^[0-9]+ passed' "$work/out" || true)
  patients=$(grep -E '^Test patients|^ndop-conformance: The test patient pool' "$work/out" || true)
  echo "run $run: exit $status, $creates Consents created so far; $counts; $patients"
  [ "$status" -eq 2 ] && break
done
