"""Checks run before a spreadsheet is read, so that hostile or broken files are refused whole,
with a clear reason, before they can take memory or time.

The readers (calamine above all) build a dense grid from the first to the last cell, so a file
with one cell in A1 and one in XFD1048576 would ask for billions of cells: sizes, ratios and
cell positions are checked from the zip directory and a streamed scan of the XML first.
The search for formulas without a cached value refuses nothing and bounds nothing: a reader
may run it (``scan_formulas``) alongside its own parse, once the rest has passed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from ..errors import UserError
from ..i18n import _

# Limits generous for real partner files (a 100,000-row sheet is about 20 MB of XML) and far
# below what would exhaust a laptop.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBER_BYTES = 400 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 600 * 1024 * 1024
MAX_RATIO = 150  # uncompressed / compressed for members above RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
MAX_ROWS = 1_048_576
MAX_CELLS = 30_000_000  # rows x columns of the dense grid a reader would build
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell's text
MAX_MEMBERS = 5_000

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# Single-letter columns (A-Z) cannot make a sheet wide: only longer ones are looked at, which
# keeps the scan of a 100,000-row sheet to a few tens of milliseconds.
_WIDE_CELL_REF = re.compile(rb'<c r="([A-Z]{2,3})\d')
_ROW_REF = re.compile(rb'<row r="(\d{1,7})"')
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
            if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_UNCOMPRESSED or (
                info.file_size > RATIO_FLOOR and ratio > MAX_RATIO
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
        try:
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _check_xml_member(path, archive, info, report, formulas=formulas)
            workbook_xml = archive.read("xl/workbook.xml")[:20000]
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise refuse(path, _("the file is truncated or damaged")) from None
        report.date1904 = b'date1904="1"' in workbook_xml or b'date1904="true"' in workbook_xml
    return report


def _check_ods(path: Path, archive: zipfile.ZipFile, names: set[str]) -> None:
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


def _check_xml_member(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    report: SafetyReport,
    *,
    ods: bool = False,
    formulas: bool = True,
) -> None:
    """Stream one XML part: no DTD (entity attacks), positions within bounds, cells of sane
    size, and formulas that have no cached value noted."""
    is_sheet = info.filename.startswith("xl/worksheets/") and not ods
    max_row = max_col = row_tags = 0
    tail = b""
    first = True
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            if first:
                head = data[:4096]
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise refuse(path, _("the file declares XML entities (possible entity attack)"))
                first = False
            if is_sheet:
                if max_col < 26 and b"<c " in data:
                    max_col = 26
                for letters in set(_WIDE_CELL_REF.findall(data)):
                    max_col = max(max_col, column_number(letters))
                rows_here = _ROW_REF.findall(data)
                if rows_here:
                    max_row = max(max_row, max(map(int, rows_here)))
                row_tags += data.count(b"<row")  # rows written without r="..."
                max_row = max(max_row, row_tags)
                if max_row > MAX_ROWS or max_col > 16384 or max_row * max_col > MAX_CELLS:
                    raise refuse(path, _("the sheet has absurd dimensions"))
                if formulas:
                    _note_formulas(data, info.filename, report)
            # Cells of megabytes are refused after reading (``check_text_cells``): memory is
            # already bounded by the size limits above, and scanning every text run here
            # would double the time of a large import.
            # Keep the end of the chunk: a tag may straddle two chunks.
            tail = data[-300:]


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
                if not (info.filename.startswith("xl/worksheets/")
                        and info.filename.endswith((".xml", ".rels", ".vml"))):
                    continue
                tail = b""
                with archive.open(info) as stream:
                    while chunk := stream.read(1 << 20):
                        data = tail + chunk
                        _note_formulas(data, info.filename, report)
                        tail = data[-300:]  # a formula cell may straddle two chunks
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise refuse(path, _("the file is truncated or damaged")) from None


def check_text_cells(path: Path, rows: list[list[object]]) -> None:
    """After reading: refuse a sheet whose cells are larger than a spreadsheet cell may be."""
    longest = max([len(v) for v in chain.from_iterable(rows) if type(v) is str], default=0)
    if longest > MAX_CELL_CHARS:
        raise refuse(path, _("a cell holds more than 32,767 characters"))
