#!/usr/bin/env bash
# Installs Debian's tesseract-ocr (English included): with GROUNDED_KNOWLEDGE_OCR=true, scanned PDFs are read by OCR.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" tesseract tesseract-ocr
echo "[setup-ocr] $(tesseract --version 2>&1 | head -1)"
