#!/usr/bin/env bash
# Installs what the tests need beyond npm: LibreOffice (headless), which the
# tests use to open, recalculate and convert the workbooks parscore writes;
# its Python UNO bridge (python3-uno), with which test/uno/ types into forms
# as a user does; poppler-utils (pdftotext, pdfinfo, pdftoppm), to read the
# PDFs it makes; and Liberation fonts, metric-compatible with Times New
# Roman, so pages are laid out as on an office PC. Does nothing when all are
# already there.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "LibreOffice (soffice) is needed for the spreadsheet tests; install it with your system's package manager." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui python3-uno poppler-utils fonts-liberation >/dev/null
command -v soffice >/dev/null
command -v pdftotext >/dev/null
/usr/bin/python3 -c 'import uno'
