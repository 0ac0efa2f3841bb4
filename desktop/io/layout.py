"""Where a sheet's table is: its header row (after titles, notes and blank rows), the rows of
field types and instructions some templates put under it, merged cells, and a fingerprint of
the layout so that next year's file from the same partner is recognised."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..services.text import fold, normalise_name
from .parsing import MAX_YEAR, MIN_YEAR, clean_text, is_missing
from .readers.base import Sheet

HEADER_SCAN_ROWS = 30


@dataclass
class Layout:
    header_row: int  # 0-based index in sheet.rows
    first_data_row: int  # 0-based
    names: list[str]  # one per column, unique, as the user sees them
    groups: list[str]  # the merged group header above each column, or ""


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_texty(value: object) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or is_missing(text):  # "NR", "-" in a data row do not make it a header
        return False
    try:
        float(text.replace(",", ".").replace(" ", ""))
        return False
    except ValueError:
        return True


def _is_year(value: object) -> bool:
    """A year as a column name ("2019" or 2019) of a wide layout."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and MIN_YEAR <= value <= MAX_YEAR
    text = value.strip() if isinstance(value, str) else ""
    return len(text) == 4 and text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR


def detect_header(rows: list[list[object]]) -> int:
    """The first row with the most short text cells among the first rows, followed by data:
    titles and notes have one long cell, blank rows none. Years count for half a name: a
    header of years as columns outweighs a data row's one year."""
    best, best_score = 0, -1.0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = sum(
            1.0 if _is_texty(v) and len(str(v).strip()) <= 120 else 0.5 if _is_year(v) else 0.0
            for v in row
        )
        if score > best_score:
            best, best_score = index, score
    return best


def _is_type_row(row: list[object]) -> bool:
    """A row of field types under the header ("Champ texte", "Champ date", "Text field")."""
    values = [fold(clean_text(v)) for v in row if clean_text(v)]
    if len(values) < 2:
        return False
    typed = sum(1 for v in values if v.startswith(("champ ", "field ", "type ", "format ")))
    return typed >= len(values) * 0.6


def detect_layout(sheet: Sheet, header_row: int | None = None) -> Layout:
    rows = sheet.rows
    header = detect_header(rows) if header_row is None else header_row
    width = sheet.width
    raw = rows[header] if header < len(rows) else []
    groups = [""] * width
    if header > 0:
        above = rows[header - 1]
        for col in range(width):
            groups[col] = clean_text(above[col]) if col < len(above) else ""
        for r0, c0, r1, c1 in sheet.merged:
            if r0 <= header - 1 <= r1:
                value = clean_text(above[c0]) if c0 < len(above) else ""
                for col in range(c0, min(c1 + 1, width)):
                    groups[col] = value
    names: list[str] = []
    seen: dict[str, int] = {}
    for col in range(width):
        name = " ".join(clean_text(raw[col]).split()) if col < len(raw) else ""
        if not name:
            name = column_letter(col)
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    first = header + 1
    if first < len(rows) and _is_type_row(rows[first]):
        first += 1
        # Templates with a type row put their filling instructions on the next one.
        if first < len(rows) and _is_instruction_row(rows[first]):
            first += 1
    return Layout(header, first, names, groups)


def _is_instruction_row(row: list[object]) -> bool:
    values = [clean_text(v) for v in row if clean_text(v)]
    if not values:
        return False
    long_texts = sum(1 for v in values if len(v) > 40 and not _looks_numeric(v))
    return long_texts >= len(values) * 0.6


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", ".").replace(" ", ""))
        return True
    except ValueError:
        return False


def fill_merged(sheet: Sheet, first_data_row: int) -> None:
    """A merged range's value belongs to every cell it covers (a code merged over two rows is
    the code of both)."""
    rows = sheet.rows
    for r0, c0, r1, c1 in sheet.merged:
        if r1 < first_data_row or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0, first_data_row), min(r1 + 1, len(rows))):
            row = rows[r]
            for c in range(c0, min(c1 + 1, len(row))):
                if r == r0 and c == c0:
                    continue
                row[c] = value


def fingerprint(kind: str, names: list[str]) -> str:
    """The same columns in the same order give the same fingerprint, whatever the case,
    accents or spacing."""
    text = "\x1f".join([kind, *(normalise_name(n) for n in names)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
