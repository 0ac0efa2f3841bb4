"""The settings kept with the data, shared by everyone who opens the store: the gaps that make
an indicator "on track" or "slightly behind", and the exchange rates used to add budgets
written in other currencies to euro totals (with the date and source reports print)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import LANGUAGES, _, current_language
from ...io.parsing import CellError, parse_number
from ...services import store_settings
from ...services.changes import ValidationError
from ...store import Store

RATE, AS_OF, SOURCE = 1, 2, 3


def _locale() -> QLocale:
    """Qt's number and date formats for the interface language ("2,5 %" in French)."""
    return QLocale(current_language() if current_language() in LANGUAGES else "en")


def _percent_box(parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setLocale(_locale())
    box.setRange(0.0, 100.0)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" %")
    return box


def _iso(day: QDate) -> str:
    return date(day.year(), day.month(), day.day()).isoformat()


class StoreSettingsPage(QWidget):
    """Read from and written to the open store (``store_settings``), in one transaction."""

    def __init__(self, store: Store, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        with store.session() as session:
            thresholds = store_settings.get(session, store_settings.ON_TRACK_THRESHOLDS) or {}
            rates = store_settings.get(session, store_settings.CURRENCY_RATES) or {}
            in_use = store_settings.currencies_in_use(session)
            logo = store_settings.logo_png(session)
        defaults = store_settings.DEFAULTS[store_settings.ON_TRACK_THRESHOLDS]
        self._rates: dict[str, Any] = dict(rates) if isinstance(rates, dict) else {}

        intro = QLabel(
            _(
                "These settings are kept in the store {name}: everyone who opens it uses them."
            ).format(name=store.path.name if store.path is not None else store.location),
            self,
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")

        self.on_track = _percent_box(self)
        self.on_track.setValue(float(thresholds.get("on_track", defaults["on_track"])) * 100)
        self.on_track.setToolTip(
            _("An indicator this close to its trajectory, or better, is on track.")
        )
        self.slightly = _percent_box(self)
        self.slightly.setValue(float(thresholds.get("slightly", defaults["slightly"])) * 100)
        self.slightly.setToolTip(_("Further from the trajectory than this, it is off track."))
        self.threshold_error = QLabel(self)
        self.threshold_error.setProperty("role", "error")
        self.threshold_error.hide()

        codes = sorted(set(in_use) | {c for c in self._rates if isinstance(c, str)})
        self.rates = QTableWidget(len(codes), 4, self)
        self.rates.setHorizontalHeaderLabels(
            [_("Currency"), _("1 unit in euros"), _("Rate as of"), _("Source")]
        )
        self.rates.verticalHeader().setVisible(False)
        self.rates.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.rates.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self._codes = codes  # in row order
        for row, code in enumerate(codes):
            self._add_rate_row(row, code)
        self.rate_error = QLabel(self)
        self.rate_error.setProperty("role", "error")
        self.rate_error.setWordWrap(True)
        self.rate_error.hide()
        no_rates = QLabel(
            _("No budget of this store is written in a currency other than euros."), self
        )
        no_rates.setProperty("role", "muted")
        no_rates.setVisible(not codes)
        self.rates.setVisible(bool(codes))

        # The authority's logo, printed on the cover of reports (kept in the store).
        self._logo_path: Path | None = None  # a picture chosen, saved with the settings
        self._logo_removed = False
        self.logo = QLabel(self)
        self.logo.setObjectName("logo_preview")
        self.logo.setMinimumHeight(48)
        self._show_logo(logo)
        choose_logo = QPushButton(_("Choose a &logo…"), self)
        choose_logo.clicked.connect(self.choose_logo)
        self.remove_logo = QPushButton(_("Remove the logo"), self)
        self.remove_logo.clicked.connect(self.clear_logo)
        self.remove_logo.setEnabled(logo is not None)
        self.logo_error = QLabel(self)
        self.logo_error.setProperty("role", "error")
        self.logo_error.setWordWrap(True)
        self.logo_error.hide()
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose_logo)
        logo_row.addWidget(self.remove_logo)

        form = QFormLayout()
        form.addRow(_("Logo on reports:"), logo_row)
        form.addRow("", self.logo_error)
        form.addRow(_("On &track up to:"), self.on_track)
        form.addRow(_("S&lightly behind up to:"), self.slightly)
        form.addRow("", self.threshold_error)
        rates_title = QLabel(_("Exchange rates for budget totals"), self)
        rates_title.setProperty("role", "subheading")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(rates_title)
        layout.addWidget(self.rates, 1)
        layout.addWidget(no_rates)
        layout.addWidget(self.rate_error)
        layout.addStretch(0)

    def _show_logo(self, png: bytes | None) -> None:
        if not png:
            self.logo.setPixmap(QPixmap())
            self.logo.setText(_("No logo: the cover of reports goes without."))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        self.logo.setPixmap(pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))

    def choose_logo(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Logo on reports"), "", _("Pictures (*.png *.jpg *.jpeg)")
        )
        if chosen:
            self.set_logo_file(Path(chosen))

    def set_logo_file(self, path: Path) -> None:
        """Check the picture now (a message beside it when it cannot be used); it is kept in
        the store when the settings are saved."""
        self.logo_error.hide()
        try:
            png = store_settings.logo_picture(path)
        except ValidationError as error:
            self.logo_error.setText(str(error))
            self.logo_error.show()
            return
        self._logo_path, self._logo_removed = path, False
        self._show_logo(png)
        self.remove_logo.setEnabled(True)

    def clear_logo(self) -> None:
        self._logo_path, self._logo_removed = None, True
        self._show_logo(None)
        self.remove_logo.setEnabled(False)

    def _add_rate_row(self, row: int, code: str) -> None:
        entry = self._rates.get(code)
        entry = entry if isinstance(entry, dict) else {}
        item = QTableWidgetItem(code)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.rates.setItem(row, 0, item)
        rate = QLineEdit(str(entry.get("EUR", "")), self.rates)
        rate.setPlaceholderText(_("e.g. 1,14"))
        rate.setAccessibleName(_("Rate of {currency} in euros").format(currency=code))
        self.rates.setCellWidget(row, RATE, rate)
        as_of = QDateEdit(self.rates)
        as_of.setCalendarPopup(True)
        as_of.setLocale(_locale())
        as_of.setDisplayFormat(_locale().dateFormat(QLocale.FormatType.ShortFormat))
        try:
            when = date.fromisoformat(str(entry.get("as_of", "")))
        except ValueError:
            when = date.today()
        as_of.setDate(QDate(when.year, when.month, when.day))
        self.rates.setCellWidget(row, AS_OF, as_of)
        source = QLineEdit(str(entry.get("source", "")), self.rates)
        source.setPlaceholderText(_("e.g. Banque de France"))
        self.rates.setCellWidget(row, SOURCE, source)

    def rate_widget(self, code: str) -> tuple[QLineEdit, QDateEdit, QLineEdit] | None:
        for row, shown in enumerate(self._codes):
            if shown == code:
                rate, as_of, source = (self.rates.cellWidget(row, c) for c in (RATE, AS_OF, SOURCE))
                assert isinstance(rate, QLineEdit) and isinstance(source, QLineEdit)
                assert isinstance(as_of, QDateEdit)
                return rate, as_of, source
        return None

    def collected(self) -> tuple[dict[str, str], dict[str, Any]]:
        """The thresholds and rates as stored; ``ValidationError`` names the bad field and the
        message is shown next to it."""
        self.threshold_error.hide()
        self.rate_error.hide()
        on_track = Decimal(str(round(self.on_track.value(), 1))) / 100
        slightly = Decimal(str(round(self.slightly.value(), 1))) / 100
        if on_track >= slightly:
            message = _("The on-track gap must be smaller than the slightly-behind gap.")
            self.threshold_error.setText(message)
            self.threshold_error.show()
            raise ValidationError("on_track_thresholds", message)
        rates: dict[str, Any] = {
            code: entry
            for code, entry in self._rates.items()
            if self.rate_widget(code) is None  # kept as is: not shown, so not edited
        }
        for code in self._codes:
            widgets = self.rate_widget(code)
            assert widgets is not None
            rate_box, as_of, source = widgets
            try:
                rate = parse_number(rate_box.text())
            except CellError:
                rate = Decimal(-1)
            if rate is None:
                continue  # no rate: totals list this currency apart
            if rate <= 0:
                message = _("The rate of {currency} must be a positive number, like 1,14.").format(
                    currency=code
                )
                self.rate_error.setText(message)
                self.rate_error.show()
                rate_box.setFocus()
                raise ValidationError("currency_rates", message)
            rates[code] = {
                "EUR": format(rate.normalize(), "f"),
                "as_of": _iso(as_of.date()),
                "source": source.text().strip(),
            }
        thresholds = {
            "on_track": format(on_track.normalize(), "f"),
            "slightly": format(slightly.normalize(), "f"),
        }
        return thresholds, rates

    def save(self) -> None:
        """Validate, then write both settings in one transaction (nothing on a bad value)."""
        thresholds, rates = self.collected()
        with self.store.transaction() as session:
            store_settings.put(session, store_settings.ON_TRACK_THRESHOLDS, thresholds)
            store_settings.put(session, store_settings.CURRENCY_RATES, rates)
            if self._logo_path is not None:
                store_settings.set_logo(session, self._logo_path)
            elif self._logo_removed:
                store_settings.set_logo(session, None)
