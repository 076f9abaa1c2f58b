#!/usr/bin/env python3
"""csv2xlsx.py - write a CSV file (UTF-8, BOM or not) as a one-sheet xlsx
workbook, the way a cadre's Excel would save the ledger, for the CLI tests.

    python3 csv2xlsx.py IN.csv OUT.xlsx [--num COLUMN]...

Every cell is an inline string, except the cells of the columns named with
--num (header text) below their header, which are written as numeric cells
with the CSV text as their value (Excel keeps a number typed into a General
cell that way, e.g. an ID as 5.32326196810020E+17).  Only the standard
library is used, so the tests need no Python package.
"""
import csv
import sys
import zipfile
from xml.sax.saxutils import escape


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main(argv):
    args = argv[1:]
    num = set()
    while "--num" in args:
        k = args.index("--num")
        num.add(args[k + 1])
        del args[k:k + 2]
    src, dst = args
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    numcols, header_seen = set(), False
    out = []
    for r, row in enumerate(rows, 1):
        if not header_seen and num & set(row):
            numcols = {i for i, v in enumerate(row) if v in num}
            header_seen = True
            is_header = True
        else:
            is_header = False
        cells = []
        for i, v in enumerate(row):
            if v == "":
                continue
            ref = "%s%d" % (col_name(i), r)
            if i in numcols and not is_header:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, escape(v)))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>'
                             % (ref, escape(v)))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData></worksheet>' % "".join(out))
    ns = "http://schemas.openxmlformats.org/"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="%spackage/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>' % ns,
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="%spackage/2006/relationships">'
            '<Relationship Id="rId1" Type="%sofficeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>' % (ns, ns),
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="%sspreadsheetml/2006/main" xmlns:r="%sofficeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, ns),
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="%spackage/2006/relationships">'
            '<Relationship Id="rId1" Type="%sofficeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>' % (ns, ns),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


if __name__ == "__main__":
    main(sys.argv)
