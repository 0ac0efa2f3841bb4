"""Bounded imports: files a few bytes or megabytes long that expand to gigabytes are refused
before they are read, with the true reason and in bounded memory (measured in a child
process, as a user's import runs); the OpenDocument reader reads what calamine reads, data after
a long run of repeated empty rows included; the .xls scan counts what calamine will build."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlmodel import col, select
from support.hostile import (
    FAMILIES,
    ODS_HEADER,
    ods,
    ods_cell,
    ods_row,
    ods_rows_after_a_huge_empty_run,
)

from bench.bench_hostile import at_the_limits, measure_imports
from desktop import i18n
from desktop.cli.main import main as cli_main
from desktop.io.expansion import MAX_ROWS, Tally
from desktop.io.expansion_xls import scan_xls
from desktop.io.importer import ImportRequest, import_file
from desktop.io.readers.ods_reader import OdsBook
from desktop.io.safety import FileRefused
from desktop.models import Indicator, Observation
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store

SIREN = "200054781"
RSS_LIMIT_MB = 500


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def territory(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        create_territory(session, actor, name="Métropole du Grand Paris", siren=SIREN)
    return store


@pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(),
    reason="peak memory is measured through Linux's /proc",
)
def test_hostile_files_are_refused_with_the_true_reason_in_bounded_memory(
    tmp_path: Path, artifacts: Path
) -> None:
    files = {name: family.make(tmp_path) for name, family in FAMILIES.items()}
    figures = measure_imports(list(files.values()))
    lines = []
    for name, path in files.items():
        result = figures[path.name]
        lines.append(
            f"{name}: {path.stat().st_size / 1e6:.3f} MB on disk, peak RSS "
            f"{result['peak_mb']} MB, {result['seconds']} s: {result['reason']}"
        )
    (artifacts / "hostile-imports.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, path in files.items():
        result = figures[path.name]
        reason = str(result["reason"])
        assert result["outcome"] == "FileRefused", (name, result)
        assert FAMILIES[name].reason in reason, (name, reason)
        assert "truncated or damaged" not in reason, (name, reason)
        assert float(str(result["peak_mb"])) < RSS_LIMIT_MB, (name, result)


@pytest.mark.slow
def test_the_largest_files_an_import_accepts_stay_in_bounded_memory(tmp_path: Path) -> None:
    files = at_the_limits(tmp_path)
    figures = measure_imports(files, separately=True)
    for path in files:
        result = figures[path.name]
        print(path.name, result)
        assert result["outcome"] == "imported", result
        assert result["peak_mb"] < RSS_LIMIT_MB, result


def test_a_refusal_changes_nothing_and_the_command_line_says_why(
    territory: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FAMILIES["ods_bomb"].make(tmp_path)
    assert cli_main(["--lang", "en", "import", "--db", str(territory.path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "bomb.ods was refused" in err and "150,000" in err
    assert "truncated or damaged" not in err
    with territory.session() as session:
        assert (
            session.exec(select(Indicator).where(col(Indicator.identifier).is_(None))).all() == []
        )


# -- OpenDocument -------------------------------------------------------------------------------


def _rich_ods(path: Path) -> Path:
    cell = (
        '<table:table-cell office:value-type="{t}" {a}><text:p>{text}</text:p></table:table-cell>'
    )
    rows = [
        ods_row("Indicateur", "Année", "Valeur", "Date", "Oui", "Note"),
        ods_row(
            ods_cell("Conso (GWh)"),
            ods_cell(2019),
            cell.format(t="percentage", a='office:value="0.125"', text="12,5 %"),
            cell.format(t="date", a='office:date-value="2019-05-01"', text="01/05/2019"),
            cell.format(t="boolean", a='office:boolean-value="true"', text="VRAI"),
            '<table:table-cell office:value-type="string"><text:p>deux<text:s text:c="3"/>'
            "espaces</text:p><text:p>seconde <text:span>ligne</text:span></text:p>"
            "<office:annotation><text:p>une note cachée</text:p></office:annotation>"
            "</table:table-cell>",
        ),
        # Leading empty cells, a merged name over two rows, a repeated value.
        '<table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="'
        'string"><text:p>Émissions</text:p></table:table-cell>'
        + ods_cell(2020)
        + ods_cell(7.5, repeat=2)
        + '<table:table-cell table:number-columns-repeated="2"/>'
        + cell.format(t="date", a='office:date-value="2020-01-02T10:30:00"', text="x")
        + "</table:table-row>",
        "<table:table-row><table:covered-table-cell/>"
        + ods_cell(2021)
        + ods_cell(3)
        + "</table:table-row>",
        ods_row(ods_cell("répété"), repeat=3),
        '<table:table-row table:number-rows-repeated="4"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>',
        ods_row("", "", "", "", "", "fin"),
        # What LibreOffice writes after the data: empty rows to the end of the sheet.
        '<table:table-row table:number-rows-repeated="1048560"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>',
    ]
    return ods(path, "".join(rows))


def test_the_opendocument_reader_reads_what_calamine_reads(tmp_path: Path) -> None:
    path = _rich_ods(tmp_path / "rich.ods")
    sheet = OdsBook(path).sheet("Feuille1")
    raw = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Feuille1")
    expected = raw.to_python(skip_empty_area=False)
    width = max(len(row) for row in expected)
    ours = [row + [""] * (width - len(row)) for row in sheet.rows]
    assert ours == expected
    assert sheet.rows[1][2:5] == [0.125, date(2019, 5, 1), True]
    assert sheet.rows[1][5] == "deux   espaces\nseconde ligne"
    assert sheet.rows[2][6] == datetime(2020, 1, 2, 10, 30)
    assert sheet.merged == [(2, 0, 3, 0)]
    assert sheet.notes == []


def test_values_after_a_long_run_of_repeated_empty_rows_are_read_at_their_row(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    # 500,000 empty rows (far more than an import reads, but empty: they cost nothing)
    path = ods_rows_after_a_huge_empty_run(tmp_path, 500_000)
    summary = import_file(territory, ImportRequest(path), actor)
    assert (summary.inserted, summary.rejected, summary.warnings) == (2, 0, [])
    bad = ods(
        tmp_path / "bad-after-gap.ods",
        ODS_HEADER
        + ods_row("Conso (GWh)", 2019, 1)
        + '<table:table-row table:number-rows-repeated="500000"><table:table-cell/>'
        "</table:table-row>" + ods_row("Conso (GWh)", 2020, "beaucoup"),
    )
    summary = import_file(territory, ImportRequest(bad), actor)
    assert [(r.row, r.column) for r in summary.rejections] == [(500_003, "Valeur")]


def test_values_placed_past_the_last_row_of_a_spreadsheet_are_a_warning(
    territory: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ods_rows_after_a_huge_empty_run(tmp_path, 2_000_000)
    db = str(territory.path)
    assert cli_main(["--lang", "en", "import", "--db", db, str(path), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "1 row read: 1 added" in text
    assert "past row 1,048,576, the last row a spreadsheet has" in text
    assert cli_main(["--lang", "en", "import", "--db", db, str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["inserted"] == 1
    assert any("were not read" in w for w in data["warnings"]), data["warnings"]
    with territory.session() as session:
        assert [o.year for o in session.exec(select(Observation))] == [2019]


def test_a_long_text_in_an_opendocument_cell_is_refused_with_its_place(tmp_path: Path) -> None:
    name = "Consommation " * 160_000  # 2 MB
    path = ods(tmp_path / "long.ods", ODS_HEADER + ods_row(name, 2019, 1))
    with pytest.raises(
        FileRefused, match="cell A2 of sheet Feuille1 holds more than 32,767 characters"
    ):
        OdsBook(path)


def test_rows_counted_against_the_limit_are_rows_holding_data(tmp_path: Path) -> None:
    """A million repeated empty rows before the data are not rows an import reads; repeated
    rows of data are, each of them."""
    many = ods(tmp_path / "many.ods", ODS_HEADER + ods_row("Conso (GWh)", 2019, 1, repeat=MAX_ROWS))
    with pytest.raises(FileRefused, match="more rows than an import reads"):
        OdsBook(many)
    assert (
        len(OdsBook(ods_rows_after_a_huge_empty_run(tmp_path, 1_000_000)).sheet("Feuille1").rows)
        == 1_000_003
    )


# -- Excel 97-2003 -----------------------------------------------------------------------------


def test_the_xls_scan_counts_the_grid_and_text_calamine_builds(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Données")
    for r in range(2000):  # a shared-text table long enough to continue over several records
        for c in range(10):
            sheet.write(r, c, f"texte {r} {c} " + "é" * (r % 7))
    book.add_sheet("Autre").write(5, 5, 1.5)
    path = tmp_path / "grand.xls"
    book.save(str(path))
    tally = Tally(path)
    scan_xls(path, tally)
    calamine = CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in calamine.sheet_names:
        rows = calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells += len(rows) * max(len(r) for r in rows)
    texts = sum(
        len(value) for row in calamine.get_sheet_by_name("Données").to_python() for value in row
    )
    assert tally.cells == cells == 20_036
    assert tally.text_chars == 2 * texts  # the shared table, then each cell's copy


def test_a_damaged_xls_is_called_damaged(territory: Store, actor: Actor, tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    book.add_sheet("F").write(0, 0, "Indicateur")
    path = tmp_path / "cut.xls"
    book.save(str(path))
    data = path.read_bytes()
    path.write_bytes(data[:1200])
    with pytest.raises(FileRefused, match="truncated or damaged"):
        import_file(territory, ImportRequest(path), actor)


# -- Cells a parser must not trust ----------------------------------------------------------


def test_numbers_that_are_not_numbers_are_rejected_cells(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text(
        "Indicateur;Année;Valeur\nX (t);2019;inf\nX (t);2020;NaN\n"
        "X (t);2021;1e999999999\nX (t);inf;1\nX (t);2022;4\n",
        encoding="utf-8",
    )
    summary = import_file(territory, ImportRequest(path), actor)
    assert summary.inserted == 1
    reasons = {r.row: r.reason for r in summary.rejections}
    assert reasons[2] == reasons[3] == "a number was expected"
    assert reasons[4] == "the number 1e999999999 is out of range"
    assert reasons[5] == "a year was expected"


def test_a_csv_line_wider_than_a_sheet_is_refused_before_it_is_split(tmp_path: Path) -> None:
    from desktop.io.readers.csv_reader import CsvBook

    path = tmp_path / "wide.csv"
    path.write_text("a;b\n" + ";".join(["1"] * 20_000) + "\n", encoding="utf-8")
    with pytest.raises(
        FileRefused,
        match="line 2 has 20,000 cells or more; a spreadsheet row has at most 16,384 columns",
    ):
        CsvBook(path)


def test_a_zip_that_is_not_a_workbook_keeps_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    from desktop.io.readers import open_book

    with pytest.raises(FileRefused, match="truncated or damaged"):
        open_book(path)


# -- What one file may bring --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "name", "kind", "lines", "words"),
    [
        (
            "desktop.io.expansion",
            "MAX_INDICATORS",
            "auto",
            ["Indicateur;Année;Valeur", "A (t);2019;1", "B (t);2019;1", "C (t);2019;1"],
            "defines more than 2 indicators",
        ),
        (
            "desktop.io.observations_territories",
            "MAX_TERRITORIES",
            "auto",
            [
                "SIREN;Indicateur;Année;Valeur",
                "200054781;A (t);2019;1",
                "200000172;A (t);2019;1",
                "200000438;A (t);2019;1",
            ],
            "names more than 2 territories",
        ),
        (
            "desktop.io.expansion",
            "MAX_ACTIONS",
            "actions",
            ["Titre de l'action;Statut", "Une;En cours", "Deux;En cours", "Trois;En cours"],
            "holds more than 2 actions",
        ),
        (
            "desktop.io.expansion",
            "MAX_ORGANISATIONS",
            "organisations",
            ["Nom;Sigle", "Un;U", "Deux;D", "Trois;T"],
            "holds more than 2 organisations",
        ),
    ],
)
def test_what_one_file_may_bring_is_bounded(
    territory: Store,
    actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    name: str,
    kind: str,
    lines: list[str],
    words: str,
) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module(module), name, 2)
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FileRefused, match=words):
        import_file(territory, ImportRequest(path, kind=kind, plan="PCAET"), actor)
    with territory.session() as session:
        assert (
            session.exec(select(Indicator).where(col(Indicator.identifier).is_(None))).all() == []
        )
