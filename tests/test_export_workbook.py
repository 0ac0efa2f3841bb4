"""The Excel workbook: sheets, styles and validations, formula-like text, the round trip with
the import, the format version, and the Territoires en Transitions layout."""

from __future__ import annotations

import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlmodel import Session, func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_report import build_sample
from desktop import i18n
from desktop.cli.main import main
from desktop.io import workbook_native as native
from desktop.models import (
    Action,
    ActionDocument,
    ActionFactor,
    ActionFrameworkLink,
    ActionIndicator,
    ActionLinkKind,
    ActionNote,
    ActionTag,
    BudgetLine,
    ChangeLog,
    Commune,
    ContractParty,
    ContractPartyRole,
    FactorKind,
    FrameworkKind,
    FrameworkReference,
    ImpactKind,
    Indicator,
    Meeting,
    MeetingAction,
    MeetingAttendee,
    Section,
    StoreSetting,
    StrategicObjective,
    StrategyDomain,
    TagKind,
    Territory,
)
from desktop.models import Contract as ContractModel
from desktop.reports.tet_export import HEADERS, export_tet
from desktop.reports.workbook import export_workbook
from desktop.reports.workbook_cells import ooxml_text
from desktop.services import actions as action_service
from desktop.services import budget, changes
from desktop.services.changes import Actor, to_text
from desktop.store import Store, open_store

FORMULAS = ('=HYPERLINK("http://x")', "+33 1 23", "-2+3", "@SUM(A1)", "\tTab", "\rcr")
SHEETS = (
    "Summary",
    "Plan",
    "Budgets and funding",
    "Indicators",
    "Targets",
    "COTRI",
    "Organisations",
    "Read me",
)


def _first(session: Session, model: Any) -> Any:
    return session.exec(select(model).order_by(model.id)).first()


@pytest.fixture
def rich(store: Store, actor: Actor) -> Store:
    """The sample plan plus one row in every other table, and awkward values."""
    build_sample(store, actor, actions=6, indicators_count=9)
    with store.transaction() as session:
        a1, a2 = session.exec(select(Action).order_by(Action.id).limit(2)).all()
        ind = _first(session, Indicator)
        section = _first(session, Section)
        action_service.update_action(
            session,
            actor,
            a1,
            {
                "title": FORMULAS[0],
                "description": FORMULAS[1],
                "lead_person": FORMULAS[3],
                "calendar_text": FORMULAS[4],
                "budget_text": FORMULAS[5],
                "code": FORMULAS[2],
            },
        )
        sub = action_service.create_action(
            session,
            actor,
            plan_id=a1.plan_id,
            title="Sous-action",
            section_id=section.id,
            parent_id=a1.id,
        )
        budget.add_budget_line(session, actor, sub, amount=Decimal("0.1"), unit="EUR")
        budget.add_budget_line(
            session, actor, sub, amount=Decimal("1234567.89012345"), unit="GBP", year=2025
        )
        budget.add_impact(
            session,
            actor,
            a1,
            kind=ImpactKind.EXPECTED,
            label="tCO2e évitées",
            value=Decimal("12.345"),
            unit="tCO2e/an",
            indicator_id=ind.id,
        )
        action_service.link_actions(session, actor, a2, a1, ActionLinkKind.LOCAL_VERSION_OF)
        ref = changes.create(
            session,
            FrameworkReference(
                framework=FrameworkKind.TRI_CRITERION, code="TRI-1", label="Efficacité"
            ),
            actor,
        )
        for entity in (
            ActionFactor(action_id=a1.id, kind=FactorKind.BARRIER, text="Coût"),
            ActionNote(action_id=a1.id, noted_on=date(2024, 2, 29), author="A", text="Note"),
            ActionDocument(action_id=a1.id, title="Fiche", location="https://example.org/a?b=1&c"),
            ActionTag(action_id=a1.id, kind=TagKind.THEME, label="Énergie"),
            ActionFrameworkLink(action_id=a1.id, reference_id=ref.id),
            ActionIndicator(action_id=a1.id, indicator_id=ind.id),
            Commune(
                territory_id=_first(session, Territory).id,
                name="Wimereux",
                insee_code="62893",
                population=7000,
            ),
            StrategicObjective(
                plan_id=a1.plan_id,
                domain=StrategyDomain.GHG_REDUCTION,
                statement="Diviser par 4",
                horizon_year=2050,
                value=Decimal("-75"),
                unit="%",
                indicator_id=ind.id,
            ),
            ContractParty(
                contract_id=_first(session, ContractModel).id,
                organisation_id=a1.lead_organisation_id,
                role=ContractPartyRole.FUNDER,
                amount=Decimal("150000.00"),
            ),
            MeetingAttendee(
                meeting_id=_first(session, Meeting).id,
                name="Élise Dupont",
                function="Vice-présidente",
            ),
            MeetingAction(
                meeting_id=_first(session, Meeting).id, action_id=a1.id, note="Présentée"
            ),
        ):
            changes.create(session, entity, actor)
    return store


def _content(store: Store) -> dict[str, dict[str, dict[str, str | None]]]:
    """Every row of every table by UUID, references as UUIDs, values as exact text."""
    result: dict[str, dict[str, dict[str, str | None]]] = {}
    with store.session() as session:
        uuids = {
            native.table_name(m): dict(session.exec(select(m.id, m.uuid)).all())
            for m in native.TABLES
        }
        for model in native.TABLES:
            refs = native.references(model)
            rows: dict[str, dict[str, str | None]] = {}
            for entity in session.exec(select(model)):
                values: dict[str, str | None] = {}
                for name in model.model_fields:
                    if name == "id":
                        continue
                    value = getattr(entity, name)
                    values[name] = uuids[refs[name]].get(value) if name in refs else to_text(value)
                rows[entity.uuid] = values
            result[native.table_name(model)] = rows
        result["store_setting"] = {
            s.key: {"value": s.value} for s in session.exec(select(StoreSetting))
        }
    return result


def test_workbook_sheets_styles_and_validations(rich: Store, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    counts = export_workbook(rich, out, lang="en")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[: len(SHEETS)] == list(SHEETS)
    assert all(book[name].sheet_state == "hidden" for name in book.sheetnames[len(SHEETS) :])
    plan = book["Plan"]
    assert plan["A1"].font.b and plan.freeze_panes == "A2"
    assert plan.auto_filter.ref == f"A1:X{counts['Plan'] + 1}"
    assert plan.column_dimensions["E"].width > 30
    assert plan["E2"].alignment.wrap_text
    headers = [c.value for c in plan[1]]
    status_col = headers.index("Status") + 1
    priority_col = headers.index("Priority") + 1
    lists = {str(v.sqref): v.formula1 for v in plan.data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    assert "To come" in lists[f"{letter(status_col)}2:{letter(status_col)}{counts['Plan'] + 1}"]
    assert "High" in lists[f"{letter(priority_col)}2:{letter(priority_col)}{counts['Plan'] + 1}"]
    start = plan.cell(2, headers.index("Start date") + 1)
    assert isinstance(start.value, datetime) and start.number_format == "dd/mm/yyyy"
    assert "Progress (%)" in headers
    money = book["Budgets and funding"]
    amounts = [(r[7].value, r[7].number_format, r[8].value) for r in money.iter_rows(min_row=2)]
    assert (1234567.89012345, "[$£-809]#,##0.00", "GBP") in amounts
    assert any(isinstance(v, float) and "€" in f and u == "EUR" for v, f, u in amounts)
    wide = book["Indicators"]
    header = [c.value for c in wide[1]]
    assert header[5:7] == ["2012", "2013"] and "2050" in header
    kinds = {r[4].value for r in wide.iter_rows(min_row=2)}
    assert {"Measured", "Estimated", "Target"} <= kinds
    readme = [tuple(c.value for c in r) for r in book["Read me"].iter_rows()]
    assert ("Format", "pcaet-workbook") in readme
    assert ("Format version", str(native.FORMAT_VERSION)) in readme
    assert book["COTRI"].max_row == 10 and book["Targets"].max_row > 2


def test_formula_like_text_is_neutralised(rich: Store, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    export_workbook(rich, out, lang="en")
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name
    book = openpyxl.load_workbook(out)
    # openpyxl leaves the OOXML escape of CR (``_x000D_``) as it is; Excel decodes it.
    written = {ooxml_text(f) for f in FORMULAS}
    cells = [
        c
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value in written
    ]
    assert {c.value for c in cells} == written
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix, (cell.parent.title, cell.value)


def test_round_trip_into_an_empty_store(rich: Store, tmp_path: Path, actor: Actor) -> None:
    out = tmp_path / "rt.xlsx"
    export_workbook(rich, out)
    assert native.is_native_workbook(out)
    copy = open_store(tmp_path / "copy.pcaet")
    try:
        summary = native.import_native_workbook(copy, out, actor)
        assert summary.rejected == 0, summary.rejections
        assert summary.updated == 0 and summary.inserted > 100
        before, after = _content(rich), _content(copy)
        for table in before:
            assert after[table] == before[table], table
        with copy.session() as session:
            amounts = sorted(a for a in session.exec(select(BudgetLine.amount)) if a)
        assert Decimal("0.1") in amounts and Decimal("1234567.89012345") in amounts
    finally:
        copy.close()


def test_import_back_into_the_same_store_changes_nothing(
    rich: Store, tmp_path: Path, actor: Actor
) -> None:
    out = tmp_path / "same.xlsx"
    export_workbook(rich, out)
    before = _content(rich)
    with rich.session() as session:
        logged = session.exec(select(func.count()).select_from(ChangeLog)).one()
    summary = native.import_native_workbook(rich, out, actor)
    assert summary.inserted == 0 and summary.updated == 0 and summary.rejected == 0
    assert summary.unchanged == summary.rows_read
    assert _content(rich) == before
    with rich.session() as session:
        assert session.exec(select(func.count()).select_from(ChangeLog)).one() == logged


def test_edited_and_dry_run_imports(rich: Store, tmp_path: Path, actor: Actor) -> None:
    out = tmp_path / "dry.xlsx"
    export_workbook(rich, out)
    empty = open_store(tmp_path / "empty.pcaet")
    try:
        summary = native.import_native_workbook(empty, out, actor, dry_run=True)
        assert summary.dry_run and summary.inserted > 0
        with empty.session() as session:
            assert session.exec(select(Action)).first() is None
    finally:
        empty.close()
    # A value changed in the data sheet comes back as one update.
    book = openpyxl.load_workbook(out)
    sheet = book["_action"]
    column = [c.value for c in sheet[1]].index("title") + 1
    sheet.cell(3, column).value = "Titre modifié"
    sheet.cell(4, [c.value for c in sheet[1]].index("status") + 1).value = "not-a-status"
    book.save(out)
    summary = native.import_native_workbook(rich, out, actor)
    assert summary.updated == 1 and summary.rejected == 1
    assert summary.rejections[0].sheet == "_action" and summary.rejections[0].row == 4


def test_newer_format_is_refused(rich: Store, tmp_path: Path, actor: Actor) -> None:
    out = tmp_path / "new.xlsx"
    export_workbook(rich, out)
    book = openpyxl.load_workbook(out)
    meta = book[native.META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "format_version":
            row[1].value = "99"
    book.save(out)
    i18n.set_language("en")  # the message is checked in English (conftest resets it)
    with pytest.raises(native.WorkbookError, match="newer version"):
        native.import_native_workbook(rich, out, actor)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    assert not native.is_native_workbook(plain)
    with pytest.raises(native.WorkbookError):
        native.import_native_workbook(rich, plain, actor)


def test_tet_layout(rich: Store, tmp_path: Path, shared_data: Path) -> None:
    out = tmp_path / "tet.xlsx"
    assert export_tet(rich, out) == 7
    sheet = next(ws for ws in openpyxl.load_workbook(out).worksheets if ws["A2"].value == "Axe (x)")
    with pytest.warns(UserWarning):  # the template's data-validation extension
        template = openpyxl.load_workbook(shared_data / "tet-modele-import-pa.xlsx")
    model = next(ws for ws in template.worksheets if ws["A2"].value == "Axe (x)")
    expected = [str(model.cell(2, c).value or "").strip() for c in range(1, 29)]
    assert [str(sheet.cell(2, c).value).strip() for c in range(1, 29)] == expected
    assert list(HEADERS[:28]) == [model.cell(2, c).value for c in range(1, 29)]
    assert sheet["A4"].value == "1. Sobriété et efficacité énergétique"
    assert sheet["Y4"].value in (
        "À venir",
        "À discuter",
        "En cours",
        "Réalisé",
        "En retard",
        "En pause",
        "Bloqué",
        "Abandonné",
    )
    assert sheet.cell(4, 4).value.startswith("-2+3. ")  # titled "code. title", not a formula
    assert sheet.cell(4, 4).data_type == "s"


def test_cli_export(rich: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = rich.path
    assert db is not None
    rich.close()
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "n.xlsx"), "--charts"]) == 0
    assert native.is_native_workbook(tmp_path / "n.xlsx")
    assert len(openpyxl.load_workbook(tmp_path / "n.xlsx").sheetnames) > len(native.TABLES) + 8
    assert (
        main(["export", "--db", str(db), "--out", str(tmp_path / "t.xlsx"), "--format", "tet"]) == 0
    )
    assert "7" in capsys.readouterr().out


def test_plain_rows_writer_keeps_text_exactly(tmp_path: Path) -> None:
    from desktop.reports.workbook_cells import CellFactory
    from desktop.reports.workbook_stream import plain_rows

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("_data")
    append = plain_rows(sheet)
    assert append is not None  # lxml is a dependency: the fast path is taken
    factory = CellFactory(sheet)
    rows = [
        ["id", "text"],
        [" lead", "trail "],
        ["1", None],
        ["2", factory.text("=1+1")],
        ["3", "é & <b>ĳ</b> €"],
    ]
    for row in rows:
        append(row)
    book.save(tmp_path / "d.xlsx")
    read = openpyxl.load_workbook(tmp_path / "d.xlsx")["_data"]
    values = [[c.value for c in r] for r in read.iter_rows()]
    assert values == [
        ["id", "text"],
        [" lead", "trail "],
        ["1", None],
        ["2", "=1+1"],
        ["3", "é & <b>ĳ</b> €"],
    ]
    assert read["B4"].data_type == "s" and read["B4"].quotePrefix
