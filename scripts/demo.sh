#!/usr/bin/env bash
# README command 1: install, migrate, seed demo data, build and start on
# http://localhost:3000 with SQLite. Safe to run again (migrations and seed are idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
export DATABASE_URL="${DATABASE_URL:-file:./data/socialbrief.db}"
export PORT="${PORT:-3000}"
export APP_URL="${APP_URL:-http://localhost:$PORT}"
echo "==> Generating the Prisma clients"
npm run --silent db:generate > /dev/null
echo "==> Applying migrations to $DATABASE_URL"
node_modules/.bin/tsx scripts/migrate.ts deploy
if [ -d data/storage ]; then
  echo "==> Moving the files of data/storage (from before shared storage) into the database"
  node_modules/.bin/tsx scripts/import-legacy-storage.ts data/storage --remove
fi
echo "==> Seeding demo data"
credentials="$(node_modules/.bin/tsx prisma/seed.ts)"
echo "==> Building"
npm run --silent build > /dev/null
echo "$credentials"
echo "  Open $APP_URL (Ctrl+C stops the server)"
echo
NODE_ENV=production STRIPE_STANDIN="${STRIPE_STANDIN:-1}" exec node build/node/index.js
