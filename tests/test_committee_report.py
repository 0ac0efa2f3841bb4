"""The committee report a secretary sends as it is: each finding of the committee's review
reproduced, the sections a comité de pilotage expects, the editable (Word) and presentable
(slides) versions read back with python-docx and python-pptx, French typography, plurals, file
names, fonts and metadata.

Most tests run on the demo store without charts (fast); one generation per format draws them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from babel.numbers import format_decimal
from docx import Document
from pptx import Presentation
from pypdf import PdfReader
from sqlmodel import select

from desktop import i18n
from desktop.cli.main import main
from desktop.models import (
    Action,
    ActionStatus,
    BudgetScenario,
    Indicator,
    ObservationKind,
    Territory,
    ValueOrigin,
)
from desktop.reports.build import build_report
from desktop.reports.names import report_file_name
from desktop.reports.parts import period_text
from desktop.reports.workbook import export_workbook
from desktop.services import actions as action_service
from desktop.services import indicators as indicator_service
from desktop.services import store_settings, values
from desktop.services.analysis import indicator_analysis
from desktop.services.changes import Actor, ValidationError
from desktop.services.progress import status_counts
from desktop.services.report_data import NoContractError, ReportOptions, gather
from desktop.store import Store, open_store

PASSAGE, PAYS_BOULONNAIS = 1, 2
COPIL_2018, SUIVI_2019, COPIL_2019 = 1, 2, 3


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo store of its own for each test."""
    copy = tmp_path / "demo.pcaet"
    shutil.copyfile(demo_file, copy)
    opened = open_store(copy)
    yield opened
    opened.close()


def _build(store: Store, out: Path, **values: object) -> Path:
    # The action sheets (29 pages of the demo) only where they are the subject.
    options: dict[str, object] = {
        "include_charts": False,
        "language": "fr",
        "include_action_sheets": False,
    }
    options.update(values)
    build_report(store, ReportOptions(**options), out, record=False)  # type: ignore[arg-type]
    return out


def _pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    # Narrow and ordinary no-break spaces read as spaces; wrapped lines join.
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).replace("\u202f", " ").replace("\u00a0", " ").split())


def _plan_count(text: str) -> int:
    found = re.search(r"(?:Le plan compte|The plan counts|Het plan telt) (\d+) action", text)
    assert found, text[:400]
    return int(found.group(1))


def _add_value(
    store: Store, code: str, year: int, value: str, kind: ObservationKind, origin: ValueOrigin
) -> tuple[Indicator, Territory]:
    """A value of the Pays Boulonnais, of another kind or origin than the demo's."""
    with store.transaction() as session:
        indicator = indicator_service.indicator_by_code(session, code)
        assert indicator is not None
        territory = session.exec(select(Territory).where(Territory.name == "Pays Boulonnais")).one()
        indicator_service.set_observation(
            session,
            Actor("test", "test"),
            indicator=indicator,
            territory_id=territory.pk,
            year=year,
            value=Decimal(value),
            kind=kind,
            origin=origin,
        )
        return indicator, territory


# ---- wrong or misleading today ----------------------------------------------------------


def test_counts_agree_across_window_pdf_docx_and_workbook_after_a_sub_action(
    demo: Store, tmp_path: Path
) -> None:
    # GIVEN a sub-action added under action 4 (it used to count as a 30th action in the
    # report while the chart and the dashboard said 29)
    with demo.transaction() as session:
        parent = session.exec(select(Action).where(Action.code == "4")).one()
        action_service.create_action(
            session,
            Actor("test", "test"),
            plan_id=PASSAGE,
            section_id=parent.section_id,
            parent_id=parent.id,
            code="4.1",
            title="Sous-action",
            status=ActionStatus.LATE,
        )
    day = date(2019, 11, 21)
    with demo.session() as session:
        window = status_counts(session, PASSAGE, today=day)
        data = gather(session, ReportOptions(plan_id=PASSAGE, meeting_id=COPIL_2019))
    # THEN the window's count, the report's data, its PDF and Word text and the workbook agree
    assert data.counts == window
    assert sum(data.status_counts.values()) == window.total == 29
    assert len(data.late_actions) == window.late
    pdf = _pdf_text(_build(demo, tmp_path / "r.pdf", meeting_id=COPIL_2019))
    docx = _docx_text(_build(demo, tmp_path / "r.docx", meeting_id=COPIL_2019, format="docx"))
    assert _plan_count(pdf) == _plan_count(docx) == window.total
    late = f"{window.late} sont en retard au 21 novembre 2019"
    assert late in pdf and late in docx
    export_workbook(demo, tmp_path / "w.xlsx", lang="fr")
    summary = openpyxl.load_workbook(tmp_path / "w.xlsx")["Synthèse"]
    row = next(
        r
        for r in summary.iter_rows(min_row=2, values_only=True)
        if r[0] and str(r[0]).startswith("PASSAGE")
    )
    assert row[1] == window.total


def test_the_report_counts_the_value_the_window_counts(demo: Store) -> None:
    # GIVEN a regional observatory's measured inventory for 2015 beside the authority's own
    # (illustrative) residential emissions of the Pays Boulonnais
    indicator, territory = _add_value(
        demo, "cae_1.c", 2015, "999", ObservationKind.MEASURED, ValueOrigin.OBSERVATORY
    )
    with demo.session() as session:
        data = gather(session, ReportOptions(kind="midterm", plan_id=PAYS_BOULONNAIS))
        block = next(b for b in data.indicators if b.indicator.code == "cae_1.c")
        window = indicator_analysis(session, indicator.pk, territory.pk)
    # THEN the report counts the authority's value, as the window does (values.pick): the
    # observatory's stays beside it, never in its place
    counted = block.counting()[2015]
    assert counted == values.pick(block.values)[2015]
    assert counted.origin == ValueOrigin.AUTHORITY and counted.value == Decimal("212.8")
    assert window.values[2015] == float(counted.value)


def test_lateness_is_judged_on_the_meeting_date(demo: Store) -> None:
    # Action 12 ends on 31 March 2020: not late at the committee of 21 November 2019, late at
    # any date after.
    with demo.session() as session:
        at_meeting = gather(session, ReportOptions(plan_id=PASSAGE, meeting_id=COPIL_2019))
        later = gather(session, ReportOptions(plan_id=PASSAGE, today=date(2020, 6, 1)))
        codes_then = {r.action.code for r in at_meeting.late_actions}
        codes_later = {r.action.code for r in later.late_actions}
    assert at_meeting.today == date(2019, 11, 21)
    assert "5" not in codes_then  # "to discuss", due 31 March 2020
    assert "5" in codes_later
    assert at_meeting.counts.late < later.counts.late


def test_meeting_report_uses_agenda_attendees_and_decisions(demo: Store, tmp_path: Path) -> None:
    text = _pdf_text(_build(demo, tmp_path / "r.pdf", meeting_id=COPIL_2019))
    # The cover: committee, date and place.
    assert "Comité de pilotage politique PASSAGE n°2" in text
    assert "21 novembre 2019, Nausicaá, Boulogne-sur-Mer" in text
    # The agenda and the attendees of this meeting.
    assert "Ordre du jour" in text and "Budget et financements" in text
    assert "Représentant(e) de la CUD" in text
    # The follow-up of the previous committee's decisions (the monitoring committee of 2019).
    assert "Suivi des décisions du comité précédent" in text
    assert "Résultats transmis en mai 2019." in text
    # The decisions put to this one, and the next steps.
    assert "Décisions à prendre" in text
    assert "Prolonger au-delà de mars 2020 les actions 1, 2, 10 et 11." in text
    assert "Prochaines étapes" in text


def test_midterm_reports_the_missed_target_and_the_reference_year_value(
    demo: Store, tmp_path: Path
) -> None:
    # Total GHG of the Pays Boulonnais in 2021 (956.1, the sum of its illustrative sectors) is
    # above its 2021 target.
    with demo.session() as session:
        data = gather(session, ReportOptions(kind="midterm", plan_id=PAYS_BOULONNAIS))
        from desktop.services.report_review import missed_targets

        missed = {m.indicator: m for m in missed_targets(data.key_indicators, data.today)}
    total = next(m for name, m in missed.items() if name == "Émissions de gaz à effet de serre")
    assert total.year == 2021 and total.value > total.target
    text = _pdf_text(_build(demo, tmp_path / "m.pdf", kind="midterm", plan_id=PAYS_BOULONNAIS))
    assert "Objectifs de la période manqués" in text
    assert "Aucun objectif de la période n’a été manqué" not in text
    # The reference year's value (2015), not the first value of the series (2010).
    assert "2015 : 1 023,4" in text
    assert "2010 : 1 094" not in text


def test_cotri_report_of_a_plan_without_contract_is_refused(
    demo: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo.session() as session, pytest.raises(NoContractError):
        gather(session, ReportOptions(kind="cotri", plan_id=PASSAGE))
    path = demo.path
    demo.close()
    code = main(
        [
            "report",
            "--db",
            str(path),
            "--kind",
            "cotri",
            "--plan",
            str(PASSAGE),
            "--out",
            str(tmp_path / "c.pdf"),
        ]
    )
    assert code == 2
    assert "pas de contrat COTRI" in capsys.readouterr().err
    assert not (tmp_path / "c.pdf").exists()


def test_cotri_indicators_use_the_contract_targets(demo: Store, tmp_path: Path) -> None:
    text = _pdf_text(_build(demo, tmp_path / "c.pdf", kind="cotri", plan_id=PAYS_BOULONNAIS))
    assert "Indicateurs contractuels" in text
    assert "Objectif du contrat" in text
    assert "Aucun objectif" not in text
    assert "Versement dû selon l’atteinte des objectifs" in text


def test_contract_chart_stops_at_the_contract_end(demo: Store, qtbot: object) -> None:
    from desktop.charts.indicator_chart import IndicatorChart
    from desktop.models import Contract, ContractIndicator, Indicator
    from desktop.services.analysis import analyse, load_points
    from desktop.services.contracts import contract_targets

    with demo.session() as session:
        contract = session.exec(select(Contract)).one()
        ends = []
        for link in session.exec(select(ContractIndicator)):
            targets = contract_targets(
                session, contract.pk, link.indicator_id, contract.territory_id
            )
            assert [t.horizon_year for t in targets] == [2017, 2018, 2019]
            points = [
                p
                for p in load_points(session, link.indicator_id, contract.territory_id)
                if p.year <= contract.period_end
            ]
            analysis = analyse(
                session.get(Indicator, link.indicator_id), contract.territory_id, points, targets
            )
            chart = IndicatorChart(analysis, until_year=contract.period_end)
            for item in chart.series.values():
                xs = getattr(item, "xData", None)
                if xs is not None and len(xs):
                    ends.append(max(xs))
            chart.deleteLater()
    # Nothing drawn past the contract's last year: no pace extrapolated beyond 2019.
    assert ends and max(ends) <= contract.period_end


def test_non_measured_values_print_with_their_mark_and_legend_in_pdf_and_word(
    demo: Store, tmp_path: Path
) -> None:
    # GIVEN the Pays Boulonnais' illustrative series, an estimate of the authority for 2024
    # (consumption) and the observatory's modelled inventory for 2024 (residential emissions)
    _add_value(demo, "cae_2.a", 2024, "3600", ObservationKind.ESTIMATED, ValueOrigin.AUTHORITY)
    _add_value(demo, "cae_1.c", 2024, "180", ObservationKind.MODELLED, ValueOrigin.OBSERVATORY)
    pdf = _pdf_text(_build(demo, tmp_path / "r.pdf", plan_id=PAYS_BOULONNAIS))
    docx = _docx_text(_build(demo, tmp_path / "r.docx", plan_id=PAYS_BOULONNAIS, format="docx"))
    for text in (pdf, docx):
        # THEN each value that is not a measure carries its mark where it is printed ...
        assert "2024 : 3 600 (e)" in text  # the last value of the consumption
        assert "2024 : 180 (m)" in text  # the last value of the residential emissions
        assert "2015 : 1 023,4 (i)" in text  # the GHG total of the reference year
        # ... and the part that used marks ends with their legend
        legend = text[text.index("Marques :") :]
        assert "(m) modélisée (calculée par un modèle" in legend
        assert "(e) estimée" in legend
        assert "(i) illustrative (inventée pour une démonstration" in legend
        assert "Les valeurs sans marque sont mesurées." in legend


def test_cotri_achievements_of_the_demo_print_as_illustrative(demo: Store, tmp_path: Path) -> None:
    # The demo's COTRI achievements are invented: stored illustrative, they print marked in
    # the scorecard and the contractual indicators, with the legend, in PDF and Word alike.
    with demo.session() as session:
        data = gather(session, ReportOptions(kind="cotri", plan_id=PAYS_BOULONNAIS))
    scored = [line for line in data.cotri if line.achieved is not None]
    assert scored and all(line.kind == ObservationKind.ILLUSTRATIVE for line in scored)
    line = scored[0]
    achieved = f"{format_decimal(line.achieved, locale='fr_FR')} (i)".replace("\u202f", " ")
    pdf = _pdf_text(_build(demo, tmp_path / "c.pdf", kind="cotri", plan_id=PAYS_BOULONNAIS))
    docx = _docx_text(
        _build(demo, tmp_path / "c.docx", kind="cotri", plan_id=PAYS_BOULONNAIS, format="docx")
    )
    for text in (pdf, docx):
        scorecard = text[text.index("Bilan des objectifs COTRI") :]
        assert achieved.replace("\u00a0", " ") in scorecard
        assert "(i) illustrative (inventée pour une démonstration" in scorecard
        assert "valeur mesurée de l’année" not in text
        # the overall rate and the payment it decides are made of them: marked too
        assert re.search(r"Réalisation globale : \d+ % \(i\) des objectifs", scorecard)
        payment = text[text.index("Versement dû selon") :]
        assert re.search(r"le versement dû est de \d+ % \(i\) des montants", payment)


def test_the_snbc_reference_of_an_illustrative_inventory_is_marked(
    demo: Store, tmp_path: Path
) -> None:
    # The Pays Boulonnais' simplified SNBC reference starts from its illustrative 2015
    # inventory: the mid-term report marks those values (a measured inventory is not marked:
    # tests/test_reference_report.py)
    text = _pdf_text(_build(demo, tmp_path / "m.pdf", kind="midterm", plan_id=PAYS_BOULONNAIS))
    part = text[text.index("Trajectoire de référence SNBC Horizons") :]
    assert "Résidentiel (cae_1.c) 212,8 (i) 123,4 108,5" in part
    assert "Total (cae_1.a) 1 023,4 (i)" in part
    assert "Total (cae_2.a) 4 002,0 (i)" in part  # on the line from the 2012 total (L100-4)
    assert "(i) illustrative (inventée pour une démonstration" in part


def test_budget_keeps_the_plans_money_apart_from_context(demo: Store) -> None:
    with demo.session() as session:
        budget = gather(session, ReportOptions(plan_id=PASSAGE)).budget
    forecast = BudgetScenario.FORECAST
    # Canal Seine-Nord (130 M€) and the about 25 000 € of action 18: the plan's own.
    assert budget.own.get(forecast, "EUR") == Decimal("130025000")
    assert budget.own.get(forecast, "GBP") is None
    # The port's 5 M€, Triple-A and the LoCASE and Warm Homes programmes: context only.
    assert budget.context.get(forecast, "EUR") == Decimal("5633381.85")
    assert budget.context.get(forecast, "GBP") == Decimal("21800000")
    assert (forecast, "EUR") in budget.own.approximate


def test_currencies_are_added_only_at_a_dated_rate(demo: Store) -> None:
    from desktop.services.budget_overview import Amounts, dated_rates

    with demo.transaction() as session:
        store_settings.put(session, store_settings.CURRENCY_RATES, {"GBP": {"EUR": "1.14"}})
        rates, undated = dated_rates(session)
        budget = gather(session, ReportOptions(plan_id=PASSAGE)).budget
        assert rates == {} and undated == ["GBP"]
        mixed = Amounts()
        mixed.add(BudgetScenario.FORECAST, "EUR", Decimal(100))
        mixed.add(BudgetScenario.FORECAST, "GBP", Decimal(100))
        assert budget.converted(BudgetScenario.FORECAST, mixed) is None
        store_settings.put(
            session,
            store_settings.CURRENCY_RATES,
            {"GBP": {"EUR": "1.14", "as_of": "2018-03-31", "source": "BCE"}},
        )
        budget = gather(session, ReportOptions(plan_id=PASSAGE)).budget
        assert budget.converted(BudgetScenario.FORECAST, mixed) == Decimal("214")


def test_budget_part_shows_scenarios_funders_and_plain_pound(demo: Store, tmp_path: Path) -> None:
    text = _pdf_text(_build(demo, tmp_path / "b.pdf", plan_id=PASSAGE))
    assert "Engagements propres du plan" in text
    assert "Prévisionnel Engagé Réalisé" in text
    assert "Par financeur" in text and "Par axe" in text
    assert "Montants cités pour mémoire" in text
    assert "environ 21 800 000 £" in text
    assert "£GB" not in text


def test_tet_export_keeps_pounds_as_written_and_warns(
    demo: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.reports.tet_export import export_tet

    warnings: list[str] = []
    out = tmp_path / "tet.xlsx"
    export_tet(demo, out, plan_id=PASSAGE, warnings=warnings)
    assert any("18 800 000 £" in w.replace("\u202f", " ").replace("\u00a0", " ") for w in warnings)
    sheet = openpyxl.load_workbook(out).active
    funding_texts = " ".join(str(c.value) for c in sheet["Q"] if c.value)
    assert "environ 3 000 000 £" in funding_texts.replace("\u202f", " ").replace("\u00a0", " ")


def test_action_sheet_is_a_real_fiche_action(demo: Store, tmp_path: Path) -> None:
    text = _pdf_text(_build(demo, tmp_path / "s.pdf", plan_id=PASSAGE, include_action_sheets=True))
    sheets = text[text.index("Fiches action") :]
    assert "Budget par année" in sheets and "Financement" in sheets
    assert "environ 25 000 €" in sheets  # "environ 25 000€" (action 18)
    assert "69 à 80 %" in sheets  # action 9's rate range
    assert "Mesuré 15 à 21 %" in sheets  # action 18's fuel gain, a range as the plan writes it
    assert "Possibilité étudiée" in sheets
    assert "Dans un budget existant" in sheets  # action 10, PASSAGE project
    # Dates once, as precise as the plan writes them (months), then the calendar as written
    # when it says more.
    assert "avril 2018 – mars 2020" in sheets
    assert "1er avril 2018" not in sheets
    with demo.session() as session:
        data = gather(session, ReportOptions(plan_id=3))
        assert any(r.factors for r in data.actions)
    text = _pdf_text(_build(demo, tmp_path / "mrn.pdf", plan_id=3, include_action_sheets=True))
    assert "Freins" in text and "Leviers" in text


# ---- typography, plurals, names, fonts, metadata -----------------------------------------


def test_french_typography() -> None:
    with i18n.language("fr"):
        assert period_text(date(2018, 4, 1), date(2020, 3, 31)) == (
            "du 1er avril 2018 au 31 mars 2020"
        )
        assert period_text(None, date(2026, 12, 31)) == "jusqu’au 31 décembre 2026"
        assert period_text(date(2018, 1, 1), None) == "à partir du 1er janvier 2018"
        assert i18n._("Desired trend: {direction}").format(direction=i18n._("rise")) == (
            "Évolution souhaitée\u00a0: hausse"
        )
        assert i18n._("Points of vigilance") == "Points de vigilance"
        assert i18n.format_currency(Decimal(3), "GBP") == "3,00\u00a0£"
    with i18n.language("en"):
        assert period_text(date(2018, 4, 1), None) == "from 1 April 2018 on"


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("fr", "Le plan compte 1 action", "Le plan compte 2 actions"),
        ("en", "The plan counts 1 action", "The plan counts 2 actions"),
        ("nl", "Het plan telt 1 actie", "Het plan telt 2 acties"),
    ],
)
def test_plurals_in_every_language(lang: str, one: str, two: str) -> None:
    with i18n.language(lang):
        forms = ("The plan counts {n} action", "The plan counts {n} actions")
        assert i18n.ngettext(*forms, 1).format(n=1) == one
        assert i18n.ngettext(*forms, 2).format(n=2) == two


def test_file_names_are_in_the_reports_language() -> None:
    day = date(2019, 11, 21)
    assert report_file_name("committee", "pdf", "fr", day) == (
        "rapport-au-comite-de-pilotage-2019-11-21.pdf"
    )
    assert report_file_name("committee", "docx", "en", day).startswith("steering-committee")
    assert report_file_name("midterm", "pptx", "nl", day).endswith("-2019-11-21.pptx")
    assert report_file_name("midterm", "pptx", "nl", day) != report_file_name(
        "midterm", "pptx", "en", day
    )


def test_pdf_embeds_every_font_and_carries_its_metadata(demo: Store, tmp_path: Path) -> None:
    path = _build(demo, tmp_path / "r.pdf", meeting_id=COPIL_2019, language="en")
    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert reader.metadata.title.startswith("Steering committee report: PASSAGE")
    assert reader.metadata.author
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"


def test_logo_is_a_store_setting_printed_on_the_cover(demo: Store, tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (30, 90, 140)).save(picture)
    not_a_picture = tmp_path / "logo.txt"
    not_a_picture.write_text("hello", encoding="utf-8")
    with demo.transaction() as session:
        with pytest.raises(ValidationError):
            store_settings.set_logo(session, not_a_picture)
        store_settings.set_logo(session, picture)
    pdf = _build(demo, tmp_path / "r.pdf", meeting_id=COPIL_2019)
    first = PdfReader(pdf).pages[0]
    images = [
        r
        for r in first["/Resources"]["/XObject"].values()
        if r.get_object()["/Subtype"] == "/Image"
    ]
    assert images
    docx = Document(str(_build(demo, tmp_path / "r.docx", meeting_id=COPIL_2019, format="docx")))
    assert docx.inline_shapes  # the logo on the cover


# ---- every kind, every plan, every language; editable and presentable versions ----------


SUMMARY = {"fr": "Synthèse", "en": "Executive summary", "nl": "Samenvatting"}


@pytest.mark.parametrize("lang", ["fr", "en", "nl"])
def test_every_kind_of_every_demo_plan(demo: Store, tmp_path: Path, lang: str) -> None:
    """Every kind of report of every demo plan, in each language: the content of each, and the
    PDF of each in French (the writers do not depend on the language)."""
    from desktop.reports.build import content

    for plan in (1, 2, 3, 4):
        for kind in ("committee", "midterm", "cotri"):
            options = ReportOptions(
                plan_id=plan,
                kind=kind,
                language=lang,
                include_charts=False,
                include_action_sheets=False,
            )
            with i18n.language(lang), demo.session() as session:
                if kind == "cotri" and plan != PAYS_BOULONNAIS:
                    with pytest.raises(NoContractError):
                        gather(session, options)
                    continue
                _cover, parts, _notes = content(session, gather(session, options))
            titles = [p.title for p in parts]
            assert SUMMARY[lang] in titles
            assert all(p.blocks for p in parts), titles
            if lang == "fr":
                out = _build(demo, tmp_path / f"{plan}-{kind}.pdf", plan_id=plan, kind=kind)
                assert len(PdfReader(out).pages) > 2


def test_word_and_slides_read_back(demo: Store, tmp_path: Path, artifacts: Path) -> None:
    """One generation per format with its charts; the same figures in each."""
    options = {"meeting_id": COPIL_2019, "include_charts": True}
    pdf = _build(demo, artifacts / "committee-demo.pdf", **options)
    docx_path = _build(demo, artifacts / "committee-demo.docx", format="docx", **options)
    pptx_path = _build(demo, artifacts / "committee-demo.pptx", format="pptx", **options)
    with demo.session() as session:
        counts = status_counts(session, PASSAGE, today=date(2019, 11, 21))
    # Word: real headings, tables and the charts as pictures.
    document = Document(str(docx_path))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    for title in (
        "Ordre du jour",
        "Synthèse",
        "Avancement par axe",
        "Budget",
        "Points de vigilance",
        "Décisions à prendre",
        "Prochaines étapes",
    ):
        assert title in headings
    assert len(document.tables) > 10
    # The status chart; the strait's study gives activities, not the regulatory sectors, so
    # PASSAGE's report draws no emissions by sector.
    assert len(document.inline_shapes) >= 1
    assert document.core_properties.language == "fr-FR"
    assert _plan_count(_docx_text(docx_path)) == _plan_count(_pdf_text(pdf)) == counts.total
    # Slides: a title slide, one slide per section, charts as pictures, figures in the notes.
    deck = Presentation(str(pptx_path))
    titles = [
        next((s.text_frame.text for s in slide.shapes if s.has_text_frame), "")
        for slide in deck.slides
    ]
    for title in ("Ordre du jour", "Synthèse", "Budget", "Décisions à prendre"):
        assert title in titles
    summary = deck.slides[titles.index("Synthèse")]
    assert any(shape.shape_type == 13 for shape in summary.shapes)  # a picture
    notes = summary.notes_slide.notes_text_frame.text
    assert f"Le plan compte {counts.total} actions" in notes
    assert "Fiches action" not in titles  # annexes stay in the documents
    # Every picture is a real image.
    from PIL import Image

    for shape in document.inline_shapes:
        embed = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        Image.open(BytesIO(document.part.related_parts[embed].blob)).verify()


def test_a_registered_part_appears_in_every_format(demo: Store, tmp_path: Path) -> None:
    from desktop.reports import registry
    from desktop.reports.content import Part, Text

    def extra(ctx: object) -> list[Part]:
        return [
            Part("extra", "Trajectoire SNBC", [Text("Comparaison par secteur")], notes=["SNBC"])
        ]

    saved = {k: list(v) for k, v in registry.LAYOUTS.items()}
    try:
        registry.register("extra", extra, kinds={"committee": "budget", "midterm": None})
        assert registry.LAYOUTS["committee"].index("extra") == (
            registry.LAYOUTS["committee"].index("budget") + 1
        )
        assert "Trajectoire SNBC" in _pdf_text(_build(demo, tmp_path / "r.pdf", plan_id=1))
        assert "Trajectoire SNBC" in _docx_text(
            _build(demo, tmp_path / "r.docx", plan_id=1, format="docx")
        )
        deck = Presentation(str(_build(demo, tmp_path / "r.pptx", plan_id=1, format="pptx")))
        assert any(
            "Trajectoire SNBC" in s.text_frame.text
            for slide in deck.slides
            for s in slide.shapes
            if s.has_text_frame
        )
    finally:
        registry.LAYOUTS.update(saved)
        registry.PARTS.pop("extra", None)


def test_the_key_indicators_slide_shows_its_table(demo: Store, tmp_path: Path) -> None:
    # The part chooses a heading and its table kept together for its slide
    deck = Presentation(
        str(_build(demo, tmp_path / "pb.pptx", plan_id=PAYS_BOULONNAIS, format="pptx"))
    )
    slide = next(
        s
        for s in deck.slides
        if any(
            sh.has_text_frame
            and sh.text_frame.text == "Indicateurs clés au regard de leurs objectifs"
            for sh in s.shapes
        )
    )
    tables = [sh.table for sh in slide.shapes if sh.has_table]
    assert tables and tables[0].cell(1, 0).text == "Émissions de gaz à effet de serre"
