"""What an Excel 97-2003 workbook (.xls) expands to, read from its records before calamine is
let near it: the dense grid of each sheet (from A1 to its last cell), the shared-text table and
every cell that refers to one of its texts (a 32,000-character text in 60,000 cells is two
billion characters from a 1 MB file).

An .xls file is a Compound File (a small FAT file system) whose "Workbook" stream is a list of
BIFF8 records: (type: u16, size: u16, data). Only what sizes the file is decoded: the
shared-text table (SST, continued over CONTINUE records), and the position of every cell record.
Anything that does not parse is "truncated or damaged", as calamine would find it.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable
from pathlib import Path

from .expansion import SHEET_COLUMNS, Tally

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
BOF, EOF, SST, CONTINUE, BOUNDSHEET = 0x0809, 0x000A, 0x00FC, 0x003C, 0x0085
LABELSST, LABEL, RSTRING = 0x00FD, 0x0204, 0x00D6
NUMBER, RK, BOOLERR, FORMULA, BLANK = 0x0203, 0x027E, 0x0205, 0x0006, 0x0201
MULRK, MULBLANK = 0x00BD, 0x00BE
_SINGLE_CELLS = (LABELSST, LABEL, RSTRING, NUMBER, RK, BOOLERR, FORMULA, BLANK)


class Damaged(Exception):
    """The compound file or its records do not hold together."""


class _Compound:
    """The sectors and allocation tables of a compound file (MS-CFB), enough to read one
    stream; every pointer is checked, every chain bounded (no loop, nothing out of the file)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise Damaged
        self.data = data
        self.sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
        if self.sector_size not in (512, 4096) or self.mini_size != 64:
            raise Damaged
        self.sectors = (len(data) - 512) // self.sector_size
        fat_count, self.first_directory = struct.unpack_from("<II", data, 0x2C)
        (self.mini_cutoff, self.first_mini_fat, self.mini_fat_count, first_difat, difat_count) = (
            struct.unpack_from("<IIIII", data, 0x38)
        )
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        index = first_difat
        for _hop in range(difat_count):
            if index in (_FREE, _END_OF_CHAIN):
                break
            pointers = struct.unpack(f"<{self.sector_size // 4}I", self.sector(index))
            difat.extend(pointers[:-1])
            index = pointers[-1]
        self.fat: array[int] = array("I")
        for index in difat[:fat_count]:
            if index not in (_FREE, _END_OF_CHAIN):
                self.fat.frombytes(self.sector(index))

    def sector(self, index: int) -> bytes:
        if index >= self.sectors:
            raise Damaged
        start = 512 + index * self.sector_size
        return self.data[start : start + self.sector_size]

    def chain(self, start: int) -> bytes:
        return _follow(start, self.fat, self.sector, self.sectors)

    def stream(self, names: tuple[str, ...]) -> bytes:
        directory = self.chain(self.first_directory)
        entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
        if not entries:
            raise Damaged
        root_start = struct.unpack_from("<I", entries[0], 0x74)[0]
        for entry in entries:
            name_size = struct.unpack_from("<H", entry, 0x40)[0]
            name = entry[: max(0, name_size - 2)].decode("utf-16-le", "replace")
            if entry[0x42] != 2 or name not in names:
                continue
            start, size = struct.unpack_from("<II", entry, 0x74)
            if size >= self.mini_cutoff:
                return self.chain(start)[:size]
            # A small stream lives in the mini stream (the root entry's), by 64-byte sectors.
            mini_stream = self.chain(root_start)
            mini_fat: array[int] = array("I")
            mini_fat.frombytes(
                self.chain(self.first_mini_fat)[: self.mini_fat_count * self.sector_size]
            )

            def mini(index: int, stream: bytes = mini_stream) -> bytes:
                at = index * self.mini_size
                if at + self.mini_size > len(stream):
                    raise Damaged
                return stream[at : at + self.mini_size]

            return _follow(start, mini_fat, mini, len(mini_fat))[:size]
        raise Damaged


def _follow(start: int, table: array[int], read: Callable[[int], bytes], limit: int) -> bytes:
    parts, index, hops = [], start, 0
    while index not in (_FREE, _END_OF_CHAIN):
        if index >= len(table) or hops > limit:  # a loop, or a pointer out of the file
            raise Damaged
        parts.append(read(index))
        index, hops = table[index], hops + 1
    return b"".join(parts)


def _records(stream: bytes) -> list[tuple[int, int, int]]:
    """(type, start of data, size) of every record."""
    found, at = [], 0
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        found.append((kind, at + 4, size))
        at += 4 + size
    return found


def _shared_lengths(stream: bytes, pieces: list[tuple[int, int]], tally: Tally) -> array[int]:
    """The length of every text of the SST record and its CONTINUE records (``pieces``:
    (start, size) of each record's data). A text's characters may continue in the next record,
    which then starts with a new flags byte (8 or 16 bits a character)."""
    lengths: array[int] = array("I")
    piece, at = 0, pieces[0][0] + 8
    end = pieces[0][0] + pieces[0][1]
    unique = struct.unpack_from("<I", stream, pieces[0][0] + 4)[0]
    tally.add_shared_texts(unique)

    def next_piece() -> None:
        nonlocal piece, at, end
        piece += 1
        if piece >= len(pieces):
            raise Damaged
        at, end = pieces[piece][0], pieces[piece][0] + pieces[piece][1]

    def skip(count: int) -> None:
        nonlocal at
        while count > 0:
            if at >= end:
                next_piece()
            step = min(count, end - at)
            at += step
            count -= step

    for _text in range(unique):
        if at >= end:
            next_piece()
        if at + 3 > end:
            raise Damaged
        chars, flags = struct.unpack_from("<HB", stream, at)
        at += 3
        runs = extra = 0
        if flags & 0x08:
            runs = struct.unpack_from("<H", stream, at)[0]
            at += 2
        if flags & 0x04:
            extra = struct.unpack_from("<I", stream, at)[0]
            at += 4
        width, left = (2 if flags & 0x01 else 1), chars
        while left:
            if at >= end:
                next_piece()
                width = 2 if stream[at] & 0x01 else 1
                at += 1
            take = min(left, (end - at) // width)
            if take == 0:
                raise Damaged
            at += take * width
            left -= take
        skip(4 * runs + extra)
        lengths.append(chars)
    tally.add_text(sum(lengths))
    return lengths


def scan_xls(path: Path, tally: Tally) -> None:
    """Count what ``path`` expands to into ``tally`` (which refuses past a limit);
    ``Damaged`` when its structure does not hold."""
    try:
        stream = _Compound(path.read_bytes()).stream(("Workbook", "Book"))
        records = _records(stream)
    except (struct.error, IndexError, ValueError) as error:
        raise Damaged from error
    lengths: array[int] = array("I")
    names: list[str] = []
    sheet = -1  # index of the worksheet being read; -1 in the workbook globals
    max_row = max_col = -1
    try:
        for number, (kind, start, size) in enumerate(records):
            if kind == SST:
                pieces = [(start, size)]
                for other, other_start, other_size in records[number + 1 :]:
                    if other != CONTINUE:
                        break
                    pieces.append((other_start, other_size))
                lengths = _shared_lengths(stream, pieces, tally)
            elif kind == BOUNDSHEET:
                chars, flags = stream[start + 6], stream[start + 7]
                raw = stream[start + 8 : start + 8 + chars * (2 if flags & 1 else 1)]
                names.append(raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace"))
            elif kind == BOF:
                if struct.unpack_from("<H", stream, start + 2)[0] == 0x0010:
                    sheet, max_row, max_col = sheet + 1, -1, -1
            elif kind == EOF and max_row >= 0:
                name = names[sheet] if 0 <= sheet < len(names) else str(sheet + 1)
                tally.add_grid(name, max_row + 1, max_col + 1)
                max_row = max_col = -1
            elif kind in _SINGLE_CELLS or kind in (MULRK, MULBLANK):
                row, col = struct.unpack_from("<HH", stream, start)
                if kind in (MULRK, MULBLANK):
                    col = struct.unpack_from("<H", stream, start + size - 2)[0]
                if kind == BLANK or kind == MULBLANK:
                    continue  # calamine keeps no empty cell
                max_row, max_col = max(max_row, row), max(max_col, col)
                if col >= SHEET_COLUMNS:
                    raise Damaged
                if kind == LABELSST:
                    tally.add_text(lengths[struct.unpack_from("<I", stream, start + 6)[0]])
                elif kind in (LABEL, RSTRING):
                    tally.add_text(struct.unpack_from("<H", stream, start + 6)[0])
    except (struct.error, IndexError) as error:
        raise Damaged from error
