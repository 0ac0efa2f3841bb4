"""Chart kinds and report kinds are one registry entry each: the command line offers the
registries' names, every registered chart kind draws, every report kind is written in each of
its formats, and the dashboard has a tile for each kind that names one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support.calaisis import Ids

from bench.bench_report import build_sample
from desktop import i18n
from desktop.charts import registry as chart_kinds
from desktop.charts.base import ChartWidget
from desktop.cli.main import build_parser
from desktop.reports import kinds as report_kinds
from desktop.reports import registry as report_parts
from desktop.reports.build import build_report
from desktop.services.changes import Actor
from desktop.services.report_data import ReportOptions
from desktop.store import Store


def _choices(command: str, option: str) -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    action = next(a for a in sub.choices[command]._actions if option in a.option_strings)
    assert action.choices is not None
    return list(action.choices)


def test_the_command_line_offers_the_registries_names() -> None:
    assert _choices("chart", "--kind") == list(chart_kinds.KINDS)
    assert _choices("report", "--kind") == list(report_kinds.KINDS)
    assert _choices("report", "--format") == list(report_kinds.FORMATS)


def test_every_chart_kind_names_a_widget_of_its_scope() -> None:
    for kind in chart_kinds.KINDS.values():
        widget = kind.widget_class()
        assert issubclass(widget, ChartWidget), kind.key
        assert widget.from_store is not ChartWidget.from_store, kind.key
        assert kind.scope in ("territory", "plan", "contract")


def test_the_dashboard_has_a_tile_for_each_kind_that_names_one(
    context: Any,
    demo: Ids,
    qtbot: Any,
) -> None:
    from desktop.ui.views.dashboard import DashboardView

    view = DashboardView(context)
    qtbot.addWidget(view)
    tiles = chart_kinds.dashboard_tiles()
    assert set(view.charts) == set(tiles)
    for key, kind in tiles.items():
        assert isinstance(view.charts[key], kind.widget_class()), key


def test_every_report_part_of_every_kind_is_registered() -> None:
    for kind in report_kinds.KINDS.values():
        assert set(kind.parts) <= set(report_parts.PARTS), kind.key
        assert set(kind.formats) <= set(report_kinds.FORMATS), kind.key
        assert report_parts.LAYOUTS[kind.key] == list(kind.parts)


@pytest.mark.parametrize("kind", list(report_kinds.KINDS))
def test_every_report_kind_is_written_in_each_of_its_formats(
    store: Store, actor: Actor, tmp_path: Path, kind: str
) -> None:
    ids = build_sample(store, actor, actions=3, indicators_count=3)
    for fmt in report_kinds.KINDS[kind].formats:
        out = tmp_path / f"{kind}.{fmt}"
        options = ReportOptions(
            kind=kind, format=fmt, language="en", plan_id=ids["plan"],
            meeting_id=ids["meeting"], include_charts=False,
        )  # fmt: skip
        result = build_report(store, options, out, record=False)
        assert out.stat().st_size > 0 and result.pages > 0 and result.format == fmt
        if fmt == "pdf":
            text = PdfReader(out).pages[0].extract_text() or ""
            with i18n.language("en"):
                assert report_kinds.title(kind) in text
