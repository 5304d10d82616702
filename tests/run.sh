#!/usr/bin/env bash
# The one test command (README and .ci/run both call it): installs what the suite
# needs on a fresh machine, then runs it. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the tests use (installed when missing and we are root):
# - chromium: the app's browser test, and printing the PDF fixtures;
# - fonts-wqy-microhei: the CJK font the PDF fixtures are printed with (their line
#   breaks are computed for it) and that screenshots show Chinese in;
# - libreoffice-writer-nogui: converting .doc/.wps/.rtf (optional for users, tested here).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || missing+=(fonts-wqy-microhei)
office=()
command -v soffice >/dev/null || office+=(libreoffice-writer-nogui)
if [ $(( ${#missing[@]} + ${#office[@]} )) -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        # Another apt-get (an earlier run, the machine's own updates) may hold the lock:
        # wait for it rather than fail.
        apt=(apt-get -o DPkg::Lock::Timeout=600 -y -qq)
        ("${apt[@]}" update \
            && { [ ${#missing[@]} -eq 0 ] || "${apt[@]}" install "${missing[@]}" >/dev/null; } \
            && { [ ${#office[@]} -eq 0 ] \
                 || "${apt[@]}" install --no-install-recommends "${office[@]}" >/dev/null; }) \
            || echo "run.sh: could not install ${missing[*]} ${office[*]}; tests that need them fail in CI" >&2
    else
        echo "run.sh: not root, cannot install ${missing[*]} ${office[*]}; tests that need them are skipped" >&2
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
