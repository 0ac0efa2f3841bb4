"""CSV and text files: encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and delimiter
(``;`` ``,`` tab) detected; binary garbage named .csv refused; lines, rows, cells and text
bounded by the limits of ``expansion`` before they are built."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path

from ...i18n import _, format_number
from ..expansion import (
    MAX_CELL_CHARS,
    SHEET_COLUMNS,
    Tally,
    cell_too_long,
    too_many_columns,
)
from ..safety import check_file, refuse
from .base import Book, Sheet

DELIMITERS = (";", ",", "\t", "|")
_SAMPLE_LINES = 50
_CHUNK = 1 << 20
_BLOCK = 2000  # rows read between two checks of the limits


def detect_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4000]
    # UTF-16 without BOM: every other byte is zero for Latin text.
    if len(sample) >= 4:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        if odd_zeros > len(sample) // 4 and even_zeros == 0:
            return "utf-16-le"
        if even_zeros > len(sample) // 4 and odd_zeros == 0:
            return "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A file cut in the middle of a character is still UTF-8.
        if error.reason == "unexpected end of data" and len(data) > 16:
            return "utf-8"
    return "cp1252"


def looks_binary(text: str) -> bool:
    """Control characters other than tab and line ends mean this is not text."""
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\r\n") or c == "\ufffd")
    return "\x00" in sample or controls > len(sample) / 100


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same, largest number of fields."""
    lines = text.splitlines()[:_SAMPLE_LINES]
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:  # a field longer than a cell may be, with this delimiter
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        consistency = counts.count(common) / len(counts)
        score = consistency * 1000 + common
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _decoded(path: Path, encoding: str, errors: str = "strict") -> Iterator[str]:
    """The text of ``path`` in pieces of about a megabyte."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)


class CsvBook(Book):
    """Read in two streamed passes, never the whole text at once: the first checks every line
    against the limits before the csv module sees it (a 44 MB line of one-character cells would
    otherwise become 22 million strings before anything could count them), the second reads
    the rows, counting rows, cells and text as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        check_file(path)
        with path.open("rb") as handle:
            head = handle.read(_CHUNK)
        self.encoding = detect_encoding(head)
        sample = head.decode(self.encoding, errors="replace")
        if looks_binary(sample):
            raise refuse(path, _("this is not a text file (binary content)"))
        self.delimiter = detect_delimiter(sample)
        if self.encoding == "utf-8":
            try:
                self._scan("strict")
            except UnicodeDecodeError:  # a Windows-1252 file whose first bytes were ASCII
                self.encoding = "cp1252"
                self._scan()
        else:
            self._scan()
        self.sheet_names = [path.stem]

    def _scan(self, errors: str = "replace") -> None:
        """Refuse a line wider than a spreadsheet row, or one holding a cell longer than a
        spreadsheet cell (more characters than its cells could hold), or an empty file."""
        delimiter, carried, number, blank = self.delimiter, "", 0, True
        for text in _decoded(self.path, self.encoding, errors):
            lines = (carried + text).split("\n")
            carried = lines.pop()
            if blank and any(not line.isspace() and line for line in lines):
                blank = False
            self._check_lines(lines, number, delimiter)
            number += len(lines)
            if len(carried) > 4 * _CHUNK:  # a line of megabytes: checked as it grows
                self._check_lines([carried], number, delimiter)
        self._check_lines([carried], number, delimiter)
        if blank and carried.strip() == "":
            raise refuse(self.path, _("the file is empty"))

    def _check_lines(self, lines: list[str], before: int, delimiter: str) -> None:
        if max(map(len, lines), default=0) < SHEET_COLUMNS:
            return  # no line can hold more cells than a row has, nor a cell too long
        for offset, line in enumerate(lines):
            if len(line) < SHEET_COLUMNS:
                continue
            cells = line.count(delimiter) + 1
            if cells > SHEET_COLUMNS:
                raise too_many_columns(
                    self.path,
                    _("line {line}").format(line=format_number(before + offset + 1)),
                    cells,
                )
            if len(line) > cells * (MAX_CELL_CHARS + 2):  # quotes around each cell
                raise cell_too_long(
                    self.path,
                    _("line {line}").format(line=format_number(before + offset + 1)),
                    line=True,
                )

    def sheet(self, name: str) -> Sheet:
        csv.field_size_limit(MAX_CELL_CHARS)
        tally = Tally(self.path)
        rows: list[list[str]] = []
        with (
            self.path.open("rb") as raw,
            io.TextIOWrapper(raw, encoding=self.encoding, errors="replace", newline="") as text,
        ):
            reader = csv.reader(text, delimiter=self.delimiter)
            try:
                # By blocks of rows, counted in C: a check per row was a third of the read.
                while block := list(islice(reader, _BLOCK)):
                    lengths = list(map(len, block))
                    tally.add_rows(
                        name, len(rows) + 1, len(block), max(lengths), len(rows), sum(lengths)
                    )
                    tally.add_text(sum(map(len, chain.from_iterable(block))))
                    rows.extend(block)
            except csv.Error as error:
                where = _("line {line}").format(line=format_number(reader.line_num))
                if "field limit" in str(error):
                    raise cell_too_long(self.path, where, line=True) from None
                raise refuse(
                    self.path,
                    _("{where} cannot be read as CSV ({error})").format(where=where, error=error),
                ) from None
        # Drop the empty field a trailing delimiter leaves on every line.
        if rows and all(not row or row[-1] == "" for row in rows):
            for row in rows:
                if row:
                    del row[-1]
        return Sheet(name=self.sheet_names[0], rows=rows)
