"""CSV and text files: encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and delimiter
(``;`` ``,`` tab) detected; binary garbage named .csv refused."""

from __future__ import annotations

import codecs
import csv
import io
from itertools import chain
from pathlib import Path

from ...i18n import _
from ..safety import MAX_CELL_CHARS, check_file, refuse
from .base import Book, Sheet

DELIMITERS = (";", ",", "\t", "|")
_SAMPLE_LINES = 50


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
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
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


class CsvBook(Book):
    def __init__(self, path: Path) -> None:
        self.path = path
        check_file(path)
        data = path.read_bytes()
        self.encoding = detect_encoding(data)
        text = data.decode(self.encoding, errors="replace")
        if looks_binary(text):
            raise refuse(path, _("this is not a text file (binary content)"))
        if not text.strip():
            raise refuse(path, _("the file is empty"))
        csv.field_size_limit(MAX_CELL_CHARS * 4)
        try:
            self.delimiter = detect_delimiter(text)
        except csv.Error:
            raise refuse(path, _("a cell holds more than 32,767 characters")) from None
        self._text = text
        self.sheet_names = [path.stem]

    def sheet(self, name: str) -> Sheet:
        csv.field_size_limit(MAX_CELL_CHARS * 4)
        try:
            rows: list[list[str]] = list(
                csv.reader(io.StringIO(self._text), delimiter=self.delimiter))
        except csv.Error:
            raise refuse(self.path, _("a cell holds more than 32,767 characters")) from None
        # Every cell is text: the longest is found in C.
        if max(map(len, chain.from_iterable(rows)), default=0) > MAX_CELL_CHARS:
            raise refuse(self.path, _("a cell holds more than 32,767 characters"))
        # Drop the empty field a trailing delimiter leaves on every line.
        if rows and all(not row or row[-1] == "" for row in rows):
            rows = [row[:-1] for row in rows]
        return Sheet(name=self.sheet_names[0], rows=rows)
