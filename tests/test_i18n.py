"""The catalogs are complete and consistent, and no user-visible literal escapes them."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop import i18n
from desktop.tools import catalogs

ROOT = Path(__file__).resolve().parent.parent
# What a translation must keep as it is: {placeholders} and printf-style %s / %(name)s.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdfr]|%[sdfr]")
# Words that are spelled the same in the source English and in the language, so a msgstr made of
# them only is a translation, not a forgotten copy. Acronyms, units and numbers are always allowed.
# The French labels of French institutions (TerritoryKind) are the source in every language.
_FRENCH_NAMES = (
    "Communauté Communautés de communes d'agglomération urbaine urbaines Métropole Métropoles "
    "Département Départements "
    "Territoires en Transitions"  # the national platform's name
)
SAME_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        f"""{_FRENCH_NAMES} Action Actions Agriculture Association Budget Co-construction Code
        Concertation Consultation Date Dates Description Dimension Document Documents Format Horizon
        Impact Impacts Import Information Nature Navigation Note Notes Options Page Participation
        Phase Plan Plans Production Programme Provenance Source Total Desktop Qt Python index
        table commune""".split()
    ),
    "nl": frozenset(
        f"""{_FRENCH_NAMES} Information Consultation Concertation Co-construction Budget Code winter
        Gas Status Type Contact Format Excel Sector Sans Pro Indicator Partner Partners Plan Help
        Website Horizon Scenario Dashboard Contract Document Desktop Python in argument index
        trigger view Conflict Record bytes""".split()
    ),
}


def _catalog(language: str):
    path = catalogs.po_path(language)
    assert path.exists(), f"missing catalog {path}"
    with path.open("rb") as handle:
        return read_po(handle, locale="en" if language == "pseudo" else language)


def _key(message) -> tuple[object, object]:
    return (message.id if not isinstance(message.id, list) else tuple(message.id), message.context)


def _code_messages() -> set[object]:
    template = catalogs.Catalog()
    for filename, _lineno, message, _comments, context in catalogs.extract_from_dir(
        str(ROOT / "desktop"), [("**.py", "python")], keywords=catalogs.KEYWORDS
    ):
        template.add(message, None, [(filename, 0)], context=context)
    return {_key(m) for m in template if m.id}


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _is_copy(language: str, source: str, string: str) -> bool:
    """The msgstr is the English source left as it is (beyond the words both languages share)."""
    if language not in SAME_WORDS or string != source:
        return False
    text = PLACEHOLDER.sub(" ", source).replace("&", "")
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    allowed = {w.lower() for w in SAME_WORDS[language]}
    return any(w.lower() not in allowed and not _is_symbol(w) for w in words)


def _is_symbol(word: str) -> bool:
    """Acronyms (EPCI), units (kWh, tCO2e, t) and codes read the same in every language."""
    return (
        len(word) == 1
        or word.isupper()
        or any(c.isdigit() for c in word)
        or any(c.isupper() for c in word[1:])
    )


def catalog_problems(language: str, catalog) -> list[str]:
    """Everything that makes a catalog unfit to ship; [] when it is complete and consistent."""
    problems = []
    if catalog.fuzzy:
        problems.append("fuzzy header")
    project = catalog.project or ""
    if language != "pseudo" and project != "pcaet-desktop":
        problems.append(f"header Project-Id-Version: {project!r}")
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        plural = isinstance(message.id, tuple | list)
        if plural and len(strings) != catalog.num_plurals:
            problems.append(f"plural forms: {message.id!r}")
        for index, string in enumerate(strings):
            source = ids[min(index, len(ids) - 1)] if plural else ids[0]
            if not string:
                problems.append(f"untranslated: {message.id!r}")
            elif _is_copy(language, source, string):
                problems.append(f"untranslated (copy of the source): {message.id!r}")
            elif plural and index == 0:
                # "One action" may drop the {count} of "{count} actions", never add one.
                if not set(_placeholders(string)) <= set(_placeholders(ids[0] + ids[-1])):
                    problems.append(f"placeholders differ: {message.id!r} -> {string!r}")
            elif _placeholders(string) != _placeholders(source):
                problems.append(f"placeholders differ: {message.id!r} -> {string!r}")
    return problems


@pytest.mark.parametrize("language", [*i18n.LANGUAGES, "pseudo"])
def test_catalog_is_complete_and_placeholders_match(language: str) -> None:
    catalog = _catalog(language)
    known = {_key(m) for m in catalog if m.id}
    missing = _code_messages() - known
    assert not missing, (
        f"{language}: run 'python -m desktop.tools.catalogs --update --language fr'; "
        f"missing {sorted(map(str, missing))[:10]}"
    )
    problems = catalog_problems(language, catalog)
    assert problems == [], f"{language}: {len(problems)} problems, first: {problems[:10]}"


def _po(body: str):
    header = (
        'msgid ""\nmsgstr ""\n"Project-Id-Version: pcaet-desktop 1.0\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
    )
    return read_po(BytesIO((header + body).encode("utf-8")), locale="fr")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('msgid "Save"\nmsgstr ""\n', "untranslated"),
        ('msgid "Save"\nmsgstr "Save"\n', "copy of the source"),
        ('#, fuzzy\nmsgid "Save"\nmsgstr "Enregistrer"\n', "fuzzy"),
        ('msgid "Open {name}"\nmsgstr "Ouvrir {nom}"\n', "placeholders differ"),
        ('msgid "Failed: %s"\nmsgstr "Échec"\n', "placeholders differ"),
        (
            'msgid "{count} action"\nmsgid_plural "{count} actions"\n'
            'msgstr[0] "{count} fiche"\nmsgstr[1] "{n} fiches"\n',
            "placeholders differ",
        ),
        (
            'msgid "{count} action"\nmsgid_plural "{count} actions"\nmsgstr[0] "{count} fiche"\n',
            "untranslated",
        ),
    ],
)
def test_catalog_check_catches(body: str, expected: str) -> None:
    problems = catalog_problems("fr", _po(body))
    assert any(expected in p for p in problems), problems


def test_catalog_check_accepts_a_good_catalog() -> None:
    body = (
        'msgid "Save"\nmsgstr "Enregistrer"\n\n'
        'msgid "&Actions"\nmsgstr "&Actions"\n\n'
        'msgid "PCAET {year}"\nmsgstr "PCAET {year}"\n\n'
        'msgid "One action"\nmsgid_plural "{count} actions"\n'
        'msgstr[0] "Une action"\nmsgstr[1] "{count}\u00a0actions"\n'
    )
    assert catalog_problems("fr", _po(body)) == []


# Calls whose first string argument is shown to users.
UI_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setStatusTip",
    "setWhatsThis",
    "addAction",
    "addMenu",
    "setTitle",
    "setSubTitle",
    "setLabelText",
    "showMessage",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "addTab",
    "insertTab",
    "setTabText",
    "addItem",
    "setSuffix",
    "setPrefix",
    "setButtonText",
    "setSpecialValueText",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QToolButton",
    "information",
    "warning",
    "critical",
    "question",
    "addRow",
    "setLabel",
    "setItemText",
    "QMessageBox",
    "about",
    "getText",
    "getItem",
    "getInt",
    "getDouble",
    "getOpenFileName",
    "getSaveFileName",
    "getExistingDirectory",
    # charts and reports
    "set_titles",
    "Paragraph",
    "table",
    # the command line's own output
    "print",
    "fail",
}
# pyqtgraph names an axis by position: setLabel("left", _("Year")).
NOT_TEXT = {"left", "right", "top", "bottom"}
# argparse: only the help texts are shown, the first arguments are option names.
HELP_CALLS = {"add_argument", "add_parser", "add_argument_group", "ArgumentParser"}


def _is_literal_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value in NOT_TEXT:
            return False
        # Option names ("--siren: {error}") and file suffixes (f"{name}.png") are the same in
        # every language.
        text = re.sub(r"--[\w-]+|\.[A-Za-z0-9]{2,5}\b", "", node.value)
        return bool(re.search(r"[A-Za-zÀ-ÿ]{2,}", text))
    if isinstance(node, ast.List | ast.Tuple):  # column headers: table(["Code", _("Action")])
        return any(_is_literal_text(element) for element in node.elts)
    if isinstance(node, ast.JoinedStr):
        return any(_is_literal_text(v) for v in node.values if isinstance(v, ast.Constant))
    return False


# Receivers whose calls write to the log file, not to the screen: log.warning("... %s").
LOGGERS = re.compile(r"^_?(log|logger|logging|LOG|LOGGER)$")


def _is_logger(func: ast.AST) -> bool:
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    return bool(LOGGERS.match(name))


def unmarked_literals(source: str, where: str) -> list[str]:
    """Literal text handed to a call that shows it, without going through ``_()``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _is_logger(node.func):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in UI_CALLS and name not in HELP_CALLS:
            continue
        candidates = [] if name in HELP_CALLS else list(node.args[:3])
        candidates += [
            k.value
            for k in node.keywords
            if k.arg in ("text", "title", "help", "toolTip", "description")
        ]
        for arg in candidates:
            if _is_literal_text(arg):
                found.append(f"{where}:{node.lineno} {ast.unparse(arg)[:60]}")
    return found


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('QLabel("Budget")', True),
        ('self.setWindowTitle(f"Report {name}")', True),
        ('QMessageBox.warning(self, _("Import"), "The file is empty")', True),
        ('parser.add_argument("--lang", help="language of the report")', True),
        ('QLabel(_("Budget"))', False),
        ('log.error("import failed: %s", error)', False),
        ('self.log.warning("cannot read %s", path)', False),
        ('logging.critical("store locked")', False),
        ('fail(f"--siren: {error}")', False),
        ('dialog.getSaveFileName(self, _("Export"), f"{name}.png")', False),
        ('QFileDialog.getSaveFileName(self, "Export as PNG")', True),
        ('fail(f"cannot read {path}")', True),
        ('ctx.table([_("Code"), "Status"], rows)', True),
        ('plot.setLabel("left", _("Emissions"))', False),
        ('parser.add_argument("--lang", help=_("language of the report"))', False),
    ],
)
def test_literal_scan_flags_shown_text_only(source: str, flagged: bool) -> None:
    assert bool(unmarked_literals(source, "snippet")) is flagged


def test_no_user_visible_literal_escapes_translation() -> None:
    offenders: list[str] = []
    for folder in ("ui", "charts", "cli", "reports"):
        for path in (ROOT / "desktop" / folder).rglob("*.py"):
            offenders += unmarked_literals(
                path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
            )
    assert offenders == [], "\n".join(offenders[:30])


def test_formats_follow_the_language() -> None:
    value = Decimal("1234.5")
    with i18n.language("fr"):
        assert i18n.format_number(value) == "1\u202f234,5"
    with i18n.language("en"):
        assert i18n.format_number(value) == "1,234.5"
        assert i18n.format_currency(Decimal("1500"), "GBP") == "£1,500.00"
    with i18n.language("nl"):
        assert i18n.format_number(value) == "1.234,5"
    assert i18n.current_language() == "fr"


def test_pseudo_language_keeps_placeholders() -> None:
    text = catalogs.pseudo("Created {name} in {location}.")
    assert "{name}" in text and "{location}" in text and len(text) > 30


def test_translations_are_used() -> None:
    with i18n.language("fr"):
        assert i18n._("The end date is before the start date.") != (
            "The end date is before the start date."
        )


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "fr"),  # not one of ours: French
        ({"LANG": "C.UTF-8"}, "fr"),  # no preference: French, not Python's en_US reading
        ({"LANGUAGE": "de:nl", "LANG": "de_DE.UTF-8"}, "nl"),  # first of ours in the list
        ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL wins
    ],
)
def test_default_language_is_the_systems_if_ours_else_french(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.system_language() == expected


def test_unknown_language_falls_back_to_french() -> None:
    try:
        assert i18n.set_language("de") == "fr"
        assert i18n._("Cancel") == "Annuler"
    finally:
        i18n.set_language("fr")


def test_domain_acronyms_are_explained_in_each_language() -> None:
    from desktop import labels

    for language in i18n.LANGUAGES:
        with i18n.language(language):
            for term in ("PCAET", "COTRI", "EPCI"):
                text = labels.term_explanation(term)
                assert text.startswith(term), (language, text)
    with i18n.language("en"):
        assert "climate, air and energy plan" in labels.term_explanation("pcaet")
        both = labels.terms_tooltip("COTRI contracts of the EPCI")
        assert both.splitlines()[0].startswith("COTRI") and "EPCI" in both.splitlines()[1]
        assert labels.terms_tooltip("Indicators") == ""
        assert labels.term_explanation("SIREN") == ""


def test_percent_and_dates_follow_the_language() -> None:
    from datetime import date

    with i18n.language("fr"):
        assert i18n.format_percent(0.125, decimals=1) == "12,5\u00a0%"
        assert i18n.format_date(date(2026, 3, 31)) == "31 mars 2026"
    with i18n.language("en"):
        assert i18n.format_percent(0.125, decimals=1) == "12.5%"
        assert i18n.format_date(date(2026, 3, 31)) == "31 Mar 2026"


def test_a_report_language_on_a_worker_thread_leaves_the_window_alone() -> None:
    import threading

    inside = threading.Event()
    release = threading.Event()
    seen: list[str] = []

    def report() -> None:  # what the background report does
        with i18n.language("en"):
            seen.append(i18n._("Cancel"))
            inside.set()
            release.wait(5)

    assert i18n.current_language() == "fr"
    worker = threading.Thread(target=report)
    worker.start()
    try:
        assert inside.wait(5)
        # Meanwhile the window, on the main thread, still speaks French.
        assert i18n._("Cancel") == "Annuler"
        assert i18n.format_number(1234.5) == "1\u202f234,5"
    finally:
        release.set()
        worker.join(5)
    assert seen == ["Cancel"]


def test_qt_worker_threads_start_in_the_application_language(qapp: object) -> None:
    from PySide6.QtCore import QRunnable, QThreadPool

    seen: list[str] = []

    class Job(QRunnable):
        def run(self) -> None:
            seen.append(i18n._("Cancel"))
            with i18n.language("nl"):
                seen.append(i18n.current_language())

    with i18n.language("en"):  # an override on the main thread does not leak into workers
        pool = QThreadPool()
        pool.start(Job())
        assert pool.waitForDone(5000)
    assert seen == ["Annuler", "nl"]
    assert i18n.current_language() == "fr"


def test_updating_leaves_new_messages_untranslated_outside_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new message is English in the English catalog only: the French and Dutch ones get an
    empty string for a translator to fill, never the English text (which would pass for a
    translation)."""
    monkeypatch.setattr(catalogs, "TRANSLATIONS", tmp_path)
    template = catalogs.Catalog(locale="en", domain=catalogs.DOMAIN, charset="utf-8")
    template.add("Budget lines to review", None)
    template.add(("{count} line", "{count} lines"), None)
    catalogs.update(template)
    strings = {
        language: {
            m.id if isinstance(m.id, str) else tuple(m.id): m.string
            for m in _catalog(language)
            if m.id
        }
        for language in ("fr", "en", "nl")
    }
    assert strings["en"]["Budget lines to review"] == "Budget lines to review"
    for language in ("fr", "nl"):
        assert strings[language]["Budget lines to review"] == ""
        assert not any(strings[language][("{count} line", "{count} lines")])
