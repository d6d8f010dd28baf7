"""Reading YAML text precisely: every value with its line and column, every problem placed.

libyaml parses (nothing is ever constructed, so no tag can run code) and its events
become plain values that remember their line and column: `Text`, `Mapping`,
`Sequence` and `Null`. Every scalar stays the exact text the user typed, whatever
YAML 1.1 would have made of it (`yes`, `20:30`, `1969`). This is the reference:
`fast_reader` must give the very same answers, faster.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

import yaml

from ..chronology.problems import Problem
from . import in_pieces
from .in_pieces import decode_utf8, let_go

MAX_DEPTH = 64
STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}


class Text(str):
    """A scalar's exact text and where it stands."""

    line: int
    column: int


class Null:
    """An empty value (`key:` or `~`) and where it stands; falsy like None."""

    __slots__ = ("line", "column")

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "Null"


class Mapping(dict):
    line: int
    column: int


class Sequence(list):
    line: int
    column: int


class ReadError(Exception):
    """The text is not YAML we can read; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message if problems else "unreadable")
        self.problems = problems


def position(value: object, fallback: tuple[int, int] = (1, 1)) -> tuple[int, int]:
    """Line and column of a value from the precise reader, else `fallback`."""
    line = getattr(value, "line", None)
    return (line, value.column) if line else fallback


_CONTENT = re.compile(r"^[ \t]*[^\s#]", re.M)


def has_content(text: str) -> bool:
    """Whether `text` holds a line with more than blanks or a comment (else the file is empty)."""
    return _CONTENT.search(text) is not None


def decode(data: bytes, expected: str = "a mapping with `title` and `events`") -> str:
    """UTF-8 text of a file, refusing what is not text with the place it goes wrong."""
    problems = []
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _line_column(data, nul)
        problems.append(Problem(line, column, "file contains a NUL byte: is it a binary file, or saved as UTF-16?"))
    bom = data.startswith(b"\xef\xbb\xbf")  # skipped before decoding: `text[1:]` would copy a large file's text
    try:
        text = decode_utf8(data, 3 if bom else 0)
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        problems.append(
            Problem(
                line,
                column,
                f"file is not UTF-8 (byte 0x{data[error.start]:02X} cannot be decoded): "
                "save it as UTF-8 in your editor",
            )
        )
        text = ""
    if problems:
        raise ReadError(problems)
    if not has_content(text):
        raise ReadError([Problem(1, 1, f"file is empty: expected {expected}")])
    return text


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def read_precise(
    text: str, depth: int = 0, first_line: int = 1, anchors: dict[str, object] | None = None
) -> tuple[object, list[Problem]]:
    """Compose `text` into located values; YAML syntax errors raise ReadError.

    `depth` is how deep the text's root sits in its file (a chunk of the events list: 1),
    `first_line` the line its first line stands on there. `anchors` (name -> value) are
    those the file defined before this text: an alias may name them, and the anchors this
    text defines are added to it (a piece of the events list read alone sees what the whole
    file would). A text the composer must read (see `_Unusual`) adds none.
    """
    problems: list[Problem] = []
    place = placer(text, first_line)
    try:
        try:
            builder = _EventBuilder(problems, place, depth, anchors)
            root = builder.build(yaml.parse(text, Loader=_LOADER))
            if anchors is not None:
                anchors.update(builder.anchors)
            return root, problems
        except _Unusual:
            problems.clear()
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = _syntax_message(error, text, place, first_line)
        line, column = place(mark.line, mark.column) if mark else (first_line, 1)
        raise ReadError([Problem(line, column, message)]) from None
    except yaml.reader.ReaderError as error:
        raise ReadError([_unacceptable_character(error, text, first_line)]) from None
    except yaml.YAMLError as error:
        raise ReadError([Problem(1, 1, f"YAML error: {error}")]) from None
    return _Converter(problems, place).convert(root, depth), problems


def syntax_problem(text: str) -> Problem | None:
    """The YAML syntax error the precise reader would stop at, found at libyaml's own
    speed (nothing is built), or None when the parser accepts the text."""
    try:
        _parse(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        place = placer(text)
        line, column = place(mark.line, mark.column) if mark else (1, 1)
        return Problem(line, column, _syntax_message(error, text, place))
    except yaml.reader.ReaderError as error:
        return _unacceptable_character(error, text)
    return None


def is_well_formed(text: str) -> bool:
    """Whether libyaml parses `text` to its end: no syntax error, no character it refuses
    (`syntax_problem`'s parse, without the message it would build)."""
    try:
        _parse(text)
    except yaml.YAMLError:
        return False
    return True


def _parse(text: str) -> None:
    """libyaml's parse of `text`, nothing built; raises its error."""
    yaml._yaml.CParser(_HandedOver(text)).raw_parse()


class _HandedOver:
    """`text` for libyaml to read a piece at a time through a Python `read`: it parses a whole
    string in one C call, which held the interpreter (and the window, while a thread loads)
    for 0.4 s a 34 MB file; between two reads here other threads may run."""

    def __init__(self, text: str):
        self.text, self.at = text, 0

    def read(self, size: int) -> str:
        piece = self.text[self.at : self.at + size]
        self.at += size
        return piece


# libyaml also breaks lines at NEL, U+2028 and U+2029; editors, grep -n and sed -n do not
_LIBYAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


def editor_lines(text: str) -> list[str]:
    """Lines as an editor shows them, each with its ending: breaks are \\n, \\r\\n and \\r only
    (str.splitlines also breaks at NEL, U+2028, form feeds and more)."""
    return _EDITOR_LINE.findall(text)


_EDITOR_LINE = re.compile("[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def placer(text: str, first_line: int = 1):
    """(0-based line, column) from libyaml -> the 1-based line and column an editor shows
    (the text's first line being `first_line` of its file)."""
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return lambda line, column: (line + first_line, column + 1)
    theirs = [0] + [m.end() for m in _LIBYAML_BREAK.finditer(text)]
    ours = [0] + [m.end() for m in _EDITOR_BREAK.finditer(text)]

    def place(line: int, column: int) -> tuple[int, int]:
        offset = theirs[min(line, len(theirs) - 1)] + column
        number = bisect.bisect_right(ours, offset)
        return number + first_line - 1, offset - ours[number - 1] + 1

    return place


def _unacceptable_character(error: yaml.reader.ReaderError, text: str, first_line: int = 1) -> Problem:
    """A character YAML forbids (a control character, say), at its own line and column."""
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    offset = error.position
    if not (0 <= offset < len(text) and ord(text[offset]) == code):
        offset = text.find(chr(code))  # libyaml may count in bytes: find the character itself
    offset = max(offset, 0)
    starts = [0] + [m.end() for m in _EDITOR_BREAK.finditer(text, 0, offset)]
    line, column = len(starts) + first_line - 1, offset - starts[-1] + 1
    return Problem(line, column, f"character U+{code:04X} is not allowed in YAML (a control character): remove it, "
                   "or write it as an escape such as \\x07 inside double quotes")


def _syntax_message(error: yaml.MarkedYAMLError, text: str, place, first_line: int = 1) -> str:
    """libyaml's complaint in plain words, pointing at the cause where it can: an unclosed quote
    or bracket is reported where it was opened, not only where the parser gave up."""
    problem = error.problem or "syntax error"
    mark = error.problem_mark
    if mark is not None and "cannot start any token" in problem:
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]) and lines[mark.line][mark.column] == "\t":
            return "YAML syntax error: tab character used for indentation; indent with spaces"
    opened = place(error.context_mark.line, error.context_mark.column) if error.context_mark is not None else None
    if error.context == "while scanning a quoted scalar" and opened:
        return f"YAML syntax error: the quote opened at line {opened[0]}, column {opened[1]} is never closed"
    if error.context in ("while parsing a flow sequence", "while parsing a flow mapping") and opened:
        bracket = "[" if "sequence" in error.context else "{"
        return (f"YAML syntax error: the {bracket} opened at line {opened[0]}, column {opened[1]} is never closed "
                f"({problem})")
    message = f"YAML syntax error: {problem}"
    if error.context and opened:
        message += f" ({error.context} opened at line {opened[0]}, column {opened[1]})"
    quote = _unclosed_quote_before(text, mark.line if mark is not None else len(text))
    if quote:
        message += (f"; is a quote missing? the one opened at line {quote[0] + first_line - 1}, column {quote[1]}"
                    " is not closed on its line")
    return message


def _unclosed_quote_before(text: str, last_line: int) -> tuple[int, int] | None:
    """The last quoted value up to line `last_line` (0-based) that does not close on its own line.
    One that closes on a later line, with no `key:` line in between, is a long value folded
    over lines (as `yaml.safe_dump` writes it), not a missing quote: no hint points at it.

    Only the lines up to it are split (all of 34 MB held the window 70 ms), and the values that
    do not close on their line are found by a regex over them (`_next_unclosed`): a Python step
    per line cost an error near the end of 100,000 events 0.9 s."""
    lines, joined, starts, limit = _lines_before(text, last_line)
    found = None
    unclosed = _next_unclosed(joined, 0, limit)
    while unclosed is not None:
        number = bisect.bisect_right(starts, unclosed.start(1)) - 1
        closing = QUOTE_CLOSING[unclosed[1]].match(joined, unclosed.end(1), limit)
        closes_on = None if closing is None else bisect.bisect_right(starts, closing.end() - 1) - 1
        if closes_on is None or any(_KEY_LINE.match(inner) for inner in lines[number + 1 : closes_on + 1]):
            found = (number + 1, unclosed.end(1) - starts[number])
            closes_on = number
        if closes_on + 1 >= len(lines):  # (the lines a folded value spans are its text, not values: on after it)
            break
        unclosed = _next_unclosed(joined, starts[closes_on + 1] - 1, limit)
    let_go(lines)  # (a million events' seven million lines, freed in one call on return, held the window 0.25 s)
    let_go(starts)
    return found


def _lines_before(text: str, last_line: int) -> tuple[list[str], str, list[int], int]:
    """Lines 0 to `last_line` of `text` (`str.splitlines`'), a text of them each after a line
    feed (the first too: a quote there has a blank before it), where each starts in it and where the
    last ends (the text may go on: NEL, CR or U+2028 make more lines than line feeds do). Made
    a megabyte of lines at a time: each of the three over 34 MB held the interpreter 50-90 ms."""
    end = in_pieces.line_end(text, last_line)
    end = len(text) if end == -1 else end + 1
    lines: list[str] = []
    joined, starts = "", []
    for offset, cut in _cuts(text, 0, end):  # (a `for` loop: CPython 3.11 grows `joined` in place only in one)
        piece = text[offset:cut].splitlines()
        starts += accumulate(map((1).__add__, map(len, piece[:-1])), initial=len(joined) + 1)
        joined += "\n" + "\n".join(piece)
        lines += piece
    del lines[last_line + 1 :], starts[last_line + 1 :]
    return lines, joined, starts, starts[-1] + len(lines[-1]) if lines else 0


def _cuts(text: str, offset: int, end: int):
    """(start, end) of pieces of `text[offset:end]` of about `_SEARCHED_AT_ONCE` characters, each
    ending after a line feed: never inside a line, nor between a CR and its LF."""
    while offset < end:
        cut = text.find("\n", offset + _SEARCHED_AT_ONCE, end)
        cut = end if cut == -1 else cut + 1
        yield offset, cut
        offset = cut


def _next_unclosed(joined: str, start: int, limit: int) -> re.Match | None:
    """The first quoted value from `start` on that its line does not close (`_UNCLOSED_QUOTE`,
    then its place checked), whole lines a megabyte at a time (one search over a large file
    held the interpreter, and a loading window, for 0.3 s)."""
    for offset, cut in _cuts(joined, start, limit):
        found = _UNCLOSED_QUOTE.search(joined, offset, cut)
        while found is not None:
            before = joined[joined.rfind("\n", 0, found.start()) + 1 : found.start()].rstrip()
            if not before or before[-1] in ":-[,{":  # a value: at the line's start, or after `: `, `- `, `[ `, `, `, `{ `
                return found
            found = _UNCLOSED_QUOTE.search(joined, found.end(), cut)
    return None


_SEARCHED_AT_ONCE = 1 << 20
# a quote after a blank whose line holds no quote that closes it: in double quotes none but one
# after a backslash, in single quotes none but `''` (as the line-by-line reading judged them; a `\\"`
# that does close the quote ends the value on its line, which is passed over). It starts with the quote, which
# the regex engine skips to at C speed (starting with what stands before a value, `^` or `:`,
# it tried every position or every colon: 0.6 s over 34 MB).
_UNCLOSED_QUOTE = re.compile(r"""(["'])(?<=\s["'])(?:(?<=")(?=(?:[^"\n]|(?<=\\)")*$)|(?<=')(?=(?:[^'\n]|'')*$))""", re.M)


_KEY_LINE = re.compile(r"\s*(?:-\s+)?[^\s:#'\"\\][^:#]*:(?:\s|$)")
# the rest of a quoted scalar, up to its closing quote (`\"` inside double quotes, `''` inside single ones)
QUOTE_CLOSING = {'"': re.compile(r'(?:[^"\\]|\\.)*"', re.S), "'": re.compile(r"(?:[^']|'')*'", re.S)}


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"


class _Unusual(Exception):
    """Something only the composer reports in its own words (a second document, an
    unknown or repeated anchor): compose the text instead."""


class _EventBuilder:
    """Located values straight from libyaml's parse events, one event at a time.

    Composing first would hold every node and its two marks in memory (a one-line
    flow-style file cost 170 bytes per byte); this keeps only the values. It gives
    exactly what `_Converter` gives from the composed nodes, which stays for the
    rare files it hands back through `_Unusual`.
    """

    def __init__(self, problems: list[Problem], place, depth: int = 0, known: dict[str, object] | None = None):
        self.problems = problems
        self.known = known or {}  # anchors defined before this text: an alias may name them, none may be defined again
        self.anchors: dict[str, object] = {}  # this text's own
        self.place = place
        self.base_depth = depth

    def build(self, events) -> object:
        root: object = None
        documents = 0
        stack: list[list] = []  # each open collection: [value, key awaiting its value, depth, keys as written]
        skipping = 0  # > 0 inside a subtree that the composed path would never convert
        for event in events:
            kind = type(event)
            opens = kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent
            if skipping:
                if opens:
                    skipping += 1
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    skipping -= 1
                elif kind is not yaml.AliasEvent and event.anchor is not None:
                    raise _Unusual  # the composed path would meet this node only through an alias
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            if kind is yaml.StreamStartEvent or kind is yaml.StreamEndEvent or kind is yaml.DocumentEndEvent:
                continue
            frame = stack[-1] if stack else None
            if frame is not None and frame[1] is _SKIP_VALUE:  # the value of a refused key: never converted
                frame[1] = _NO_KEY
                if kind is not yaml.AliasEvent and event.anchor is not None:
                    raise _Unusual
                skipping = 1 if opens else 0
                continue
            if kind is yaml.AliasEvent:
                if event.anchor in self.anchors:
                    self._place(frame, self.anchors[event.anchor])
                elif event.anchor in self.known:
                    self._place(frame, self.known[event.anchor])
                else:
                    raise _Unusual
                continue
            line, column = self.place(event.start_mark.line, event.start_mark.column)
            depth = frame[2] + 1 if frame is not None else self.base_depth
            if depth > MAX_DEPTH:
                if event.anchor is not None:
                    raise _Unusual
                self.problems.append(Problem(line, column, f"nesting deeper than {MAX_DEPTH} levels"))
                self._place(frame, located(Null(), line, column))
                skipping = 1 if opens else 0
                continue
            tag = event.tag
            if tag is not None and tag != "!" and tag not in STANDARD_TAGS:
                self.problems.append(
                    Problem(line, column, f"YAML tag '{tag}' is not allowed: tags that build objects are refused")
                )
            if kind is yaml.ScalarEvent:
                plain = not event.style and (tag is None or tag == _NULL_TAG)
                value = located(Null() if plain and event.value in ("", "~") else Text(event.value), line, column)
            elif kind is yaml.SequenceStartEvent:
                value = located(Sequence(), line, column)
            else:
                value = located(Mapping(), line, column)
            if event.anchor is not None:
                if event.anchor in self.known:  # the composer, reading this text alone, would not see it
                    raise ReadError([Problem(line, column, f"YAML syntax error: found duplicate anchor '{event.anchor}'")])
                if event.anchor in self.anchors:
                    raise _Unusual
                self.anchors[event.anchor] = value
            if frame is None:
                root = value
            else:
                self._place(frame, value)
            if opens:
                stack.append([value, _NO_KEY, depth, {}])
        return root

    def _place(self, frame: list | None, value: object) -> None:
        """Put `value` into the open collection `frame` as an item, a key, or a key's value."""
        if frame is None:
            return
        parent = frame[0]
        if type(parent) is Sequence:
            parent.append(value)
            return
        key = frame[1]
        if key is not _NO_KEY:
            parent[key] = value
            frame[1] = _NO_KEY
        elif not isinstance(value, Text):
            self.problems.append(Problem(*position(value), "mapping keys must be plain text"))
            frame[1] = _SKIP_VALUE
        elif value in parent:
            first = frame[3][value]  # the key object as first written: a dict lookup, not a scan
            self.problems.append(Problem(value.line, value.column, f"duplicate key '{value}' (first at line {first.line})"))
            frame[1] = _SKIP_VALUE
        else:
            frame[1] = value
            frame[3][value] = value


_NO_KEY, _SKIP_VALUE = object(), object()


class _Converter:
    """Turns libyaml nodes into located plain values, reporting what is not allowed."""

    def __init__(self, problems: list[Problem], place):
        self.problems = problems
        self.seen: dict[int, object] = {}
        self.place = place

    def convert(self, node: yaml.Node, depth: int) -> object:
        known = self.seen.get(id(node))
        if known is not None:  # an alias: share, never expand, so alias bombs cost nothing
            return known
        line, column = self.place(node.start_mark.line, node.start_mark.column)
        if depth > MAX_DEPTH:
            self.problems.append(Problem(line, column, f"nesting deeper than {MAX_DEPTH} levels"))
            return located(Null(), line, column)
        if node.tag not in STANDARD_TAGS:
            self.problems.append(
                Problem(line, column, f"YAML tag '{node.tag}' is not allowed: tags that build objects are refused")
            )
        if isinstance(node, yaml.ScalarNode):
            value: object
            if node.tag == "tag:yaml.org,2002:null" and not node.style and node.value in ("", "~"):  # C loader: style ""
                value = Null()
            else:
                value = Text(node.value)
            result = located(value, line, column)
        elif isinstance(node, yaml.SequenceNode):
            result = located(Sequence(), line, column)
            self.seen[id(node)] = result
            result.extend(self.convert(child, depth + 1) for child in node.value)
        else:
            result = located(Mapping(), line, column)
            self.seen[id(node)] = result
            self._fill_mapping(result, node, depth)
        self.seen[id(node)] = result
        return result

    def _fill_mapping(self, result: Mapping, node: yaml.MappingNode, depth: int) -> None:
        written: dict[str, Text] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if not isinstance(key, Text):
                self.problems.append(Problem(*position(key), "mapping keys must be plain text"))
                continue
            if key in result:
                first = written[key]
                self.problems.append(
                    Problem(key.line, key.column, f"duplicate key '{key}' (first at line {first.line})")
                )
                continue
            written[key] = key
            result[key] = self.convert(value_node, depth + 1)


def located(value, line: int, column: int):
    """`value` (Text, Mapping, Sequence or Null) placed at a 1-based line and column."""
    if type(value) is Null:
        value.line, value.column = line, column
    else:
        # a fresh dict is 184 bytes; setting the attributes one by one makes a 336-byte one
        # (str and dict subclasses get no shared-key dicts), and files hold millions of values
        value.__dict__ = {"line": line, "column": column}
    return value


def located_text(value: str, line: int, column: int) -> Text:
    """A `Text` made by a reader of another format, placed where its value stood."""
    return located(Text(value), line, column)


def text_at(text: object, where: object, fallback: object = None) -> Text:
    """`text` placed where the value `where` stands (else where `fallback` stands)."""
    return located_text(str(text), *position(where, position(fallback)))
