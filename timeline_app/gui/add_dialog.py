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
        self.id_field = QLineEdit(objectName="idField", placeholderText="made from the date and title when empty")
        self.media_field = QLineEdit(objectName="mediaField", placeholderText="a picture: https:// link or a path beside the file")
        self.caption_field = QLineEdit(objectName="captionField")
        self.credit_field = QLineEdit(objectName="creditField")
        self.file_is_current = lambda: True  # the window says whether the file is still as it showed it
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
        form.addRow("&Picture", self.media_field)
        form.addRow("Capt&ion", self.caption_field)
        form.addRow("C&redit", self.credit_field)
        form.addRow("&Id", self.id_field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for field in (self.title_field, self.start_field, self.end_field, self.tags_field, self.location_field,
                      self.media_field, self.id_field):
            field.textChanged.connect(self.validate)
        self.sources_field.textChanged.connect(self.validate)
        self.resize(560, 620)
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
            sources=[] if self.sources_field.isReadOnly() else  # kept as the file has them
            [line.strip() for line in self.sources_field.toPlainText().splitlines() if line.strip()],
            id=self.id_field.text().strip(),
            media=self._media(),
        )

    def _media(self) -> str | dict:
        """The picture fields as the file will hold them: a link alone, or a mapping with caption and credit."""
        url, caption, credit = (field.text().strip() for field in (self.media_field, self.caption_field, self.credit_field))
        if not (url or caption or credit):
            return ""
        return {"url": url, "caption": caption, "credit": credit} if caption or credit else url

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
        if self.validate() and self._write(lambda: add_event(self.path, self.new_event()), "Not added"):
            self.accept()

    def _write(self, change, refused: str) -> bool:
        """Run the file change, keeping the bytes before and after for Undo; a refusal is said in
        the dialog, which stays open with everything typed in it."""
        if not self.file_is_current():
            self._refuse(f"{refused}: the file changed on disk since the window showed it. Nothing was written; "
                         "Cancel, let the window reload, and try again.")
            return False
        try:
            self.before = read_file_bytes(self.path)
            self.added_id = change()
            self.after = read_file_bytes(self.path)
        except ReadError as error:
            self._refuse(f"{refused}: the file cannot be read ({'; '.join(p.message for p in error.problems)})")
            return False
        except AddError as error:
            details = "; ".join(problem.format() for problem in error.problems[:5])
            self._refuse(f"{refused}: {error}" + (f" ({details})" if details else ""))
            return False
        return True

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE)


class EditEventDialog(AddEventDialog):
    """The Add dialog, filled in with an event: saving changes only the fields that were changed,
    each where it stands in the file (see files/edit_event.py)."""

    def __init__(self, path: str, chronology: Chronology, event, parent=None):
        super().__init__(path, chronology, parent)
        self.setWindowTitle("Edit event")
        self.setObjectName("editEventDialog")
        self.event_id = event.id
        self.shown_media = event.media
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
        if any(source.title or source.publisher or source.date or not source.url for source in event.sources):
            # a named source or one with its title and publisher is more than a link: the dialog would lose it
            self.sources_field.setReadOnly(True)
            self.sources_field.setToolTip("These sources carry titles, publishers or names: change them in your editor")
            self.sources_field.setPlainText("\n".join(source.title or source.url for source in event.sources)
                                            + "\n(changed in your editor: these sources say more than a link)")
        self.id_field.setText(event.id)
        if event.media:
            self.media_field.setText(event.media.url)
            self.caption_field.setText(event.media.caption)
            self.credit_field.setText(event.media.credit)
        self.initial = self.new_event()
        self.validate()

    def changes(self) -> dict[str, object]:
        """The fields the user changed: their new values, None for one emptied."""
        now, before, changes = self.new_event(), self.initial, {}
        for name in ("id", "title", "start", "end", "category", "location", "description", "tags", "sources"):
            value = getattr(now, name)
            if value != getattr(before, name) and (value or name != "id"):  # an emptied id: keep the one it has
                changes[name] = value if value else None
        if now.media != before.media:
            changes["media"] = self._changed_media(now.media)
        return changes

    def _changed_media(self, media: str | dict):
        """The new picture; what the dialog does not show (thumbnail, alt text) is kept."""
        if not media:
            return None
        kept = self.shown_media.as_dict() if self.shown_media else {}
        fields = {**kept, **(media if isinstance(media, dict) else {"url": media, "caption": "", "credit": ""})}
        return fields["url"] if not any(value for key, value in fields.items() if key != "url") else fields

    def save(self) -> None:
        if not self.validate():
            return
        changes = self.changes()
        if not changes:
            self.reject()
            return
        if self._write(lambda: getattr(edit_event(self.path, self.event_id, changes), "id", self.event_id), "Not changed"):
            self.event_id = self.added_id
            self.accept()
