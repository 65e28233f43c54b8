#!/usr/bin/env bash
# Installs what the test suite needs and a fresh machine of this kind lacks. Idempotent and quiet.
# NuGet packages restore during the build; npm packages are installed by the client build
# (client/Dashboard.Client/Dashboard.Client.csproj). The browser tests drive Debian's chromium
# through Playwright: Playwright's own browser download cannot work here.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET SDK (dotnet) is required" >&2
  exit 1
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is required: the client build installs its browser libraries from package-lock.json" >&2
  exit 1
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

# Installs Debian packages quietly: apt's own chatter goes to a log shown only when it fails.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp)
  if ! { "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# A failed chromium install does not stop the run: the other suites still run, and the browser
# tests fail on their own with a message that names /usr/bin/chromium.
install_chromium() {
  echo "installing Debian's chromium for the browser tests"
  if ! apt_install chromium; then
    echo "installing chromium failed: the browser tests (tests/Dashboard.Browser.Tests) need /usr/bin/chromium" >&2
    return 0
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "chromium was installed but /usr/bin/chromium is missing: the browser tests will fail" >&2
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  install_chromium
fi

# The agents' tests (tests/Dashboard.Server.Tests/Agents) start a real NATS broker, Debian's
# nats-server, on a free loopback port. Like chromium, a failed install fails those tests only.
if ! command -v nats-server >/dev/null 2>&1; then
  echo "installing Debian's nats-server for the agents' tests"
  apt_install nats-server || echo "installing nats-server failed: the agents' tests need it on PATH" >&2
fi
