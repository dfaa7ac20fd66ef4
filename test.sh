#!/usr/bin/env bash
# Run the test suite (real model, real FAISS index, real app in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[test] installing Debian's chromium for the browser test ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
exec .venv/bin/python -m pytest -q "$@"
