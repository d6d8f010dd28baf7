"""Whole-file scans done a few megabytes at a time, so the window never stops answering.

A large file loads on a thread, but one C call (a decode, a regex search, a count
over 300 MB) holds the interpreter until it returns: the window froze for up to
half a second. Python lets other threads run between calls, so each scan here is
a loop of calls over pieces of `PIECE` characters, with the same answer as one call.
"""

from __future__ import annotations

import re

PIECE = 1 << 23
# bytes decoded in one call: 64 MB of ASCII in ~40 ms; other text makes a string 2 or 4 times its
# bytes (40 MB of Arabic ~70 ms, of mostly ASCII with an emoji here and there ~115 ms; 61 MB: 110 and 175)
ONE_CALL, ONE_CALL_NOT_ASCII = 64 << 20, 40 << 20
DECODE_PIECE = 1 << 18  # bytes decoded a call beyond them (see decode_utf8)


def decode_utf8(data: bytes, start: int = 0) -> str:
    """`data[start:].decode("utf-8")`, piece by piece and without copying the bytes; a
    UnicodeDecodeError's `start` is the whole data's.

    Up to `ONE_CALL` bytes are decoded in one call (`ONE_CALL_NOT_ASCII` of other text): a
    100,000-event file (35 MB) holds the interpreter 20 ms (50 ms if it is not ASCII).
    Beyond, the pieces are appended to one string as they come (`text += piece`, which
    CPython grows in place): a `"".join` of 350 MB held the interpreter for one call of 0.2
    to 1 s, and the window froze for as long. The pieces are small (`DECODE_PIECE`): each is
    made, appended and freed in memory the next one reuses, where 8 MB pieces each took
    fresh memory from the system (half as many page faults again): a million events (347 MB)
    decode in 0.25-0.33 s against 0.41-0.46 s, in calls of a quarter of a millisecond."""
    view = memoryview(data)
    size = len(data) - start
    piece = len(data) if size <= ONE_CALL_NOT_ASCII or size <= ONE_CALL and data.isascii() else DECODE_PIECE
    bounds = [start]
    while bounds[-1] < len(data):
        end = min(bounds[-1] + piece, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # never split a character
            end += 1
        bounds.append(end)
    text = ""
    for first, last in zip(bounds, bounds[1:]):  # (a `for` loop: CPython 3.11 makes `+=` in place only in one)
        try:
            text += str(view[first:last], "utf-8")
        except UnicodeDecodeError as error:
            raise UnicodeDecodeError(error.encoding, data, first + error.start, first + error.end, error.reason) from None
    return text


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


def lines_starting(text: str, prefix: str, start: int = 0):
    """The offset of each line from `start` on that begins with `prefix`, in order (by `find`:
    a multi-line regex over a large file held the interpreter for as long as it ran)."""
    if start == 0 and text.startswith(prefix):
        yield 0
    at = find(text, "\n" + prefix, max(start - 1, 0))
    while at != -1:
        yield at + 1
        at = find(text, "\n" + prefix, at + 1)


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


def lines_at(text: str, offsets: list[int]) -> list[int]:
    """The line each of `offsets` (in order) stands on, the breaks between them counted once."""
    lines, line, previous = [], 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        lines.append(line)
        previous = offset
    return lines


def line_end(text: str, number: int) -> int:
    """Where line `number` (0-based) ends: the offset of its `\\n`, -1 past the last one.
    Counted a small piece at a time, then found within the piece (one `find` a line over a
    23 MB file took 0.2 s)."""
    offset, passed = 0, 0
    while offset < len(text):
        end = min(offset + _LINE_PIECE, len(text))
        inside = text.count("\n", offset, end)
        if passed + inside > number:
            at = offset - 1
            for _ in range(number - passed + 1):
                at = text.find("\n", at + 1, end)
            return at
        passed += inside
        offset = end
    return -1


_LINE_PIECE = 1 << 16


LET_GO_SLICE = 50_000


def let_go(items: list) -> None:
    """Empty `items` from the end, `LET_GO_SLICE` at a time (other threads run between slices):
    a million objects freed with their list, in one C call, held a loading window 60 to 170 ms."""
    while items:
        del items[-LET_GO_SLICE:]
