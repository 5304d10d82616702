#!/usr/bin/env bash
# The one test command (README and .ci/run both call it): installs what the suite
# needs on a fresh machine, then runs it. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -r requirements.txt
python -m pytest "$@"
