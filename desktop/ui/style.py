"""The light, sober look of the application, built from the one palette the reports and charts
use (``desktop.palette``), and the SVG icons of ``resources/icons`` (sharp at any scale)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from .. import palette, paths

SELECTION = "#d6e9f0"  # a pale tint of the accent, readable under INK text
DISABLED_INK = "#9aa5b1"  # clearly lighter than MUTED_INK, so disabled commands read as such


def prepare_high_dpi() -> None:
    """Call before the QApplication exists: fractional scale factors (125 %, 150 %) are used as
    they are, so the SVG icons and text are not rounded to a blurry or oversized size."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def build_palette() -> QPalette:
    colours = QPalette()
    role = QPalette.ColorRole
    colours.setColor(role.Window, QColor(palette.PANEL))
    colours.setColor(role.WindowText, QColor(palette.INK))
    colours.setColor(role.Base, QColor(palette.BACKGROUND))
    colours.setColor(role.AlternateBase, QColor(palette.PANEL))
    colours.setColor(role.Text, QColor(palette.INK))
    colours.setColor(role.Button, QColor(palette.PANEL))
    colours.setColor(role.ButtonText, QColor(palette.INK))
    colours.setColor(role.Highlight, QColor(palette.ACCENT))
    colours.setColor(role.HighlightedText, QColor(palette.BACKGROUND))
    colours.setColor(role.ToolTipBase, QColor(palette.BACKGROUND))
    colours.setColor(role.ToolTipText, QColor(palette.INK))
    colours.setColor(role.PlaceholderText, QColor(palette.MUTED_INK))
    colours.setColor(role.Link, QColor(palette.ACCENT))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        colours.setColor(disabled, r, QColor(DISABLED_INK))
    return colours


def stylesheet() -> str:
    # Combo boxes are drawn by the sheet (frame, arrow) so their keyboard focus shows as the
    # line edits' does: Fusion's own focus frame is too faint on this palette. Spin boxes keep
    # Fusion's frame.
    p = palette
    arrow = (paths.resources_dir() / "icons" / "chevron-down.svg").as_posix()
    return f"""
QMainWindow, QDialog {{ background: {p.PANEL}; }}
QTreeView#navigation {{
    background: {p.PANEL}; border: none; border-right: 1px solid {p.GRID};
    padding: 4px; outline: 0;
}}
QTreeView#navigation::item {{ padding: 3px 2px; }}
QTreeView#navigation::item:selected {{ background: {SELECTION}; color: {p.INK}; }}
QTableView, QTreeView, QListView {{
    background: {p.BACKGROUND}; gridline-color: {p.GRID};
    selection-background-color: {SELECTION}; selection-color: {p.INK};
}}
QHeaderView::section {{
    background: {p.PANEL}; color: {p.MUTED_INK}; border: none;
    border-bottom: 1px solid {p.GRID}; padding: 4px 6px; font-weight: 600;
}}
QLineEdit, QPlainTextEdit, QTextEdit {{
    background: {p.BACKGROUND}; border: 1px solid {p.GRID}; border-radius: 3px; padding: 3px 5px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 1px solid {p.ACCENT}; }}
QComboBox {{
    background: {p.BACKGROUND}; border: 1px solid {p.GRID}; border-radius: 3px;
    padding: 2px 22px 2px 6px; min-height: 20px;
}}
QComboBox:hover {{ border-color: {p.MUTED_INK}; }}
QComboBox:focus {{ border: 2px solid {p.ACCENT}; padding: 1px 21px 1px 5px; }}
QComboBox:disabled {{ color: {DISABLED_INK}; background: {p.PANEL}; }}
QComboBox::drop-down {{ border: none; width: 20px; subcontrol-position: center right; }}
QAbstractItemView QComboBox {{
    border: 1px solid transparent; border-radius: 0; padding: 0px 16px 0px 3px; min-height: 0;
}}
QAbstractItemView QComboBox:focus {{ border: 2px solid {p.ACCENT}; padding: 0px 15px 0px 2px; }}
QAbstractItemView QComboBox::drop-down {{ width: 16px; }}
QComboBox::down-arrow {{ image: url("{arrow}"); width: 12px; height: 12px; }}
QComboBox QAbstractItemView {{
    background: {p.BACKGROUND}; border: 1px solid {p.GRID};
    selection-background-color: {SELECTION}; selection-color: {p.INK};
}}
QPushButton {{
    background: {p.BACKGROUND}; border: 1px solid {p.GRID}; border-radius: 3px;
    padding: 4px 12px;
}}
QPushButton:hover {{ border-color: {p.ACCENT}; }}
QPushButton:default {{ background: {p.ACCENT}; color: {p.BACKGROUND}; border-color: {p.ACCENT}; }}
QCommandLinkButton {{
    background: {p.BACKGROUND}; border: 1px solid {p.GRID}; border-radius: 4px; color: {p.INK};
}}
QCommandLinkButton:hover, QCommandLinkButton:focus {{ border-color: {p.ACCENT}; }}
QTabWidget::pane {{ border: 1px solid {p.GRID}; background: {p.BACKGROUND}; }}
QTabBar::tab {{ padding: 5px 12px; color: {p.MUTED_INK}; }}
QTabBar::tab:selected {{ color: {p.INK}; border-bottom: 2px solid {p.ACCENT}; }}
QToolBar QToolButton:disabled {{ color: {DISABLED_INK}; }}
QStatusBar {{ color: {p.MUTED_INK}; border-top: 1px solid {p.GRID}; }}
QToolBar {{ background: {p.PANEL}; border: none; border-bottom: 1px solid {p.GRID}; spacing: 2px; }}
QSplitter::handle {{ background: {p.GRID}; }}
QScrollArea#view_page {{ background: {p.PANEL}; border: none; }}
QLabel[role="heading"] {{ font-size: 20pt; font-weight: 600; color: {p.INK}; }}
QLabel[role="subheading"] {{ font-weight: 600; color: {p.INK}; }}
QLabel[role="muted"] {{ color: {p.MUTED_INK}; }}
QLabel[role="error"] {{ color: {p.OFF_TRACK}; }}
"""


@cache
def icon(name: str) -> QIcon:
    """An icon of ``resources/icons`` by name (``"action"``); an empty icon if it is missing."""
    path = paths.resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")  # the same sober widgets on Windows, macOS and Linux
    app.setPalette(build_palette())
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(icon("app"))
