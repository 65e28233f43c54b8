#!/usr/bin/env bash
# Runs the tests on a fresh machine of this kind: installs what they need, builds once, runs each
# test project in turn (timing-shaped tests must not share the two cores with another suite), and
# ends with a plain "N passed, N failed" line read from the TRX files, since CI cannot read
# dotnet test's own summary.
#
#   bash scripts/test.sh                 every test project
#   bash scripts/test.sh Client Browser  only these projects (tests/Dashboard.NAME.Tests, any case)
#
# Environment:
#   TEST_FILTER           dotnet test's --filter expression, for example "FullyQualifiedName~Sweep"
#   TEST_HANG_TIMEOUT     one test's limit: past it the test host is killed and the test named (3m)
#   TEST_PROJECT_TIMEOUT  one project's whole run, past it the run is killed (15m)
#
# A hang never turns green: a killed test host or project run counts as failed, the closing line
# always prints, and the next project still runs.
set -uo pipefail
cd "$(dirname "$0")/.."

hang_timeout=${TEST_HANG_TIMEOUT:-3m}
project_timeout=${TEST_PROJECT_TIMEOUT:-15m}
# Quick ones first, so a broken build of the basics shows within a minute.
all_projects=(EventLoop LoopServer Load Server Client Browser)

usage() {
  echo "usage: bash scripts/test.sh [PROJECT...]   (PROJECT = ${all_projects[*]})" >&2
  exit 2
}

projects=()
for wanted in "$@"; do
  case "$wanted" in -h|--help) usage ;; esac
  match=""
  for known in "${all_projects[@]}"; do
    if [ "${wanted,,}" = "${known,,}" ] || [ "${wanted,,}" = "dashboard.${known,,}.tests" ]; then
      match=$known
    fi
  done
  [ -n "$match" ] || { echo "no test project named '$wanted'" >&2; usage; }
  projects+=("$match")
done
[ "${#projects[@]}" -gt 0 ] || projects=("${all_projects[@]}")

csproj() { echo "tests/Dashboard.$1.Tests/Dashboard.$1.Tests.csproj"; }

bash scripts/install-test-deps.sh || { echo "installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if [ "$#" -eq 0 ]; then
  build_targets=(Dashboard.sln)
else
  build_targets=()
  for p in "${projects[@]}"; do build_targets+=("$(csproj "$p")"); done
fi
for target in "${build_targets[@]}"; do
  if ! dotnet build "$target" -c Release -nologo -clp:ErrorsOnly; then
    echo "build failed: $target"
    echo "0 passed, 1 failed"
    exit 1
  fi
done

# Reads one TRX file's counters: prints "passed failed notExecuted".
trx_counts() {
  local counters
  counters=$(grep -o '<Counters [^>]*>' "$1" | head -n 1)
  printf '%s %s %s\n' \
    "$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")" \
    "$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")" \
    "$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")"
}

status=0
passed=0
failed=0
skipped=0
durations=()
problems=()
for p in "${projects[@]}"; do
  out="$results/$p"
  mkdir -p "$out"
  started=$(date +%s)
  # timeout signals its whole process group (the test host, browsers and servers a test started);
  # --kill-after ends what ignores the first signal.
  timeout --kill-after=30s "$project_timeout" \
    dotnet test "$(csproj "$p")" -c Release --no-build \
      --logger "trx;LogFileName=$p.trx" --results-directory "$out" \
      --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
      ${TEST_FILTER:+--filter "$TEST_FILTER"} 2>&1 | tee "$out/console.log"
  code=${PIPESTATUS[0]}
  seconds=$(( $(date +%s) - started ))
  durations+=("$(printf '%6d s  %s' "$seconds" "$p")")

  read -r p_passed p_failed p_skipped < <(if [ -f "$out/$p.trx" ]; then trx_counts "$out/$p.trx"; else echo "0 0 0"; fi)
  p_passed=${p_passed:-0}; p_failed=${p_failed:-0}; p_skipped=${p_skipped:-0}

  # The hang guard names the test it gave up on; the TRX file does not list it as failed.
  hung=$(awk '/tests? running when the crash occurred/ { naming = 1; next }
               naming && /^[[:space:]]*$/ { if (seen) naming = 0; next }
               naming { sub(/^[[:space:]]*(- )?/, ""); print; seen = 1 }' "$out/console.log" | sort -u)
  hung_count=$(grep -c . <<<"$hung")
  [ -n "$hung" ] || hung_count=0
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    problems+=("$p: killed after $project_timeout (TEST_PROJECT_TIMEOUT); the TRX file may be missing or partial")
    [ "$hung_count" -gt 0 ] || hung_count=1
  fi
  while IFS= read -r t; do
    [ -z "$t" ] || problems+=("$p: killed after $hang_timeout without an answer (TEST_HANG_TIMEOUT): $t; $p's tests that had not run yet did not run")
  done <<<"$hung"
  p_failed=$((p_failed + hung_count))
  if [ "$code" -ne 0 ] && [ "$p_failed" -eq 0 ]; then
    # dotnet test failed without a failed test (a crashed test host, say): never report green.
    problems+=("$p: dotnet test exited with $code without a failed test (crashed test host?); see $out/console.log")
    p_failed=1
  fi
  [ "$code" -eq 0 ] || status=1
  [ "$p_failed" -eq 0 ] || status=1

  passed=$((passed + p_passed))
  failed=$((failed + p_failed))
  skipped=$((skipped + p_skipped))
done

echo
echo "Time per project:"
printf '%s\n' "${durations[@]}"
echo
echo "Slowest tests:"
# Every result's duration (hh:mm:ss.fffffff) and name, from every TRX file.
cat "$results"/*/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' \
  | sed -n 's/.*testName="\([^"]*\)".*duration="\([0-9:.]*\)".*/\2 \1/p' \
  | awk '{ split($1, t, ":"); s = t[1] * 3600 + t[2] * 60 + t[3]; $1 = ""; printf "%8.1f s %s\n", s, $0 }' \
  | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' \
  | sort -rn | head -n 10
if [ "${#problems[@]}" -gt 0 ]; then
  echo
  echo "Problems:"
  printf '  %s\n' "${problems[@]}"
fi
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
