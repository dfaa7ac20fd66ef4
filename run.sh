#!/usr/bin/env bash
# Run the chat app on the bundled corpus: sets up, converts the model and
# builds the index as needed, then serves http://127.0.0.1:7860
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
