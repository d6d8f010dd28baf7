"""The fast reader: yaml-rs reads the events list in chunks; everything else is read precisely.

Its promise is the precise reader's answer, byte for byte, at yaml-rs speed
(tests/test_fast_precise_agree.py holds it to that on generated and mutated files):
- the header (everything but the events list) is small, so libyaml reads it, with
  the list blanked out line for line so every position stays where it is;
- each chunk of 1,000 events is parsed by yaml-rs on a helper thread (it releases
  the interpreter), while the validator builds the previous chunk's events;
- the events of a chunk that hold anything the two parsers may read differently
  (`Chunk.pieces`: an alias, a tag, a tab…), or whose values are anything but plain,
  are read again precisely, placed at their real lines and depth, and the calm events
  around them are still served fast: a doubt costs its own events' slow read, not the
  chunk's, let alone the file's;
- an alias may name an anchor the header or an earlier event defined (the precise reads
  hand each other the anchors they have seen);
- a syntax error anywhere is reported exactly as the precise reader would (libyaml's
  own parser finds it, at C speed); only what a piece read alone cannot tell (an anchor
  defined twice, an alias the composer must resolve) sends the whole file to the precise reader.
"""

from __future__ import annotations

import bisect
import re
import sys
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat
from typing import Callable

from ..chronology.problems import Problem
from . import in_pieces
from .chunked_events import ChunkedEvents, let_go
from .list_items import events_list
from .yaml_reader import (
    Mapping,
    ReadError,
    Sequence,
    position,
    read_precise,
    syntax_problem,
)

CHUNK_ITEMS = 1000
PARSE_AHEAD = 4  # chunks parsed ahead of the one the validator is on


def _import_yaml_rs():
    """yaml-rs, imported on the main thread only: yaml-rs 0.1.6 crashes the process
    (segfault) on its next call when it was first imported on a thread that has since
    ended, as the window's loading thread does. Elsewhere, until the main thread has
    imported it, the precise reader serves (slower, same answers)."""
    if threading.current_thread() is not threading.main_thread():
        return sys.modules.get("yaml_rs")
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - yaml-rs is a dependency; stay correct without it
        return None
    return yaml_rs


_yaml_rs = _import_yaml_rs()


class FastPathFailed(Exception):
    """The events list cannot be read in chunks (an alias to another chunk): read the file precisely."""


# Characters YAML forbids, or that libyaml counts as line breaks where editors do not:
# the precise reader refuses or places them.
_NOT_PLAIN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def has_unplain_characters(text: str) -> bool:
    """`_NOT_PLAIN_TEXT.search`, four times faster for ASCII text (most files): deleting every
    allowed byte in C leaves nothing."""
    if text.isascii():
        return any(text[offset : offset + in_pieces.PIECE].encode("ascii").translate(None, _PRINTABLE_ASCII)
                   for offset in range(0, len(text), in_pieces.PIECE))
    return in_pieces.has_any(_NOT_PLAIN_TEXT, text, reach=1)


_EVENTS_LINE = re.compile(r"events:(?:[ \t]*|[ \t]+#.*)$", re.M)
_FIRST_ITEM = re.compile(r"\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)-(?: |\n)")


def read_fast(text: str, progress: Callable[[float], None] | None = None) -> tuple[Mapping, list[Problem]] | None:
    """The file as located values, the events list as an `EventStream`; None to read it all precisely."""
    yaml_rs = _yaml_rs or _import_yaml_rs()
    if yaml_rs is None:
        return None
    if "\r" in text:
        text = in_pieces.replace_crlf(text)  # Windows line ends: same lines, same columns
        if "\r" in text:
            return None
    if has_unplain_characters(text):
        return None
    head = _events_key(text)
    if head is None:
        return None
    first = _FIRST_ITEM.match(text, head.end())
    if first is None:
        return None
    indent = len(first.group(1))
    body_start = first.start(1)
    starts, lines, body_end, breaks = events_list(text, body_start, indent)
    if _another_events_key(text, body_end):
        return None  # the precise reader says which
    # the list's lines, empty: later lines keep their numbers
    blank = "\n" * (text.count("\n", head.start(), body_start - 1) + breaks)
    header_anchors: dict[str, object] = {}
    try:
        root, problems = read_precise(text[: head.start()] + "events: []" + blank + text[body_end:],
                                      anchors=header_anchors)
    except ReadError:
        return None  # the precise reader stops at the same error, as early in the file
    if not isinstance(root, Mapping) or not isinstance(root.get("events"), Sequence) or root["events"]:
        return None
    events_key = next(key for key in root if key == "events")
    if (events_key.line, events_key.column) != (text.count("\n", 0, head.start()) + 1, 1):
        return None  # another `events` key ("events": [] before the list, say): the precise reader says which
    stream = EventStream(text, starts + [body_end], lines, progress)
    stream.anchors = _anchor_names(text[: head.start()] + text[body_end:])
    # an event may alias what the header defined before the list, never what follows it
    stream.anchor_values = {name: value for name, value in header_anchors.items()
                            if position(value)[0] < events_key.line}
    root[events_key] = stream
    return root, problems


def _events_key(text: str) -> re.Match | None:
    """The first top-level `events:` line (str.find: a multi-line regex over 30 MB is slow).
    That it is the only one is checked after the list (`_another_events_key`)."""
    if text.startswith("events:"):
        return _EVENTS_LINE.match(text, 0)
    offset = in_pieces.find(text, "\nevents:")
    return None if offset == -1 else _EVENTS_LINE.match(text, offset + 1)


def _another_events_key(text: str, body_end: int) -> bool:
    """Whether a second top-level `events:` follows. Only after the list can one stand: before
    the first item only blank and comment lines may (else `_FIRST_ITEM` fails), and a line at
    column 0 inside the list ends it (`list_items.list_end`). So the search starts at the
    list's end, not at its top (a million events: 0.2 s less)."""
    return in_pieces.find(text, "\nevents:", body_end - 1) != -1


class EventStream(ChunkedEvents):
    """The events list, parsed in chunks on a helper thread while the caller builds events.

    yaml-rs parses without holding the GIL, so parsing chunk k+1 overlaps with building
    events from chunk k: a 100k-event file loads about a third faster.
    """

    def __init__(self, text: str, bounds: list[int], lines: list[int], progress: Callable[[float], None] | None):
        self.text, self.bounds, self.lines, self.progress = text, bounds, lines, progress
        self.count = len(bounds) - 1
        self.anchors: set[str] = set()  # named so far: a name used again in another chunk is the file's error
        self.anchor_values: dict[str, object] = {}  # what the precise reads so far defined: later aliases name them
        self._counted_offsets, self._counted_lines = [0], [1]  # offsets whose line is known, in order, and their lines

    def __len__(self) -> int:
        return self.count

    def chunks(self):
        """`Chunk`s in file order; each one's parsed items are let go once it is used.

        Only `PARSE_AHEAD` chunks are cut out of the text and parsed ahead of the one in use:
        a million events' chunks, all cut at once, copied the whole file's text again (350 MB,
        touched for the first time: half a second) and held every parsed chunk the validator
        had not reached yet."""
        yaml_rs = sys.modules["yaml_rs"]  # read_fast made sure it was imported safely
        count = len(self)
        spans = deque((i, min(i + CHUNK_ITEMS, count)) for i in range(0, count, CHUNK_ITEMS))
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="yaml-chunks") as pool:
            ahead: deque = deque()

            def parse_next() -> None:
                a, b = spans.popleft()
                text = self.text[self.bounds[a] : self.bounds[b]]
                ahead.append((a, b, text, pool.submit(_parse, yaml_rs, text)))

            while spans and len(ahead) < PARSE_AHEAD:
                parse_next()
            try:
                while ahead:
                    a, b, text, parsed = ahead.popleft()
                    if spans:
                        parse_next()
                    # freeing 1.5M parsed objects at the end in one go would hold the
                    # interpreter for ~150 ms: each chunk goes as soon as it is used
                    items = parsed.result()
                    if not isinstance(items, list) or len(items) != b - a:
                        items = None  # not the expected list of events: the precise reader says why
                    yield from Chunk(self, a, b, items, text).pieces()
                    if self.progress:
                        self.progress(0.7 * b / max(1, count))
            finally:
                for *_, parsed in ahead:
                    parsed.cancel()

    def text_of(self, first: int, last: int) -> tuple[str, int]:
        """Items `first` to `last` (exclusive) as they stand in the file, and the line they start on."""
        start = self.bounds[first]
        return self.text[start : self.bounds[last]], self._line_at(start)

    def _line_at(self, offset: int) -> int:
        """The line `offset` stands on, counted on from the nearest offset before it whose line is
        known: pieces are read in file order, so the whole text's breaks are counted about once
        (a piece asked for after a later one, or an event's line for a message, counts from
        its chunk, not from the top)."""
        offsets = self._counted_offsets
        known = bisect.bisect_right(offsets, offset) - 1
        line = self._counted_lines[known] + in_pieces.count(self.text, "\n", offsets[known], offset)
        if known == len(offsets) - 1 and offset > offsets[-1]:
            offsets.append(offset)
            self._counted_lines.append(line)
        return line

    def let_go(self) -> None:
        super().let_go()
        let_go(self.bounds)

    def value_line(self, index: int, key: str) -> int:
        """The line of item `index`'s `key` as the precise reader places it (for messages
        that name where something was first written)."""
        text, first_line = self.text_of(index, index + 1)  # an event read fast: no anchor, no alias
        items, _ = read_precise(text, depth=1, first_line=first_line)
        value = items[0].get(key) if isinstance(items, Sequence) and items and isinstance(items[0], dict) else None
        return position(value, (self.lines[index], 1))[0]


def _read_whole(items, count: int, text: str) -> bool:
    """Whether yaml-rs gave `count` events for `text`, and its end is one both parsers read alike."""
    return isinstance(items, list) and len(items) == count and next(_doubtful_end(text), None) is None


def _parse(yaml_rs, text: str):
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - not YAML to yaml-rs: the precise reader will say why
        return None


MIN_CALM_RUN = 8  # calm events between two doubtful ones fewer than this are read precisely with them


class Chunk:
    """Events `first` to `last` (exclusive) of an EventStream, as yaml-rs's plain values
    (`items`, None when yaml-rs could not read them); `calm` once `pieces` has looked."""

    calm: bool | None = None
    together: _Together | None = None  # the chunk's other doubtful runs, read precisely with this one

    def __init__(self, stream: EventStream, first: int, last: int, items: list | None, text: str | None):
        self.stream, self.first, self.last, self.items, self.text = stream, first, last, items, text

    def risky(self) -> bool:
        """Whether these events must be read precisely."""
        if self.calm is None:
            self.calm = self.items is not None and next(self._doubts(), None) is None
        return not self.calm

    def pieces(self):
        """This chunk if it is calm, or all doubtful; else its runs of calm events (served
        fast) and of events with a doubt (read precisely), in file order. A chunk of prose with
        one alias in it is read precisely for that event alone, not for its thousand.

        yaml-rs refuses a whole chunk for one alias to an anchor outside it: then the calm
        runs are parsed again without the doubtful ones, and a run it still refuses is read
        precisely. The doubtful runs of a chunk are read precisely together (`_Together`):
        one read, not one a run."""
        if self.risky():
            doubtful = self._doubtful_events()
            if any(doubtful) and not all(doubtful):
                pieces = list(self._runs(doubtful))
                if self.items is None:
                    self._parse_calm_runs([piece for piece in pieces if piece.calm])
                together = _Together([piece for piece in pieces if not piece.calm])
                for piece in pieces:
                    piece.together = together if not piece.calm else None
                    yield piece
                return
        yield self

    def _text_of_piece(self, piece: Chunk) -> str:
        bounds, base = self.stream.bounds, self.stream.bounds[self.first]
        return self.text[bounds[piece.first] - base : bounds[piece.last] - base]

    def _parse_calm_runs(self, calm: list[Chunk]) -> None:
        """yaml-rs's values for the calm runs: in one parse of their texts one after another (each
        ends where an event starts), else run by run; a run it refuses is read precisely."""
        yaml_rs = sys.modules["yaml_rs"]
        texts = [self._text_of_piece(piece) for piece in calm]
        text = "".join(texts)
        items = _parse(yaml_rs, text)
        counts = [piece.last - piece.first for piece in calm]
        if _read_whole(items, sum(counts), text):
            start = 0
            for piece, count in zip(calm, counts):
                piece.items, start = items[start : start + count], start + count
        else:
            for piece, text, count in zip(calm, texts, counts):
                piece.items = _parse(yaml_rs, text)
                piece.calm = _read_whole(piece.items, count, text)
        for piece, text in zip(calm, texts):  # a year yaml-rs read as a number, written `01917` or `+2015`
            if piece.calm and _has_number_dates(piece.items) and _PADDED_NUMBER.search(text):
                piece.calm = False

    def _doubts(self):
        """Where this text holds a form yaml-rs may read otherwise than libyaml (then the
        precise reader serves the events around it), as (start, end) offsets: YAML 1.1 numbers
        (`0x7DE`, `2_014`: yaml-rs reads 2014, we keep the text), tabs, tags, anchors and
        aliases, escapes, indicators that libyaml refuses at the start of a value.

        Lazily, cheap tests first (a character's absence is found at memchr speed): whether
        there is any costs the common chunk well under a millisecond."""
        text = self.text
        yield from _spans(_RADIX_NUMBER, text)
        if "_" in text:
            yield from _spans(_UNDERSCORED_NUMBER, text)
        if self.items is not None and _has_number_dates(self.items):  # (without items: `_parse_calm_runs`)
            yield from _spans(_PADDED_NUMBER, text)
        if any(char in text for char in _RARE_CHARACTERS):
            yield from ((at, at + 1) for at in _rare_forms(text))
        if "[" in text or "{" in text:
            yield from _flow_items_opened_badly(text)
        yield from _doubtful_end(text)
        # no need to look for `---`, `...` or `%` at a line's start: the list ends before any

    def _doubtful_events(self) -> list[bool]:
        """For each event, whether a doubt touches its text."""
        bounds = self.stream.bounds
        base = bounds[self.first]
        starts = [bound - base for bound in bounds[self.first : self.last]]
        doubtful = [False] * (self.last - self.first)
        for start, end in self._doubts():
            for index in range(bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, max(end, start + 1))):
                doubtful[index] = True
        return doubtful

    def _runs(self, doubtful: list[bool]):
        """Pieces of this chunk: runs of calm events and of doubtful ones (a short calm run
        between doubtful ones joins them: a piece costs a call either way)."""
        marks = doubtful[:]
        index, count = 0, len(marks)
        while index < count:
            end = index
            while end < count and not doubtful[end]:
                end += 1
            if 0 < index and end < count and end - index < MIN_CALM_RUN:
                marks[index:end] = [True] * (end - index)
            index = end + 1
        run_start = 0
        for index in range(1, count + 1):
            if index == count or marks[index] != marks[run_start]:
                items = None if self.items is None else self.items[run_start:index]
                piece = Chunk(self.stream, self.first + run_start, self.first + index, items, None)
                piece.calm = not marks[run_start]
                yield piece
                run_start = index

    def piece(self, first: int, last: int) -> Chunk:
        """Events `first` to `last` of this calm chunk, to be read precisely on their own."""
        return Chunk(self.stream, first, last, None, None)

    def read_precise(self) -> tuple[list, list[Problem]]:
        """The same events read precisely, at their real lines and depth. A syntax error is
        raised as the whole file's first one (ReadError), exactly as the precise reader reports it."""
        if self.together is not None:
            return self.together.read(self)
        text, first_line = self.stream.text_of(self.first, self.last)
        return self._read(text, first_line, self.last - self.first)

    def _read(self, text: str, first_line: int, count: int) -> tuple[list, list[Problem]]:
        anchors = _anchor_names(text)
        if anchors & self.stream.anchors:
            raise FastPathFailed("an anchor named again")  # libyaml refuses it, across the whole file
        self.stream.anchors |= anchors
        try:
            items, problems = read_precise(text, depth=1, first_line=first_line, anchors=self.stream.anchor_values)
        except ReadError:
            raise self._file_syntax_error() from None
        if not isinstance(items, Sequence) or len(items) != count:
            raise self._file_syntax_error()
        return items, problems

    def _file_syntax_error(self) -> Exception:
        text = self.stream.text
        if _has_anchor_or_alias(text):
            return FastPathFailed("anchors")  # an alias error may come before the syntax error: compose it all
        problem = syntax_problem(text)
        return ReadError([problem]) if problem else FastPathFailed("chunk")


class _Together:
    """A chunk's doubtful runs, read precisely in one go when the first is needed: their texts
    one after another, the lines between them stood in for by comment lines (a comment ends a
    block or plain scalar as the calm event that stood there did), so that every value keeps
    its line. The problems found are handed over with the first run's events."""

    def __init__(self, runs: list[Chunk]):
        self.runs = runs
        self.read_runs: dict[int, list] | None = None

    def read(self, run: Chunk) -> tuple[list, list[Problem]]:
        if self.read_runs is not None:
            return self.read_runs.pop(run.first), []
        stream = self.runs[0].stream
        pieces, line, first_line = [], None, 0
        for each in self.runs:
            text, starts_on = stream.text_of(each.first, each.last)
            if line is None:
                first_line = line = starts_on
            pieces += ["#\n" * (starts_on - line), text]
            line = starts_on + text.count("\n")
        items, problems = run._read("".join(pieces), first_line, sum(each.last - each.first for each in self.runs))
        self.read_runs, start = {}, 0
        for each in self.runs:
            self.read_runs[each.first], start = items[start : start + each.last - each.first], start + each.last - each.first
        return self.read_runs.pop(run.first), problems


def _anchor_names(text: str) -> set[str]:
    return set(_ANCHOR.findall(text)) if "&" in text else set()


_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:-])&([^\s\[\]{},]+)", re.M)
def _has_anchor_or_alias(text: str) -> bool:
    """Whether an `&anchor` or `*alias` may stand anywhere: found with str.find (a regex over
    30 MB took 0.7 s, holding the interpreter while the window waited)."""
    for sign in "&*":
        for offset in _all(text, sign):
            before = text[offset - 1] if offset else "\n"
            after = text[offset + 1 : offset + 2]
            if before in " \t\n\r[]{},:-?" and after and after not in " \t\n\r[]{},":
                return True
    return False
_RADIX_NUMBER = re.compile(r"0[xXoObB][0-9a-fA-F_]")
# `start: 01917`, `end: +2015`: numbers to yaml-rs (written 1917), text to the precise reader
# (written as the file says); a scalar that is nothing but such a number, after any key
# (and `-0`, read 0, and `_1914`, read 1914)
_PADDED_NUMBER = re.compile(r"""(?:[:\-][ \t]|[:\[{,]|\n)[ \t]*(?:[+-]?0\d|\+\d|-0|[+-]?_)[\d_]*[ \t]*(?:$|#|[,\]}])""", re.M)


def _has_number_dates(items: list) -> bool:
    """Whether yaml-rs read some `start` or `end` as a number (a year written bare, mostly):
    only then is the text searched for the forms it reads otherwise (a few ms a chunk).
    (Each field's types gathered at C speed: a loop over the items cost a million events 0.35 s.)"""
    if set(map(type, items)) != {dict}:
        items = [item for item in items if type(item) is dict]
    return any(int in set(map(type, map(dict.get, items, repeat(key)))) for key in ("start", "end"))
_UNDERSCORED_NUMBER = re.compile(r"[0-9]_")
_RARE_CHARACTERS = "\t\\!&*@`%?"
_INDICATORS = "!&*@`?"


def _indicators(text: str):
    """Where each of `_INDICATORS` stands, one character after another (str.find runs at
    memchr speed: five times faster than a regex's character class over prose)."""
    for indicator in _INDICATORS:
        yield from _all(text, indicator)


def _all(text: str, sign: str):
    """Every offset of `sign` in `text`."""
    at = text.find(sign)
    while at != -1:
        yield at
        at = text.find(sign, at + 1)


_NODE_START_LINE = re.compile(r"\s*(?:-\s+)*")  # what may stand before a node on its line
_BEFORE_A_NODE = frozenset(":[]{},'\"|>")  # (after a quoted scalar or a block header: an error, left to libyaml)


# A backslash that both parsers read alike, whether it stands in a double-quoted scalar (an
# escape) or not (itself): what `yaml.safe_dump` writes for any text that is not ASCII
# (`Caf\xE9`, and `\` at the end of a folded line), and the common escapes. Not: a UTF-16
# surrogate (yaml-rs joins a pair, libyaml refuses it), a code point beyond U+10FFFF, or
# an escape YAML does not know (tests/test_escapes.py holds yaml-rs to libyaml).
_UNSAFE_ESCAPE = re.compile(
    r"\\(?![\\\"/0abefnrtvN_LP \n]|x[0-9A-Fa-f]{2}|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4}|U(?:000[0-9A-Fa-f]|0010)[0-9A-Fa-f]{4})"
)


def _spans(pattern: re.Pattern, text: str):
    return (match.span() for match in pattern.finditer(text))


def _has_rare_forms(text: str) -> bool:
    return next(_rare_forms(text), None) is not None


def _rare_forms(text: str):
    """Where tabs, escapes, directives stand, and a tag, anchor, alias, reserved indicator or
    complex key where a node starts (after `key:`, a dash, a flow bracket or comma, or first
    on its line). The same characters inside prose ("Libya & Egypt", "why ?") are plain text
    to both parsers: once sent every chunk holding one to the precise reader, 8x slower.
    Found by scanning for the indicators, then looking at what stands before each."""
    yield from _all(text, "\t")
    if "\\" in text:
        yield from (match.start() for match in _UNSAFE_ESCAPE.finditer(text))
    if text.startswith("%"):
        yield 0
    yield from (at + 1 for at in _all(text, "\n%"))
    for at in _indicators(text):
        if text[at] == "?" and not (text[at + 1 : at + 2].isspace() or at + 1 == len(text)):
            continue  # `?` is a complex key only before a space
        # the last character before it on its line that is not a blank decides, most often
        # at once (a word: prose); only a dash needs the whole line (`- - &x`)
        last = at - 1
        while last >= 0 and text[last] != "\n" and text[last].isspace():
            last -= 1
        mark = text[last] if last >= 0 else "\n"
        if mark == "\n" or mark in _BEFORE_A_NODE:
            yield at
        elif mark == "-" and _NODE_START_LINE.fullmatch(text, text.rfind("\n", 0, at) + 1, at):
            yield at
# indicators libyaml refuses (or reads as a key) at the start of a flow node, after any
# blanks or line breaks; one pattern per opener, since a literal first character lets the
# regex engine skip ahead (0.1 ms a chunk, not 0.8)
_BLANKS_AND_COMMENTS = r"(?:\s|#[^\n]*\n)*"  # (a comment must reach its line's end: no backtracking)
_FLOW_ITEM_STARTS = tuple(re.compile(opener + _BLANKS_AND_COMMENTS + r"[?:|>%]") for opener in (",", r"\[", r"\{")) + (
    re.compile(r":" + _BLANKS_AND_COMMENTS + r"[?:%]"),  # a flow mapping's value (`{description: ?x}`: libyaml refuses it, yaml-rs reads it)
    re.compile(r":[,?\[\]{}]"),  # `[a, b:]`, `{x:}`: libyaml refuses a plain scalar's `:` before these, yaml-rs reads a key
    # `{description:\n  >}`: a value's | or > on a later line (in flow libyaml refuses it, yaml-rs reads text)
    re.compile(r":[ \t]*(?:#[^\n]*)?\n" + _BLANKS_AND_COMMENTS + r"[|>]"),
)
# a flow value starting with | or > (a block scalar header ends its line; `{title: >x}` does not)
_FLOW_VALUE_INDICATOR = re.compile(r":[ \t]+[|>](?![-+0-9]*(?:[ \t]+#[^\n]*)?[ \t]*$)", re.M)  # (`>#` is no comment)
# a key's `:` alone at the start of the next line, inside a flow mapping
_COLON_LINE = re.compile(r"\n[ \t]*:(?=[ \t\n])")
# what looks like a block scalar header ending its line (in flow, libyaml refuses it and
# yaml-rs reads a plain `|`: see `_block_headers_in_flow`)
_HEADER_ENDING_A_LINE = re.compile(r"[ \t][|>][-+0-9]*[ \t]*(?:#[^\n]*)?$", re.M)
_LEAVES_A_FLOW_OPEN = re.compile(r"[,:\[{][ \t]*(?:#.*)?$")
_BLANK_OR_COMMENT_LINE = re.compile(r"[ \t]*(?:#.*)?")


def _block_headers_in_flow(text: str):
    """Where a block scalar header ending its line may stand inside a flow collection: a flow
    opener before it on its line, or a line before it (blank and comment lines aside) that
    leaves a flow open: it ends with `,`, `:` or an opener, or opens one it does not close.
    One look a header, its line and the one before (a regex per opener was quadratic in a
    line of brackets)."""
    for match in _HEADER_ENDING_A_LINE.finditer(text):
        at = match.start()
        line_start = text.rfind("\n", 0, at) + 1
        before = text[line_start:at]
        if "[" in before or "{" in before:
            yield line_start, match.end()
            continue
        end = line_start - 1
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            previous = text[start:end]
            if not _BLANK_OR_COMMENT_LINE.fullmatch(previous):
                closed = max(previous.rfind("]"), previous.rfind("}"))
                opened = max(previous.rfind("["), previous.rfind("{"))
                if opened > closed or _LEAVES_A_FLOW_OPEN.search(previous):
                    yield start, match.end()
                break
            end = start - 1


_BLOCK_SCALAR_HEADER_ENDS = re.compile(r"(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _doubtful_end(text: str):
    """A text's end that yaml-rs reads otherwise than libyaml: no line break at the end (a
    block scalar ending the file: libyaml "text", yaml-rs "text\n"), or a block scalar header
    (`description: |`) with nothing after it but blank or comment lines (libyaml "", yaml-rs
    "\n"; only at a text's end: a chunk ends where the next event starts, so the file reads "")."""
    if text and not text.endswith("\n"):
        yield len(text) - 1, len(text)
        return
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end].strip()
        if line and not line.startswith("#"):
            header = _BLOCK_SCALAR_HEADER_ENDS.search(line)
            if header:
                yield start, end
            return
        end = start


def _flow_items_opened_badly(text: str):
    for pattern in _FLOW_ITEM_STARTS:
        yield from _spans(pattern, text)
    if "|" in text or ">" in text:
        yield from _spans(_FLOW_VALUE_INDICATOR, text)
        yield from _block_headers_in_flow(text)
    if "{" in text:
        yield from _spans(_COLON_LINE, text)
