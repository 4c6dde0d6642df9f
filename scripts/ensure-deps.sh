# Sourced by demo.sh and test-all.sh: installs npm dependencies when they are
# missing or older than package-lock.json (better-sqlite3 compiles, ~60 s).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
