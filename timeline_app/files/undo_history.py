"""Undo and redo of the changes made from the window, as whole-file bytes.

Each change remembers the file's bytes before and after. Undo writes the bytes from
before back, but only if the file still holds exactly the bytes from after: when an
editor saved the file meanwhile, the history is cleared rather than undoing over that
edit. Writes go through `replace_user_file` (atomic, checked just before the rename).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .atomic_write import FileRefused, replace_user_file
from .loader import read_file_bytes
from .yaml_reader import ReadError


@dataclass
class Change:
    path: str
    before: bytes
    after: bytes
    what: str  # "Add “Talks resume”", for the menu and the status bar


@dataclass
class UndoHistory:
    done: list[Change] = field(default_factory=list)
    undone: list[Change] = field(default_factory=list)

    def record(self, path: str, before: bytes, after: bytes, what: str) -> None:
        self.done.append(Change(path, before, after, what))
        self.undone.clear()

    def undo(self) -> str:
        """Undo the last change; returns what happened, for the status bar."""
        return self._move(self.done, self.undone, "Undid", backwards=True)

    def redo(self) -> str:
        return self._move(self.undone, self.done, "Redid", backwards=False)

    def _move(self, source: list[Change], target: list[Change], verb: str, backwards: bool) -> str:
        if not source:
            return f"Nothing to {verb[:-1].lower()}"
        change = source[-1]
        expected, wanted = (change.after, change.before) if backwards else (change.before, change.after)
        if _bytes_on_disk(change.path) != expected:
            self.clear()
            return "The file was changed outside the window: the undo history is cleared (nothing was written)"
        try:
            replace_user_file(change.path, wanted, expected)
        except (FileRefused, OSError) as error:
            return f"{verb[:-1]} failed, the file is unchanged: {error}"
        target.append(source.pop())
        return f"{verb} {change.what}"

    def clear(self) -> None:
        self.done.clear()
        self.undone.clear()

    def edited_elsewhere(self) -> bool:
        """Whether the file no longer holds what the last change left (another program saved it):
        then undoing or redoing would write over that save."""
        if self.done:
            change, left = self.done[-1], self.done[-1].after
        elif self.undone:
            change, left = self.undone[-1], self.undone[-1].before
        else:
            return False
        return _bytes_on_disk(change.path) != left


def _bytes_on_disk(path: str) -> bytes | None:
    try:
        return read_file_bytes(path)
    except ReadError:
        return None
