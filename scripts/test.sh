#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine of this kind: installs what the tests need,
# builds once, runs each test project in turn (timing-shaped tests must not share the two
# cores with another suite), and ends with a plain "N passed, N failed" line read from the TRX
# files, since CI cannot read dotnet test's own summary.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Dashboard.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
dotnet test Dashboard.sln -c Release --no-build -m:1 --logger "trx" --results-directory "$results" \
  ${TEST_FILTER:+--filter "$TEST_FILTER"} || status=$?

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${n:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test (a crashed test host, say): never report green.
  failed=1
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
