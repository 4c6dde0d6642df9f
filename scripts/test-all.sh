#!/usr/bin/env bash
# README command 2: every check and test. Typecheck, lint, Vitest unit tests,
# integration tests on a fresh SQLite database and (with TEST_POSTGRES_URL) on
# a fresh PostgreSQL database, then Playwright in Debian's Chromium against the
# production build. Ends with the counts per suite and "N passed, N failed".
# With TEST_REDIS_URL (e.g. redis://127.0.0.1:6379; .ci/run sets it) the shared
# rate-limit tests (tests/integration/shared-limits.test.ts) run against that
# Redis server, each run under keys of its own (sbtest:<id>:…, deleted after);
# without it they are skipped, saying so. With both variables the browser tests
# of intake, send, accept and pay run once more against two app instances behind
# a round-robin proxy (playwright.two-instances.config.ts).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh || exit 1

# Browser, PDF and XML tools: Debian's chromium, poppler-utils (pdftotext) and
# libxml2-utils (xmllint, which checks the FatturaPA files against the official XSD).
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] || ! command -v pdftotext > /dev/null || ! command -v xmllint > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "==> Installing Debian's chromium, poppler-utils and libxml2-utils"
    apt-get install -y -q chromium poppler-utils libxml2-utils > /dev/null 2>&1 ||
      { apt-get update -q > /dev/null && apt-get install -y -q chromium poppler-utils libxml2-utils > /dev/null; } ||
      { echo "Could not install chromium, poppler-utils and libxml2-utils with apt-get."; exit 1; }
  else
    echo "Missing: $( [ -x "$chromium" ] || printf 'Chromium at %s; ' "$chromium")$(command -v pdftotext > /dev/null || printf 'pdftotext; ')$(command -v xmllint > /dev/null || printf 'xmllint;')"
    echo "Install them, e.g. on Debian/Ubuntu: sudo apt-get install chromium poppler-utils libxml2-utils"
    echo "(or point CHROMIUM_PATH at another Chromium build), then run npm test again."
    exit 1
  fi
fi

reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"
failed_steps=()
timings=()
# A step runs in the foreground, printing as it goes, and its time is kept.
step() {
  local name="$1"; shift
  echo
  echo "==> $name"
  local t0=$SECONDS
  "$@" || failed_steps+=("$name")
  timings+=("$(printf '%5ss  %s' $((SECONDS - t0)) "$name")")
}
# Steps of a group run at the same time (the machine has two cores and most steps
# use one); each one's output is kept in a log and printed whole when the group ends,
# in the order given, so the output reads as if they had run one after another.
# `spawn_after N name cmd…` starts a step of the group once step N of the same group
# has ended (whatever its result), so a core freed early is used at once.
group_names=()
group_pids=()
spawn() {
  local name="$1"; shift
  spawn_after "" "$name" "$@"
}
spawn_after() {
  local after="$1" name="$2"; shift 2
  local i=${#group_names[@]}
  group_names+=("$name")
  (
    if [ -n "$after" ]; then
      while [ ! -f "$reports/step-$after.end" ]; do sleep 1; done
    fi
    echo $SECONDS > "$reports/step-$i.start"
    "$@" > "$reports/step-$i.log" 2>&1; echo $? > "$reports/step-$i.rc"; echo $SECONDS > "$reports/step-$i.end"
  ) &
  group_pids+=("$!")
}
# The index the next spawned step of the group will have.
next_step() { echo ${#group_names[@]}; }
wait_group() {
  local i
  for i in "${!group_names[@]}"; do
    wait "${group_pids[$i]}"
    echo
    echo "==> ${group_names[$i]}"
    cat "$reports/step-$i.log"
    [ "$(cat "$reports/step-$i.rc")" = 0 ] || failed_steps+=("${group_names[$i]}")
    timings+=("$(printf '%5ss  %s' $(( $(cat "$reports/step-$i.end") - $(cat "$reports/step-$i.start") )) "${group_names[$i]} (in parallel, started at $(( $(cat "$reports/step-$i.start") - started )) s)")")
  done
  # Only now: a step that waits for another polls its .end file.
  for i in "${!group_names[@]}"; do rm -f "$reports/step-$i.log" "$reports/step-$i.rc" "$reports/step-$i.end" "$reports/step-$i.start"; done
  group_names=(); group_pids=()
}
started=$SECONDS

step "Prisma clients" npm run --silent db:generate
spawn "Typecheck" npm run --silent typecheck
spawn "Lint" npm run --silent lint
spawn "Unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
spawn "Production build" npm run --silent build
wait_group
# The crash test (tests/integration/crash.test.ts) runs the build just made, not the
# source through Vite: the same server, started in a third of the time.
if [ -f build/node/index.js ] && [[ ! " ${failed_steps[*]} " =~ " Production build " ]]; then
  export TEST_SERVER_BUILD=build/node/index.js
fi
# The integration lanes and the browser runs form one group. The SQLite lane keeps a core
# busy; the PostgreSQL lane waits on its server more than it computes (about 0.6 of a core);
# a browser run uses close to two. So both shards of the browser tests start as soon as
# SQLite ends, beside the rest of PostgreSQL, and the two-instance run (two servers, a
# browser) once PostgreSQL has ended too.
# Each shard has a server and SQLite file of its own (ports 3100 and 3300; e2e/db-path.ts).
sqlite_step=$(next_step)
spawn "Integration tests: SQLite" npx vitest run --project sqlite --reporter=default --reporter=json --outputFile.json="$reports/sqlite.json"
postgres_step=$sqlite_step
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  postgres_step=$(next_step)
  spawn "Integration tests: PostgreSQL" npx vitest run --project postgres --reporter=default --reporter=json --outputFile.json="$reports/postgres.json"
else
  echo
  echo "==> Integration tests: PostgreSQL skipped (set TEST_POSTGRES_URL=postgres://user@host:5432/postgres to run them)"
fi
spawn_after "$sqlite_step" "End-to-end tests: Chromium, shard 1 of 2" npx playwright test --shard=1/2
spawn_after "$sqlite_step" "End-to-end tests: Chromium, shard 2 of 2" env E2E_PORT=3300 E2E_REPORT="$reports/e2e-shard-2.json" npx playwright test --shard=2/2
# With PostgreSQL and Redis, the browser tests of intake, send, accept and pay run again
# against two instances of the build on one PostgreSQL database behind a round-robin
# proxy, with Redis and one Stripe stand-in (playwright.two-instances.config.ts, ports
# 3200-3203); it fails unless both instances served pages and form posts.
if [ -n "${TEST_POSTGRES_URL:-}" ] && [ -n "${TEST_REDIS_URL:-}" ]; then
  spawn_after "$postgres_step" "End-to-end tests: two instances on PostgreSQL" npx playwright test -c playwright.two-instances.config.ts
  wait_group
else
  wait_group
  echo
  echo "==> End-to-end tests on two instances skipped (set TEST_POSTGRES_URL and TEST_REDIS_URL to run them)"
fi

echo
echo "Time per part (wall clock; parts marked in parallel overlapped):"
printf '  %s\n' "${timings[@]}"
printf '  %5ss  %s\n' $((SECONDS - started)) "npm test in all"
echo
node scripts/test-summary.mjs "${failed_steps[@]}"
