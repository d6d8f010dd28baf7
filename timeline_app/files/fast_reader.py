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
  hand each other the anchors they have seen); yaml-rs reads an alias to an anchor already
  read through a stand-in, and the anchor's value is put back (`alias_stand_ins`);
- a syntax error anywhere is reported exactly as the precise reader would (libyaml's
  own parser finds it, at C speed); only what a piece read alone cannot tell (an anchor
  defined twice, an alias the composer must resolve) sends the whole file to the precise reader.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from ..chronology.problems import Problem
from . import in_pieces
from .alias_stand_ins import PlainAnchors, stand_in_aliases
from .chunk_parsing import CHUNK_ITEMS, FastPathFailed, Tape, parse_chunk, parsed_ahead
from .chunked_events import ChunkedEvents
from .compiled import plain_yaml
from .in_pieces import let_go
from .flow_events import read_flow
from .list_items import events_list
from .yaml_doubts import (
    anchor_names,
    doubtful_end,
    doubts,
    has_doubts,
    has_anchor_or_alias,
    key_offset,
    number_date_events,
    padded_numbers,
    scan_in_c,
)
from .yaml_reader import (
    Mapping,
    ReadError,
    Sequence,
    is_well_formed,
    position,
    read_precise,
    syntax_problem,
)


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


_UNPLAIN_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r") + b"\x7f"  # C0 controls but tab and line breaks, DEL
_PLAIN_BYTES = bytes(range(256)).translate(None, _UNPLAIN_BYTES)
_has_unplain_bytes_in_c = getattr(plain_yaml, "has_unplain_bytes", None)
# the others in UTF-8, each looked for only where its first byte stands (found at memchr speed; a
# two-byte `in` took three times as long as the search itself): C1 controls, U+2028 and U+2029,
# U+FFFE and U+FFFF
_UNPLAIN_SEQUENCES = ((b"\xc2", re.compile(b"\xc2[\x80-\x9f]")), (b"\xe2", re.compile(b"\xe2\x80[\xa8\xa9]")),
                      (b"\xef", re.compile(b"\xef\xbf[\xbe\xbf]")))


def has_unplain_bytes(data: bytes, start: int = 0) -> bool:
    """`has_unplain_characters` of UTF-8 `data` (from `start`), asked before it is decoded: text
    that is not ASCII is held by Python as 2 or 4 bytes a character, and the regex over it took
    1.5 times as long (tests/test_plain_characters.py holds the two to one answer). In C where
    `_plain_yaml.c` was built (`has_unplain_bytes_in_python`'s answer, in a third to a quarter of
    its time)."""
    if _has_unplain_bytes_in_c is not None and start >= 0:
        return _has_unplain_bytes_in_c(data, start)
    return has_unplain_bytes_in_python(data, start)


def has_unplain_bytes_in_python(data: bytes, start: int = 0) -> bool:
    view = memoryview(data)
    for offset in range(start, len(data), in_pieces.PIECE):
        piece = bytes(view[offset : offset + in_pieces.PIECE + 2])  # (a sequence may cross into the next piece)
        if piece.translate(None, _PLAIN_BYTES) or not piece.isascii() and any(
                first in piece and pattern.search(piece) for first, pattern in _UNPLAIN_SEQUENCES):
            return True
    return False


def needs_precise_characters(text: str, plain: bool | None) -> bool:
    """Whether `text` holds characters the fast readers leave to the precise one: `not plain`
    when its bytes were looked at as it was read, else looked for now."""
    return has_unplain_characters(text) if plain is None else not plain


_VALUE_ON_THE_DASH_LINE = re.compile(r" *-[ ]+[^\s#]")
_EVENTS_LINE = re.compile(r"events:(?:[ \t]*|[ \t]+#.*)$", re.M)
_FIRST_ITEM = re.compile(r"\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)-(?: |\n)")


def read_fast(text: str, progress: Callable[[float], None] | None = None,
              plain: bool | None = None) -> tuple[Mapping, list[Problem]] | None:
    """The file as located values, the events list as an `EventStream`; None to read it all precisely.
    `plain`: `not has_unplain_characters(text)`, when already known."""
    yaml_rs = _yaml_rs or _import_yaml_rs()
    if yaml_rs is None:
        return None
    if "\r" in text:
        text = in_pieces.replace_crlf(text)  # Windows line ends: same lines, same columns
        if "\r" in text:
            return None
    if needs_precise_characters(text, plain):
        return None
    head = _events_key(text)
    first = None if head is None else _FIRST_ITEM.match(text, head.end())
    if first is None:  # not a block list of events: a flow one, perhaps
        return read_flow(text, progress)
    indent = len(first.group(1))
    body_start = first.start(1)
    starts, lines, body_end, breaks = events_list(text, body_start, indent)
    if _another_events_key(text, body_end):
        return None  # the precise reader says which
    header_anchors: dict[str, object] = {}
    try:
        root, problems = read_precise(_without_the_list(text, head.start(), body_start, body_end, breaks),
                                      anchors=header_anchors)
    except ReadError:
        return None  # the precise reader stops at the same error, as early in the file
    if not isinstance(root, Mapping) or not isinstance(root.get("events"), Sequence) or root["events"]:
        return None
    events_key = next(key for key in root if key == "events")
    if (events_key.line, events_key.column) != (text.count("\n", 0, head.start()) + 1, 1):
        return None  # another `events` key ("events": [] before the list, say): the precise reader says which
    stream = EventStream(text, starts + [body_end], lines, progress)
    stream.anchors = anchor_names(text[: head.start()] + text[body_end:])
    # an event may alias what the header defined before the list, never what follows it
    stream.anchor_values = {name: value for name, value in header_anchors.items()
                            if position(value)[0] < events_key.line}
    root[events_key] = stream
    return root, problems


def _without_the_list(text: str, key_start: int, body_start: int, body_end: int, breaks: int) -> str:
    """The file with `events: []` for its list, for the precise reader to read the rest. The list's
    lines stay as empty lines, so that what follows it keeps its line numbers; when nothing but
    blank and comment lines follows it (as in most files), they go too: a million events' ten
    million empty lines held the interpreter (and the window) 90 ms in one call of libyaml's."""
    if _BLANK_AND_COMMENT_LINES.fullmatch(text, body_end):
        return text[:key_start] + "events: []\n"
    return text[:key_start] + "events: []" + "\n" * (text.count("\n", key_start, body_start - 1) + breaks) + text[body_end:]


_BLANK_AND_COMMENT_LINES = re.compile(r"(?: *(?:#[^\n]*)?\n)* *(?:#[^\n]*)?")


def _events_key(text: str) -> re.Match | None:
    """The first top-level `events:` line (str.find: a multi-line regex over 30 MB is slow).
    That it is the only one is checked after the list (`_another_events_key`)."""
    at = next(in_pieces.lines_starting(text, "events:"), None)
    return None if at is None else _EVENTS_LINE.match(text, at)


def _another_events_key(text: str, body_end: int) -> bool:
    """Whether a second top-level `events:` follows. Only after the list can one stand: before
    the first item only blank and comment lines may (else `_FIRST_ITEM` fails), and a line at
    column 0 inside the list ends it (`list_items.list_end`). So the search starts at the
    list's end, not at its top (a million events: 0.2 s less)."""
    return next(in_pieces.lines_starting(text, "events:", body_end), None) is not None


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
        """`Chunk`s in file order (cut into pieces where a doubt stands), parsed ahead (`parsed_ahead`)."""
        yaml_rs = sys.modules["yaml_rs"]  # read_fast made sure it was imported safely
        count = len(self)
        self._stop_at_a_syntax_error_at_the_end(yaml_rs)
        plain_anchors = PlainAnchors(self.anchor_values)

        with scanned_ahead(count > 2 * CHUNK_ITEMS) as scan:
            def jobs():
                for a in range(0, count, CHUNK_ITEMS):
                    b = min(a + CHUNK_ITEMS, count)
                    text = self.text[self.bounds[a] : self.bounds[b]]
                    stand_ins = stand_in_aliases(text, self.anchor_values) if self.anchor_values else None
                    yield a, b, text, (stand_ins, scan(text)), stand_ins.text if stand_ins else text

            # (the file's text holds no character has_unplain_characters looks for: read_fast looked)
            for a, b, text, (stand_ins, scanned), items in parsed_ahead(yaml_rs, jobs(), plain=True, tapes=True):
                tape = items if isinstance(items, Tape) else None  # (its events made only if they are asked for)
                if stand_ins is not None:
                    items = tape.items() if tape is not None else items
                    tape = None
                    items = stand_ins.put_back(items, plain_anchors, [bound - self.bounds[a] for bound in self.bounds[a:b]])
                    if items is None:  # some stand-in was not a node: as if there were none
                        stand_ins, items = None, parse_chunk(yaml_rs, text, plain=True)
                if tape is not None:
                    items = None
                    if tape.count != b - a:
                        tape = None  # not the expected list of events: the precise reader says why
                elif not isinstance(items, list) or len(items) != b - a:
                    items = None
                chunk = Chunk(self, a, b, items, text, tape)
                chunk.stood_in = stand_ins.offsets if stand_ins is not None and items is not None else frozenset()
                chunk.scanned = scanned
                yield from chunk.pieces()
                if self.progress:
                    self.progress(0.7 * b / max(1, count))

    def _stop_at_a_syntax_error_at_the_end(self, yaml_rs) -> None:
        """A syntax error in the last chunk (where appending to a file puts one), found before the
        chunks above it are read: their events would all be thrown away (100,000 events: 1.4 s)
        for the one verdict a syntax error gives, the file's first one (`syntax_problem`).
        Only a chunk yaml-rs refuses and libyaml refuses too is looked at; with anchors about
        (an alias error may come first), the chunks go in order."""
        if self.count <= CHUNK_ITEMS:
            return  # (the last chunk is the first)
        first = (self.count - 1) // CHUNK_ITEMS * CHUNK_ITEMS
        text = self.text[self.bounds[first] : self.bounds[self.count]]
        items = parse_chunk(yaml_rs, text)
        if isinstance(items, list) and len(items) == self.count - first:
            return
        if is_well_formed(text) or has_anchor_or_alias(self.text):
            return  # (yaml-rs refused a key named twice, say: no syntax error to look for in the whole file)
        problem = syntax_problem(self.text)
        if problem is not None:
            raise ReadError([problem])

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

    def key_position(self, index: int, key: object) -> tuple[int, int] | None:
        text = self.text[self.bounds[index] : self.bounds[index + 1]]  # (an alias stood in for is no key: `*` is not before one)
        at = key_offset(text, key)
        if at is None:
            return None
        # its first line is the value's (`- id: x`), whose line is known; else counted (`-` alone)
        first_line = self.lines[index] if _VALUE_ON_THE_DASH_LINE.match(text) else self._line_at(self.bounds[index])
        return first_line + text.count("\n", 0, at), at - text.rfind("\n", 0, at)

    def value_line(self, index: int, key: str) -> int:
        """The line of item `index`'s `key` as the precise reader places it (for messages
        that name where something was first written)."""
        text, first_line = self.text_of(index, index + 1)  # an event read fast defines no anchor (it would be a doubt)
        items, _ = read_precise(text, depth=1, first_line=first_line, anchors=self.anchor_values)  # (but may alias one)
        value = items[0].get(key) if isinstance(items, Sequence) and items and isinstance(items[0], dict) else None
        return position(value, (self.lines[index], 1))[0]


@contextlib.contextmanager
def scanned_ahead(wanted: bool):
    """`scan(text)`: the C doubt scan of a chunk's text (`yaml_doubts.scan_in_c`) started on a
    helper thread, which it runs on with the interpreter let go, as a Future; or None (not
    `wanted`, or not built). The chunks are cut a few ahead of the one being checked, so each
    one's answer is ready when it is asked for: the scan of 100,000 events (25-50 ms, the most for
    text that is not ASCII) is taken off the loading thread."""
    if not wanted or scan_in_c is None:
        yield lambda text: None
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="yaml-doubts") as pool:
        yield lambda text: pool.submit(scan_in_c, text)


def _read_whole(items, count: int, text: str) -> bool:
    """Whether yaml-rs gave `count` events for `text`, and its end is one both parsers read alike."""
    return isinstance(items, list) and len(items) == count and next(doubtful_end(text), None) is None


MOST_NUMBER_DATE_TEXTS = 100  # events with a year written bare searched one by one for a padded number; more: the whole chunk
MIN_CALM_RUN = 8  # calm events between two doubtful ones fewer than this are read precisely with them


class Chunk:
    """Events `first` to `last` (exclusive) of an EventStream, as yaml-rs's plain values
    (`items`, None when yaml-rs could not read them: made from the C reader's `tape` when first
    asked for, and often never: `gathered` gives the plainest chunk's columns without them);
    `calm` once `pieces` has looked."""

    calm: bool | None = None
    together: _Together | None = None  # the chunk's other doubtful runs, read precisely with this one
    stood_in: frozenset[int] = frozenset()  # offsets of aliases yaml-rs read as stand-ins (`alias_stand_ins`)
    scanned: Future | None = None  # the C scan's answer for the text (`scanned_ahead`), where it was asked ahead

    def __init__(self, stream: EventStream, first: int, last: int, items: list | None, text: str | None,
                 tape: Tape | None = None):
        self.stream, self.first, self.last, self.text = stream, first, last, text
        self._items, self._tape, self._gathered = items, tape, None
        self._read_in_c = tape is not None

    @property
    def items(self) -> list | None:
        if self._items is None and self._tape is not None:
            self._items, self._tape = self._tape.items(), None
        return self._items

    @items.setter
    def items(self, items: list | None) -> None:
        self._items, self._tape, self._gathered = items, None, None

    def gathered(self) -> tuple | None:
        """`plain_events.gather(self.items)`, made from the C reader's tape without the items' dicts
        where the chunk has one; None for any other (the caller then gathers the items)."""
        if self._gathered is None and self._tape is not None:
            self._gathered = self._tape.gathered() or ()
        return self._gathered or None

    def risky(self) -> bool:
        """Whether these events must be read precisely."""
        if self.calm is None:
            scanned = self.scanned.result() if self.scanned is not None else None
            read = self._items is not None or self._tape is not None
            self.calm = read and not has_doubts(self.text, self._number_date_texts(self.text), self.stood_in, scanned)
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
        items = parse_chunk(yaml_rs, text)
        counts = [piece.last - piece.first for piece in calm]
        if _read_whole(items, sum(counts), text):
            start = 0
            for piece, count in zip(calm, counts):
                piece.items, start = items[start : start + count], start + count
        else:
            for piece, text, count in zip(calm, texts, counts):
                piece.items = parse_chunk(yaml_rs, text)
                piece.calm = _read_whole(piece.items, count, text)
        for piece, text in zip(calm, texts):  # a year yaml-rs read as a number, written `01917` or `+2015`
            if piece.calm and next(padded_numbers(text, piece._number_date_texts(text)), None):
                piece.calm = False

    def _doubts(self):
        """Where this text holds a form yaml-rs may read otherwise than libyaml (`yaml_doubts`)."""
        return doubts(self.text, self._number_date_texts(self.text), self.stood_in)

    def _number_date_texts(self, text: str) -> list[tuple[int, int]]:
        """Where in `text` (these events', from the first one's start) stand the events yaml-rs
        read a number in `start` or `end` of (`number_date_events`), whose text is searched for a
        padded number; none without items, and none where the C reader read the chunk: it reads only
        plain whole numbers (`2003`; `01917`, `+2015`, `-0`, `_1914` anywhere send the chunk to
        yaml-rs), so no padded number stands in it as a number (the search took 0.4-0.5 ms a chunk of a
        file with bare years)."""
        if self._items is None and self._tape is None or self._read_in_c:
            return []  # (none in a chunk the C reader read: it reads no padded number, `01917` or `+2015`, as one)
        events = number_date_events(self.items)
        if not events:
            return []
        if len(events) > MOST_NUMBER_DATE_TEXTS:
            return [(0, len(text))]  # (a search apiece would cost more than one over the whole text)
        bounds, base = self.stream.bounds, self.stream.bounds[self.first]
        texts: list[tuple[int, int]] = []
        for index in events:
            start, end = bounds[self.first + index] - base, bounds[self.first + index + 1] - base
            if texts and texts[-1][1] == start:  # one after another: one text
                start = texts.pop()[0]
            texts.append((start, end))
        return texts

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
        anchors = anchor_names(text)
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
        if has_anchor_or_alias(text):
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
