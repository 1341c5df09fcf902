"""How klienci.xls and klienci.ods were made (run once; not a project dependency).

python -m venv /tmp/fx && /tmp/fx/bin/pip install xlwt==1.3.0 odfpy==1.4.1
/tmp/fx/bin/python tests/imports/files/make_fixtures.py
"""

from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
ROWS = [
    ["Imię", "Nazwisko", "E-mail", "Telefon", "Data urodzenia", "Zgoda marketingowa"],
    ["Zażółć", "Gęślą", "zazolc@example.pl", "600 123 456", date(1990, 12, 31), "tak"],
    ["Jan", "Nowak", "jan@example.pl", 601234567, "", "nie"],
    ["Ewa", "Zła", "not-an-email", "", "", ""],
]


def xls() -> None:
    import xlwt  # type: ignore[import-not-found]

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Klienci")
    dates = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            ws.write(r, c, v, dates) if isinstance(v, date) else ws.write(r, c, v)
    wb.save(str(HERE / "klienci.xls"))


def ods() -> None:
    from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-not-found]
    from odf.table import Table, TableCell, TableRow  # type: ignore[import-not-found]
    from odf.text import P  # type: ignore[import-not-found]

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Klienci")
    for row in ROWS:
        tr = TableRow()
        for v in row:
            if isinstance(v, date):
                cell = TableCell(valuetype="date", datevalue=v.isoformat())
            elif isinstance(v, int):
                cell = TableCell(valuetype="float", value=v)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=v.strftime("%d.%m.%Y") if isinstance(v, date) else str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(HERE / "klienci.ods"))


if __name__ == "__main__":
    xls()
    ods()
