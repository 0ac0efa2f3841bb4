"""Import of a generated 100,000-row, 7-column sheet of observations (xlsx and csv).

Baseline: python-calamine alone reading the same file into Python lists (for the csv, the
standard csv module). Figures: full import (parse, validate, upsert, commit) <= 2 x baseline;
re-import of the same file (all unchanged) <= 1 x... of the full import; peak memory < 300 MB
(tracemalloc peak of Python allocations plus the process's max RSS are printed).
"""

from __future__ import annotations

import csv
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from desktop.io.importer import ImportRequest, import_file
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import open_store

ROWS = 100_000
TERRITORIES = ["200054781", "200000172", "200000438", "200000545"]
HEADER = ["SIREN", "Code indicateur", "Nom de l'indicateur", "Unité", "Année", "Valeur",
          "Commentaire"]


def rows() -> list[list[object]]:
    out: list[list[object]] = []
    for index in range(ROWS):
        indicator = index // 200  # 500 indicators x 4 territories x 50 years
        territory = TERRITORIES[index % 4]
        year = 1975 + (index // 4) % 50
        out.append([territory, f"IND-{indicator:03d}", f"Indicateur {indicator} consommation",
                    "MWh", year, round(1000 + index * 0.37, 2), "données bench"])
    return out


def write_files(folder: Path) -> tuple[Path, Path]:
    data = rows()
    xlsx = folder / "observations.xlsx"
    book = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True})
    sheet = book.add_worksheet("Données")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(data, start=1):
        sheet.write_row(r, 0, row)
    book.close()
    text = folder / "observations.csv"
    with text.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(data)
    return xlsx, text


def baseline(path: Path) -> float:
    start = time.perf_counter()
    if path.suffix == ".xlsx":
        book = CalamineWorkbook.from_path(str(path))
        lists = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    else:
        with path.open(newline="", encoding="utf-8") as handle:
            lists = list(csv.reader(handle, delimiter=";"))
    assert len(lists) == ROWS + 1
    return time.perf_counter() - start


def measure(path: Path, folder: Path) -> dict[str, float]:
    store = open_store(folder / f"{path.suffix[1:]}.pcaet")
    actor = Actor("bench", "bench")
    with store.transaction() as session:
        for siren in TERRITORIES:
            create_territory(session, actor, name=f"EPCI {siren}", siren=siren)
    base = min(baseline(path) for _ in range(2))
    tracemalloc.start()
    start = time.perf_counter()
    first = import_file(store, ImportRequest(path), actor)
    full = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    again = import_file(store, ImportRequest(path), actor)
    second = time.perf_counter() - start
    store.close()
    assert first.inserted == ROWS and first.rejected == 0, first.rejections[:3]
    assert again.unchanged == ROWS and again.inserted == again.updated == 0
    return {"baseline": base, "full": full, "again": second, "peak_mb": peak / 2**20}


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, text = write_files(folder)
        for path in (xlsx, text):
            figures = measure(path, folder)
            ratio = figures["full"] / figures["baseline"]
            again = figures["again"] / figures["baseline"]
            print(f"{path.suffix}: baseline {figures['baseline']:.2f} s, import "
                  f"{figures['full']:.2f} s (ratio {ratio:.2f}, goal <= 2), re-import "
                  f"{figures['again']:.2f} s (ratio {again:.2f}, goal <= 2), "
                  f"peak Python memory {figures['peak_mb']:.0f} MB (goal < 300)")
            failed = failed or ratio > 2 or again > 2 or figures["peak_mb"] >= 300
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of the bench process {rss:.0f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
