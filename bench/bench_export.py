"""Excel export of a store of 1,000,000 observations: the native workbook (openpyxl, write-only)
against xlsxwriter (constant memory) writing the same cells from the same rows, in the same run.

Goal: at most 2 x xlsxwriter's time, and a peak memory that does not grow with the number of
observations (each writer runs in its own process; peak RSS read from ``wait4``).
``PCAET_BENCH_OBSERVATIONS`` sets the size (default 1,000,000).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.models import IndicatorCategory, Observation, Territory, TerritoryKind
from desktop.services import indicators as indicator_service
from desktop.services.changes import Actor
from desktop.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def build_store(path: Path, observations: int) -> None:
    """100 indicators x N territories x 50 years x 2 kinds, inserted in bulk (no change log:
    this is a measuring rig, not an import)."""
    store = open_store(path)
    actor = Actor("bench", "bench")
    years, kinds = 50, ("measured", "estimated")
    territories = max(1, observations // (100 * years * len(kinds)))
    with store.transaction() as session:
        for index in range(territories):
            session.add(Territory(name=f"EPCI {index}", kind=TerritoryKind.CC))
        ids = []
        for index in range(100):
            indicator = indicator_service.create_indicator(
                session,
                actor,
                code=f"I{index:03d}",
                name=f"Indicateur {index}",
                unit="GWh",
                category=IndicatorCategory.ENERGY_CONSUMPTION,
            )
            ids.append(indicator.id)
    now = datetime.now(UTC)
    table = Observation.__table__  # type: ignore[attr-defined]
    with store.engine.begin() as connection:
        batch: list[dict[str, Any]] = []
        written = 0
        for territory_id in range(1, territories + 1):
            for indicator_id in ids:
                for year in range(1990, 1990 + years):
                    for kind in kinds:
                        batch.append(
                            {
                                "uuid": str(uuid.uuid4()),
                                "created_at": now,
                                "updated_at": now,
                                "version": 1,
                                "indicator_id": indicator_id,
                                "territory_id": territory_id,
                                "year": year,
                                "value": Decimal(year * 3 + indicator_id) / 7,
                                "kind": kind,
                                "source": "Observatoire",
                                "comment": "",
                            }
                        )
                        written += 1
                        if len(batch) >= 50_000:
                            connection.execute(table.insert(), batch)
                            batch.clear()
                        if written >= observations:
                            break
        if batch:
            connection.execute(table.insert(), batch)
    store.close()


def export_native(db: Path, out: Path) -> None:
    from desktop.reports.workbook import export_workbook

    store = open_store(db)
    export_workbook(store, out)
    store.close()


def export_xlsxwriter(db: Path, out: Path) -> None:
    """The same sheets, rows and cells, written by xlsxwriter in constant-memory mode."""
    import xlsxwriter

    from desktop.reports import workbook as native_workbook
    from desktop.reports.workbook_cells import SheetSpec

    store = open_store(db)
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    with store.session() as session:
        sheets = native_workbook.visible_sheets(session)
        specs: list[SheetSpec] = [
            *sheets,
            native_workbook.readme_sheet(sheets, datetime.now(UTC)),
            *native_workbook.data_sheets(session),
        ]
        for spec in specs:
            sheet = book.add_worksheet(spec.title[:31])
            sheet.write_row(0, 0, [c.header for c in spec.columns])
            for number, row in enumerate(spec.rows, start=1):
                for column, value in enumerate(row):
                    if isinstance(value, tuple):
                        value = value[0]
                    if value is None:
                        continue
                    if isinstance(value, date | datetime):
                        sheet.write_datetime(
                            number,
                            column,
                            value.replace(tzinfo=None) if isinstance(value, datetime) else value,
                        )
                    elif isinstance(value, Decimal):
                        sheet.write_number(number, column, float(value))
                    else:
                        sheet.write(number, column, value)
    book.close()
    store.close()


def _run(function: str, db: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one writer in its own process."""
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        f"from bench.bench_export import {function};"
        f"{function}(Path(sys.argv[2]), Path(sys.argv[3]))"
    )
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, str(ROOT), str(db), str(out)])
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = status  # reaped here; Popen must not wait again
    seconds = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"{function} failed ({status})")
    return seconds, usage.ru_maxrss / 1024


def main() -> int:
    total = int(os.environ.get("PCAET_BENCH_OBSERVATIONS", "1000000"))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        peaks: dict[int, float] = {}
        ratio = 0.0
        for size in (total // 5, total):
            db = root / f"obs{size}.pcaet"
            started = time.perf_counter()
            build_store(db, size)
            print(f"{size:,} observations: store built in {time.perf_counter() - started:.1f} s")
            native_s, native_mb = _run("export_native", db, root / f"n{size}.xlsx")
            base_s, base_mb = _run("export_xlsxwriter", db, root / f"x{size}.xlsx")
            ratio = native_s / base_s
            peaks[size] = native_mb
            print(
                f"  native workbook (openpyxl write-only): {native_s:.1f} s, "
                f"peak {native_mb:.0f} MiB, "
                f"{(root / f'n{size}.xlsx').stat().st_size / 1e6:.0f} MB"
            )
            print(f"  xlsxwriter, same cells:               {base_s:.1f} s, peak {base_mb:.0f} MiB")
            print(f"  ratio {ratio:.2f} (goal <= 2)")
        growth = peaks[total] / peaks[total // 5]
        print(f"peak memory x{growth:.2f} for x5 observations (bounded: close to 1)")
    return 0 if ratio <= 2.0 and growth < 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
