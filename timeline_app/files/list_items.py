"""Where each `- ` item of the events list starts, and on which line its value begins.

A 1,000,000-event file has 1,000,000 items among some 15,000,000 lines: a Python
loop over them (str.find per item) took 1.3 s. There numpy looks at every line
start at once, a few megabytes at a time; only the rare item written as `-` alone
on its line (or `- # note`) is looked at in Python. A small file keeps the loop:
importing numpy would cost `--check` more than the loop does
(tests/test_list_items.py holds the two to the same answers).
"""

from __future__ import annotations

import re

from .in_pieces import count

NUMPY_FROM_CHARACTERS = 1_000_000
_BLOCK = 1 << 23  # bytes looked at together: bounded temporary memory on a 300 MB file
_NEWLINE, _SPACE, _DASH, _HASH = 10, 32, 45, 35


def item_starts(text: str, body_start: int, body_end: int, indent: int) -> tuple[list[int], list[int]]:
    """The offsets in `text` where each item at `indent` starts (its first space, or its
    dash), for items between `body_start` (just after a line break) and `body_end`; and
    the line where each item's value starts, as the precise reader places it: the dash's
    own line, or for `-` alone (or `- # note`) the next line with content."""
    if body_end - body_start < NUMPY_FROM_CHARACTERS:
        return item_starts_by_find(text, body_start, body_end, indent)
    return item_starts_by_numpy(text, body_start, body_end, indent)


def item_starts_by_find(text: str, body_start: int, body_end: int, indent: int) -> tuple[list[int], list[int]]:
    """`item_starts` one item at a time (str.find: 3x faster than a regex)."""
    needle = "\n" + " " * indent + "-"
    starts, lines = [], []
    line = text.count("\n", 0, body_start - 1) + 1  # the line that each needle's newline ends
    offset, last = body_start - 1, body_start - 1
    while offset != -1:
        after = offset + len(needle)
        if after >= body_end or text[after] in " \n":
            line += text.count("\n", last, offset)
            last = offset
            starts.append(offset + 1)
            if text[after : after + 1] == " " and text[after + 1 : after + 2] not in ("\n", "#", " ", ""):
                lines.append(line + 1)  # `- key: …`, the common case
            else:
                lines.append(line + 1 + _lines_to_content(text, after))
        offset = text.find(needle, after, body_end)
    return starts, lines


def item_starts_by_numpy(text: str, body_start: int, body_end: int, indent: int) -> tuple[list[int], list[int]]:
    """`item_starts` for every line at once, `_BLOCK` characters at a time (each block
    encoded on its own: no copy of the whole file, and no long hold of the interpreter)."""
    import numpy as np  # here, not above: `--check` of a small file never pays for the import

    margin = indent + 3  # what is looked at after a block's last line break: the indent, the dash, two more
    first_line = count(text, "\n", 0, body_start - 1) + 2  # the line after the break that ends at body_start - 1
    starts: list[np.ndarray] = []
    lines: list[np.ndarray] = []
    rare: list[np.ndarray] = []
    breaks_before = 0
    for block_start in range(body_start - 1, body_end, _BLOCK):
        block_end = min(block_start + _BLOCK, body_end)
        tail = text[block_end : block_end + margin]
        data = np.frombuffer((text[block_start:block_end] + tail).encode("utf-8", "surrogatepass"), np.uint8)
        own = len(data) - len(tail.encode("utf-8", "surrogatepass"))  # the block's bytes, without the margin
        if body_end <= block_end + margin:  # the list ends in the block or its margin: where, in the block's bytes
            limit = own + len(text[block_end:body_end].encode("utf-8", "surrogatepass"))
        else:
            limit = len(data) + 1
        last = len(data) - 1
        breaks = np.flatnonzero(data[:own] == _NEWLINE)
        dash = breaks + (1 + indent)
        found = (dash < limit) & (data[np.minimum(dash, last)] == _DASH)  # the whole `\n<indent>-` in the list
        for column in range(indent):
            found &= data[np.minimum(breaks + (1 + column), last)] == _SPACE
        after = data[np.minimum(dash + 1, last)]
        found &= (dash + 1 >= limit) | (after == _SPACE) | (after == _NEWLINE)
        item_breaks = breaks[found]
        offsets = item_breaks + (block_start + 1)
        if own != block_end - block_start:  # not ASCII: bytes to characters
            continuation = np.concatenate(([0], np.cumsum((data & 0xC0) == 0x80, dtype=np.int64)))
            offsets -= continuation[item_breaks + 1]
        starts.append(offsets)
        lines.append(np.flatnonzero(found) + (first_line + breaks_before))
        value_after = data[np.minimum(dash[found] + 2, last)]
        plain = (after[found] == _SPACE) & (dash[found] + 2 <= last)
        plain &= (value_after != _NEWLINE) & (value_after != _HASH) & (value_after != _SPACE)
        rare.append(~plain)
        breaks_before += len(breaks)
    all_starts = np.concatenate(starts).tolist()
    all_lines = np.concatenate(lines)
    for index in np.flatnonzero(np.concatenate(rare)).tolist():
        all_lines[index] += _lines_to_content(text, all_starts[index] + indent + 1)
    return all_starts, all_lines.tolist()


_CONTENT_LINE = re.compile(r"[ \t]*[^ \t\n#]")
_BLANK_OR_COMMENT = re.compile(r"[ \t]*(#[^\n]*)?")


def _lines_to_content(text: str, offset: int) -> int:
    """How many line breaks lie between `offset` and the next character that is not blank or a comment."""
    breaks = 0
    offset = _BLANK_OR_COMMENT.match(text, offset).end()
    while offset < len(text) and text[offset] == "\n":
        breaks += 1
        offset += 1
        if not _CONTENT_LINE.match(text, offset):
            end = text.find("\n", offset)
            offset = len(text) if end == -1 else end
    return breaks
