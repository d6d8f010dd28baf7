"""Aliases to anchors already read, stood in for so that yaml-rs can read the events holding them.

yaml-rs reads a chunk of events on its own and knows no anchor defined outside it: one
`sources: [*vice]` used to cost its whole chunk a second parse and its event a precise read,
and an alias in every event sent every event to the precise reader (8x slower). Here each
`*name` naming an anchor the precise reader has already read (in the header, or in an
earlier event) is replaced, for yaml-rs only, by a one-key flow mapping that names it; once
yaml-rs has read the chunk, each such mapping is replaced by the anchor's value.

A stand-in is trusted only when yaml-rs read it as a node of its own: every stand-in must
come back once, as a mapping's value or a list's item in the event that holds it, else the
chunk is read as before (an `*x` inside a quoted or block scalar, or in a comment, reads as
text; one used as a key becomes no value: either fails that count).
The precise reader's value is the one put back (text stays text: `&y 2014` is the word 2014,
as the precise reader keeps it), so both readers build the same events.
"""

from __future__ import annotations

import bisect
import re

from .yaml_doubts import at_node_start
from .yaml_reader import Mapping, Null, Sequence

_MARK = "__timeline_alias_"
# libyaml's anchor names, and what may follow an alias that is a whole value (not a key)
_ALIAS = re.compile(r"\*([0-9A-Za-z_-]+)(?=[ \n,\]}]|$)")
_STAND_IN = re.compile(re.escape(_MARK) + r"(\d+)__")


class StandIns:
    """A chunk's text as yaml-rs reads it, and the aliases stood in for (their offsets and names)."""

    def __init__(self, text: str, offsets: frozenset[int], names: list[str]):
        self.text, self.offsets, self.names = text, offsets, names

    def put_back(self, items: object, values: PlainAnchors, starts: list[int]) -> list | None:
        """yaml-rs's items with each stand-in replaced by its anchor's plain value (`values[name]`);
        None when some stand-in did not come back as a node of its own. `starts`: where each
        item's text starts in the chunk's (only the items holding a stand-in are looked through)."""
        if not isinstance(items, list) or len(items) != len(starts):
            return None
        found: list[int] = []
        stack = []
        for index in sorted({bisect.bisect_right(starts, offset) - 1 for offset in self.offsets}):
            item = items[index]
            if type(item) is dict and len(item) == 1 and _stand_in_number(item) is not None:
                return None  # `- *event`: the event stands where its anchor does, a line the precise reader knows
            if type(item) in _CONTAINERS:  # (an event that is a number or nothing holds no stand-in)
                stack.append(item)
        while stack:  # (a loop, not recursion: a string costs one type test)
            container = stack.pop()
            for key, inner in (container.items() if type(container) is dict else enumerate(container)):
                if type(inner) is dict and len(inner) == 1 and (number := _stand_in_number(inner)) is not None:
                    found.append(number)
                    container[key] = values[self.names[number]]  # (an existing key or index: the size stays)
                elif type(inner) in _CONTAINERS:
                    stack.append(inner)
        return items if sorted(found) == list(range(len(self.names))) else None


_CONTAINERS = frozenset((dict, list))


def _stand_in_number(mapping: dict) -> int | None:
    (key, value), = mapping.items()
    match = _STAND_IN.fullmatch(key) if type(key) is str and value == 0 else None
    return int(match[1]) if match else None


def stand_in_aliases(text: str, anchors) -> StandIns | None:
    """The chunk `text` with each alias at a node's start that names one of `anchors` replaced
    by a stand-in; None when there is none (or the text already holds the stand-ins' mark)."""
    if "*" not in text or _MARK in text:
        return None
    pieces, offsets, names, done = [], [], [], 0
    for match in _ALIAS.finditer(text):
        at = match.start()
        if match[1] not in anchors or not at_node_start(text, at):
            continue
        pieces += [text[done:at], "{", _MARK, str(len(names)), "__: 0}"]
        offsets.append(at)
        names.append(match[1])
        done = match.end()
    if not names:
        return None
    return StandIns("".join(pieces) + text[done:], frozenset(offsets), names)


class PlainAnchors:
    """The anchors' values as plain values, each made once for the whole file (the fast checks
    change no value they are given)."""

    def __init__(self, located: dict[str, object]):
        self.located, self.plain = located, {}

    def __getitem__(self, name: str) -> object:
        if name not in self.plain:
            self.plain[name] = plain_copy(self.located[name])
        return self.plain[name]


def plain_copy(value: object, copies: dict[int, object] | None = None) -> object:
    """A value of the precise reader's as plain Python values (what the fast checks take);
    what it shares (an alias inside it, even to itself) stays shared."""
    copies = {} if copies is None else copies
    if id(value) in copies:
        return copies[id(value)]
    if isinstance(value, Mapping):
        copies[id(value)] = copy = {}
        copy.update((str(key), plain_copy(inner, copies)) for key, inner in value.items())
        return copy
    if isinstance(value, Sequence):
        copies[id(value)] = copy = []
        copy.extend(plain_copy(inner, copies) for inner in value)
        return copy
    if isinstance(value, Null) or value is None:
        return None
    return str(value)
