"""Where a YAML text holds a form yaml-rs may read otherwise than libyaml: the fast reader's doubts.

Each finder yields (start, end) offsets; the fast reader sends the events they touch to
the precise reader. A finder may find more than it must (a doubt costs only a slower
read), never less (tests/test_fast_precise_agree.py and the fuzz tests beside it hold the
two readers to one answer). Most text holds none of these forms, so each finder looks
for its rare characters first, at memchr speed.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import is_, or_

from .compiled import plain_events
from .compiled import yaml_doubts as compiled_doubts

_has_number_dates_in_c = getattr(plain_events, "has_number_dates", None)  # (None where it is not built)
_number_date_events_in_c = getattr(plain_events, "number_date_events", None)
_has_doubts_in_c = getattr(compiled_doubts, "has_doubts", None)
scan_in_c = _has_doubts_in_c  # (1 doubt, 0 none, -1 ask Python; it lets the interpreter go over a chunk)

_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:-])&([^\s\[\]{},]+)", re.M)


def anchor_names(text: str) -> set[str]:
    return set(_ANCHOR.findall(text)) if "&" in text else set()


def has_anchor_or_alias(text: str) -> bool:
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
# (and `-0`, read 0, and `_1914`, read 1914). A `:` with no blank after it ends a key only
# after a quote or a flow collection (`{"start":01917}`); after a word or a digit it is inside
# one scalar to both parsers (`08:02` in `start: 2014-06-25 08:02`, a time: once a doubt, it
# sent one event in fifty of a file with bare years and times to the precise reader)
PADDED_NUMBER = re.compile(
    r"""(?:[:\-][ \t]|(?<![^\s"'\]}]):|[\[{,]|\n)[ \t]*(?:[+-]?0\d|\+\d|-0|[+-]?_)[\d_]*[ \t]*(?:$|#|[,\]}])""", re.M)


# the number part of `PADDED_NUMBER`, after what may stand before it: found first, since
# it is rare (a date's `-05` follows a digit), where `PADDED_NUMBER` tries every `:`, `,` and line.
# One pattern for each first character the part may have (`0` then a digit, `+`, `-0` or `-_`,
# `_`), starting with it: the engine skips to that character. As one pattern, `(?<=…)(?:…)`, it
# was tried at every position: 7 ms a chunk, 0.7 s per 100,000 events, in any file where some
# year is written bare (`start: 2003`).
_NUMBER_END = r"[\d_]*[ \t]*(?:$|#|[,\]}])"
_PADDED_NUMBER_PARTS = tuple(
    re.compile(first + rf"(?<=[\s:\[{{,]{first})" + then + _NUMBER_END, re.M)
    for first, then in (("0", r"\d"), (r"\+", r"[\d_]"), ("-", "[0_]"), ("_", ""))
)


def padded_numbers(text: str, within: list[tuple[int, int]] | None = None):
    """The spans of `PADDED_NUMBER`, looked for only on the lines that hold its number part
    (a tenth of the time: the pattern's first part matches at every key and line); with
    `within`, only on lines whose number part stands inside one of those (start, end), in order."""
    searched_to = -1
    within = [(0, len(text))] if within is None else within
    for at in sorted(found.start() for start, end in within for part in _PADDED_NUMBER_PARTS
                     for found in part.finditer(text, start, end)):
        line_start = text.rfind("\n", 0, at)  # (the pattern may start at this line break)
        if line_start < searched_to:
            continue
        line_end = text.find("\n", at)
        searched_to = len(text) if line_end == -1 else line_end
        yield from (found.span() for found in PADDED_NUMBER.finditer(text, max(line_start, 0), searched_to))


def has_number_dates(items: list) -> bool:
    """Whether yaml-rs read some `start` or `end` as a number (a year written bare, mostly):
    only then is the text searched for the forms it reads otherwise (a few ms a chunk).
    (Each field's types gathered at C speed: a loop over the items cost a million events 0.35 s;
    in C where it is built, one pass: three passes of `map` had cost them 0.15 s.)"""
    if _has_number_dates_in_c is not None and type(items) is list:
        return _has_number_dates_in_c(items)
    if set(map(type, items)) != {dict}:
        items = [item for item in items if type(item) is dict]
    return any(int in set(map(type, map(dict.get, items, repeat(key)))) for key in ("start", "end"))


def number_date_events(items: list) -> list[int]:
    """Which of `items` have a `start` or `end` yaml-rs read as a number (a year written bare).
    Only in their text can a padded number (`01917`) change the answer: elsewhere a number
    stands where text must, which the fast checks refuse, and the event is read precisely
    anyway. (Looking in those events' text alone, not the whole chunk's, spared a file with
    one bare year in twenty a few ms a chunk.)"""
    if _number_date_events_in_c is not None and type(items) is list:
        return _number_date_events_in_c(items)  # (the same answer in one pass)
    if not has_number_dates(items):
        return []
    if set(map(type, items)) != {dict}:
        return [index for index, item in enumerate(items)
                if type(item) is dict and (type(item.get("start")) is int or type(item.get("end")) is int)]
    return list(compress(range(len(items)), map(or_, *(
        map(is_, map(type, map(dict.get, items, repeat(key))), repeat(int)) for key in ("start", "end")))))


# a digit before `_` (`2_014`: a number to yaml-rs), found from the `_`, which the engine skips
# to (a pattern starting with the digit was tried at every position: 2.5 ms a chunk whose ids
# or links hold underscores)
_UNDERSCORE_AFTER_A_DIGIT = re.compile(r"_(?<=[0-9]_)")
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


def has_rare_forms(text: str) -> bool:
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
        if at_node_start(text, at):
            yield at


def at_node_start(text: str, at: int) -> bool:
    """Whether a node may start at `at` (after `key:`, a dash, a flow bracket or comma, a quote
    or block header (an error there, left to libyaml), or first on its line). The last
    character before it on its line that is not a blank decides, most often at once (a word:
    prose); only a dash needs the whole line (`- - &x`)."""
    last = at - 1
    while last >= 0 and text[last] != "\n" and text[last].isspace():
        last -= 1
    mark = text[last] if last >= 0 else "\n"
    if mark == "\n" or mark in _BEFORE_A_NODE:
        return True
    return mark == "-" and _NODE_START_LINE.fullmatch(text, text.rfind("\n", 0, at) + 1, at) is not None


# indicators libyaml refuses (or reads as a key) at the start of a flow node, after any
# blanks or line breaks; one pattern per opener, since a literal first character lets the
# regex engine skip ahead (0.1 ms a chunk, not 0.8)
_BLANKS_AND_COMMENTS = r"(?:\s|#[^\n]*\n)*"  # (a comment must reach its line's end: no backtracking)
_FLOW_ITEM_STARTS = tuple(re.compile(opener + _BLANKS_AND_COMMENTS + r"[?:|>%]") for opener in (",", r"\[", r"\{")) + (
    re.compile(r":" + _BLANKS_AND_COMMENTS + r"[?:%]"),  # a flow mapping's value (`{description: ?x}`: libyaml refuses it, yaml-rs reads it)
    # `[a, b:]`, `{x:}`: libyaml refuses a plain scalar's `:` before these, yaml-rs reads a key;
    # `{"id":|}`: libyaml refuses a `|` or `>` stuck to a quoted key's `:`, yaml-rs reads the text
    re.compile(r":[,?\[\]{}|>]"),
    # `{description:\n  >}`: a value's | or > on a later line (in flow libyaml refuses it, yaml-rs reads text)
    re.compile(r":[ \t]*(?:#[^\n]*)?\n" + _BLANKS_AND_COMMENTS + r"[|>]"),
)
# a flow value starting with | or > (a block scalar header ends its line; `{title: >x}` does not)
_FLOW_VALUE_INDICATOR = re.compile(r":[ \t]+[|>](?![-+0-9]*(?:[ \t]+#[^\n]*)?[ \t]*$)", re.M)  # (`>#` is no comment)
# a key's `:` alone at the start of the next line, inside a flow mapping
# (whatever follows it: after a quoted key, `"start"\n  :2003` is a key and a value to yaml-rs,
# an error to libyaml)
_COLON_LINE = re.compile(r"\n[ \t]*:")
# what looks like a block scalar header ending its line (in flow, libyaml refuses it and
# yaml-rs reads a plain `|`: see `_block_headers_in_flow`), after a blank: `[ \t][|>]…`, as one
# pattern for `|` and one for `>`, each starting with its sign (the engine skips to it; a
# pattern starting with the blank was tried at every space: 3 ms a chunk of a file with
# literal blocks and flow lists)
_HEADER_ENDING_A_LINE = tuple(re.compile(sign + rf"(?<=[ \t]{sign})[-+0-9]*[ \t]*(?:#[^\n]*)?$", re.M) for sign in (r"\|", ">"))


def _headers_ending_a_line(text: str):
    """(start, end) of each match of `[ \t][|>][-+0-9]*[ \t]*(?:#[^\n]*)?$` that a left-to-right
    scan finds (one that starts inside another's, in its comment, is not)."""
    scanned_to = 0
    for start, end in sorted((found.start() - 1, found.end()) for pattern in _HEADER_ENDING_A_LINE
                             for found in pattern.finditer(text)):
        if start >= scanned_to:
            scanned_to = end
            yield start, end
_LEAVES_A_FLOW_OPEN = re.compile(r"[,:\[{][ \t]*(?:#.*)?$")
_BLANK_OR_COMMENT_LINE = re.compile(r"[ \t]*(?:#.*)?")


def _block_headers_in_flow(text: str):
    """Where a block scalar header ending its line may stand inside a flow collection: a flow
    opener before it on its line, or a line before it (blank and comment lines aside) that
    leaves a flow open: it ends with `,`, `:` or an opener, or opens one it does not close.
    One look a header, its line and the one before (a regex per opener was quadratic in a
    line of brackets)."""
    for at, header_end in _headers_ending_a_line(text):
        line_start = text.rfind("\n", 0, at) + 1
        before = text[line_start:at]
        if "[" in before or "{" in before:
            yield line_start, header_end
            continue
        end = line_start - 1
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            previous = text[start:end]
            if not _BLANK_OR_COMMENT_LINE.fullmatch(previous):
                closed = max(previous.rfind("]"), previous.rfind("}"))
                opened = max(previous.rfind("["), previous.rfind("{"))
                if opened > closed or _LEAVES_A_FLOW_OPEN.search(previous):
                    yield start, header_end
                break
            end = start - 1


_BLOCK_SCALAR_HEADER_ENDS = re.compile(r"(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$")


def doubtful_end(text: str):
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
    yield from _spans(_FLOW_ITEM_STARTS[4], text)  # (a literal `:` first: the engine skips ahead)
    yield from _signs_after_openers(text)
    if "|" in text or ">" in text:
        yield from _spans(_FLOW_VALUE_INDICATOR, text)
        yield from _block_headers_in_flow(text)
    if "{" in text:
        yield from _spans(_COLON_LINE, text)


def _flow_items_opened_badly_slowly(text: str):
    """What `_signs_after_openers` finds, by the patterns themselves (1-3 ms a chunk: each
    tries every `:` and `,`): the reference, and the way when comments stand in between."""
    for pattern in _AFTER_AN_OPENER:
        yield from _spans(pattern, text)


# the patterns that end in a sign after an opener and blanks, by the opener they start with
_AFTER_AN_OPENER = _FLOW_ITEM_STARTS[:4] + _FLOW_ITEM_STARTS[5:]
_ENDS_BY_OPENER = {",": (_FLOW_ITEM_STARTS[0],), "[": (_FLOW_ITEM_STARTS[1],), "{": (_FLOW_ITEM_STARTS[2],),
                   ":": (_FLOW_ITEM_STARTS[3], _FLOW_ITEM_STARTS[5])}
# a `:` right after a blank or an opener (where a pattern can end in it; most follow a word)
_COLON_AFTER_BLANK = re.compile(r":(?<=[\s,\[{:]:)")


def _signs_after_blanks(text: str):
    """Where a sign the patterns end in (`?:%|>`) stands right after a blank or an opener:
    the rare signs by str.find, the common `:` by a regex whose literal first character
    lets the engine skip ahead."""
    yield from (match.start() for match in _COLON_AFTER_BLANK.finditer(text))
    for sign in "?%|>":
        for at in _all(text, sign):
            if at and (text[at - 1].isspace() or text[at - 1] in ",[{:"):
                yield at


def _signs_after_openers(text: str):
    """The spans of `_AFTER_AN_OPENER`'s patterns, found from their rare end: a sign (`?:%|>`)
    after a blank or an opener, then back over the blanks to the opener, where the pattern is
    tried. Ten times faster than the patterns themselves on common text, whose `:` follow
    words. When a comment may stand between opener and sign, the patterns scan the text."""
    for at in _signs_after_blanks(text):
        opener = at - 1
        while opener >= 0 and text[opener].isspace():  # (what `\s` matches, in str patterns)
            opener -= 1
        if opener < 0:
            continue
        line_start = text.rfind("\n", 0, opener) + 1
        if "#" in text[line_start : opener + 1] and "\n" in text[opener:at]:
            yield from _flow_items_opened_badly_slowly(text)  # a comment between: the slow way, once
            return
        for each in _ENDS_BY_OPENER.get(text[opener], ()):
            found = each.match(text, opener)
            if found:
                yield found.span()


def doubts(text: str, number_dates: bool | list[tuple[int, int]], stood_in: frozenset[int] = frozenset()):
    """Where `text` (some events' YAML) holds a form yaml-rs may read otherwise than libyaml,
    as (start, end) offsets: YAML 1.1 numbers (`0x7DE`, `2_014`: yaml-rs reads 2014, we keep
    the text), tabs, tags, anchors and aliases, escapes, indicators that libyaml refuses at
    the start of a value. `number_dates`: whether yaml-rs read some `start` or `end` as a
    number (only then can one be written `01917`), or the (start, end) of the events' texts
    where it did (`number_date_events`), in order; `stood_in`: the aliases yaml-rs read as
    stand-ins (`alias_stand_ins`), no doubt any more.

    Lazily, cheap tests first (a character's absence is found at memchr speed): whether
    there is any costs the common chunk well under a millisecond."""
    yield from _spans(_RADIX_NUMBER, text)
    if "_" in text:
        yield from ((found.start() - 1, found.end()) for found in _UNDERSCORE_AFTER_A_DIGIT.finditer(text))
    if number_dates:
        yield from padded_numbers(text, None if number_dates is True else number_dates)
    if any(char in text for char in _RARE_CHARACTERS):
        yield from ((at, at + 1) for at in _rare_forms(text) if at not in stood_in)
    if "[" in text or "{" in text:
        yield from _flow_items_opened_badly(text)
    yield from doubtful_end(text)
    # no need to look for `---`, `...` or `%` at a line's start: the list ends before any


def has_doubts(text: str, number_dates: bool | list[tuple[int, int]], stood_in: frozenset[int] = frozenset(),
               scanned: int | None = None) -> bool:
    """Whether `doubts` finds any: asked of every chunk, which nearly always holds none. In one
    pass in C where `_yaml_doubts.c` was built (in a third of the finders' time or less: they took
    1.2-1.7 ms a chunk, an eighth of a load), padded numbers still looked for here; the finders where it cannot say (an
    alias stood in for, a comment between a flow opener and a sign). `scanned`: that pass's answer
    for `text`, where it was asked already (on another thread: `fast_reader.scanned_ahead`)."""
    if _has_doubts_in_c is not None and not stood_in:
        found = _has_doubts_in_c(text) if scanned is None else scanned
        if found == 1:
            return True
        if found == 0:
            return bool(number_dates) and next(
                padded_numbers(text, None if number_dates is True else number_dates), None) is not None
    return next(doubts(text, number_dates, stood_in), None) is not None


# a key of the user's own the text alone can place: a word, not one YAML 1.1 reads as a
# boolean or null (the precise reader keeps those as written, yaml-rs may not)
_OWN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_KEY_BEFORE = " \t\n{,"


def key_offset(text: str, key: object) -> int | None:
    """Where the mapping key `key` starts in `text` (one event's YAML, read by yaml-rs without a
    doubt), when the text alone says for certain: `key` is a plain word written nowhere else in
    the text (no escape can spell it otherwise), bare or quoted, right after a blank, a line's
    start or a flow opener, and followed by its `:`. None: only the precise reader can say."""
    if type(key) is not str or not _OWN_KEY.fullmatch(key) or key.lower() in _YAML_WORDS or "\\" in text:
        return None
    at = text.find(key)
    if at == -1 or text.find(key, at + 1) != -1:
        return None
    end = at + len(key)
    start = at
    if at and text[at - 1] in "\"'":
        if text[end : end + 1] != text[at - 1]:
            return None
        start, end = at - 1, end + 1
    if not start or text[start - 1] not in _KEY_BEFORE:
        return None
    while text[end : end + 1] in (" ", "\t"):
        end += 1
    return start if text[end : end + 1] == ":" else None
