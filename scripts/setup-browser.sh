#!/usr/bin/env bash
# Installs Debian's Chromium for the browser end-to-end tests (Playwright drives it; it never downloads a browser).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "[setup-browser] $(chromium --version 2>/dev/null | head -1)"
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
echo "[setup-browser] installed $(chromium --version 2>/dev/null | head -1)"
