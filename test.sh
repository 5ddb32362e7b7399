#!/usr/bin/env bash
# Runs every test: the .NET solution (unit, skill transcripts, the real host on Kestrel, Web Chat in headless Chromium), then the official
# Direct Line JS client against a freshly built host under Node.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test ChatCare.sln
dotnet build src/Bot/Host -c Release --nologo -v quiet
tests/directline-node/run.sh src/Bot/Host/bin/Release/net10.0/ChatCare.Bot.dll
