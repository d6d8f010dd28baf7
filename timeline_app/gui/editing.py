"""Changing the chronology from the window: add, edit, duplicate, delete, drag dates, undo.

Every change goes through the same file functions as the command line (only the
event's own lines change, the write is atomic) and is recorded as exact file bytes,
so Undo gives back precisely what was there.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

from ..chronology.date_text import describe_range
from ..files.add_event import AddError
from ..files.bundled import is_bundled
from ..files.delete_event import delete_event
from ..files.duplicate_event import duplicate_event
from ..files.edit_event import edit_event
from ..files.loader import is_editable, read_file_bytes
from ..files.yaml_reader import ReadError


class EditingMixin:
    """The Edit menu's commands and the canvas's date dragging, for MainWindow."""

    def add_event(self):
        """Open the Add event dialog (non-modal to the event loop); returns it."""
        from .add_dialog import AddEventDialog

        if not self.path or self.index is None:
            self.statusBar().showMessage("Open a valid chronology first", 4000)
            return None
        if is_bundled(self.path):
            self.statusBar().showMessage("The sample chronology opens read-only: File > Save a Copy to Edit", 6000)
            return None
        if not is_editable(self.path):
            self.statusBar().showMessage("CSV and TimelineJS files open read-only: export to YAML to edit", 6000)
            return None
        dialog = AddEventDialog(self.path, self.shown.chronology, self)
        dialog.file_is_current = self.watcher.is_current
        dialog.accepted.connect(lambda: self._event_added(dialog.added_id, dialog))
        dialog.open()
        return dialog

    def _event_added(self, new_id: str, dialog=None) -> None:
        if dialog is not None and dialog.before and dialog.after:
            self.history.record(self.path, dialog.before, dialog.after, f"adding “{dialog.new_event().title}”")
        self._select_after_load = new_id
        self.open_file(self.path, keep_view=True)
        self.watcher.mark_current()

    def edit_selected(self):
        """Edit > Edit Event (F2): the Add dialog filled in; only what is changed changes in the file."""
        from .add_dialog import EditEventDialog

        event = self._editable_selection()
        if event is None:
            return None
        dialog = EditEventDialog(self.path, self.shown.chronology, event, self)
        dialog.file_is_current = self.watcher.is_current
        dialog.accepted.connect(lambda: self._event_changed(dialog))
        dialog.open()
        return dialog

    def _event_changed(self, dialog) -> None:
        if dialog.before and dialog.after and dialog.before != dialog.after:
            self.history.record(self.path, dialog.before, dialog.after, f"changing “{dialog.new_event().title}”")
        self._select_after_load = dialog.event_id
        self.open_file(self.path, keep_view=True)
        self.watcher.mark_current()

    def delete_selected(self, confirm: bool = True) -> str:
        """Edit > Delete Event: the selected event's lines go from the file (undo brings them back)."""
        event = self._editable_selection()
        if event is None:
            return "Select an event first" if self.selected_event() is None else "This file opens read-only"
        if confirm and QMessageBox.question(self, "Delete event", f"Delete “{event.title}” from {os.path.basename(self.path)}?"
                                            "\n\nEdit > Undo brings it back.") != QMessageBox.Yes:
            return ""
        return self._change_file(lambda: delete_event(self.path, event.id) and "", f"deleting “{event.title}”",
                                 f"Deleted “{event.title}” (Ctrl+Z brings it back)")

    def undo(self) -> str:
        return self._after_history(self.history.undo())

    def redo(self) -> str:
        return self._after_history(self.history.redo())

    def _after_history(self, message: str) -> str:
        self.open_file(self.path, keep_view=True)
        self.watcher.mark_current()
        self.statusBar().showMessage(message, 8000)
        return message


    def duplicate_selected(self) -> str:
        """Edit > Duplicate Event (Ctrl+D): a copy just below the event, selected, ready to edit."""
        event = self._editable_selection()
        if event is None:
            return ""
        return self._change_file(lambda: duplicate_event(self.path, event.id), f"duplicating “{event.title}”",
                                 f"Duplicated “{event.title}”: F2 edits the copy")

    def move_dates(self, position: int, start, end) -> str:
        """A drag on the canvas (or Alt+arrows): the event's new dates, written as ISO text at their precision."""
        event = self.index.events[position] if self.index is not None and 0 <= position < len(self.index) else None
        if event is None or not is_editable(self.path):
            return ""
        changes = {}  # only what moved: a span's start keeps its text when only its end is dragged
        if start != event.start:
            changes["start"] = start.iso()
        if end is not None and end != event.end:
            changes["end"] = end.iso()
        when = describe_range(start, end)
        return self._change_file(lambda: getattr(edit_event(self.path, event.id, changes), "id", event.id),
                                 f"moving “{event.title}”", f"Moved “{event.title}” to {when} (Ctrl+Z moves it back)")

    def _editable_selection(self):
        event = self.selected_event()
        if event is None or not is_editable(self.path):
            self.statusBar().showMessage("Select an event first" if event is None else "This file opens read-only", 4000)
            return None
        return event

    def _change_file(self, change, what: str, done: str) -> str:
        """Run one file change (it returns the id to select after, or ""), record it for Undo,
        reload; the status bar says what happened."""
        if not self.watcher.is_current():
            self.statusBar().showMessage("Nothing changed: the file changed on disk since it was shown; it is being "
                                         "reloaded — try again", 8000)
            self.reload()
            return "Nothing changed: the file changed on disk"
        try:
            before = read_file_bytes(self.path)
            changed_id = change()
            self.history.record(self.path, before, read_file_bytes(self.path), what)
        except (AddError, ReadError) as error:
            message = f"Nothing changed: {error}"
        else:
            message = done
            self._select_after_load = changed_id
            self.open_file(self.path, keep_view=True)
            self.watcher.mark_current()
        self.statusBar().showMessage(message, 8000)
        return message
