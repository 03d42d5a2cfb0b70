#!/usr/bin/env bash
# Installs what the tests need beyond npm: LibreOffice (headless), which the
# tests use to open, recalculate and convert the workbooks parscore writes,
# and its Python UNO bridge (python3-uno), with which test/uno/ types into
# forms as a user does. Does nothing when both are already there.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then
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
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui python3-uno >/dev/null
command -v soffice >/dev/null
/usr/bin/python3 -c 'import uno'
