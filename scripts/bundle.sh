#!/usr/bin/env bash
# Bundles the action (dist/index.js) and the command line (dist/cli.js) with ncc. dist/ is committed and must equal
# a fresh bundle: .ci/run and the check-dist workflow run this and fail on any diff.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npx ncc build src/index.ts -o "$tmp/index" --license licenses.txt -q
npx ncc build src/cli.ts -o "$tmp/cli" -q
rm -rf dist
mkdir -p dist
cp "$tmp/index/index.js" dist/index.js
cp "$tmp/index/licenses.txt" dist/licenses.txt
{ echo '#!/usr/bin/env node'; grep -v '^#!' "$tmp/cli/index.js"; } >dist/cli.js
chmod +x dist/cli.js
# anything else ncc emitted (assets) must be shipped too
extra=$(cd "$tmp/index" && find . -type f ! -name index.js ! -name licenses.txt | sort)
if [ -n "$extra" ]; then echo "ncc emitted assets that dist/ does not ship: $extra" >&2; exit 1; fi
