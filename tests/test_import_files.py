"""Real partner files, hostile files, idempotence, dry run, profiles, the CLI and atomicity."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
import xlsxwriter
from sqlmodel import col, func, select
from support.hostile import ods

from desktop import i18n
from desktop.cli.main import main as cli_main
from desktop.io.importer import ImportRequest, import_file, prepare
from desktop.io.safety import FileRefused
from desktop.models import Action, ChangeLog, Funding, Indicator, Observation, Plan, Section
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store, open_store

SIREN = "200054781"
ALDO_SIREN = "200000172"


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are checked in English, whatever the catalogs hold (conftest resets it)."""
    i18n.set_language("en")


@pytest.fixture
def territory(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        create_territory(session, actor, name="Métropole du Grand Paris", siren=SIREN)
    return store


def count(store: Store, model: type) -> int:
    """Rows of a table; for indicators, those an import created (the referential is in every
    store from the start)."""
    query = select(func.count()).select_from(model)
    if model is Indicator:
        query = query.where(col(Indicator.identifier).is_(None))
    with store.session() as session:
        return int(session.exec(query).one())


def test_indicator_sheet_with_blocks_nr_and_spaced_years(
    territory: Store, actor: Actor, shared_data: Path
) -> None:
    path = shared_data / "tet-import-indicateurs-emt.xlsx"
    summary = import_file(territory, ImportRequest(path), actor)
    assert summary.kind == "observations"
    assert summary.inserted > 50 and summary.created_indicators
    assert "1a → cae_1.a" in summary.matched_indicators
    assert "63b → cae_63.b" in summary.matched_indicators
    reasons = {r.reason for r in summary.rejections}
    assert any("1999-2009" in r for r in reasons)  # a range is reported, not guessed
    with territory.session() as session:
        years = set(session.exec(select(Observation.year)))
        assert 2019 in years  # "2 019"
        # "1a" is TeT's cae_1.a: the file's t CO2e go into the referential's kt CO2e
        ghg = session.exec(select(Indicator).where(Indicator.identifier == "cae_1.a")).one()
        value = session.exec(
            select(Observation.value).where(
                Observation.indicator_id == ghg.id, Observation.year == 2016
            )
        ).one()
        assert value == Decimal("1823.609")
        sources = set(session.exec(select(ChangeLog.source)))
        assert path.name in sources
    again = import_file(territory, ImportRequest(path), actor)
    assert (again.inserted, again.updated, again.created_indicators) == (0, 0, [])
    assert again.unchanged == summary.inserted


def test_aldo_forest_balance_goes_to_the_forest_sequestration_of_the_right_epci(
    store: Store, actor: Actor, shared_data: Path
) -> None:
    with store.transaction() as session:
        create_territory(session, actor, name="CC test", siren=ALDO_SIREN)
    path = shared_data / "aldo-biomasse-forets-epci.csv"
    summary = import_file(store, ImportRequest(path, year=2018), actor)
    # recognised without a mapping: the balance column, by SIREN, ALDO's modelled values
    assert summary.inserted == 1 and summary.created_indicators == []
    assert any("cae_63.b" in w for w in summary.warnings)
    assert any(r.reason.startswith("unknown territory") for r in summary.rejections)
    with store.session() as session:
        value, kind, origin = session.exec(
            select(Observation.value, Observation.kind, Observation.origin)
            .join(Indicator)
            .where(Indicator.identifier == "cae_63.b")
        ).one()
    # BILAN_CO2 in t CO2 a year, negative for a sink: sequestered kt CO2e, positive
    expected = -Decimal(_aldo_balance(path, ALDO_SIREN)) / 1000
    assert value == expected and value > 0
    assert (kind, origin) == ("modelled", "aldo")


def _aldo_balance(path: Path, siren: str) -> str:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["siren"] == siren:
                return row["BILAN_CO2 (tCO2∙an-1)"]
    raise LookupError(siren)


def test_indicator_referential_creates_indicators(
    store: Store, actor: Actor, shared_data: Path
) -> None:
    summary = import_file(
        store, ImportRequest(shared_data / "tet-indicateur-definitions.csv"), actor
    )
    assert len(summary.created_indicators) > 500
    with store.session() as session:
        # the definitions of the referential the store already holds are matched, not doubled
        first = session.exec(select(Indicator).where(Indicator.code == "cae_1.a")).one()
        assert first.unit == "kteq CO2" and first.identifier == "cae_1.a"


def test_action_plan_template(territory: Store, actor: Actor, shared_data: Path) -> None:
    path = shared_data / "tet-modele-import-pa.xlsx"
    summary = import_file(territory, ImportRequest(path, plan="PCAET 2024"), actor)
    assert summary.kind == "actions" and summary.inserted == 1
    assert "Région" in summary.created_organisations
    with territory.session() as session:
        kinds = {s.code: s.kind for s in session.exec(select(Section))}
        assert kinds == {"1": "axis", "1.1": "sub_axis", "1.1.1": "other"}
        # The example row is one action: its sub-action cell holds the template's
        # instruction ("Ces informations devront être saisies..."), which is no data.
        action = session.exec(select(Action)).one()
        assert action.parent_id is None and action.title.startswith("Assurer la coordination")
        assert action.status == "to_come" and action.priority == "medium"
        assert action.recurring and str(action.start_date) == "2022-11-16"
        amounts = {f.amount for f in session.exec(select(Funding))}
        assert {15000, 12000} <= amounts
    again = import_file(territory, ImportRequest(path, plan="PCAET 2024"), actor)
    assert (again.inserted, again.updated) == (0, 0)


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Données")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    book.close()
    return path


def test_corrected_file_updates_only_what_changed_and_duplicates_are_rejected(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    header = ["Indicateur", "Année", "Valeur", "Commentaire"]
    first = _xlsx(
        tmp_path / "v1.xlsx",
        [header, ["Conso (GWh)", 2019, 10, ""], ["Conso (GWh)", 2020, 11, "=1+1"]],
    )
    import_file(territory, ImportRequest(first), actor)
    second = _xlsx(
        tmp_path / "v2.xlsx",
        [
            header,
            ["Conso (GWh)", 2019, 10, ""],
            ["Conso (GWh)", 2020, 12, ""],
            ["Conso (MWh)", 2021, 5000, ""],
            ["Conso (GWh)", 2021, 6, ""],
        ],
    )
    summary = import_file(territory, ImportRequest(second), actor)
    assert (summary.updated, summary.unchanged) == (1, 1)
    with territory.session() as session:
        comments = set(session.exec(select(Observation.comment)))
        assert "=1+1" in comments  # text that looks like a formula stays text
        log = session.exec(
            select(ChangeLog).where(ChangeLog.source == "v2.xlsx", ChangeLog.field == "value")
        ).all()
        assert [(c.old_value, c.new_value) for c in log] == [("11", "12")]
    # 5000 MWh and 6 GWh for the same year: a conflicting duplicate, both rejected.
    assert summary.inserted == 0 and summary.rejected == 2


def test_created_values_are_logged_once_per_indicator_with_the_file_as_source(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    header = ["Indicateur", "Année", "Valeur"]
    path = _xlsx(
        tmp_path / "serie.xlsx",
        [
            header,
            *[["Conso (GWh)", y, y - 2000] for y in range(2010, 2020)],
            ["Prod (GWh)", 2015, 3],
        ],
    )
    assert import_file(territory, ImportRequest(path), actor).inserted == 11
    with territory.session() as session:
        conso = session.exec(select(Indicator).where(Indicator.name == "Conso")).one()
        entries = session.exec(select(ChangeLog).where(ChangeLog.entity == "observation")).all()
    # One entry per indicator, under the indicator, saying how many values and which years.
    assert len(entries) == 2 and {e.source for e in entries} == {"serie.xlsx"}
    mine = next(e for e in entries if e.parent_uuid == conso.uuid)
    assert (mine.kind, mine.parent_entity) == ("create", "indicator")
    assert json.loads(mine.new_value or "{}") == {
        "observations": "10",
        "first_year": "2010",
        "last_year": "2019",
        "territories": "1",
    }


def test_dry_run_changes_nothing(territory: Store, actor: Actor, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "obs.xlsx", [["Indicateur", "Année", "Valeur"], ["X (t)", 2019, 1]])
    summary = import_file(territory, ImportRequest(path, dry_run=True), actor)
    assert summary.inserted == 1 and summary.created_indicators
    assert count(territory, Observation) == 0 and count(territory, Indicator) == 0


def test_profile_is_reused_for_the_same_layout(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    rows: list[list[object]] = [["Libellé", "Millésime", "Chiffre"], ["X (t)", 2019, 1]]
    path = _xlsx(tmp_path / "a.xlsx", rows)
    mapping = {0: "indicator_name", 1: "year", 2: "value"}
    import_file(
        territory,
        ImportRequest(path, kind="observations", mapping=mapping, save_profile="partenaire"),
        actor,
    )
    rows[1] = ["X (t)", 2020, 2]
    next_year = _xlsx(tmp_path / "b.xlsx", rows)
    prepared = prepare(territory, ImportRequest(next_year))
    assert prepared.profile == "partenaire" and prepared.mapping == mapping
    assert import_file(territory, ImportRequest(next_year), actor).inserted == 1


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "not_zip",
        "truncated",
        "encrypted",
        "bomb",
        "entities",
        "dimensions",
        "garbage_csv",
        "huge_cell",
    ],
)
def test_hostile_files_are_refused(
    territory: Store, actor: Actor, tmp_path: Path, case: str
) -> None:
    good = _xlsx(tmp_path / "good.xlsx", [["Indicateur", "Année", "Valeur"], ["X", 2019, 1]])
    ct = b'<?xml version="1.0"?><Types/>'
    path = tmp_path / f"{case}.xlsx"
    if case == "empty":
        path.write_bytes(b"")
    elif case == "not_zip":
        path.write_bytes(b"hello, this is not a workbook" * 10)
    elif case == "truncated":
        path.write_bytes(good.read_bytes()[:900])
    elif case == "encrypted":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif case == "bomb":
        _zip(
            path,
            {
                "[Content_Types].xml": ct,
                "xl/workbook.xml": b"<workbook/>",
                "xl/worksheets/sheet1.xml": b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>",
            },
        )
    elif case == "entities":
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;">]><workbook>&lol2;</workbook>'
        )
        _zip(path, {"[Content_Types].xml": ct, "xl/workbook.xml": laughs})
    elif case == "dimensions":
        sheet = (
            b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
            b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
        )
        _zip(
            path,
            {
                "[Content_Types].xml": ct,
                "xl/workbook.xml": b"<workbook/>",
                "xl/worksheets/sheet1.xml": sheet,
            },
        )
    elif case == "garbage_csv":
        path = tmp_path / "garbage.csv"
        path.write_bytes(os.urandom(4000))
    elif case == "huge_cell":
        path = tmp_path / "huge.csv"
        path.write_text("Indicateur;Année;Valeur\n" + "x" * 3_000_000 + ";2019;1\n")
    with pytest.raises(FileRefused):
        import_file(territory, ImportRequest(path), actor)
    assert count(territory, Indicator) == 0


def test_formula_without_cached_value_is_reported(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "formula.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for c, name in enumerate(["Indicateur", "Année", "Valeur"]):
        sheet.write(0, c, name)
    sheet.write_row(1, 0, ["X (t)", 2019])
    sheet.write_formula(1, 2, "=1+1")  # xlsxwriter saves no computed value: "0" unless given
    book.close()
    # Strip the cached value xlsxwriter writes, as a generator that never computes would.
    data = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data[name] = archive.read(name)
    data["xl/worksheets/sheet1.xml"] = data["xl/worksheets/sheet1.xml"].replace(
        b"<f>1+1</f><v>0</v>", b"<f>1+1</f>"
    )
    _zip(path, data)
    summary = import_file(territory, ImportRequest(path), actor)
    assert any(r.column == "C" and "formula" in r.reason for r in summary.rejections)


@pytest.mark.parametrize("cores", [1, 4])
def test_formula_scan_beside_the_reader_finds_what_the_full_check_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    """Formulas without a value over several megabytes of XML (chunk edges included): the
    scan run while calamine parses notes the same cells as the check before reading did
    (on one core the reader searches inline, before parsing, as before)."""
    from desktop.io.readers import calamine_reader
    from desktop.io.readers.calamine_reader import CalamineBook
    from desktop.io.safety import check_file, scan_formulas

    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Indicateur", "Année", "Valeur", "Commentaire"])
    for r in range(1, 30_000):
        sheet.write_row(r, 0, [f"X{r % 7} (t)", 2000 + r % 20])
        if r % 37 == 0:
            sheet.write_formula(r, 2, f"=B{r + 1}*2")
        else:
            sheet.write(r, 2, r)
        sheet.write(r, 3, "commentaire " * 3)
    book.close()
    data = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data[name] = archive.read(name)
    data["xl/worksheets/sheet1.xml"] = data["xl/worksheets/sheet1.xml"].replace(b"<v>0</v>", b"")
    _zip(path, data)
    assert len(data["xl/worksheets/sheet1.xml"]) > 3 * (1 << 20)
    full = check_file(path).formulas_without_value
    assert len(set(full["xl/worksheets/sheet1.xml"])) == 29_999 // 37
    later = check_file(path, formulas=False)
    assert later.formulas_without_value == {}
    scan_formulas(path, later)
    assert later.formulas_without_value == full
    monkeypatch.setattr(calamine_reader.os, "cpu_count", lambda: cores)
    read = CalamineBook(path)
    assert read.sheet(read.sheet_names[0]).formulas_without_value == sorted(
        set(full["xl/worksheets/sheet1.xml"])
    )


def test_a_failure_of_the_formula_scan_beside_the_reader_refuses_the_file(
    territory: Store, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The formula scan runs on a thread while calamine parses the sheet: what it raises
    reaches the import as the same refusal, nothing is written and no thread is left."""
    import threading

    from desktop.io.readers import calamine_reader
    from desktop.io.safety import refuse

    path = _xlsx(tmp_path / "scan.xlsx", [["Indicateur", "Année", "Valeur"], ["X (t)", 2019, 1]])

    def damaged(file: Path, _report: object) -> None:
        raise refuse(file, "the file is truncated or damaged")

    monkeypatch.setattr(calamine_reader, "scan_formulas", damaged)
    monkeypatch.setattr(calamine_reader.os, "cpu_count", lambda: 2)  # the threaded path
    with pytest.raises(FileRefused, match="truncated or damaged"):
        import_file(territory, ImportRequest(path), actor)
    assert count(territory, Indicator) == count(territory, Observation) == 0
    assert not [t for t in threading.enumerate() if t.name == "formula-scan"]


def test_cli_json_and_refusal(
    territory: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = territory.path
    assert db is not None
    path = tmp_path / "obs.csv"
    path.write_text(
        "Indicateur;Année;Valeur\nConso (GWh);2 019;1 234,5\nConso (GWh);2020;NR\n",
        encoding="cp1252",
    )
    assert cli_main(["import", "--db", str(db), str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["rows_read"], data["inserted"], data["rejected"]) == (2, 1, 0)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nope")
    assert cli_main(["import", "--db", str(db), str(bad)]) == 2
    assert "bad.xlsx" in capsys.readouterr().err


# The import runs in a child process; a progress listener (the hook the GUI uses) says on
# stdout when the rows are written inside the open transaction (the second step of four:
# after parsing, after writing; then back-up and commit) and holds the import there, so that
# the kill always lands between the writes and the commit.
KILLED_IMPORT = """
import sys, time
from pathlib import Path
from desktop.io.importer import ImportRequest, import_file
from desktop.progress import Progress
from desktop.services.changes import Actor
from desktop.store import open_store

def listen(progress):
    if progress.done == 2:
        print("written", flush=True)
        time.sleep(120)

store = open_store(Path(sys.argv[1]))
import_file(store, ImportRequest(Path(sys.argv[2])), Actor("test", ""), Progress(listen))
print("committed", flush=True)
"""


def test_killed_import_leaves_the_store_unchanged(territory: Store, tmp_path: Path) -> None:
    db = territory.path
    assert db is not None
    path = tmp_path / "big.csv"
    lines = ["Indicateur;Année;Valeur"] + [
        f"Ind {i % 400} (t);{1950 + i // 400};{i}" for i in range(60000)
    ]
    path.write_text("\n".join(lines))
    before = count(territory, Observation), count(territory, ChangeLog)
    territory.close()
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(db), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        # GIVEN an import whose 60,000 rows are written but not committed
        line = process.stdout.readline().strip()
        assert line == "written", process.stderr.read() if process.stderr else line
        # WHEN the process is killed there
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    # THEN the store opens, passes its integrity check and holds what it held before
    reopened = open_store(db)
    try:
        assert (count(reopened, Observation), count(reopened, ChangeLog)) == before
        assert count(reopened, Indicator) == 0
        with reopened.session() as session:
            assert session.exec(sa.text("PRAGMA integrity_check")).one()[0] == "ok"
    finally:
        reopened.close()


def _ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet; cells are pre-rendered ``table:`` XML."""
    return ods(path, "".join("<table:table-row>" + "".join(r) + "</table:table-row>" for r in rows))


def _ods_cell(value: object, rows_spanned: int = 0) -> str:
    span = f' table:number-rows-spanned="{rows_spanned}"' if rows_spanned else ""
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{span}>'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{span}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def test_ods_with_a_name_merged_over_two_rows(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = _ods(
        tmp_path / "libreoffice.ods",
        [
            [_ods_cell("Indicateur"), _ods_cell("Année"), _ods_cell("Valeur")],
            [_ods_cell("Conso (MWh)", 2), _ods_cell(2019), _ods_cell("1 234,5")],
            ["<table:covered-table-cell/>", _ods_cell(2020), _ods_cell(1300)],
        ],
    )
    summary = import_file(territory, ImportRequest(path), actor)
    assert (summary.inserted, summary.rejected) == (2, 0)
    with territory.session() as session:
        assert sorted(session.exec(select(Observation.year))) == [2019, 2020]


def test_xls_excel_97_with_merged_cells(territory: Store, actor: Actor, tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Feuil1")
    for c, name in enumerate(["Indicateur", "Année", "Valeur"]):
        sheet.write(0, c, name)
    sheet.write_merge(1, 2, 0, 0, "Emissions (kteq CO2)")
    sheet.write(1, 1, 2019)
    sheet.write(1, 2, 12.5)
    sheet.write(2, 1, "2 020")
    sheet.write(2, 2, "NR")
    sheet.write(3, 1, 2021)
    sheet.write(3, 2, 11)  # a value without an indicator: reported
    path = tmp_path / "ancien.xls"
    book.save(str(path))
    summary = import_file(territory, ImportRequest(path), actor)
    assert summary.inserted == 1
    assert [(r.row, r.reason) for r in summary.rejections] == [
        (4, "no indicator (code or name) on this row")
    ]
    with territory.session() as session:
        indicator = session.exec(select(Indicator).where(col(Indicator.identifier).is_(None))).one()
        assert indicator.unit == "ktCO2e"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8-sig", ";"),
        ("utf-8", "\t"),
        ("utf-16", ";"),
        ("cp1252", ","),
        ("utf-16-le", "\t"),
    ],
)
def test_csv_encodings_and_delimiters(
    territory: Store, actor: Actor, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    rows = [
        ["Indicateur", "Année", "Valeur", "Commentaire"],
        ["Énergie consommée (GWh)", "2 019", "1\u00a0234,5", "donnée ORECA"],
        [
            "Énergie consommée (GWh)",
            "2020",
            "-7,5" if encoding == "cp1252" else "\u22127,5",
            "s.o.",
        ],
    ]
    path = tmp_path / "partenaire.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    summary = import_file(territory, ImportRequest(path), actor)
    assert (summary.inserted, summary.rejected) == (2, 0), summary.rejections
    with territory.session() as session:
        indicator = session.exec(select(Indicator).where(col(Indicator.identifier).is_(None))).one()
        assert indicator.name == "Énergie consommée"
        values = sorted(str(v) for v in session.exec(select(Observation.value)))
        assert values == ["-7.5", "1234.5"]


def test_cli_json_summary_and_exit_codes(
    territory: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(territory.path)
    path = tmp_path / "obs.csv"
    path.write_text(
        "Indicateur;Année;Valeur\nA (t);2019;1\nA (t);2020;douze\nA (t);1999-2009;3\n",
        encoding="utf-8",
    )
    assert cli_main(["import", "--db", db, str(path), "--json", "--dry-run"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] and count(territory, Observation) == 0
    for key in (
        "rows_read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "rejections",
        "created_indicators",
    ):
        assert key in data
    assert (data["rows_read"], data["inserted"], data["rejected"]) == (3, 1, 2)
    first = data["rejections"][0]
    assert set(first) >= {"sheet", "row", "column", "reason"}
    assert (first["row"], first["column"]) == (3, "Valeur")
    assert cli_main(["import", "--db", db, str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["inserted"] == 1
    assert cli_main(["import", "--db", db, str(path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 1)
    # Refused as a whole: exit 2 and one line on stderr, nothing changed.
    before = count(territory, ChangeLog)
    for bad_args in (["--territory", "999999999"], ["--sheet", "Absente"]):
        assert cli_main(["import", "--db", db, str(path), *bad_args]) == 2
        err = capsys.readouterr().err.strip()
        assert err and len(err.splitlines()) == 1
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    assert cli_main(["import", "--db", db, str(empty)]) == 2
    assert "vide.csv" in capsys.readouterr().err
    assert count(territory, ChangeLog) == before


def test_cli_dry_run_lists_the_plan_sections_and_organisations_an_action_import_creates(
    territory: Store, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "import",
        "--db",
        str(territory.path),
        str(shared_data / "tet-modele-import-pa.xlsx"),
        "--plan",
        "PCAET 2024",
        "--json",
    ]
    assert cli_main([*args, "--dry-run"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["dry_run"] and dry["created_plans"] == ["PCAET 2024"]
    assert [s.split(" ")[0] for s in dry["created_sections"]] == ["1", "1.1", "1.1.1"]
    assert "Région" in dry["created_organisations"]
    assert count(territory, Plan) == 0 and count(territory, Section) == 0
    assert cli_main(args) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["created_sections"] == dry["created_sections"]
    assert count(territory, Section) == 3
    # Imported again: the plan and its sections exist, nothing is announced.
    assert cli_main(args) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["created_plans"], again["created_sections"]) == ([], [])
    assert again["created_organisations"] == []


@pytest.mark.parametrize(
    "name",
    [
        "tet-import-indicateurs-emt.xlsx",
        "tet-modele-import-pa.xlsx",
        "tet-indicateur-definitions.csv",
        "aldo-biomasse-forets-epci.csv",
    ],
)
def test_each_real_file_through_the_cli(
    territory: Store, shared_data: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["import", "--db", str(territory.path), str(shared_data / name), "--json"]
    if name.startswith("aldo"):
        args += ["--year", "2018"]
    assert cli_main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["inserted"] > 0 or len(data["created_indicators"]) > 500  # the referential
    # Whatever was not imported is explained cell by cell.
    assert all(r["reason"] and r["row"] > 0 for r in data["rejections"])
    assert cli_main(args) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["inserted"], again["updated"], again["created_indicators"]) == (0, 0, [])


def test_template_command_writes_lists_and_a_filled_template_imports(
    territory: Store, actor: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    for kind in ("observations", "actions", "organisations"):
        out = tmp_path / f"{kind}.xlsx"
        assert cli_main(["template", kind, "--out", str(out)]) == 0
        with zipfile.ZipFile(out) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet1.xml")
        if kind != "observations":
            assert b'type="list"' in sheet_xml  # drop-down lists
        # Blank: recognised, nothing to import.
        prepared = prepare(territory, ImportRequest(out, kind=kind))
        assert prepared.kind == kind and prepared.layout.header_row == 2
        assert import_file(territory, ImportRequest(out, kind=kind), actor).rows_read == 0
    capsys.readouterr()
    out = tmp_path / "observations.xlsx"
    book = openpyxl.load_workbook(out)
    book.worksheets[0].append([SIREN, "C1", "Consommation (GWh)", "GWh", 2019, 12.5, "test"])
    book.save(out)
    summary = import_file(territory, ImportRequest(out), actor)
    assert (summary.inserted, summary.rejected) == (1, 0)
    assert cli_main(["template", "actions", "--out", "/proc/nope/x.xlsx"]) == 1


def test_wide_years_match_by_name_and_unit_convert_and_territories_created(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    from desktop.services.indicators import create_indicator

    with territory.transaction() as session:
        create_indicator(session, actor, code="CONSO", name="Consommation d'énergie", unit="MWh")
    path = _xlsx(
        tmp_path / "wide.xlsx",
        [
            ["EPCI", "Indicateur", "2019", "2020", "2021"],
            ["Métropole du Grand Paris", "consommation d energie (GWh)", 1.5, "1 600,25", "NR"],
            ["CC Nouvelle", "Consommation d'énergie (GWh)", 2, "", 3],
        ],
    )
    refused = import_file(territory, ImportRequest(path), actor)
    assert refused.inserted == 2  # the unknown EPCI is reported, not guessed
    assert {r.reason for r in refused.rejections} == {"unknown territory CC Nouvelle"}
    summary = import_file(territory, ImportRequest(path, create_territories=True), actor)
    assert summary.created_territories == ["CC Nouvelle"] and summary.inserted == 2
    assert summary.created_indicators == [] and summary.unchanged == 2
    with territory.session() as session:
        values = sorted((o.year, str(o.value)) for o in session.exec(select(Observation)))
    # Matched by normalised name and a compatible unit; GWh converted to the stored MWh.
    assert values == [(2019, "1500"), (2019, "2000"), (2020, "1600250"), (2021, "3000")]


def test_loose_action_plan_on_a_second_sheet_and_organisations_by_normalised_name(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "plan climat.xlsx"
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet("Lisez-moi")
    notes.write(0, 0, "Plan transmis par le syndicat d'énergie")
    sheet = book.add_worksheet("Plan")
    rows = [
        ["Statut", "Intitulé de l'action", "Pilote", "Partenaires", "Date de début"],
        ["En cours", "Rénover les écoles", "Région Hauts-de-France", "ADEME, DREAL", "15/01/2024"],
        ["À venir", "Créer un réseau de chaleur", "Region Hauts de France", "", 45300],
        ["Peut-être", "Planter des haies", "", "", "pas de date"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    summary = import_file(territory, ImportRequest(path), actor)
    assert summary.kind == "actions" and summary.inserted == 3
    assert {r.column for r in summary.rejections} == {"Statut", "Date de début"}
    assert sorted(summary.created_organisations) == ["ADEME", "DREAL", "Région Hauts-de-France"]
    with territory.session() as session:
        assert [p.title for p in session.exec(select(Plan))] == ["plan climat"]
        dates = {a.title: a.start_date for a in session.exec(select(Action))}
    assert str(dates["Rénover les écoles"]) == "2024-01-15"
    assert str(dates["Créer un réseau de chaleur"]) == "2024-01-09"  # an Excel serial
    again = import_file(territory, ImportRequest(path), actor)
    assert (again.inserted, again.updated, again.created_organisations) == (0, 0, [])
