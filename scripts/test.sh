#!/usr/bin/env bash
# The test command (npm test): type-check, then every jest project. Engine tests (*.itg.test.ts) need the Docker
# engine and registry from scripts/test-engine.sh; they skip loudly without one unless STAGEGUARD_E2E=required.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit -p tsconfig.json
npx jest --maxWorkers=2 "$@"
