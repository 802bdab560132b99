#!/usr/bin/env bash
# Regenerates the spreadsheet fixtures of the import tests (test/fixtures/import) with LibreOffice
# Calc, headless, from the committed sources in test/fixtures/import/src. Run it by hand after
# changing a source, then commit the outputs; the tests only read the committed files and never
# start LibreOffice.
#
# Needs (Debian/Ubuntu): sudo apt-get install -y libreoffice-calc-nogui python3-uno
# Outputs: devices.xlsx (sheets Phones, Tablets), devices-semicolon-bom.csv, devices-unicode.txt,
#          encrypted.xlsx, legacy.xls, legacy-encrypted.xls, damaged.xlsx, damaged-resaved.csv,
#          devices.ods (sheets Phones, Tablets), encrypted.ods, repeated.ods, damaged.ods
set -euo pipefail
cd "$(dirname "$0")/.."

command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y libreoffice-calc-nogui python3-uno" >&2; exit 1; }
# The UNO bridge is built for the system Python, whatever python3 comes first on PATH.
PY=/usr/bin/python3
"$PY" -c 'import uno' 2>/dev/null || { echo "Python-UNO not found: apt-get install -y python3-uno" >&2; exit 1; }

rm -f test/fixtures/import/src/.~lock.*#   # left by an interrupted run
echo "LibreOffice: $(soffice --version | head -1)"
"$PY" scripts/make-import-fixtures.py

# LibreOffice 7.4 cannot write a UTF-8 byte-order mark (the option came in 7.6), but Excel's
# "CSV UTF-8" has one, so it is added here to the file LibreOffice wrote.
out=test/fixtures/import
{ printf '\xef\xbb\xbf'; cat "$out/devices-semicolon.csv"; } > "$out/devices-semicolon-bom.csv"
rm "$out/devices-semicolon.csv"
echo "  wrote $out/devices-semicolon-bom.csv (BOM added)"
