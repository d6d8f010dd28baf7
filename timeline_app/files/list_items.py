"""Where the events list ends, where each of its `- ` items starts, and on which line its value begins.

A 1,000,000-event file has 1,000,000 items among some 15,000,000 lines: a Python
loop over them (str.find per item) took 1.3 s. There one pass in C looks at every
line start (`events_list_in_c`), or numpy a few megabytes at a time where the C
module was not built; only the rare item written as `-` alone on its line (or
`- # note`) is looked at in Python. A small file keeps the loop: importing numpy
would cost `--check` more than the loop does (tests/test_list_items.py holds the
three to the same answers).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .compiled import plain_yaml
from .in_pieces import count, search

find_items = getattr(plain_yaml, "find_items", None)  # (None: numpy finds them)

NUMPY_FROM_CHARACTERS = 1_000_000
_BLOCK = 1 << 23  # bytes looked at together: bounded temporary memory on a 300 MB file
_NEWLINE, _SPACE, _DASH, _HASH, _TAB = 10, 32, 45, 35, 9


class EventsList(NamedTuple):
    """The events list in the text: each item's offset (`starts`) and value line (`lines`),
    where the list ends (`end`), and how many line breaks lie in it from `body_start - 1` on."""

    starts: list[int]
    lines: list[int]
    end: int
    breaks: int


def events_list(text: str, body_start: int, indent: int) -> EventsList:
    """The list whose items stand at `indent` from `body_start` (just after a line break) on:
    where it ends (`list_end`), where each item starts (its first space, or its dash), and the
    line where each item's value starts, as the precise reader places it: the dash's own line,
    or for `-` alone (or `- # note`) the next line with content. A large file is looked at
    once, in C (or with numpy where the C module was not built); a small one with str.find
    and a regex."""
    if len(text) - body_start < NUMPY_FROM_CHARACTERS:
        end = list_end(text, body_start, indent)
        starts, lines = item_starts_by_find(text, body_start, end, indent)
        return EventsList(starts, lines, end, count(text, "\n", body_start - 1, end))
    if find_items is not None:
        return events_list_in_c(text, body_start, indent)
    return events_list_by_numpy(text, body_start, indent)


def events_list_in_c(text: str, body_start: int, indent: int) -> EventsList:
    """`events_list_by_numpy`'s answer from one pass in C over the characters, the interpreter let go
    meanwhile (`_plain_yaml.find_items`: numpy's passes were a tenth of a large file's load)."""
    first_line = count(text, "\n", 0, body_start - 1) + 2  # the line after the break that ends at body_start - 1
    starts, lines, end, breaks, rare = find_items(text, body_start, indent, first_line)
    for index in rare:  # `-` alone on its line, or `- # note`: the value's line is further on
        lines[index] += _lines_to_content(text, starts[index] + indent + 1)
    return EventsList(starts, lines, end, breaks)


def list_end(text: str, body_start: int, indent: int) -> int:
    """Where the events list ends: the first content line indented less than its items.

    Anything odd inside the list (a stray key at the items' indent) makes a chunk
    fail to parse, and the precise reader then reports it.
    """
    if indent:
        pattern = rf"\n {{0,{indent - 1}}}[^ \n#]"
    else:
        pattern = r"\n(?:[^ \t\n#-]|-[^ \n])"
    match = search(re.compile(pattern), text, body_start - 1, reach=indent + 3)
    return match.start() + 1 if match else len(text)


def item_starts_by_find(text: str, body_start: int, body_end: int, indent: int) -> tuple[list[int], list[int]]:
    """The items between `body_start` and `body_end`, one at a time (str.find: 3x faster than a regex)."""
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


def continuation_bytes_before(np, data, offsets):
    """For each of `offsets` into the UTF-8 bytes `data` (up to its end), how many bytes before
    it continue a character: a byte offset less that is its character offset. (Counted among
    the continuation bytes found, by a binary search: a running count over every byte cost a
    100,000-event file with a few accented words 0.2 s.)"""
    return np.searchsorted(np.flatnonzero((data & 0xC0) == 0x80), offsets)


def events_list_by_numpy(text: str, body_start: int, indent: int) -> EventsList:
    """`events_list` for every line at once, `_BLOCK` characters at a time (each block encoded
    on its own: no copy of the whole file, and no long hold of the interpreter). The list's
    end is found in the same blocks (`_ends_the_list`, the test `list_end`'s regex makes)."""
    import numpy as np  # here, not above: `--check` of a small file never pays for the import

    margin = indent + 3  # what is looked at after a block's last line break: the indent, the dash, two more
    first_line = count(text, "\n", 0, body_start - 1) + 2  # the line after the break that ends at body_start - 1
    stop = len(text)  # until the list's end is found
    starts: list[np.ndarray] = []
    lines: list[np.ndarray] = []
    rare: list[np.ndarray] = []
    breaks_before = 0
    for block_start in range(body_start - 1, len(text), _BLOCK):
        block_end = min(block_start + _BLOCK, len(text))
        tail = text[block_end : block_end + margin]
        data = np.frombuffer((text[block_start:block_end] + tail).encode("utf-8", "surrogatepass"), np.uint8)
        own = len(data) - len(tail.encode("utf-8", "surrogatepass"))  # the block's bytes, without the margin
        last = len(data) - 1
        breaks = np.flatnonzero(data[:own] == _NEWLINE)
        ended = None
        ending = np.flatnonzero(_ends_the_list(np, data, breaks, indent, last))
        if len(ending):  # the list ends in this block: its items stop at that line break
            ended = int(breaks[ending[0]])
            breaks = breaks[: ending[0] + 1]
            limit = ended + 1
        elif block_end + margin >= stop:  # the text ends in the block or its margin
            limit = len(data)
        else:
            limit = len(data) + 1
        dash = breaks + (1 + indent)
        found = (dash < limit) & (data[np.minimum(dash, last)] == _DASH)  # the whole `\n<indent>-` in the list
        for column in range(indent):
            found &= data[np.minimum(breaks + (1 + column), last)] == _SPACE
        after = data[np.minimum(dash + 1, last)]
        found &= (dash + 1 >= limit) | (after == _SPACE) | (after == _NEWLINE)
        item_breaks = breaks[found]
        offsets = item_breaks + (block_start + 1)
        ascii_block = own == block_end - block_start
        if not ascii_block:  # bytes to characters
            offsets -= continuation_bytes_before(np, data, item_breaks + 1)
        starts.append(offsets)
        lines.append(np.flatnonzero(found) + (first_line + breaks_before))
        value_after = data[np.minimum(dash[found] + 2, last)]
        plain = (after[found] == _SPACE) & (dash[found] + 2 <= last)
        plain &= (value_after != _NEWLINE) & (value_after != _HASH) & (value_after != _SPACE)
        rare.append(~plain)
        breaks_before += len(breaks)
        if ended is not None:
            stop = block_start + ended + 1 - (0 if ascii_block else int(continuation_bytes_before(np, data, ended + 1)))
            break
    all_starts = np.concatenate(starts).tolist() if starts else []
    all_lines = np.concatenate(lines) if lines else np.empty(0, np.int64)
    for index in np.flatnonzero(np.concatenate(rare)).tolist() if rare else ():
        all_lines[index] += _lines_to_content(text, all_starts[index] + indent + 1)
    return EventsList(all_starts, all_lines.tolist(), stop, breaks_before)


def _ends_the_list(np, data, breaks, indent: int, last: int):
    """Which line breaks open a content line indented less than the items (`list_end`'s regex:
    `\\n {0,indent-1}[^ \\n#]`, or at indent 0 `\\n(?:[^ \\t\\n#-]|-[^ \\n])`), from the bytes after each."""

    def byte(offset: int):  # the byte `offset` after each break, and whether the text has it
        at = breaks + offset
        return data[np.minimum(at, last)], at <= last

    if indent == 0:
        first, has_first = byte(1)
        second, has_second = byte(2)
        content = (first != _SPACE) & (first != _TAB) & (first != _NEWLINE) & (first != _HASH) & (first != _DASH)
        dash_then_content = (first == _DASH) & has_second & (second != _SPACE) & (second != _NEWLINE)
        return has_first & (content | dash_then_content)
    ends = np.zeros(len(breaks), np.bool_)
    spaces = np.ones(len(breaks), np.bool_)
    for column in range(indent):
        character, present = byte(1 + column)
        ends |= spaces & present & (character != _SPACE) & (character != _NEWLINE) & (character != _HASH)
        spaces &= present & (character == _SPACE)
    return ends


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
