"""Partners, funders and leads: the list with where each is used, and its details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...i18n import _, ngettext
from ...labels import choices, label
from ...models import Organisation, OrganisationKind
from ...services import organisations_usage
from ...services import territories as territory_service
from ...services.queries import records
from ...services.text import fold, name_fields
from ...services.validation import check_not_blank, check_siren
from ..change_notice import ChangeNotice
from ..context import AppContext
from ..editors.record_form import FormField, RecordForm
from ..widgets.table_columns import fill_with_floor, fit_columns_to_headers
from .base import View
from .record_commands import create_and_show, delete_after_asking
from .record_split import button_row, split_view, stacked

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The usual widths of the columns after the name; wider when a translated header needs it.
COLUMN_WIDTHS = {1: 130, 2: 80, 3: 95, 4: 75, 5: 80}
NAME_WIDTH = 150
FORM_WIDTH = 260


class NameItem(QTableWidgetItem):
    """Sorted as people read names: "Agence" before "AQUARELLE", "Énergie" among the E."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return fold(self.text()) < fold(other.text())


class OrganisationsView(View):
    key = "organisations"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.current_id: int | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search organisations…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._filter_rows())
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Kind"), _("Leads"), _("Partner of"), _("Funds"), _("Contracts")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        fit_columns_to_headers(self.table, COLUMN_WIDTHS)
        # The names take the rest, but stay readable beside counts widened for a long language.
        fill_with_floor(self.table, 0, NAME_WIDTH)
        self.table.currentCellChanged.connect(lambda row, *_a: self._row_selected(row))
        self.new_button = QPushButton(_("&New organisation"), self)
        self.delete_button = QPushButton(_("Delete"), self)  # no Alt+letter: destructive
        self.new_button.clicked.connect(self.new_organisation)
        self.delete_button.clicked.connect(self.delete_current)

        self.form = RecordForm(
            context,
            Organisation,
            [
                FormField(
                    "name",
                    _("&Name"),
                    check=lambda v: check_not_blank(v, "name"),
                    extra=name_fields,
                ),
                FormField("acronym", _("&Acronym")),
                FormField("kind", _("&Kind"), "choice", lambda: list(choices(OrganisationKind))),
                FormField("siren", _("&SIREN"), check=check_siren),
                FormField("country", _("C&ountry")),
                FormField("website", _("&Website")),
                FormField("notes", _("N&otes"), "text"),
            ],
            parent=self,
        )
        self.usage = QLabel(self)
        self.usage.setWordWrap(True)
        self.usage.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.usage.setTextFormat(Qt.TextFormat.PlainText)

        buttons = button_row(self.new_button, self.delete_button, align_right=True)
        left = stacked(self, [self.search, self.table, buttons], margins=False)
        used_in = QLabel(_("Used in"), self)
        used_in.setStyleSheet("font-weight: 600;")
        right = stacked(self, [self.form, 8, used_in, (self.usage, 1)])
        # The list asks for its columns' width first; the form takes what is left.
        needed = NAME_WIDTH + sum(self.table.columnWidth(c) for c in COLUMN_WIDTHS) + 30
        split_view(self, left, right, stretch=(3, 2), sizes=(needed, FORM_WIDTH))
        self.refresh()

    def title(self) -> str:
        return _("Organisations")

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if self.isVisible():
            self.schedule_refresh()

    def refresh(self) -> None:
        with self.context.store.session() as session:
            organisations = territory_service.list_organisations(session)
            counts = organisations_usage.usage_counts(session)
        self.table.setSortingEnabled(False)
        self.table.blockSignals(True)
        self.table.setRowCount(len(organisations))
        for row, organisation in enumerate(organisations):
            used = counts.get(organisation.pk, {})
            name = NameItem(organisation.name)
            name.setData(ID_ROLE, organisation.id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(label(organisation.kind)))
            for column, key in enumerate(("lead", "partner", "funder", "party"), start=2):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, used.get(key, 0))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.setSortingEnabled(True)
        self._filter_rows()
        target = self.current_id or (organisations[0].id if organisations else None)
        self.show_item(target)

    def _filter_rows(self) -> None:
        words = fold(self.search.text()).split()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            text = fold(item.text()) if item is not None else ""
            self.table.setRowHidden(row, not all(w in text for w in words))

    def show_item(self, item_id: int | None) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == item_id:
                self.table.blockSignals(True)
                self.table.selectRow(row)
                self.table.blockSignals(False)
        self._load(item_id)

    def _row_selected(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None:
            self._load(int(item.data(ID_ROLE)))

    def _load(self, organisation_id: int | None) -> None:
        organisation = None
        usage = None
        if organisation_id is not None:
            with self.context.store.session() as session:
                organisation = records.record(session, Organisation, organisation_id)
                if organisation is not None:
                    usage = organisations_usage.usage(session, organisation_id)
        self.current_id = organisation.id if organisation else None
        self.form.load(organisation)
        self.delete_button.setEnabled(organisation is not None)
        self.usage.setText(self._usage_text(usage) if usage else "")

    @staticmethod
    def _usage_text(usage: organisations_usage.Usage) -> str:
        lines = []
        for title, items in (
            (_("Lead of"), usage.lead_of),
            (_("Partner of"), usage.partner_of),
            (_("Funder of"), usage.funder_of),
            (_("Party to"), usage.party_of),
        ):
            if items:
                listed = "; ".join(items[:20]) + (" …" if len(items) > 20 else "")
                lines.append(_("{role}: {items}").format(role=title, items=listed))
        if usage.attendances:
            lines.append(
                ngettext(
                    "Attended {n} committee meeting",
                    "Attended {n} committee meetings",
                    usage.attendances,
                ).format(n=usage.attendances)
            )
        return "\n".join(lines) or _("Not used yet.")

    def new_organisation(self) -> int | None:
        actor = self.context.actor
        name = _("New organisation")

        def factory(session: object) -> Organisation:
            from ...services import changes

            named = name_fields(name)
            return changes.create(
                session,  # type: ignore[arg-type]
                Organisation(
                    name=named["name"],
                    normalised_name=named["normalised_name"],
                    kind=OrganisationKind.OTHER,
                ),
                actor,
            )

        return create_and_show(self, factory, _("New organisation"))

    def delete_current(self) -> bool:
        if self.current_id is None:
            return False
        with self.context.store.session() as session:
            organisation = records.record(session, Organisation, self.current_id)
            usage = organisations_usage.usage(session, self.current_id)
        if organisation is None:
            return False
        question = _("Delete {name}?").format(name=organisation.name)
        if usage.total:
            question += "\n\n" + _(
                "It is used: {details}. Its partner and contract rows go with it; actions it "
                "leads or funds lose their lead or funder."
            ).format(details=self._usage_text(usage).replace("\n", "; "))
        question += "\n\n" + _("You can undo this with Edit > Undo.")
        return delete_after_asking(
            self,
            organisation,
            _("Delete organisation"),
            question,
            text=_("Delete {name}").format(name=organisation.name),
        )
