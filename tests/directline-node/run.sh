#!/usr/bin/env bash
# Runs the DirectLineJS client tests against a built ChatCare host.
# Usage: tests/directline-node/run.sh path/to/ChatCare.Bot.dll
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 path/to/ChatCare.Bot.dll" >&2
  exit 2
fi
# Resolve the dll before leaving the caller's directory.
export CHATCARE_DLL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node --test
