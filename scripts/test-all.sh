#!/usr/bin/env bash
# README command 2: every check and test. Typecheck, lint, Vitest unit tests,
# integration tests on a fresh SQLite database and (with TEST_POSTGRES_URL) on
# a fresh PostgreSQL database, then Playwright in Debian's Chromium against the
# production build. Ends with the counts per suite and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh || exit 1

# Browser and PDF tools: Debian's chromium and poppler-utils (pdftotext).
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] || ! command -v pdftotext > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "==> Installing Debian's chromium and poppler-utils"
    apt-get install -y -q chromium poppler-utils > /dev/null 2>&1 ||
      { apt-get update -q > /dev/null && apt-get install -y -q chromium poppler-utils > /dev/null; } ||
      { echo "Could not install chromium and poppler-utils with apt-get."; exit 1; }
  else
    echo "Missing: $( [ -x "$chromium" ] || printf 'Chromium at %s; ' "$chromium")$(command -v pdftotext > /dev/null || printf 'pdftotext;')"
    echo "Install them, e.g. on Debian/Ubuntu: sudo apt-get install chromium poppler-utils"
    echo "(or point CHROMIUM_PATH at another Chromium build), then run npm test again."
    exit 1
  fi
fi

reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"
failed_steps=()
step() {
  local name="$1"; shift
  echo
  echo "==> $name"
  "$@" || failed_steps+=("$name")
}

step "Prisma clients" npm run --silent db:generate
step "Typecheck" npm run --silent typecheck
step "Lint" npm run --silent lint
step "Unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
step "Integration tests: SQLite" npx vitest run --project sqlite --reporter=default --reporter=json --outputFile.json="$reports/sqlite.json"
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  step "Integration tests: PostgreSQL" npx vitest run --project postgres --reporter=default --reporter=json --outputFile.json="$reports/postgres.json"
else
  echo
  echo "==> Integration tests: PostgreSQL skipped (set TEST_POSTGRES_URL=postgres://user@host:5432/postgres to run them)"
fi
step "Production build" npm run --silent build
step "End-to-end tests: Chromium" npx playwright test

echo
node scripts/test-summary.mjs "${failed_steps[@]}"
