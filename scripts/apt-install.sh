#!/usr/bin/env bash
# Installs Debian packages unless the command they provide is already on the PATH.
# Usage: scripts/apt-install.sh <command> <package>...
set -euo pipefail
command=$1
shift
if command -v "$command" >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
