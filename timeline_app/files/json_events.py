"""Our own JSON export read back at the fast path's speed, with the precise reader's answer.

JSON is YAML, and the YAML reader (libyaml, every value placed) is the reference for it: a
100,000-event export took it 18 s. Here json's C parser reads each event's plain values, in
file order, noting where each event starts; the header (everything but the events list) is
read precisely with the list blanked out; the validator checks the events a chunk at a time
from their plain values and, at the first doubt, reads that chunk precisely, at its real
lines and columns (tests/test_json_fast_precise_agree.py holds the two to one answer).

Files whose text libyaml would read otherwise than json does (a UTF-16 surrogate pair, a key
of over 1,024 characters or with its `:` on a later line, tabs, characters it refuses or
counts as line breaks), TimelineJS documents and anything unexpected are read the precise
way, whole.
"""

from __future__ import annotations

import json
import re

from ..chronology.problems import Problem
from .chunked_events import ListedItems
from .fast_reader import CHUNK_ITEMS, FastPathFailed, needs_precise_characters
from .flow_events import read_header
from .in_pieces import has_any, let_go, replace_crlf
from .in_pieces import find as in_pieces_find
from .timelinejs_read import is_timelinejs
from .yaml_reader import Mapping, ReadError, Sequence, position, read_precise

_BLANKS = re.compile(r"[ \t\n\r]*")
# what libyaml reads otherwise than json: a UTF-16 surrogate escape (json joins a pair,
# libyaml refuses it); characters it refuses or counts as line breaks are found as in YAML,
# and tabs (outside a string, the only place json allows them, libyaml refuses some)
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
# a key whose `:` stands on a later line, or far after it: json reads it, libyaml refuses it
# (a key is one line, its `:` within 1,024 characters of its start)
_COLON_ON_A_LATER_LINE = re.compile(r'"[ ]*\n[ \n]*:|"[ ]{16,}:')
_COLON_AFTER_A_BLANK = re.compile(r":(?<=[ \n]:)")  # what each of those ends in: rare, and found 4x faster
LONGEST_KEY = 1000  # libyaml refuses a key of over 1,024 characters (with the blanks before its `:`) that json reads


class _Objects:
    """json's object hook: drops a null as `json_format` drops it from located values, notes an
    object that names a key twice (the precise reader reports it; json keeps the last value,
    libyaml the first) or a key libyaml would refuse."""

    def __init__(self):
        self.doubtful = 0
        self.long_key = False

    def __call__(self, pairs: list) -> dict:
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            self.doubtful += 1
        if mapping and max(map(len, mapping)) > LONGEST_KEY:
            self.long_key = True
        if None in mapping.values():
            return {key: value for key, value in mapping.items() if value is not None}
        return mapping


def _decoder(objects: _Objects) -> json.JSONDecoder:
    """Numbers kept as written (libyaml keeps `1e3` as `1e3`, not 1000.0), objects watched."""
    return json.JSONDecoder(object_pairs_hook=objects, parse_int=str, parse_float=str, parse_constant=str)


def read_json_fast(text: str, drop_nulls, take_whole_date, plain: bool | None = None) -> tuple[Mapping, list[Problem]] | None:
    """Our JSON export as located values, its events a `JsonEvents`; None to read it precisely.
    `drop_nulls(located, plain)` and `take_whole_date(located)` make located values what our
    format means (json_format's own, applied to what is read precisely)."""
    if "\r" in text:
        text = replace_crlf(text)
        if "\r" in text:
            return None
    if ("\t" in text or needs_precise_characters(text, plain) or ("\\u" in text and has_any(_SURROGATE, text, reach=8))
            or has_any(_COLON_AFTER_A_BLANK, text, reach=1) and has_any(_COLON_ON_A_LATER_LINE, text, reach=4096)):
        return None
    objects = _Objects()
    laid_out = _laid_out_events(text)
    if laid_out is not None:  # our export's own layout: the events are found by their lines, read chunk by chunk
        opening, closing, starts, ends = laid_out
        walked = _walk(text[:opening] + "[]" + text[closing + 1 :], _decoder(objects), objects)
        if walked is None or objects.long_key or walked[1] != (opening, opening + 1):
            return None
        plain_root, items, doubtful = walked[0], None, None
    else:
        walked = _walk(text, _decoder(objects), objects)
        if walked is None or objects.long_key:
            return None
        plain_root, (opening, closing), starts, ends, items, doubtful = walked
    if is_timelinejs(plain_root):
        return None
    header = read_header(text, opening, closing)
    if header is None:
        return None
    root, problems, events_key, header_text = header
    drop_nulls(root, json.loads(header_text))  # (as json reads it: the decoder above has dropped the nulls)

    def take_event(located, plain) -> None:
        drop_nulls(located, plain)
        if isinstance(located, Mapping):
            take_whole_date(located)

    stream = JsonEvents(text, starts, ends, items, doubtful, take_event)
    root[events_key] = stream
    return root, problems


def _walk(text: str, decoder: json.JSONDecoder, objects: _Objects):
    """The top-level object's plain values, where the events list opens and closes, where each
    event starts and ends, its plain value, and whether it names a key twice; None for anything
    but an object with one `events` list (json's own reading then says what is wrong)."""
    decode, blanks = decoder.scan_once, _BLANKS.match  # (raw_decode's Python wrapper cost 0.6 s a 100k export)
    root: dict = {}
    span = None
    starts: list[int] = []
    ends: list[int] = []
    items: list = []
    doubtful: list[bool] = []
    try:
        at = blanks(text).end()
        if text[at] != "{":
            return None
        at = blanks(text, at + 1).end()
        while text[at] != "}" or root:
            key, at = decode(text, at)
            if type(key) is not str or key in root or len(key) > LONGEST_KEY:
                return None
            at = blanks(text, at).end()
            if text[at] != ":":
                return None
            at = blanks(text, at + 1).end()
            if key == "events" and text[at] == "[":
                opening = at
                at = blanks(text, at + 1).end()
                while text[at] != "]":
                    before = objects.doubtful
                    starts.append(at)
                    item, at = decode(text, at)
                    ends.append(at)
                    items.append(item)
                    doubtful.append(objects.doubtful != before)
                    at = blanks(text, at).end()
                    if text[at] == ",":
                        at = blanks(text, at + 1).end()
                        if text[at] == "]":
                            return None
                    elif text[at] != "]":
                        return None
                span = (opening, at)
                root[key] = items
                at += 1
            else:
                root[key], at = decode(text, at)
            at = blanks(text, at).end()
            if text[at] == ",":
                at = blanks(text, at + 1).end()
            elif text[at] != "}":
                return None
            else:
                break
        if blanks(text, at + 1).end() != len(text) or span is None:
            return None
    except (ValueError, IndexError, StopIteration):  # not JSON (json.loads says why), or it ends early
        return None
    return root, span, starts, ends, items, doubtful


# `json.dumps(indent=2)`'s layout, as our export writes it: the events list's key at two spaces,
# each event's `{` at four, the list's `]` at two. (A string holds no line break, so no such
# line can stand inside one; whatever else it is, a chunk then reads as another number of
# events, or not at all, and the file goes the old way.)
_EVENTS_LIST_LINE = '\n  "events": [\n'
_EVENTS_LIST_END = "\n  ]"


def _laid_out_events(text: str) -> tuple[int, int, list[int], list[int]] | None:
    """Where the events list opens and closes, and each event starts and ends, found from the
    lines of our export's layout (a walk of json's scanner over every event took 1.3 s of a
    100,000-event export, and held all their values at once); None for any other layout.
    (str.find throughout: a multi-line regex over 75 MB took a second.)"""
    head = in_pieces_find(text, _EVENTS_LIST_LINE)
    if head == -1:
        return None
    opening = head + len(_EVENTS_LIST_LINE) - 2
    end = in_pieces_find(text, _EVENTS_LIST_END, opening)
    if end == -1:
        return None
    closing = end + len(_EVENTS_LIST_END) - 1
    starts = []
    at = text.find("\n    {", opening, closing)
    while at != -1:
        starts.append(at + 5)
        at = text.find("\n    {", at + 6, closing)
    if not starts or starts[0] != opening + 6:
        return None
    ends = [start - 6 for start in starts[1:]] + [end]  # (after each `}`: before `,\n    {`, or `\n  ]`)
    if any(text[at - 1] != "}" for at in ends) or any(text[at] != "," for at in ends[:-1]):
        return None
    return opening, closing, starts, ends


class JsonEvents(ListedItems):
    """The events list of a JSON file, as json's plain values a chunk at a time."""

    def __init__(self, text: str, starts: list[int], ends: list[int], items: list | None, doubtful: list[bool] | None,
                 take_event):
        """`items` and `doubtful`: json's values of every event and whether it names a key twice,
        or None to read them a chunk at a time."""
        super().__init__(text, starts, ends)
        self.items, self.doubtful, self.take_event = items, doubtful, take_event

    def chunks(self):
        for first in range(0, self.count, CHUNK_ITEMS):
            last = min(first + CHUNK_ITEMS, self.count)
            yield JsonChunk(self, first, last)

    def read_located(self, first: int, last: int) -> list:
        """Events `first` to `last` (exclusive) read precisely where they stand (in a list of their own)."""
        start = self.starts[first]
        line_start = self.text.rfind("\n", 0, start) + 1
        line = self.lines[first]
        if start > line_start:  # `[` just before the first event, on its line
            opening, first_line = " " * (start - line_start - 1) + "[", line
        else:
            opening, first_line = "[\n", line - 1
        located, problems = read_precise(opening + self.text[start : self.ends[last - 1]] + "]",
                                         depth=1, first_line=first_line)
        if not isinstance(located, Sequence) or len(located) != last - first:
            raise FastPathFailed("json")
        return located, problems

    def value_line(self, index: int, key: str) -> int:
        located, _ = self.read_located(index, index + 1)
        value = located[0].get(key) if isinstance(located[0], dict) else None
        return position(value, (self.lines[index], 1))[0]

    def let_go(self) -> None:
        super().let_go()
        for column in (self.items, self.doubtful):
            if column is not None:
                let_go(column)


class JsonChunk:
    """Events `first` to `last` (exclusive): plain values our format's way (nulls dropped, the
    date as first written taken back), or located ones read precisely."""

    def __init__(self, stream: JsonEvents, first: int, last: int, plain: bool = True):
        self.stream, self.first, self.last = stream, first, last
        self.items = None
        self.doubtful = False
        if plain and stream.items is None:  # read now, a chunk's events in one call of json's parser
            objects = _Objects()
            try:
                decoded = _decoder(objects).decode(stream.listed(first, last))
            except ValueError:
                raise FastPathFailed("json") from None  # (not the events the layout promised: the old way)
            if type(decoded) is not list or len(decoded) != last - first or objects.long_key:
                raise FastPathFailed("json")
            self.items, self.doubtful = list(map(_plain_event, decoded)), objects.doubtful > 0
        elif plain:
            self.items = list(map(_plain_event, stream.items[first:last]))
            self.doubtful = any(stream.doubtful[first:last])
            stream.items[first:last] = [None] * (last - first)

    def piece(self, first: int, last: int) -> JsonChunk:
        """Events `first` to `last` of this chunk, to be read precisely on their own."""
        return JsonChunk(self.stream, first, last, plain=False)

    def risky(self) -> bool:
        """A key named twice: the precise reader reports it. (true, false or a list's null, the
        precise reader's words, are no text to the plain check, which hands them to it.)"""
        return self.doubtful

    def read_precise(self) -> tuple[list, list[Problem]]:
        stream = self.stream
        try:
            located, problems = stream.read_located(self.first, self.last)
        except ReadError:
            raise FastPathFailed("json") from None  # libyaml refuses what json read: the whole file, the old way
        plain = json.loads(stream.listed(self.first, self.last))
        for event, raw in zip(located, plain):
            stream.take_event(event, raw)
        return located, problems


def _plain_event(event):
    """What `take_whole_date` makes of a located event, made of plain values (the decoder has
    dropped the nulls): `precision` and `edtf` gone, `written` taken back as the dates. An
    event's true and false are the words, as the precise reader reads them (numbers are kept
    as written by the decoder already; deeper down, the plain check hands them to it)."""
    if type(event) is not dict:
        return event
    if True in event.values() or False in event.values():
        for key in [key for key, value in event.items() if type(value) is bool]:
            event[key] = "true" if event[key] else "false"
    event.pop("precision", None)
    edtf = event.pop("edtf", None)
    written = event.pop("written", None)
    if isinstance(written, str) and written.strip():
        start, _, end = written.partition(" … ")
        event["start"] = start
        if end:
            event["end"] = end
        else:
            event.pop("end", None)
    elif isinstance(edtf, str) and isinstance(event.get("start"), str):
        if edtf not in (str(event["start"]), f"{event['start']}/{event.get('end')}"):
            event["start"] = edtf
            event.pop("end", None)
    return event
