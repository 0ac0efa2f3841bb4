"""Import of a generated 100,000-row, 7-column sheet of observations (xlsx and csv), and of a
100,000-row observatory export that creates 3,000 indicators.

Baseline: python-calamine alone reading the same file into Python lists (for the csv, the
standard csv module, and calamine reading the same rows as xlsx). Figures, as ratios to the
baseline measured in the same run: full import (parse, validate, upsert, commit) goal <= 2;
re-import of the same file (all unchanged) goal <= 2; peak memory < 300 MB, measured as the
peak resident size of a process doing one import (not tracemalloc, which slows Python code
several times and inflates memory).

Observatory export (``observatory``): 3,000 indicators unknown to the store (and to the
referential), 4 territories, 100,000 values. Creating the 3,000 indicators (matching against the
referential included) goal < 0.1 s, timed alone on the parsed file (wall and CPU time); the
whole import as a process of its own (``pcaet import``: interpreter, modules, safety scan,
reading, matching, writing, commit) goal <= 2.5 x a process that only reads the same file with
python-calamine, both timed from the start of the process to its end.
"""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from desktop.io.importer import ImportRequest, import_file
from desktop.io.safety import check_file
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import open_store

ROWS = 100_000
TERRITORIES = ["200054781", "200000172", "200000438", "200000545"]
HEADER = [
    "SIREN",
    "Code indicateur",
    "Nom de l'indicateur",
    "Unité",
    "Année",
    "Valeur",
    "Commentaire",
]


def rows() -> list[list[object]]:
    out: list[list[object]] = []
    for index in range(ROWS):
        indicator = index // 200  # 500 indicators x 4 territories x 50 years
        territory = TERRITORIES[index % 4]
        year = 1975 + (index // 4) % 50
        out.append(
            [
                territory,
                f"IND-{indicator:03d}",
                f"Indicateur {indicator} consommation",
                "MWh",
                year,
                round(1000 + index * 0.37, 2),
                "données bench",
            ]
        )
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


ROUNDS = 2


def measure(path: Path, folder: Path) -> dict[str, float]:
    """The best of ``ROUNDS`` rounds, each timing the baseline right before the import and
    the re-import it is compared with: on a shared machine the load changes from one minute
    to the next, and a ratio of two times taken far apart measures the load, not the code."""
    actor = Actor("bench", "bench")
    best = {"baseline": 0.0, "full": 0.0, "again": 0.0, "full_ratio": 1e9, "again_ratio": 1e9}
    for round_number in range(ROUNDS):
        store = open_store(folder / f"{path.suffix[1:]}-{round_number}.pcaet")
        with store.transaction() as session:
            for siren in TERRITORIES:
                create_territory(session, actor, name=f"EPCI {siren}", siren=siren)
        base = baseline(path)
        start = time.perf_counter()
        first = import_file(store, ImportRequest(path), actor)
        full = time.perf_counter() - start
        base_again = baseline(path)
        start = time.perf_counter()
        again = import_file(store, ImportRequest(path), actor)
        second = time.perf_counter() - start
        store.close()
        assert first.inserted == ROWS and first.rejected == 0, first.rejections[:3]
        assert again.unchanged == ROWS and again.inserted == again.updated == 0
        if full / base < best["full_ratio"]:
            best.update(baseline=base, full=full, full_ratio=full / base)
        if second / base_again < best["again_ratio"]:
            best.update(again=second, again_ratio=second / base_again)
    # Memory: the same import again, into a fresh store, in a process of its own so that its
    # peak resident size is the import's alone (the Rust reader and SQLite included).
    fresh = folder / f"{path.suffix[1:]}-memory.pcaet"
    store = open_store(fresh)
    with store.transaction() as session:
        for siren in TERRITORIES:
            create_territory(session, actor, name=f"EPCI {siren}", siren=siren)
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(fresh), str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    loaded, rss = (float(x) for x in done.stdout.split())
    return {
        **best,
        "loaded_mb": loaded,
        "rss_mb": rss,
        "sqlite": sqlite_alone(folder / f"{path.suffix[1:]}-0.pcaet", folder),
        "scan": safety_scan(path),
    }


def safety_scan(path: Path) -> float:
    """The pre-read checks the import must pass before calamine may open the file (sizes and
    ratios from the zip directory, then a streamed scan of the sheet XML for entities and
    cell positions: calamine builds a dense grid and aborts the process on absurd
    dimensions), formulas left out as the import runs that search beside calamine's parse.
    The best of three: a floor, like ``sqlite_alone``."""
    times = []
    for _round in range(3):
        start = time.perf_counter()
        check_file(path, formulas=False)
        times.append(time.perf_counter() - start)
    return min(times)


def sqlite_alone(imported: Path, folder: Path) -> float:
    """What SQLite alone takes to insert and commit the file's 100,000 observations into this
    schema (its table and three indexes; WAL, synchronous FULL, the import's cache size), the
    tuples ready: the floor under any import, measured here to read the ratios against."""
    floor = folder / f"floor-{imported.stem}.pcaet"
    store = open_store(floor)  # the schema, migrated
    store.close()
    connection = sqlite3.connect(floor, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("ATTACH DATABASE ? AS imported", (str(imported),))
        # the referential a new store holds is replaced by the imported store's indicators
        connection.execute("DELETE FROM indicator")
        for table in ("territory", "indicator"):
            connection.execute(f"INSERT INTO {table} SELECT * FROM imported.{table}")
        rows = connection.execute(
            "SELECT uuid, indicator_id, territory_id, year, value, source, comment "
            "FROM imported.observation"
        ).fetchall()
        stamp, kind = connection.execute(
            "SELECT created_at, kind FROM imported.observation LIMIT 1"
        ).fetchone()
        connection.execute("DETACH DATABASE imported")
        connection.execute("PRAGMA cache_size = -65536")
        start = time.perf_counter()
        connection.execute("BEGIN")
        # As the import writes them: what all rows share is in the statement, not bound.
        connection.executemany(
            "INSERT INTO observation (uuid, created_at, updated_at, version, indicator_id, "
            f"territory_id, year, value, kind, source, comment) VALUES (?, '{stamp}', "
            f"'{stamp}', 1, ?, ?, ?, ?, '{kind}', ?, ?)",
            rows,
        )
        connection.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        connection.close()


# No tracemalloc here: it keeps a record per allocation and would inflate the figure. The peak
# is Linux's VmHWM of this process (ru_maxrss would carry over the parent's peak at fork).
MEMORY_PROBE = """
import resource, sys
from pathlib import Path

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

from desktop.io.importer import ImportRequest, import_file
from desktop.services.changes import Actor
from desktop.store import open_store
start = peak_mb()
store = open_store(Path(sys.argv[1]))
summary = import_file(store, ImportRequest(Path(sys.argv[2])), Actor("bench", "bench"))
assert summary.inserted == 100_000
print(start, peak_mb())
"""


OBSERVATORY_INDICATORS = 3000


def observatory_rows() -> list[list[object]]:
    out: list[list[object]] = []
    for index in range(ROWS):
        indicator = index % OBSERVATORY_INDICATORS
        territory = TERRITORIES[(index // OBSERVATORY_INDICATORS) % 4]
        year = 1990 + index // (OBSERVATORY_INDICATORS * 4)
        out.append(
            [
                territory,
                f"OBS-{indicator:04d}",
                f"Indicateur observatoire {indicator}",
                "MWh",
                year,
                round(1000 + index * 0.37, 2),
                "inventaire",
            ]
        )
    return out


def write_observatory(folder: Path) -> Path:
    path = folder / "observatoire.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Inventaire")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(observatory_rows(), start=1):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def new_store(path: Path) -> Path:
    store = open_store(path)
    with store.transaction() as session:
        for siren in TERRITORIES:
            create_territory(session, Actor("bench", "bench"), name=f"EPCI {siren}", siren=siren)
    store.close()
    return path


def indicator_creation(path: Path, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds to match and create the file's 3,000 indicators (the best of
    three, each into a fresh store, the file parsed beforehand)."""
    from desktop.io.importer import prepare
    from desktop.io.observations_import import ObservationContext, resolve_indicators
    from desktop.io.observations_parse import parse_observations
    from desktop.io.summary import ImportSummary

    best = (1e9, 1e9)
    for round_number in range(3):
        store = open_store(new_store(folder / f"create-{round_number}.pcaet"))
        prepared = prepare(store, ImportRequest(path))
        summary = ImportSummary()
        parsed = parse_observations(
            prepared.sheet.rows, prepared.layout, prepared.mapping, prepared.sheet.name, summary
        )
        session = store.session()
        context = ObservationContext(session, Actor("bench", "bench"), summary, "Inventaire")
        wall, cpu = time.perf_counter(), time.process_time()
        resolve_indicators(context, parsed)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert len(summary.created_indicators) == OBSERVATORY_INDICATORS
        session.rollback()
        session.close()
        store.close()
        best = min(best, (wall, cpu))
    return best


READ_ONLY = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
assert len(rows) == 100_001
"""


def whole_processes(path: Path, folder: Path) -> tuple[float, float]:
    """(import process, read-only process) seconds, the best of two rounds, each round timing
    the read right before the import so both see the same load."""
    best = (1e9, 1.0)
    root = Path(__file__).resolve().parent.parent
    for round_number in range(2):
        store = new_store(folder / f"process-{round_number}.pcaet")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", READ_ONLY, str(path)], check=True, cwd=root)
        read = time.perf_counter() - start
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop.cli.main",
                "import",
                "--db",
                str(store),
                str(path),
                "--json",
            ],
            check=True,
            cwd=root,
            capture_output=True,
            text=True,
        )
        whole = time.perf_counter() - start
        assert '"inserted": 100000' in done.stdout, done.stdout[:300]
        if whole / read < best[0] / best[1]:
            best = (whole, read)
    return best


def observatory(folder: Path) -> bool:
    path = write_observatory(folder)
    wall, cpu = indicator_creation(path, folder)
    print(
        f"observatory: creating {OBSERVATORY_INDICATORS} indicators {wall:.3f} s wall, "
        f"{cpu:.3f} s CPU (goal < 0.1 s; {wall / OBSERVATORY_INDICATORS * 1e6:.0f} us each)"
    )
    whole, read = whole_processes(path, folder)
    print(
        f"observatory: import process {whole:.2f} s, calamine read process {read:.2f} s "
        f"(ratio {whole / read:.2f}, goal <= 2.5)"
    )
    return whole / read > 2.5 or min(wall, cpu) >= 0.1


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, text = write_files(folder)
        calamine = 0.0
        for path in (xlsx, text):
            figures = measure(path, folder)
            if path.suffix == ".xlsx":
                calamine = figures["baseline"]
            ratio, again = figures["full_ratio"], figures["again_ratio"]
            print(
                f"{path.suffix}: baseline {figures['baseline']:.2f} s, import "
                f"{figures['full']:.2f} s (ratio {ratio:.2f}, goal <= 2), re-import "
                f"{figures['again']:.2f} s (ratio {again:.2f}, goal <= 2), "
                f"peak RSS of an import process {figures['rss_mb']:.0f} MB (goal < 300; "
                f"{figures['loaded_mb']:.0f} MB of it once the modules are loaded)"
            )
            if path.suffix == ".csv" and calamine:
                # The csv module reads far faster than any spreadsheet reader: the issue's
                # yardstick is calamine reading the same data (the xlsx), timed in this run.
                ratio, again = figures["full"] / calamine, figures["again"] / calamine
                print(
                    f".csv against calamine reading the same rows as xlsx: import ratio "
                    f"{ratio:.2f}, re-import ratio {again:.2f} (goal <= 2)"
                )
            base = calamine or figures["baseline"]
            print(
                f"{path.suffix}: SQLite alone inserting and committing the same rows "
                f"{figures['sqlite']:.2f} s ({figures['sqlite'] / base:.2f} x the calamine "
                f"read): reading plus writing, before any parsing, is already "
                f"{1 + figures['sqlite'] / base:.2f} x"
            )
            if path.suffix == ".xlsx":
                floor = 1 + (figures["scan"] + figures["sqlite"]) / base
                print(
                    f".xlsx: the safety scan before reading {figures['scan']:.2f} s "
                    f"({figures['scan'] / base:.2f} x): read + scan + write, with no "
                    f"parsing at all, is {floor:.2f} x"
                )
            failed = failed or ratio > 2 or again > 2 or figures["rss_mb"] >= 300
        failed = observatory(folder) or failed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
