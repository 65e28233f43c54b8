#!/usr/bin/env bash
# Installs what the test suite needs and a fresh machine of this kind lacks. Idempotent.
# NuGet packages restore during the build; npm packages are installed by the client build.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET SDK (dotnet) is required" >&2
  exit 1
fi
