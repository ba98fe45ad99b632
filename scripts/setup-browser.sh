#!/usr/bin/env bash
# Installs Debian's Chromium for the browser end-to-end tests (Playwright drives it; it never downloads a browser).
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" chromium chromium fonts-liberation
echo "[setup-browser] $(chromium --version 2>/dev/null | head -1)"
