"""Memory and time of imports of hostile files, and of legitimate files at the limits.

Each file is imported by a process of its own (a fresh store with one territory), as
``pcaet import`` would: its peak resident size (Linux's VmHWM, not tracemalloc) and the time
of the import are printed, and compared with a baseline measured in the same run: the same
kind of process importing a three-row file. Goals: every hostile file refused with its true
reason in under 5 s, and every import process, hostile file or largest accepted file, under
500 MB.

    .venv/bin/python -m bench bench_hostile
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
RSS_GOAL_MB = 500
SECONDS_GOAL = 5.0

# Imports each file named on its command line into a fresh store, the peak resident size
# reset before each (/proc/self/clear_refs), and prints one line of JSON per file. Its address
# space is capped at 2 GB: a bomb that got through fails there instead of taking the machine.
PROBE = """
import json, resource, sys, tempfile, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from desktop import i18n
from desktop.io.importer import ImportRequest, import_file
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import open_store
i18n.set_language("en")

def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0

folder = Path(tempfile.mkdtemp())
for number, file in enumerate(sys.argv[1:]):
    store = open_store(folder / f"{number}.pcaet")
    with store.transaction() as session:
        for siren in ("200054781", "200000172", "200000438", "200000545"):
            create_territory(session, Actor("t", "t"), name=f"EPCI {siren}", siren=siren)
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    start = time.perf_counter()
    try:
        summary = import_file(store, ImportRequest(Path(file)), Actor("t", ""))
        outcome, reason = "imported", f"{summary.inserted} values"
    except MemoryError:
        outcome, reason = "memory", ""
    except Exception as error:
        outcome, reason = type(error).__name__, str(error)
    seconds = time.perf_counter() - start
    store.close()
    print(json.dumps({"file": file, "outcome": outcome, "reason": reason,
                      "peak_mb": round(peak_mb(), 1), "seconds": round(seconds, 2)}), flush=True)
"""


def measure_imports(files: list[Path], *, separately: bool = False) -> dict[str, dict[str, Any]]:
    """Import each file in a child process (one for all, or one each for exact peaks): the
    outcome, reason, peak RSS (MB) and seconds of each, by file name."""
    groups = [[f] for f in files] if separately else [files]
    found: dict[str, dict[str, Any]] = {}
    for group in groups:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *map(str, group)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        for line in done.stdout.splitlines():
            if line.startswith("{"):
                result = json.loads(line)
                found[Path(result["file"]).name] = result
    return found


TERRITORIES = ["200054781", "200000172", "200000438", "200000545"]
HEADER = [
    "SIREN",
    "Code indicateur",
    "Nom de l'indicateur",
    "Unité",
    "Année",
    "Valeur",
    "Commentaire",
    "Source",
    "Note A",
    "Note B",
]


def at_the_limits(folder: Path) -> list[Path]:
    """The largest files an import accepts: 149,999 rows of 10 columns of distinct texts
    (xlsx and csv), and 149,999 values of 19,999 distinct indicators (csv)."""
    rows = 149_999

    def row(i: int, indicators: int) -> list[object]:
        ind = i // 50 if indicators == 0 else i % indicators
        return [
            TERRITORIES[i % 4],
            f"IND-{ind:06d}",
            f"Indicateur {ind} consommation",
            "MWh",
            1975 + (i // 4 if indicators == 0 else i // indicators) % 50,
            1000 + i * 0.37,
            f"commentaire numéro {i:08d} x",
            f"source {i:08d} abcdefghijk",
            f"note a {i:010d} lorem",
            f"note b {i:010d} ipsum",
        ]

    xlsx = folder / "limit-150k-rows.xlsx"
    book = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True})
    sheet = book.add_worksheet("Données")
    sheet.write_row(0, 0, HEADER)
    for i in range(rows):
        sheet.write_row(i + 1, 0, row(i, 0))
    book.close()
    files = [xlsx, _ods_at_the_limits(folder / "limit-150k-rows.ods", rows, row)]
    for name, indicators in (("limit-150k-rows.csv", 0), ("limit-20k-indicators.csv", 19_999)):
        path = folder / name
        with path.open("w", encoding="utf-8") as handle:
            handle.write(";".join(HEADER) + "\n")
            for i in range(rows):
                handle.write(";".join(map(str, row(i, indicators))) + "\n")
        files.append(path)
    return files


def _ods_at_the_limits(path: Path, rows: int, row: Any) -> Path:
    """The same rows as OpenDocument, content.xml written as a stream."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: object) -> str:
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
        content = zipfile.ZipInfo("content.xml", (2026, 1, 1, 0, 0, 0))
        content.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(content, "w", force_zip64=True) as stream:
            stream.write(
                b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
                b'<office:spreadsheet><table:table table:name="Donn\xc3\xa9es">'
            )
            stream.write(
                ("<table:table-row>" + "".join(map(cell, HEADER)) + "</table:table-row>").encode()
            )
            for i in range(rows):
                stream.write(
                    (
                        "<table:table-row>" + "".join(map(cell, row(i, 0))) + "</table:table-row>"
                    ).encode()
                )
            stream.write(
                b"</table:table></office:spreadsheet></office:body></office:document-content>"
            )
    return path


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from support.hostile import FAMILIES

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "baseline.csv"
        small.write_text(
            "Indicateur;Année;Valeur\nConso (GWh);2019;1\nConso (GWh);2020;2\nConso (GWh);2021;3\n",
            encoding="utf-8",
        )
        base = measure_imports([small])[small.name]
        print(
            f"baseline: a 3-row csv imported by a process of its own: peak RSS "
            f"{base['peak_mb']} MB, {base['seconds']} s"
        )
        files = {name: family.make(folder) for name, family in FAMILIES.items()}
        figures = measure_imports(list(files.values()), separately=True)
        for name, path in files.items():
            result = figures[path.name]
            refused = result["outcome"] == "FileRefused" and FAMILIES[name].reason in str(
                result["reason"]
            )
            ok = refused and result["peak_mb"] < RSS_GOAL_MB and (result["seconds"] < SECONDS_GOAL)
            failed = failed or not ok
            print(
                f"{name}: {path.stat().st_size / 1e6:.3f} MB on disk; peak RSS "
                f"{result['peak_mb']} MB ({result['peak_mb'] / base['peak_mb']:.2f} x the "
                f"baseline, goal < {RSS_GOAL_MB} MB), refused in {result['seconds']} s "
                f"(goal < {SECONDS_GOAL:.0f} s){'' if ok else '  <-- FAILED'}: "
                f"{result['reason']}",
                flush=True,
            )
        for path in at_the_limits(folder):
            result = measure_imports([path])[path.name]
            ok = result["outcome"] == "imported" and result["peak_mb"] < RSS_GOAL_MB
            failed = failed or not ok
            print(
                f"{path.name} (largest accepted): {path.stat().st_size / 1e6:.1f} MB; "
                f"{result['reason']} in {result['seconds']} s; peak RSS {result['peak_mb']} "
                f"MB ({result['peak_mb'] / base['peak_mb']:.2f} x the baseline, goal < "
                f"{RSS_GOAL_MB} MB){'' if ok else '  <-- FAILED'}",
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
