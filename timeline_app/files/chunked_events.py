"""The events list of a large file, handed to the validator a chunk at a time.

Each chunk offers its events as plain values (`items`: dicts of str, lists, ints)
for the fast check, and the same events as located values (`read_precise`) when a
chunk needs a closer look, so a message always has its line. YAML files
(`fast_reader.EventStream`) and CSV files (`csv_events.CsvEvents`) are read so.
"""

from __future__ import annotations


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
