"""Whole-file scans done a few megabytes at a time, so the window never stops answering.

A large file loads on a thread, but one C call (a decode, a regex search, a count
over 300 MB) holds the interpreter until it returns: the window froze for up to
half a second. Python lets other threads run between calls, so each scan here is
a loop of calls over pieces of `PIECE` characters, with the same answer as one call.
"""

from __future__ import annotations

import re

PIECE = 1 << 23


def decode_utf8(data: bytes, start: int = 0) -> str:
    """`data[start:].decode("utf-8")`, piece by piece and without copying the bytes; a
    UnicodeDecodeError's `start` is the whole data's."""
    view = memoryview(data)
    piece = len(data) if len(data) - start <= 4 * PIECE else PIECE  # up to 32 MB, one call: tens of ms, no join
    pieces = []
    while start < len(data):
        end = min(start + piece, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # never split a character
            end += 1
        try:
            pieces.append(str(view[start:end], "utf-8"))
        except UnicodeDecodeError as error:
            raise UnicodeDecodeError(error.encoding, data, start + error.start, start + error.end, error.reason) from None
        start = end
    return "".join(pieces)


def count(text: str, sub: str, start: int = 0, end: int | None = None) -> int:
    """`text.count(sub, start, end)` for a one-character `sub`, piece by piece."""
    end = len(text) if end is None else min(end, len(text))
    return sum(text.count(sub, offset, min(offset + PIECE, end)) for offset in range(start, end, PIECE))


def search(pattern: re.Pattern, text: str, start: int, end: int | None = None, reach: int = 256) -> re.Match | None:
    """`pattern.search(text, start, end)`, piece by piece, for a pattern whose matches
    span fewer than `reach` characters and that looks at nothing beyond them."""
    end = len(text) if end is None else end
    offset = start
    while offset < end:
        stop = min(offset + PIECE + reach, end)
        match = pattern.search(text, offset, stop)
        if match is not None and (match.end() < stop or stop == end):
            return match
        if stop == end:
            return None
        offset = stop - reach
    return None


def has_any(pattern: re.Pattern, text: str, reach: int = 256) -> bool:
    return search(pattern, text, 0, len(text), reach) is not None


def find(text: str, sub: str, start: int = 0, end: int | None = None) -> int:
    """`text.find(sub, start, end)`, piece by piece."""
    end = len(text) if end is None else min(end, len(text))
    for offset in range(start, end, PIECE):
        found = text.find(sub, offset, min(offset + PIECE + len(sub) - 1, end))
        if found != -1:
            return found
    return -1


def replace_crlf(text: str) -> str:
    """`text.replace("\\r\\n", "\\n")`, piece by piece (never between a CR and its LF)."""
    pieces, start = [], 0
    while start < len(text):
        end = min(start + PIECE, len(text))
        while end < len(text) and text[end - 1] == "\r":
            end += 1
        pieces.append(text[start:end].replace("\r\n", "\n"))
        start = end
    return "".join(pieces)
