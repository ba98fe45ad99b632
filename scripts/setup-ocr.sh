#!/usr/bin/env bash
# Installs Debian's tesseract-ocr (English included): with GROUNDED_KNOWLEDGE_OCR=true, scanned PDFs are read by OCR.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1; then
  echo "[setup-ocr] $(tesseract --version 2>&1 | head -1)"
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr >/dev/null
echo "[setup-ocr] installed $(tesseract --version 2>&1 | head -1)"
