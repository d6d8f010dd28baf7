"""An events list in flow style, read by yaml-rs in chunks: `events: [{…}, {…}]`, or the whole
document as one flow mapping (what `yaml.dump(default_flow_style=True)` writes, or JSON
saved as `.yaml`).

The items are found from the list's structure. Outside quoted scalars, each `[`, `]`, `{`, `}`
and `,` of a flow collection is an indicator (a plain scalar in flow context holds none of
them), so the items of the events list are what its depth-one commas divide. A quote opens
a quoted scalar only where a node starts: after `[`, `{`, `,`, or a `:` followed by a blank;
elsewhere it is a plain scalar's letter. Comments, and a quote after a `:` glued to what
follows, are left to the precise reader (the whole file), and so is any chunk yaml-rs
refuses or reads as another number of items.

Only a calm file is served so: a doubt (`yaml_doubts`), or an event the plain check cannot
judge, sends the whole file to the precise reader (FastPathFailed), which gives the answer
with every position. A 100,000-event flow document took 5.3 s, all of it read precisely; so
it takes about 1.2 times what the same events written in block style take.
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Callable

from ..chronology.problems import Problem
from . import in_pieces
from .chunked_events import ListedItems
from .list_items import continuation_bytes_before
from .chunk_parsing import CHUNK_ITEMS, FastPathFailed, parsed_ahead
from .yaml_doubts import has_doubts, has_number_dates
from .yaml_reader import QUOTE_CLOSING, Mapping, ReadError, Sequence, read_precise

_BLOCK = 1 << 23  # characters looked at together by numpy
_QUOTE_OR_COMMENT = re.compile(r"['\"#]")
_STRUCTURE = b"[]{},"
_BLANKS = " \t\n"
# the events key of a flow mapping, just before its list's `[` (bare, or quoted as JSON has it)
_EVENTS_KEY = re.compile(r"""[ \t\n]*(?:events|"events"|'events')[ \t\n]*:[ \t\n]*""")
_FLOW_EVENTS_KEY_LINE = re.compile(r"events:[ \t]*\[")  # at a line's start: a block mapping's flow-style events


class FlowList:
    """The events list's brackets and its items' places: offsets of its `[` and `]`, and where
    each item starts (its first character) and ends (its comma, or the `]`)."""

    def __init__(self, opening: int, closing: int, starts: list[int], ends: list[int]):
        self.opening, self.closing, self.starts, self.ends = opening, closing, starts, ends


def find_flow_list(text: str) -> FlowList | None:
    """The events list when it is in flow style and the scan is certain of its structure."""
    first = _NOT_BLANK.search(text)
    if first is not None and first.group() == "{":  # the whole document one flow mapping
        start, end = first.start(), len(text)
    else:
        start = _flow_events_key_line(text)
        if start is None:
            return None
        after = in_pieces.search(_COLUMN_ZERO, text, start, reach=4)  # the list ends before the next top-level line
        end = after.start() + 1 if after else len(text)
    structure = _structure(text, start, end)
    if structure is None:
        return None
    offsets, signs, depths = structure
    if text[start] == "{":  # the events key's `[`: at depth two, after the top mapping's `{` or a comma
        opening_index = next((index for index in range(1, len(offsets))
                              if depths[index] == 2 and signs[index] == "[" and depths[index - 1] == 1
                              and signs[index - 1] in "{," and _EVENTS_KEY.fullmatch(text, int(offsets[index - 1]) + 1, int(offsets[index]))),
                             None)
    else:
        opening_index = 0
    if opening_index is None:
        return None
    import numpy as np

    level = depths[opening_index]
    later = np.arange(opening_index + 1, len(offsets))
    closes = later[depths[opening_index + 1 :] == level - 1]
    if not len(closes) or signs[closes[0]] != "]":
        return None
    closing_index = int(closes[0])
    inside = np.arange(opening_index + 1, closing_index)
    commas = inside[(depths[opening_index + 1 : closing_index] == level)
                    & (np.frombuffer(signs[opening_index + 1 : closing_index].encode(), np.uint8) == ord(","))]
    bounds = [offsets[opening_index], *offsets[commas].tolist(), offsets[closing_index]]
    starts, ends = [], []
    for previous, offset in zip(bounds, bounds[1:]):
        first = _NOT_BLANK.search(text, previous + 1, offset)
        if first is not None:
            starts.append(first.start())
            ends.append(offset)
        elif text[offset] == ",":
            return None  # `[a, , b]`: an empty item, libyaml's error
    return FlowList(int(offsets[opening_index]), int(offsets[closing_index]), starts, ends)


def _flow_events_key_line(text: str) -> int | None:
    """The `[` of the first line that is `events: [`. Each line starting `events:` is found by
    `in_pieces.lines_starting` (one regex over a large file held the interpreter 0.27 s, and it
    runs for every file whose events list is not in block style)."""
    for at in in_pieces.lines_starting(text, "events:"):
        key = _FLOW_EVENTS_KEY_LINE.match(text, at)
        if key is not None:
            return key.end() - 1
    return None


_NOT_BLANK = re.compile(r"[^ \t\n]")
_COLUMN_ZERO = re.compile(r"\n[^ \t\n]")


def _structure(text: str, start: int, end: int):
    """Every flow indicator from `start` to `end` outside quoted scalars: offsets, the signs
    themselves, and the depth after each; None when the scan cannot be certain."""
    quoted = _quoted_spans(text, start, end)
    if quoted is None:
        return None
    import numpy as np  # here: a block-style file never needs it for this

    indicators = _indicator_table()
    offsets, signs = [], []
    for block_start in range(start, end, _BLOCK):
        block = text[block_start : min(block_start + _BLOCK, end)]
        data = np.frombuffer(block.encode("utf-8", "surrogatepass"), np.uint8)
        found = np.flatnonzero(indicators[data])
        signs.append(data[found])
        if len(data) != len(block):  # not ASCII: bytes to characters
            found = found - continuation_bytes_before(np, data, found)
        offsets.append(found + block_start)
    offsets = np.concatenate(offsets) if offsets else np.empty(0, np.int64)
    signs = np.concatenate(signs) if signs else np.empty(0, np.uint8)
    if quoted:
        quote_starts = np.array([span[0] for span in quoted], np.int64)
        quote_ends = np.array([span[1] for span in quoted], np.int64)
        before = np.searchsorted(quote_starts, offsets, "right") - 1
        outside = (before < 0) | (offsets >= quote_ends[np.maximum(before, 0)])
        offsets, signs = offsets[outside], signs[outside]
    steps = np.zeros(len(signs), np.int64)
    steps[(signs == ord("[")) | (signs == ord("{"))] = 1
    steps[(signs == ord("]")) | (signs == ord("}"))] = -1
    return offsets, signs.tobytes().decode("ascii"), np.cumsum(steps)


@functools.cache
def _indicator_table():
    """Which bytes are flow indicators, as a numpy lookup table."""
    import numpy as np

    table = np.zeros(256, np.bool_)
    table[list(_STRUCTURE)] = True
    return table


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The quoted scalars from `start` on, as (start, end) offsets; None at a comment or where
    a quote's meaning depends on more than the character before it."""
    spans = []
    at = start
    while True:
        found = _QUOTE_OR_COMMENT.search(text, at, end)
        if found is None:
            return spans
        quote = found.start()
        sign = text[quote]
        before = quote - 1
        while before >= start and text[before] in _BLANKS:
            before -= 1
        mark = text[before] if before >= start else "["
        if sign == "#":
            if quote == 0 or text[quote - 1] in _BLANKS:
                return None  # a comment: left to the precise reader
            at = quote + 1
            continue
        if mark == ":" and text[before + 1 : before + 2] not in (" ", "\t", "\n"):
            return None  # `a:'b'`: a plain scalar, or a value after a JSON key: not told here
        if mark not in "[{,:":
            at = quote + 1  # a letter of a plain scalar (`don't`)
            continue
        closed = QUOTE_CLOSING[sign].match(text, quote + 1, end)
        if closed is None:
            return None
        spans.append((quote, closed.end()))
        at = closed.end()


class FlowEvents(ListedItems):
    """A flow events list, its items read by yaml-rs a chunk at a time (`[` + the items' text + `]`)."""

    def __init__(self, text: str, flow: FlowList, progress: Callable[[float], None] | None):
        super().__init__(text, flow.starts, flow.ends)
        self.progress = progress

    def chunks(self):
        yaml_rs = sys.modules["yaml_rs"]  # read_fast made sure it was imported safely

        def jobs():
            for first in range(0, self.count, CHUNK_ITEMS):
                last = min(first + CHUNK_ITEMS, self.count)
                text = self.listed(first, last)
                yield first, last, text, text

        for first, last, text, items in parsed_ahead(yaml_rs, jobs()):
            if not isinstance(items, list) or len(items) != last - first:
                raise FastPathFailed("flow chunk")  # yaml-rs refuses it, or reads it otherwise: the precise reader says why
            yield FlowChunk(self, first, last, items, text)
            if self.progress:
                self.progress(0.7 * last / max(1, self.count))

    def value_line(self, index: int, key: str) -> int:
        raise FastPathFailed("flow")  # (only a duplicate id asks, and only after a precise read, which fails first)


class FlowChunk:
    """Events `first` to `last` (exclusive) as yaml-rs's plain values; one that needs the precise
    reader needs it for the whole file."""

    def __init__(self, stream: FlowEvents, first: int, last: int, items: list | None, text: str | None):
        self.stream, self.first, self.last, self.items, self.text = stream, first, last, items, text

    def risky(self) -> bool:
        """Whether the chunk holds a form yaml-rs may read otherwise (`yaml_doubts`; no block
        scalar can stand in flow, so its end is no doubt)."""
        return has_doubts(self.text + "\n", has_number_dates(self.items))

    def piece(self, first: int, last: int) -> FlowChunk:
        return FlowChunk(self.stream, first, last, None, None)

    def read_precise(self):
        raise FastPathFailed("flow")


def read_header(text: str, opening: int, closing: int) -> tuple[Mapping, list[Problem], object, str] | None:
    """The file read precisely with its flow events list (`[` at `opening`, `]` at `closing`)
    emptied in place, its lines kept, so every later value keeps its line and column: (root,
    problems, the `events` key, the text read); None when the precise reader stops (at the same
    error as on the whole file) or `events` is not that empty list. JSON's reader uses it too."""
    line_start = text.rfind("\n", 0, closing) + 1
    blank = "[" + "\n" * in_pieces.count(text, "\n", opening, closing) + " " * (closing - max(line_start, opening + 1)) + "]"
    header_text = text[:opening] + blank + text[closing + 1 :]
    try:
        root, problems = read_precise(header_text)
    except ReadError:
        return None
    if not isinstance(root, Mapping) or not isinstance(root.get("events"), Sequence) or root["events"]:
        return None
    return root, problems, next(key for key in root if key == "events"), header_text


def read_flow(text: str, progress: Callable[[float], None] | None = None) -> tuple[Mapping, list[Problem]] | None:
    """The file as located values, its flow events list as a `FlowEvents`; None to read it all precisely."""
    flow = find_flow_list(text)
    if flow is None:
        return None
    opening = flow.opening
    header = read_header(text, opening, flow.closing)
    if header is None:
        return None
    root, problems, events_key, _ = header
    where = (text.count("\n", 0, opening) + 1, opening - text.rfind("\n", 0, opening))
    if (root["events"].line, root["events"].column) != where:  # (the list found is the one the key holds)
        return None
    root[events_key] = FlowEvents(text, flow, progress)
    return root, problems
