#!/usr/bin/env bash
# `npm test`: everything a change must pass, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m▶ %s\033[0m\n' "$1"; }

step "Lint"
npx eslint . --max-warnings 0

step "Typecheck"
npx tsc --noEmit

step "Unit tests"
npx vitest run --project unit

step "Integration tests (PostgreSQL at ${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres})"
npx vitest run --project integration

step "Production build"
NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')}" \
  TOKEN_ENCRYPTION_KEY="${TOKEN_ENCRYPTION_KEY:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')}" \
  NEXT_TELEMETRY_DISABLED=1 npx next build

step "End-to-end tests in chromium"
bash scripts/e2e.sh
