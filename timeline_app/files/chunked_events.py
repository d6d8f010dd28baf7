"""The events list of a large file, handed to the validator a chunk at a time.

Each chunk offers its events as plain values (`items`: dicts of str, lists, ints)
for the fast check, and the same events as located values (`read_precise`) when a
chunk needs a closer look, so a message always has its line. YAML files
(`fast_reader.EventStream`), CSV files (`csv_events.CsvEvents`), and lists written
`[…]` (`ListedItems`: JSON's `json_events.JsonEvents`, flow YAML's `flow_events.FlowEvents`)
are read so.
"""

from __future__ import annotations

from .in_pieces import let_go, lines_at


class ChunkedEvents:
    """What the validator asks of a chunked events list."""

    lines: list[int]  # the line each event's value starts on

    def __len__(self) -> int:
        raise NotImplementedError

    def chunks(self):
        """Objects with `first`, `last`, `items` (None when not read), `stream` (this list),
        `risky()` and `read_precise()` -> (located items, problems), in file order."""
        raise NotImplementedError

    def value_line(self, index: int, key: str) -> int:
        """The line of item `index`'s `key` (for "first used at line N")."""
        raise NotImplementedError

    def key_position(self, index: int, key: object) -> tuple[int, int] | None:
        """Where item `index`'s key `key` stands (line, column) as the precise reader places it,
        when that is certain without reading it precisely (a key of the user's own, warned of
        on each of 100,000 events, must not cost a precise read each); None when it is not."""
        return None

    def let_go(self) -> None:
        """Free what the chunks needed once every event is built (no duplicate is left to place).
        A slice at a time: a million positions freed with the list, in one C call, held the
        window 60 to 170 ms at the end of a load."""
        let_go(self.lines)


class ListedItems(ChunkedEvents):
    """The items of a JSON or YAML flow list (`[a, b, …]`): item n spans `text[starts[n]:ends[n]]`."""

    def __init__(self, text: str, starts: list[int], ends: list[int]):
        self.text, self.starts, self.ends = text, starts, ends
        self.lines = lines_at(text, starts)
        self.count = len(starts)

    def __len__(self) -> int:
        return self.count

    def listed(self, first: int, last: int) -> str:
        """Items `first` to `last` (exclusive) as a list of their own: `[` + their text + `]`."""
        return "[" + self.text[self.starts[first] : self.ends[last - 1]] + "]"

    def let_go(self) -> None:
        super().let_go()
        let_go(self.starts)
        let_go(self.ends)

