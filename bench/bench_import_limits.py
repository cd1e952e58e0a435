"""Benchmark: how long the web request spends on an upload it must refuse (target: under 2 seconds).

    DEBUG=true .venv/bin/python bench/bench_import_limits.py            # every case, best of 3
    DEBUG=true .venv/bin/python bench/bench_import_limits.py --repeat 1

Builds workbooks as raw XML (a million rows in about 5 MB, with a ``<dimension>`` that
understates or overstates the rows, one row above the limit, the limit itself, a sheet
full of empty formatted rows, a sheet with far too many cells) and times
``importer.inspect_upload``: everything the upload page and the API do with a file before
they store it. Needs no database. Prints one line per case: the file's size, its size
unpacked, the time, and the outcome (the rows counted, or the start of the refusal).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

BUDGET_SECONDS = 2.0


def cases():
    from actieplan.exchange import importer
    from tests.importing import raw_workbook

    limit = importer.MAX_ROWS
    yield "1.000.000 rijen, dimension zegt 2 rijen", raw_workbook(1_000_000, dimension="A1:Q2", compact=True)
    yield "1.000.000 rijen, dimension zegt 1.048.576", raw_workbook(1_000_000, dimension="A1:Q1048576", compact=True)
    yield "1.000.000 rijen, geen dimension", raw_workbook(1_000_000, compact=True)
    yield f"{limit + 1} rijen (net boven de limiet)", raw_workbook(limit + 1, dimension="A1:Q2")
    yield f"{limit} rijen (de limiet, aanvaard)", raw_workbook(limit, dimension="A1:Q2")
    yield "5 rijen en 60.000 lege opgemaakte rijen", raw_workbook(5, empty_rows=60_000)
    yield "9.000 rijen met elk 100 cellen", _wide(9_000, 100)


def _wide(rows: int, columns: int) -> bytes:
    from openpyxl.utils import get_column_letter

    from tests import importing

    letters = [get_column_letter(i + 1) for i in range(columns)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", importing._CONTENT_TYPES)
        archive.writestr("_rels/.rels", importing._ROOT_RELS)
        archive.writestr("xl/workbook.xml", importing._WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", importing._WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for n in range(1, rows + 1):
                cells = "".join(f'<c r="{c}{n}"><v>{(n * i) % 97}</v></c>' for i, c in enumerate(letters))
                sheet.write(f'<row r="{n}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def run(*, repeat: int, out=sys.stdout) -> dict[str, float]:
    import django

    django.setup()
    from actieplan.exchange import importer

    timings = {}
    print(f"{'geval':45} {'bestand':>8} {'uitgepakt':>10} {'tijd':>7}  uitkomst", file=out)
    for name, content in cases():
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(content)).infolist())
        best, outcome = None, ""
        for _ in range(repeat):
            started = time.perf_counter()
            try:
                facts = importer.inspect_upload(io.BytesIO(content))
                outcome = f"aanvaard: {facts.rows} rijen"
            except importer.RefusedFile as refused:
                outcome = f"geweigerd: {str(refused)[:70]}…"
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        timings[name] = best
        flag = "" if best <= BUDGET_SECONDS else "  (boven 2 s)"
        print(f"{name:45} {len(content) / 1e6:6.1f}MB {unpacked / 1e6:8.1f}MB {best:6.2f}s  {outcome}{flag}", file=out)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    timings = run(repeat=args.repeat)
    sys.exit(0 if all(t <= BUDGET_SECONDS for t in timings.values()) else 1)


if __name__ == "__main__":
    main()
