#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine (the Python packages and
# Debian's Chromium for the browser tests), then runs lint, type check and the
# whole suite. Used by the README and, through it, by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium </dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
python3 -m pytest "$@"
