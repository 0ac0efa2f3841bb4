"""The PDF committee report: text, numbers per language, page numbers, escaping, metadata,
kinds, "since the last committee", and the CLI."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

# The synthetic plan lives with the benchmarks (bench/ is not a package on pytest's path).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_report import build_sample
from desktop import i18n
from desktop.cli.main import main
from desktop.models import Action, ActionStatus, Indicator, Meeting, MeetingKind, ReportSnapshot
from desktop.reports.pdf import build_report, chart_module
from desktop.services import actions as action_service
from desktop.services import changes, indicators
from desktop.services.changes import Actor
from desktop.services.report_data import ReportOptions
from desktop.store import Store

MARKUP_TITLE = "Soutenir <b>les</b> coopératives & l'œuvre collective"


@pytest.fixture
def sample(store: Store, actor: Actor) -> dict[str, int]:
    ids = build_sample(store, actor, actions=9, indicators_count=10)
    with store.transaction() as session:
        indicator = session.get(Indicator, ids["indicator"])
        assert indicator is not None
        # A value whose formatting differs by language: "1 234,5" / "1,234.5".
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=ids["territory"],
            year=2011,
            value=Decimal("1234.5"),
        )
    return ids


def _image_count(path: Path) -> int:
    """Image XObjects of the pages, counted without decoding them."""
    count = 0
    for page in PdfReader(path).pages:
        xobjects = page["/Resources"].get("/XObject")
        if xobjects is not None:
            count += sum(
                1
                for ref in xobjects.get_object().values()
                if ref.get_object().get("/Subtype") == "/Image"
            )
    return count


def _page_one(lang: str) -> str:
    """The footer of the first page in ``lang``: "page 1 /" in English, "pagina 1 /" in Dutch."""
    with i18n.language(lang):
        return i18n._("page {number} / {total}").format(number=1, total="").strip().lower()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    # Table cells wrap long titles over several lines; compare words, not line breaks.
    return " ".join(text.replace("\u202f", "\u00a0").split(" ")).replace("\n", " ")


def _report(store: Store, ids: dict[str, int], out: Path, **options: object) -> Path:
    # Charts only where they are the subject: they need Qt and take most of the time.
    values: dict[str, object] = {
        "plan_id": ids["plan"],
        "meeting_id": ids["meeting"],
        "include_charts": False,
    }
    values.update(options)
    build_report(store, ReportOptions(**values), out)  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(
    ("lang", "number"), [("fr", "1\u202f234,5"), ("en", "1,234.5"), ("nl", "1.234,5")]
)
def test_text_has_titles_numbers_and_page_numbers(
    store: Store, sample: dict[str, int], tmp_path: Path, lang: str, number: str
) -> None:
    path = _report(store, sample, tmp_path / f"r-{lang}.pdf", language=lang)
    text = _text(path)
    with i18n.language(lang):
        assert i18n.format_number(Decimal("1234.5")) == number
    assert number in text
    assert _page_one(lang) in text.lower()
    flat = " ".join(text.split())
    with store.session() as session:
        titles = [a.title for a in session.exec(select(Action))]
    for title in titles:
        assert " ".join(title.split()) in flat
    # The other language's formatting is not there.
    if lang == "fr":
        assert "1,234.5" not in text


def test_title_with_markup_prints_as_written(
    store: Store, sample: dict[str, int], tmp_path: Path
) -> None:
    text = " ".join(_text(_report(store, sample, tmp_path / "m.pdf")).split())
    assert MARKUP_TITLE in text


def test_metadata_and_embedded_font(store: Store, sample: dict[str, int], tmp_path: Path) -> None:
    reader = PdfReader(_report(store, sample, tmp_path / "meta.pdf", language="en"))
    meta = reader.metadata
    assert meta is not None
    assert "Steering committee report" in (meta.title or "")
    assert "Plan climat 2020-2026" in (meta.title or "")
    assert meta.author
    assert "Pays Boulonnais" in (meta.subject or "")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages[:4]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("SourceSansPro" in name for name in fonts)
    # The outline mirrors the table of contents.
    assert any(
        "Executive summary" in str(item.title) for item in reader.outline if hasattr(item, "title")
    )


def test_charts_are_images_or_a_note(
    qapp: object, store: Store, sample: dict[str, int], tmp_path: Path
) -> None:
    # ``qapp``: the charts draw with Qt; pytest-qt's application outlives every widget.
    path = _report(store, sample, tmp_path / "c.pdf", language="en", include_charts=True)
    images = _image_count(path)
    if chart_module() is None:
        assert "Charts are not included" in _text(path)
    else:
        assert images >= 3


def test_no_charts_option(store: Store, sample: dict[str, int], tmp_path: Path) -> None:
    path = _report(store, sample, tmp_path / "nc.pdf", language="en", include_charts=False)
    assert _image_count(path) == 0
    assert "Charts are not included" not in _text(path)


def test_page_count_grows_with_actions(store: Store, actor: Actor, tmp_path: Path) -> None:
    small = build_sample(store, actor, actions=4, indicators_count=2)
    first = len(PdfReader(_report(store, small, tmp_path / "a.pdf", language="en")).pages)
    with store.transaction() as session:
        for index in range(40):
            action_service.create_action(
                session,
                actor,
                plan_id=small["plan"],
                title=f"Extra action {index}",
                description="x " * 80,
            )
    second = len(PdfReader(_report(store, small, tmp_path / "b.pdf", language="en")).pages)
    assert second > first + 30  # one sheet per action at least
    without_sheets = len(
        PdfReader(
            _report(store, small, tmp_path / "c.pdf", language="en", include_action_sheets=False)
        ).pages
    )
    assert without_sheets < second - 30


def test_sections_option_keeps_only_those(
    store: Store, sample: dict[str, int], tmp_path: Path
) -> None:
    text = _text(
        _report(
            store,
            sample,
            tmp_path / "s.pdf",
            language="en",
            section_codes=("2",),
            include_action_sheets=False,
        )
    )
    assert "2 Énergies renouvelables" in text
    assert "1 Sobriété et efficacité énergétique" not in text


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (
            "midterm",
            (
                "PCAET mid-term report",
                "Proposed adjustments",
                "Actions carried out",
                "Indicators against targets and trajectory",
            ),
        ),
        ("cotri", ("COTRI yearly report", "COTRI scorecard", "Actions behind it")),
    ],
)
def test_report_kinds(
    store: Store, sample: dict[str, int], tmp_path: Path, kind: str, words: tuple[str, ...]
) -> None:
    text = _text(_report(store, sample, tmp_path / f"{kind}.pdf", language="en", kind=kind))
    for word in words:
        assert word in text


def test_since_last_committee_lists_changes(
    store: Store, sample: dict[str, int], actor: Actor, tmp_path: Path
) -> None:
    first = _text(_report(store, sample, tmp_path / "1.pdf", language="en"))
    assert "This is the first report of this plan" in first
    with store.transaction() as session:
        action = session.exec(select(Action).where(Action.code == "1")).one()
        action_service.update_action(session, actor, action, {"status": ActionStatus.DONE})
        indicator = session.get(Indicator, sample["indicator"])
        assert indicator is not None
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=sample["territory"],
            year=2024,
            value=Decimal("777.25"),
        )
        later = changes.create(
            session,
            Meeting(
                territory_id=sample["territory"],
                plan_id=sample["plan"],
                held_on=date(2024, 11, 20),
                kind=MeetingKind.STEERING,
                title="Comité de pilotage n°4",
            ),
            actor,
        )
        later_id = later.id
    second = _text(
        _report(store, {**sample, "meeting": later_id or 0}, tmp_path / "2.pdf", language="en")
    )
    assert "Comité de pilotage n°3" in second  # the previous committee is named
    assert "Status changes" in second and "Actions finished" in second
    assert "777.25" in second
    with store.session() as session:
        assert len(session.exec(select(ReportSnapshot)).all()) == 2


def test_demo_report(store: Store, tmp_path: Path) -> None:
    from desktop.services import demo

    demo.create_demo_store(store)
    result = build_report(store, ReportOptions(language="fr"), tmp_path / "demo.pdf")
    assert result.pages > 5
    assert _page_one("fr") in _text(result.path).lower()


def test_cli_report(
    store: Store,
    sample: dict[str, int],
    tmp_path: Path,
    artifacts: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = store.path
    assert db is not None
    store.close()
    out = artifacts / "report-committee-en.pdf"
    code = main(
        [
            "report",
            "--db",
            str(db),
            "--out",
            str(out),
            "--lang",
            "en",
            "--meeting",
            str(sample["meeting"]),
            "--no-action-sheets",
            "--no-charts",
        ]
    )
    assert code == 0
    assert out.exists() and "pages" in capsys.readouterr().out
    code = main(["report", "--db", str(db), "--out", str(tmp_path / "x.pdf"), "--meeting", "999"])
    assert code == 2
    assert "999" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
