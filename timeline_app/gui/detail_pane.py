"""The selected event in full: date in words, category, tags, Markdown description, sources.

Nothing in the file may run script, fetch a resource or open a non-web link:
QTextBrowser runs no script, `loadResource` refuses every image or stylesheet the
Markdown asks for, raw HTML in the description is shown as text, and only
http(s) links are handed to the system browser.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from ..chronology.date_text import describe_duration, describe_range
from ..chronology.model import Category, Event
from ..files.validation import check_url

_PRECISION_NOTE = {"year": "only the year is known", "month": "only the month is known"}


EDIT_SCHEME = "timeline-edit"  # our own link: "open the file at this event's line"


class DetailPane(QTextBrowser):
    link_refused = Signal(str)
    edit_requested = Signal(int)  # line

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setPlaceholderText("Select an event to see its description and sources.")
        self.opened_links: list[str] = []  # what was handed to the browser, for tests and the status bar
        self.shown_event: Event | None = None

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt's name
        return None  # never load images, stylesheets or anything else named by the file

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() == EDIT_SCHEME:
            self.edit_requested.emit(int(url.path() or 0))
        elif check_url(text) is None:
            self.opened_links.append(text)
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(text)

    def show_event(self, event: Event | None, category: Category | None, file_name: str = "") -> None:
        self.shown_event = event
        if event is None:
            self.clear()
            return
        self.setHtml(self._header_html(event, category))
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.End)
        if event.description:
            cursor.insertBlock()
            cursor.insertMarkdown(_markdown_without_html(event.description), QTextDocument.MarkdownDialectGitHub)
        cursor.insertBlock()
        footer = ""
        if file_name and event.line:
            footer = (
                f"<p style='color:gray'>Line {event.line} of {html.escape(file_name)} · "
                f"<a href='{EDIT_SCHEME}:{event.line}'>edit in your editor</a></p>"
            )
        cursor.insertHtml(self._sources_html(event) + footer)
        self.moveCursor(QTextCursor.Start)

    def _header_html(self, event: Event, category: Category | None) -> str:
        when = describe_range(event.start, event.end)
        duration = describe_duration(event.start, event.end)
        notes = [duration] if duration else []
        note = _PRECISION_NOTE.get(event.start.precision)
        if note:
            notes.append(note)
        parts = [f"<h2>{html.escape(event.title)}</h2>"]
        date_line = f"<b>{html.escape(when)}</b>"
        if notes:
            date_line += f" <span style='color:gray'>({html.escape(', '.join(notes))})</span>"
        parts.append(f"<p>{date_line}</p>")
        facts = []
        if category is not None:
            facts.append(f"<span style='color:{category.color}'>&#9632;</span> {html.escape(category.label)}")
        if event.location:
            facts.append(f"<span style='color:gray'>in</span> {html.escape(event.location)}")
        if facts:
            parts.append("<p>" + " &nbsp;·&nbsp; ".join(facts) + "</p>")
        if event.tags:
            parts.append("<p>" + " ".join(f"<code>#{html.escape(tag)}</code>" for tag in event.tags) + "</p>")
        return "".join(parts)

    def _sources_html(self, event: Event) -> str:
        if not event.sources:
            return "<p style='color:gray'>No sources given.</p>"
        items = []
        for source in event.sources:
            label = html.escape(source.title or source.url)
            extra = ", ".join(html.escape(x) for x in (source.publisher, source.date) if x)
            text = f"<a href='{html.escape(source.url, quote=True)}'>{label}</a>" if source.url else label
            items.append(f"<li>{text}{' — ' + extra if extra else ''}</li>")
        return "<h4>Sources</h4><ul>" + "".join(items) + "</ul>"


def _markdown_without_html(text: str) -> str:
    """Markdown with raw HTML shown as text and images turned into plain links,
    so `<img src=…>`, `<a href=javascript:…>` or a tracking pixel is never fetched."""
    return re.sub(r"!\[", "[", text.replace("<", "&lt;"))
