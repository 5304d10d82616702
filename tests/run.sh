#!/usr/bin/env bash
# The one test command (README and .ci/run both call it): installs what the suite
# needs on a fresh machine, then runs it. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# The app's browser test drives Debian's Chromium (CJK font so screenshots show Chinese).
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            chromium fonts-wqy-microhei >/dev/null) || echo "run.sh: could not install chromium; the browser test will be skipped" >&2
    fi
fi
python -m pip install --quiet --disable-pip-version-check -r requirements.txt
# Neo4j's own Cypher parser for tests/test_cypher_lint.py (offline once installed; into
# .cache/node, which git ignores).
CYPHER_LINT="@neo4j-cypher/language-support@2.0.0-next.38"
if command -v npm >/dev/null && [ ! -f .cache/node/node_modules/@neo4j-cypher/language-support/package.json ]; then
    mkdir -p .cache/node
    npm install --prefix .cache/node --no-audit --no-fund --no-save --silent "$CYPHER_LINT" \
        || echo "run.sh: could not install $CYPHER_LINT; the Cypher lint test will be skipped" >&2
fi
python -m pytest "$@"
