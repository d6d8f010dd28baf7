"""The "Add event" dialog: the --add fields, validated as you type, saved by the same writer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from ..chronology.date_forms import parse_date
from ..chronology.date_text import describe_precision
from ..chronology.dates import DateError
from ..chronology.model import Chronology
from ..files.add_event import AddError, NewEvent, add_event, check_new_event
from ..files.edit_event import edit_event
from ..files.loader import read_file_bytes
from ..files.validation import check_url
from ..files.yaml_reader import ReadError

ERROR_STYLE = "color: #c0392b"


class AddEventDialog(QDialog):
    def __init__(self, path: str, chronology: Chronology, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add event")
        self.setObjectName("addEventDialog")
        self.path, self.chronology = path, chronology
        self.added_id = ""
        self.title_field = QLineEdit(objectName="titleField", placeholderText="What happened")
        self.start_field = QLineEdit(objectName="startField", placeholderText="e.g. 2014-06-25, June 2014, 20 October 2011")
        self.end_field = QLineEdit(objectName="endField", placeholderText="optional: makes it a span")
        self.start_note, self.end_note = QLabel(), QLabel()
        self.category_field = QComboBox(objectName="categoryField")
        self.category_field.addItem("(none)", "")
        for category in chronology.categories.values():
            self.category_field.addItem(category.label, category.id)
        self.location_field = QLineEdit(objectName="locationField")
        self.tags_field = QLineEdit(objectName="tagsField", placeholderText="comma-separated")
        tags = sorted({tag for event in chronology.events for tag in event.tags}, key=str.casefold)
        completer = QCompleter(tags, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.tags_field.setCompleter(completer)
        self.description_field = QPlainTextEdit(objectName="descriptionField")
        self.description_field.setPlaceholderText("Markdown")
        self.sources_field = QPlainTextEdit(objectName="sourcesField")
        self.sources_field.setPlaceholderText("one http(s) link per line")
        self.sources_field.setMaximumHeight(70)
        self.message = QLabel(objectName="addMessage", wordWrap=True)

        form = QFormLayout()
        form.addRow("&Title", self.title_field)
        form.addRow("&Start", self.start_field)
        form.addRow("", self.start_note)
        form.addRow("&End", self.end_field)
        form.addRow("", self.end_note)
        form.addRow("&Category", self.category_field)
        form.addRow("&Location", self.location_field)
        form.addRow("Ta&gs", self.tags_field)
        form.addRow("&Description", self.description_field)
        form.addRow("S&ources", self.sources_field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for field in (self.title_field, self.start_field, self.end_field, self.tags_field, self.location_field):
            field.textChanged.connect(self.validate)
        self.sources_field.textChanged.connect(self.validate)
        self.resize(560, 520)
        self.validate()

    def new_event(self) -> NewEvent:
        return NewEvent(
            title=self.title_field.text(),
            start=self.start_field.text().strip(),
            end=self.end_field.text().strip(),
            category=self.category_field.currentData() or "",
            tags=[tag.strip() for tag in self.tags_field.text().split(",") if tag.strip()],
            description=self.description_field.toPlainText(),
            location=self.location_field.text(),
            sources=[line.strip() for line in self.sources_field.toPlainText().splitlines() if line.strip()],
        )

    def _date_note(self, field: QLineEdit, note: QLabel) -> None:
        text = field.text().strip()
        if not text:
            note.setText("")
            return
        try:
            note.setText(describe_precision(parse_date(text, self.chronology.date_order)))
            note.setStyleSheet("")
        except DateError as error:
            note.setText(str(error))
            note.setStyleSheet(ERROR_STYLE)

    def validate(self) -> bool:
        """Show what is wrong as the user types; Save is enabled only when nothing is."""
        self._date_note(self.start_field, self.start_note)
        self._date_note(self.end_field, self.end_note)
        event = self.new_event()
        problems = check_new_event(event, self.chronology.date_order) if event.title or event.start else ["a title and a start date"]
        bad_links = [url for url in event.sources if check_url(url)]
        self.message.setText("; ".join(problems) if problems and (event.title or event.start or bad_links) else "")
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons.button(QDialogButtonBox.Save).setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.validate():
            return
        try:
            self.before = read_file_bytes(self.path)  # for undo: the bytes the add replaced
            self.added_id = add_event(self.path, self.new_event())
            self.after = read_file_bytes(self.path)
        except ReadError:
            self.before = self.after = b""
        except AddError as error:
            details = "\n".join(problem.format() for problem in error.problems[:10])
            QMessageBox.warning(self, "Event not added", f"{error}\n\n{details}".strip())
            return
        self.accept()


class EditEventDialog(AddEventDialog):
    """The Add dialog, filled in with an event: saving changes only the fields that were changed,
    each where it stands in the file (see files/edit_event.py)."""

    def __init__(self, path: str, chronology: Chronology, event, parent=None):
        super().__init__(path, chronology, parent)
        self.setWindowTitle("Edit event")
        self.setObjectName("editEventDialog")
        self.event_id = event.id
        written = event.written.split(" … ") if event.written else []
        self.title_field.setText(event.title)
        self.start_field.setText(written[0] if written else event.start.iso())
        self.end_field.setText(written[1] if len(written) > 1 else (event.end.iso() if event.end else ""))
        if event.alternatives:  # a list of dates with sources: edited in the file, where each sits
            self.start_field.setEnabled(False)
            self.end_field.setEnabled(False)
            self.start_field.setToolTip("Sources disagree on this date: change them in your editor")
        self.category_field.setCurrentIndex(max(self.category_field.findData(event.category), 0))
        self.location_field.setText(event.location)
        self.tags_field.setText(", ".join(event.tags))
        self.description_field.setPlainText(event.description)
        self.sources_field.setPlainText("\n".join(source.url for source in event.sources if source.url))
        self.initial = self.new_event()
        self.validate()

    def changes(self) -> dict[str, object]:
        """The fields the user changed: their new values, None for one emptied."""
        now, before, changes = self.new_event(), self.initial, {}
        for name in ("title", "start", "end", "category", "location", "description", "tags", "sources"):
            value = getattr(now, name)
            if value != getattr(before, name):
                changes[name] = value if value else None
        return changes

    def save(self) -> None:
        if not self.validate():
            return
        changes = self.changes()
        if not changes:
            self.reject()
            return
        try:
            self.before = read_file_bytes(self.path)
            edit_event(self.path, self.event_id, changes)
            self.after = read_file_bytes(self.path)
        except ReadError:
            self.before = self.after = b""
        except AddError as error:
            details = "\n".join(problem.format() for problem in error.problems[:10])
            QMessageBox.warning(self, "Event not changed", f"{error}\n\n{details}".strip())
            return
        self.added_id = self.event_id
        self.accept()
