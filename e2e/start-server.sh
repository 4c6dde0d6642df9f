#!/usr/bin/env bash
# The production build on a fresh, migrated SQLite database with a known owner.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
mkdir -p e2e/.tmp
db="e2e/.tmp/e2e-$port.db"
rm -f "$db" "$db-wal" "$db-shm"
# The job runner looks for due jobs every 200 ms (the default is 1 s), so emails the tests wait for come sooner.
export DATABASE_URL="file:./$db" NODE_ENV=production PORT="$port" APP_URL="http://localhost:$port" LOG_LEVEL=warn STRIPE_STANDIN=1 JOBS_POLL_MS=200
node_modules/.bin/tsx scripts/migrate.ts deploy
OWNER_PASSWORD="e2e-owner-password-2026" node_modules/.bin/tsx scripts/create-owner.ts --email owner@e2e.example --name "Erica Owner"
exec node build/node/index.js
