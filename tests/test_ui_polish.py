"""Finishing touches seen on screenshots, checked so they stay: the action editor's sections on
one row (all in sight with the sheet at full width at 1200x780 in French and Dutch),
organisation columns as wide as their headers, acronyms explained where they appear, COTRI
chart labels apart, sector keys never clipped."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget
from sqlmodel import select
from support.demo_screens import show_demo_window

from desktop import i18n, labels
from desktop.charts.cotri_chart import CotriChart
from desktop.charts.sector_chart import SectorChart
from desktop.labels import term_explanation
from desktop.models import Action, Direction, IndicatorCategory
from desktop.models.reference import SECTORS
from desktop.services.analysis import YearlyBreakdown
from desktop.services.contracts import Achievement, IndicatorAchievement, YearAchievement
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.context import AppContext
from desktop.ui.item_models.action_table import TITLE
from desktop.ui.views.actions import TITLE_FLOOR, ActionListView


@pytest.fixture
def demo_context(demo_store: Store) -> AppContext:
    return AppContext(demo_store, UserSettings(user_name="Camille"))


def _in_sight(widget: QWidget, window: QWidget) -> bool:
    """Shown whole: inside the window and not clipped by a scroll area or a splitter."""
    corner = widget.mapTo(window, QPoint(0, 0))
    inside = window.rect().contains(QRect(corner, widget.size()))
    return widget.isVisible() and inside and widget.visibleRegion().boundingRect() == widget.rect()


def _section_with_own_mnemonic(window: QWidget, buttons: list[QPushButton]) -> int:
    """The index of a section whose Alt+letter no other visible widget or menu uses."""
    texts = [
        widget.text()
        for widget in window.findChildren(QWidget)
        if isinstance(widget, (QAbstractButton, QLabel)) and widget.isVisible()
    ]
    texts += [action.text() for action in window.menuBar().actions()]
    keys = [QKeySequence.mnemonic(text) for text in texts]
    for index in reversed(range(1, len(buttons))):
        own = QKeySequence.mnemonic(buttons[index].text())
        if not own.isEmpty() and keys.count(own) == 1:
            return index
    raise AssertionError("every section's letter is used elsewhere")


# -- 1. the action editor's sections ----------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "nl", "pseudo"])
def test_every_action_section_in_sight_and_reachable_from_the_keyboard(
    qtbot: Any, speak: Any, demo_store: Store, artifacts: Path, language: str
) -> None:
    # GIVEN the main window at 1200x780 and an action open in the editor
    speak(language)
    window = show_demo_window(qtbot, demo_store, language, (1200, 780))
    window.activateWindow()
    assert window.navigate("actions")
    view = window.findChildren(ActionListView)[0]
    with demo_store.session() as session:
        action_id = session.exec(select(Action.id).order_by(Action.id)).first()
    assert action_id is not None
    view.open_action(action_id)
    qtbot.wait(20)
    editor = view.editor
    sections = editor.tabs
    assert sections.count() == 9
    # THEN beside the list the sections keep one row: those that do not fit are in "More"
    shown = [b for b in sections.buttons if b.isVisible()]
    assert len({b.y() for b in shown}) == 1
    more = sections.bar.more
    assert more.isVisible() == (len(shown) < 9)
    assert [a.text() for a in sections.bar.menu.actions()] == [
        b.text() for b in sections.buttons if not b.isVisible()
    ]
    # and with the sheet across the whole view, all nine are in sight on that one row (the
    # pseudo-language, 40 % longer, still keeps one row and lists the rest under "More")
    view.set_sheet_full_width(True)
    qtbot.wait(20)
    in_row = [b for b in sections.buttons if b.isVisible()]
    for button in in_row:
        assert _in_sight(button, window), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert len({b.y() for b in in_row}) == 1
    if language != "pseudo":
        assert len(in_row) == 9 and not more.isVisible()
    # and the editor does not push past the window (no sideways scrolling of the view)
    right = editor.mapTo(window, QPoint(editor.width(), 0)).x()
    assert right <= window.width()
    window.grab().save(str(artifacts / f"polish_action_sections_{language}.png"))

    # WHEN moving between sections from the keyboard, as on tabs
    title = editor.fields["title"]
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(title, Qt.Key.Key_PageDown, ctrl)
    assert sections.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Tab, ctrl)
    assert sections.currentIndex() == 2
    qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_PageUp, ctrl)
    assert sections.currentIndex() == 1
    qtbot.keyClick(sections.buttons[1], Qt.Key.Key_PageUp, ctrl)
    qtbot.keyClick(sections.buttons[1], Qt.Key.Key_PageUp, ctrl)  # round to the last one
    assert sections.currentIndex() == 8
    # Alt+1 to Alt+9 open the sections in order, leaving every Alt+letter to the fields
    for number in (7, 3, 1):
        qtbot.keyClick(
            sections.buttons[0], getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier
        )
        qtbot.waitUntil(lambda n=number: sections.currentIndex() == n - 1)
        assert sections.currentWidget().isVisible()
    assert all(QKeySequence.mnemonic(b.text()).isEmpty() for b in sections.buttons)
    # beside the list again, the chosen section takes a place in the row
    view.set_sheet_full_width(False)
    qtbot.keyClick(sections.buttons[0], Qt.Key.Key_9, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: sections.currentIndex() == 8)
    assert sections.buttons[8].isVisible()


def test_the_action_titles_stay_readable_beside_the_editor(
    qtbot: Any, demo_context: AppContext, artifacts: Path
) -> None:
    # GIVEN the action list opened on its own at 1400x820, then an action opened in it
    view = ActionListView(demo_context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.resize(1400, 820)
    with demo_context.store.session() as session:
        action_id = session.exec(select(Action.id).order_by(Action.id)).first()
    assert action_id is not None
    view.open_action(action_id)
    qtbot.wait(20)
    # THEN the editor has room for its form, and keeps it when the window grows
    assert view.editor.width() >= 300
    before = view.editor.width()
    view.resize(1600, 820)
    qtbot.waitUntil(lambda: view.editor.width() > before)
    # the title column keeps a readable width (the list scrolls sideways past it)
    assert view.table.columnWidth(TITLE) >= TITLE_FLOOR
    # and a filter's long choices do not set the list's minimum width: they are shortened
    # with an ellipsis when the combo is narrower than them
    combo = view.partner_filter
    longest = max(
        combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())
    )
    assert combo.minimumSizeHint().width() < longest
    view.grab().save(str(artifacts / "polish_action_list_beside_editor.png"))


def test_sections_keep_the_tab_widget_calls(qtbot: Any) -> None:
    from desktop.ui.editors.section_pages import SectionPages

    pages = SectionPages()
    qtbot.addWidget(pages)
    first, second = QWidget(), QWidget()
    assert pages.addTab(first, "&One") == 0
    assert pages.addTab(second, "&Two") == 1
    changes: list[int] = []
    pages.currentChanged.connect(changes.append)
    pages.setCurrentWidget(second)
    assert pages.currentWidget() is second and pages.indexOf(first) == 0
    assert pages.buttons[1].isChecked() and not pages.buttons[0].isChecked()
    pages.buttons[0].click()
    assert pages.currentIndex() == 0 and changes == [1, 0]
    assert pages.tabText(1) == "Two"  # sections open with Alt+1, Alt+2...: no mnemonic


# -- 2. the sector key --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(560, 290), (880, 290), (1200, 700)])
def test_sector_key_shows_every_full_name_within_the_chart(
    qtbot: Any, artifacts: Path, size: tuple[int, int]
) -> None:
    i18n.set_language("pseudo")
    years = [2012, 2014, 2016, 2018]
    data = YearlyBreakdown(
        IndicatorCategory.GHG_EMISSIONS,
        "kteqCO2",
        years,
        list(SECTORS),
        {s: [100.0 + 10 * i for _y in years] for i, s in enumerate(SECTORS)},
    )
    chart = SectorChart(data, "By sector", "Emissions")
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab().save(str(artifacts / f"polish_sector_key_{size[0]}.png"))
    label = chart.plot.titleLabel
    document = label.item.document()
    text = document.toPlainText()
    for sector in SECTORS:
        assert labels.legend_label(sector) in text  # named in full, never elided
    # No line runs past the width it was wrapped to, and the key fits the plot's width
    assert label.item.textWidth() > 0
    assert document.size().width() <= label.item.textWidth() + 1
    assert label.item.textWidth() <= chart.plot.width()
    # nor past the title's row: the whole key is shown above the plot
    assert label.item.boundingRect().height() <= chart.plot.layout.rowMinimumHeight(0) + 0.5
    assert chart.legend is None  # nothing drawn over the bars


# -- 3. organisation columns --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "pseudo"])
def test_organisation_columns_at_least_as_wide_as_their_header(
    qtbot: Any, demo_context: AppContext, language: str
) -> None:
    from desktop.ui.views.organisations import NAME_WIDTH, OrganisationsView

    i18n.set_language(language)
    view = OrganisationsView(demo_context)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    header = view.table.horizontalHeader()
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # the style sheet's weight for headers
    metrics = QFontMetrics(font)
    for column in range(1, view.table.columnCount()):
        text = view.table.horizontalHeaderItem(column).text()
        assert view.table.columnWidth(column) >= metrics.horizontalAdvance(text) + 12, text
    # the names stay readable beside them
    assert view.table.columnWidth(0) >= NAME_WIDTH


# -- 4. acronyms explained ----------------------------------------------------------------------


def test_cotri_explained_on_the_dashboard_tile_and_contract_heading(
    qtbot: Any, demo_context: AppContext
) -> None:
    from desktop.ui.views.contracts import ContractView
    from desktop.ui.views.dashboard import DashboardView

    i18n.set_language("en")
    explanation = term_explanation("COTRI")
    assert explanation
    dashboard = DashboardView(demo_context)
    qtbot.addWidget(dashboard)
    tile = dashboard.tiles["cotri"].title_label
    assert tile.toolTip() == explanation
    assert tile.accessibleDescription() == explanation
    assert dashboard.tiles["status"].title_label.toolTip() == ""  # no acronym there
    contracts = ContractView(demo_context)
    qtbot.addWidget(contracts)
    assert contracts.heading.toolTip() == explanation
    assert contracts.heading.accessibleDescription() == explanation


@pytest.mark.parametrize("language", ["nl", "pseudo"])
def test_report_kinds_explain_pcaet_and_cotri(
    qtbot: Any, demo_context: AppContext, artifacts: Path, language: str
) -> None:
    from desktop.ui.dialogs.report_dialog import ReportDialog

    i18n.set_language(language)
    dialog = ReportDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(artifacts / f"polish_report_dialog_{language}.png"))
    kinds = {dialog.kind.itemData(i): i for i in range(dialog.kind.count())}
    tip = Qt.ItemDataRole.ToolTipRole
    assert dialog.kind.itemData(kinds["cotri"], tip) == term_explanation("COTRI")
    assert dialog.kind.itemData(kinds["midterm"], tip) == term_explanation("PCAET")
    assert dialog.kind.itemData(kinds["committee"], tip) == term_explanation("PCAET")
    dialog.kind.setCurrentIndex(kinds["cotri"])
    assert dialog.kind.toolTip() == term_explanation("COTRI")
    assert dialog.kind.accessibleDescription() == term_explanation("COTRI")
    dialog.kind.setCurrentIndex(kinds["midterm"])
    assert dialog.kind.toolTip() == term_explanation("PCAET")


# -- 5. COTRI chart labels ----------------------------------------------------------------------


def _card(rates: list[float]) -> Achievement:
    return Achievement(
        1,
        "COTRI du Pays",
        (2019, 2022),
        [
            IndicatorAchievement(
                i,
                i,
                f"C{i}",
                f"Indicateur {i}",
                "u",
                Direction.HIGHER_IS_BETTER,
                Decimal(1),
                [YearAchievement(2019, Decimal(200), 200 * Decimal(str(r)), Decimal(str(r)))],
            )
            for i, r in enumerate(rates)
        ],
    )


def _text_rect(item: pg.TextItem) -> Any:
    margin = item.textItem.document().documentMargin()
    inner = item.textItem.boundingRect().adjusted(margin, margin, -margin, -margin)
    return item.textItem.mapRectToScene(inner)


@pytest.mark.parametrize("size", [(560, 290), (1200, 700)])
def test_cotri_labels_never_overlap(qtbot: Any, artifacts: Path, size: tuple[int, int]) -> None:
    i18n.set_language("fr")
    # The first bar (drawn at the top) ends just under the target, where its word used to be.
    chart = CotriChart(_card([0.97, 0.5, 1.3, 0.8, 0.2, 1.0, 0.6, 0.9]))
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab().save(str(artifacts / f"polish_cotri_{size[0]}.png"))
    view_box = chart.plot.getViewBox().sceneBoundingRect()
    texts = [item for item in chart.plot.items if isinstance(item, pg.TextItem)]
    assert len(texts) == 8
    # The words' own rectangles: without the margin around a text item's document
    rects = [_text_rect(item) for item in texts]
    # The target is named once, above the plot, at the line
    top = chart.plot.getAxis("top")
    assert top.isVisible()
    assert [name for _pos, name in top._tickLevels[0]] == [i18n._("target")]
    line = chart.series["target_line"]
    in_line = getattr(line, "label", None)
    if in_line is not None:
        rects.append(in_line.sceneBoundingRect())
    rects.append(top.sceneBoundingRect())
    for index, rect in enumerate(rects):
        for other in rects[index + 1 :]:
            assert not rect.intersects(other), (rect, other)
    for rect in rects[:8]:
        assert view_box.contains(rect)  # values inside the plot, the target's word outside


def test_a_check_box_sentence_wraps_and_toggles_the_box(qtbot: Any) -> None:
    from PySide6.QtWidgets import QCheckBox

    from desktop.ui.editors.fields import WrappedCheck

    box = QCheckBox()
    sentence = "This action recurs every year, " * 4
    check = WrappedCheck(box, sentence)
    qtbot.addWidget(check)
    check.resize(160, 120)
    check.show()
    qtbot.waitExposed(check)
    # Narrower than its sentence on one line: the sentence wraps instead of widening it
    assert check.minimumSizeHint().width() < QFontMetrics(check.font()).horizontalAdvance(sentence)
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    assert box.accessibleName() == sentence
