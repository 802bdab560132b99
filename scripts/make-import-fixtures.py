"""Generates the spreadsheet fixtures of test/unit/import with a real spreadsheet program.

Run by scripts/make-import-fixtures.sh (see there); needs LibreOffice Calc and its Python-UNO bridge.
Every output is written by LibreOffice itself from the committed sources in test/fixtures/import/src.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
SRC = os.path.join(ROOT, 'test', 'fixtures', 'import', 'src')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'import')

CSV_FILTER = 'Text - txt - csv (StarCalc)'
XLSX_FILTER = 'Calc MS Excel 2007 XML'
XLS_FILTER = 'MS Excel 97'
ODS_FILTER = 'calc8'
# CSV import options: comma, double quote, UTF-8, from line 1, column formats, US English, quoted as
# text=false, detect special numbers, -, -, -, -, evaluate formulas=false.
AS_TEXT = '44,34,76,1,1/2/2/2/3/2/4/2,1033,false,false,,,,,false'   # every column typed as Text: values kept
AS_EXCEL = '44,34,76,1,,1033,false,true,,,,,false'                 # standard detection, as when Excel opens a CSV


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(path)


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(120):
        try:
            return resolver.resolve(f'uno:pipe,name={pipe};urp;StarOffice.ComponentContext')
        except Exception:
            time.sleep(0.5)
    raise SystemExit('LibreOffice did not start within 60 s')


def load(desktop, name, options, read_only=True):
    # Read-only leaves no lock file next to the source should LibreOffice be stopped mid-way.
    return desktop.loadComponentFromURL(url(os.path.join(SRC, name)), '_blank', 0,
                                        (prop('Hidden', True), prop('ReadOnly', read_only), prop('FilterName', CSV_FILTER), prop('FilterOptions', options)))


def store(doc, name, *props):
    path = os.path.join(OUT, name)
    if os.path.exists(path):
        os.remove(path)
    uno.invoke(doc, 'storeToURL', (url(path), tuple(props)))
    print(f'  wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)')


def csv(sep, charset):
    # export: separator, double quote, charset, -, -, US English, quote all text=false, -, save as shown
    return prop('FilterOptions', f'{sep},34,{charset},1,,1033,false,true,true')


def main():
    profile = tempfile.mkdtemp(prefix='fota-lo-')
    pipe = f'fota_fixtures_{os.getpid()}'
    office = subprocess.Popen(['soffice', '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
                               f'-env:UserInstallation={url(profile)}', f'--accept=pipe,name={pipe};urp;'],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)

        # A two-sheet workbook, values typed as Text: "Phones" (header on row 1), "Tablets" (title rows first).
        phones = load(desktop, 'devices.csv', AS_TEXT, read_only=False)
        tablets = load(desktop, 'tablets.csv', '44,34,76,1,1/2/2/2/3/2,1033,false,false,,,,,false')
        source = tablets.Sheets.getByIndex(0)
        used = source.getCellRangeByName('A1:C6')
        sheets = phones.Sheets
        sheets.getByIndex(0).setName('Phones')
        sheets.insertNewByName('Tablets', 1)
        sheets.getByName('Tablets').getCellRangeByName('A1:C6').setDataArray(used.getDataArray())
        tablets.close(True)
        store(phones, 'devices.xlsx', prop('FilterName', XLSX_FILTER))
        store(phones, 'encrypted.xlsx', prop('FilterName', XLSX_FILTER),
              PropertyValue('EncryptionData', 0, uno.Any('[]com.sun.star.beans.NamedValue', (NamedValue('OOXPassword', 'fixture'), NamedValue('CryptoType', 'Standard'))), 0))
        store(phones, 'legacy.xls', prop('FilterName', XLS_FILTER))
        store(phones, 'legacy-encrypted.xls', prop('FilterName', XLS_FILTER), prop('Password', 'fixture'))
        # The same workbook as OpenDocument (LibreOffice's own format, and what many MDM consoles export).
        store(phones, 'devices.ods', prop('FilterName', ODS_FILTER))
        store(phones, 'encrypted.ods', prop('FilterName', ODS_FILTER), prop('Password', 'fixture'))
        phones.close(True)

        # Identical rows in a row and runs of empty rows: Calc writes each run as one repeated row
        # (table:number-rows-repeated), and empty cells as repeated cells; serials with leading zeros typed as Text.
        repeated = load(desktop, 'repeated.csv', AS_TEXT)
        store(repeated, 'repeated.ods', prop('FilterName', ODS_FILTER))
        repeated.close(True)

        # The CSV and "Unicode text" exports hold only the first sheet, as Excel's do.
        phones = load(desktop, 'devices.csv', AS_TEXT)
        store(phones, 'devices-semicolon.csv', prop('FilterName', CSV_FILTER), csv(59, 76))
        store(phones, 'devices-unicode.txt', prop('FilterName', CSV_FILTER), csv(9, 65535))
        phones.close(True)

        # Opened the way Excel opens a CSV: codes become numbers and dates; then saved as .xlsx and CSV.
        damaged = load(desktop, 'damaged.csv', AS_EXCEL)
        store(damaged, 'damaged.xlsx', prop('FilterName', XLSX_FILTER))
        store(damaged, 'damaged.ods', prop('FilterName', ODS_FILTER))
        store(damaged, 'damaged-resaved.csv', prop('FilterName', CSV_FILTER), csv(44, 76))
        damaged.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops while LibreOffice exits
        office.wait(30)
    finally:
        # soffice is a launcher: stop its whole process group, or soffice.bin lingers.
        try:
            os.killpg(office.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
