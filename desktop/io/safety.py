"""Checks run before a spreadsheet is read, so that hostile or broken files are refused whole,
with a clear reason, before they can take memory or time.

The readers (calamine above all) build a dense grid from the first to the last cell, so a file
with one cell in A1 and one in XFD1048576 would ask for billions of cells: sizes, ratios and
cell positions are checked from the zip directory and a streamed scan of the XML first, and
what the file expands to (cells, text once shared texts are repeated in every cell using them)
is counted against the limits of ``expansion``.
The search for formulas without a cached value refuses nothing and bounds nothing: a reader
may run it (``scan_formulas``) alongside its own parse, once the rest has passed.
"""

from __future__ import annotations

import functools
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..i18n import _, format_number
from . import expansion
from .expansion import MAX_CELL_CHARS, Tally

# Limits generous for real partner files (a 100,000-row sheet is about 20 MB of XML) and far
# below what would exhaust a laptop.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBER_BYTES = 400 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 600 * 1024 * 1024
MAX_RATIO = 150  # uncompressed / compressed for members above RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_XLS_BYTES = 64 * 1024 * 1024  # read whole to be scanned; Excel 97-2003 files are smaller
CHUNK = 1 << 20

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# Columns past Z are found with one pattern; single letters by looking only for those above
# the widest found so far (one scan per chunk): a 100,000-row sheet is scanned in tens of ms.
_WIDE_CELL_REF = re.compile(rb'<c r="([A-Z]{2,3})\d')
_ROW_REF = re.compile(rb'<row r="(\d{1,7})"')
_INLINE_TEXT = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_SHARED_REF = re.compile(rb't="s"[^>]*>\s*<v>\s*(\d{1,10})')
_SHARED_ITEM_END = b"</si>"
_DECLARED_UNIQUE = re.compile(rb'<sst [^>]*uniqueCount="(\d{1,12})"')
_FORMULA_TAG = re.compile(rb"<f[ >/]")
_FORMULA_NO_VALUE = re.compile(
    rb'<c r="([A-Z]{1,3}\d{1,7})"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*(?:<is>|</c>)'
)


class FileRefused(UserError):
    """The file as a whole cannot be imported; the message says why in one line."""


@dataclass
class SafetyReport:
    """What the pre-read scan found, beyond refusals: formulas without a cached value."""

    formulas_without_value: dict[str, list[str]] = field(default_factory=dict)  # part -> cells
    date1904: bool = False


def refuse(path: Path, reason: str) -> FileRefused:
    return FileRefused(_("{file} was refused: {reason}").format(file=path.name, reason=reason))


def column_number(letters: bytes | str) -> int:
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for char in text:
        number = number * 26 + ord(char) - 64
    return number


def check_file(path: Path, *, formulas: bool = True) -> SafetyReport:
    """Refuse empty, oversized, encrypted or malformed files; scan zip packages.

    ``formulas=False`` leaves out the search for formulas without a cached value (a report,
    never a refusal), for a caller that runs ``scan_formulas`` while its reader parses."""
    if not path.is_file():
        raise refuse(path, _("the file does not exist"))
    size = path.stat().st_size
    if size == 0:
        raise refuse(path, _("the file is empty"))
    if size > MAX_FILE_BYTES:
        raise refuse(path, _("the file is larger than 200 MB"))
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if head.startswith(CFB_MAGIC):
            # An OOXML file saved with a password is an OLE container (EncryptedPackage).
            raise refuse(path, _("the file is protected by a password; save it without one"))
        if not head.startswith(ZIP_MAGIC):
            raise refuse(path, _("this is not a spreadsheet of that type (not a zip package)"))
        return _check_zip(path, suffix, formulas)
    if suffix == ".xls":
        if not head.startswith(CFB_MAGIC):
            raise refuse(path, _("this is not an Excel 97-2003 workbook"))
        if size > MAX_XLS_BYTES:
            raise refuse(
                path, _("an Excel 97-2003 workbook larger than 64 MB is not read; save it as .xlsx")
            )
        from .expansion_xls import Damaged, scan_xls

        try:
            scan_xls(path, Tally(path))
        except Damaged:
            raise refuse(path, _("the file is truncated or damaged")) from None
        return SafetyReport()
    return SafetyReport()


def _check_zip(path: Path, suffix: str, formulas: bool = True) -> SafetyReport:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise refuse(path, _("the file is truncated or damaged")) from None
    report = SafetyReport()
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise refuse(path, _("the package holds too many parts"))
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(1, info.compress_size)
            if (
                info.file_size > MAX_MEMBER_BYTES
                or total > MAX_TOTAL_UNCOMPRESSED
                or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO)
            ):
                raise refuse(path, _("the file expands to an abnormal size (zip bomb)"))
            if info.flag_bits & 0x1:
                raise refuse(path, _("the file is protected by a password; save it without one"))
        names = {info.filename for info in infos}
        if suffix == ".ods":
            _check_ods(path, archive, names)
            return report
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise refuse(path, _("the file is truncated or damaged"))
        tally = Tally(path)
        try:
            shared = _shared_text_lengths(path, archive, tally)
            sheets = _sheet_names(archive)
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _check_xml_member(
                        path,
                        archive,
                        info,
                        report,
                        formulas=formulas,
                        tally=tally,
                        shared=shared,
                        sheet=sheets.get(info.filename, info.filename),
                    )
            workbook_xml = archive.read("xl/workbook.xml")[:20000]
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, IndexError):
            raise refuse(path, _("the file is truncated or damaged")) from None
        report.date1904 = b'date1904="1"' in workbook_xml or b'date1904="true"' in workbook_xml
    return report


def _check_ods(path: Path, archive: zipfile.ZipFile, names: set[str]) -> None:
    """The package only: what ``content.xml`` expands to is counted by the reader itself,
    which stops at the first limit passed (``readers.ods_reader``)."""
    if "content.xml" not in names:
        raise refuse(path, _("the file is truncated or damaged"))
    try:
        if "META-INF/manifest.xml" in names:
            manifest = archive.read("META-INF/manifest.xml")
            if b"encryption-data" in manifest:
                raise refuse(path, _("the file is protected by a password; save it without one"))
        report = SafetyReport()
        for info in archive.infolist():
            if info.filename.endswith(".xml"):
                _check_xml_member(path, archive, info, report, ods=True)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise refuse(path, _("the file is truncated or damaged")) from None


def _chunks(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, end: bytes) -> Any:
    """The part in pieces that each end after an ``end`` tag (so that no element straddles
    two pieces), refusing a DTD (entity attacks) at its head."""
    rest = b""
    first = True
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            data = rest + chunk
            if first:
                head = data[:4096]
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise refuse(path, _("the file declares XML entities (possible entity attack)"))
                first = False
            cut = data.rfind(end)
            if cut < 0:
                if len(data) > 16 * CHUNK:  # no element ends in 16 MB: not a spreadsheet
                    raise refuse(path, _("the file is truncated or damaged"))
                rest = data
                continue
            cut += len(end)
            rest = data[cut:]
            yield data[:cut]
    if rest:
        yield rest


def _shared_text_lengths(path: Path, archive: zipfile.ZipFile, tally: Tally) -> array[int]:
    """The length of every shared text (xl/sharedStrings.xml), counted into ``tally``: calamine
    loads the whole table, then copies a text into every cell that refers to it."""
    lengths: array[int] = array("I")
    try:
        info = archive.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return lengths
    with archive.open(info) as stream:  # the count the table declares: refused at once
        declared = _DECLARED_UNIQUE.search(stream.read(4096))
    if declared:
        tally.add_shared_texts(int(declared.group(1)))
    for piece in _chunks(path, archive, info, _SHARED_ITEM_END):
        tally.add_shared_texts(len(lengths) + piece.count(_SHARED_ITEM_END))
        items = piece.split(_SHARED_ITEM_END)
        if b"<si" not in items[-1]:
            items.pop()  # what follows the last item
        # An item's XML is an upper bound of its text; it is exact enough for short items
        # (a few tags more) and worked out only for long ones (rich text carries formatting).
        added = [
            size if size <= 64 else sum(map(len, _INLINE_TEXT.findall(item)))
            for item, size in zip(items, map(len, items), strict=True)
        ]
        lengths.extend(added)
        tally.add_text(sum(added))
    return lengths


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part ("xl/worksheets/sheet1.xml") -> the sheet's name as users see it."""
    from .readers.openpyxl_reader import sheet_parts

    return sheet_parts(archive)


@functools.cache
def _letters_above(columns: int) -> re.Pattern[bytes]:
    """A cell reference of one letter past the ``columns`` first ("D" to "Z" past 3)."""
    return re.compile(rb'<c r="([' + bytes([65 + columns]) + rb"-Z])\d")


def _check_xml_member(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    report: SafetyReport,
    *,
    ods: bool = False,
    formulas: bool = True,
    tally: Tally | None = None,
    shared: array[int] | None = None,
    sheet: str = "",
) -> None:
    """Stream one XML part: no DTD (entity attacks); for a worksheet, the grid calamine will
    build (last row and column) and its text (inline texts, shared texts once per cell using
    them) counted against the limits, and formulas that have no cached value noted."""
    is_sheet = info.filename.startswith("xl/worksheets/") and not ods
    if not is_sheet or tally is None:
        for _piece in _chunks(path, archive, info, b">"):
            pass
        return
    shared = shared if shared is not None else array("I")
    longest = max(shared, default=0)
    max_row = max_col = row_tags = 0
    # Text is counted exactly only when a bound cannot settle it: inline texts are no longer
    # than the part itself. Counting every text run of a large sheet would cost a good part
    # of the time of its import.
    inline_exact = tally.text_chars + tally.unchecked + info.file_size > expansion.MAX_TEXT_CHARS
    if not inline_exact:
        tally.unchecked += info.file_size
    # Shared texts: first counted coarsely (each reference as long as the longest text); only
    # once that bound reaches a quarter of the limit is each reference looked up.
    coarse = 0
    switch = expansion.MAX_TEXT_CHARS // 4
    for data in _chunks(path, archive, info, b"</c>"):
        if max_col < 26:  # single letters above the widest so far: one scan of the chunk
            above = _letters_above(max_col)
            if above.search(data):
                max_col = max(above.findall(data))[0] - 64
        for wide in set(_WIDE_CELL_REF.findall(data)):
            max_col = max(max_col, column_number(wide))
        rows_here = _ROW_REF.findall(data)
        if rows_here:
            max_row = max(max_row, max(map(int, rows_here)))
        row_tags += data.count(b"<row")  # rows written without r="..."
        max_row = max(max_row, row_tags)
        if max_row > expansion.MAX_ROWS or max_col > expansion.SHEET_COLUMNS:
            tally.add_grid(sheet, max_row, max_col)  # refuses
        if inline_exact:
            tally.add_text(sum(map(len, _INLINE_TEXT.findall(data))))
        if longest and coarse < switch:
            bound = data.count(b't="s"') * longest
            coarse += bound
            tally.add_text(bound)
        elif longest:
            found = _SHARED_REF.findall(data)
            # A reference written in a way not matched here counts as the longest text.
            odd = max(0, data.count(b't="s"') - len(found))
            tally.add_text(sum(map(shared.__getitem__, map(int, found))) + odd * longest)
        if formulas:
            _note_formulas(data, info.filename, report)
    tally.add_grid(sheet, max_row, max_col)


def _note_formulas(data: bytes, part: str, report: SafetyReport) -> None:
    """Note the cells of ``data`` whose formula has no cached value (at most 1,000 a part)."""
    # The regex tries every cell; most partner files hold no formula at all.
    if _FORMULA_TAG.search(data) is None:  # one pass, not three
        return
    for match in _FORMULA_NO_VALUE.finditer(data):
        cells = report.formulas_without_value.setdefault(part, [])
        if len(cells) < 1000:
            cells.append(match.group(1).decode())


def scan_formulas(path: Path, report: SafetyReport) -> None:
    """The formulas without a cached value of an xlsx package ``check_file(formulas=False)``
    accepted, into ``report``. Only reads: it may run on a thread while calamine parses the
    sheet (which releases the GIL), so that this pass over the XML costs no time."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                # The parts ``check_file`` scans as sheets, exactly.
                if not (
                    info.filename.startswith("xl/worksheets/")
                    and info.filename.endswith((".xml", ".rels", ".vml"))
                ):
                    continue
                tail = b""
                with archive.open(info) as stream:
                    while chunk := stream.read(1 << 20):
                        data = tail + chunk
                        _note_formulas(data, info.filename, report)
                        tail = data[-300:]  # a formula cell may straddle two chunks
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise refuse(path, _("the file is truncated or damaged")) from None


def check_text_cells(path: Path, sheet: str, rows: list[list[object]]) -> None:
    """After reading: refuse a sheet holding a cell larger than a spreadsheet cell may be
    (which cell, and how large, said)."""
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if type(value) is str and len(value) > MAX_CELL_CHARS:
                from .layout import column_letter

                raise expansion.cell_too_long(
                    path,
                    _("cell {cell} of sheet {sheet}").format(
                        cell=f"{column_letter(col)}{format_number(number)}", sheet=sheet
                    ),
                    len(value),
                )
