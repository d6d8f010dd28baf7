"""The selected event in full: date in words, category, tags, Markdown description, sources.

Nothing in the file may run script, fetch a resource or open a non-web link:
QTextBrowser runs no script, `loadResource` refuses every image or stylesheet the
Markdown asks for, raw HTML in the description is shown as text, and only
http(s) links are handed to the system browser.
"""

from __future__ import annotations

import html
import re
import secrets

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from ..chronology.date_text import describe_duration, describe_event_date
from ..chronology.model import Category, Event
from ..files.validation import check_url
from .media_view import RemotePictures, card_html, picture_link, read_local_image

# Beyond these a pane of text stops being read and starts freezing the window (Qt lays
# out a 300,000-character description in ~9 s): show the start and say what was left out.
MAX_TITLE_CHARS = 1_000
MAX_DESCRIPTION_CHARS = 20_000
MAX_TAGS = 200
MAX_SOURCES = 200

_PRECISION_NOTE = {"year": "only the year is known", "month": "only the month is known"}


EDIT_SCHEME = "timeline-edit"  # our own link: "open the file at this event's line"
MEDIA_SCHEME = "timeline-media"  # the picture this pane put in its document


class DetailPane(QTextBrowser):
    link_refused = Signal(str)
    edit_requested = Signal(int)  # line: open the user's editor there
    edit_here_requested = Signal()  # the Edit dialog for the shown event

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setPlaceholderText("Select an event to see its description and sources.")
        self.opened_links: list[str] = []  # what was handed to the browser, for tests and the status bar
        self.shown_event: Event | None = None
        # only links this pane wrote carry the token: one in a description cannot open the editor
        self._edit_token = secrets.token_hex(8)
        self._setting_palette = False
        self._shown_category, self._shown_file, self._folder = None, "", ""
        self.remote_pictures = RemotePictures(self)
        self.remote_pictures.arrived.connect(self._picture_arrived)
        self._readable_links()  # (a palette dark from the start sends no change)

    def allow_remote_pictures(self, allowed: bool) -> None:
        """The reader's choice (off by default): fetch pictures from the web, or only show where they live."""
        self.remote_pictures.allowed = allowed
        self._show_again()

    def _picture_arrived(self, link: str) -> None:
        if self.shown_event is not None and self.shown_event.media and picture_link(self.shown_event.media) == link:
            self._show_again()

    def _show_again(self) -> None:
        if self.shown_event is not None:
            self.show_event(self.shown_event, self._shown_category, self._shown_file, self._folder)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """On a dark ground, links in a light blue: Qt's default dark blue falls far below 4.5:1."""
        if event.type() == QEvent.PaletteChange and not self._setting_palette:
            self._readable_links()
            self._show_again()
        super().changeEvent(event)

    def _readable_links(self) -> None:
        """The link colour for the ground: in the palette, and in the document's style sheet, since
        Qt colours a link as its HTML is read, from the application's palette (dark blue on a dark
        ground: the palette alone changed nothing on screen). Only the link colour is set, so every
        other colour still follows the desktop's (and a later switch to light or dark comes here again)."""
        self._setting_palette = True
        dark = self.palette().color(QPalette.Base).lightness() < 128
        color = "#8ab4f8" if dark else "#1a56a8"
        links = QPalette()
        links.setColor(QPalette.Link, QColor(color))
        self.setPalette(links)
        self.document().setDefaultStyleSheet(f"a {{ color: {color}; }}")
        self._setting_palette = False

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt's name
        return None  # never load images, stylesheets or anything else named by the file

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() == EDIT_SCHEME and url.path() == "here" and url.query() == self._edit_token:
            self.edit_here_requested.emit()
        elif url.scheme() == EDIT_SCHEME:
            line = _our_edit_link_line(url, self._edit_token)
            if line is None:  # written in the file itself: a file must never start programs
                self.link_refused.emit(text)
            else:
                self.edit_requested.emit(line)
        elif check_url(text) is None:
            self.opened_links.append(text)
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(text)

    def show_event(self, event: Event | None, category: Category | None, file_name: str = "", folder: str = "") -> None:
        """`file_name` offers the edit link; `folder` is where media paths are read from."""
        self.shown_event, self._shown_category, self._shown_file, self._folder = event, category, file_name, folder
        if event is None:
            self.clear()
            return
        self.setHtml(self._header_html(event, category))
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.End)
        if event.description:
            cursor.insertBlock()
            description, left_out = _cut(event.description, MAX_DESCRIPTION_CHARS)
            cursor.insertMarkdown(_markdown_without_html(description), QTextDocument.MarkdownDialectGitHub)
            if left_out:
                cursor.insertBlock()
                cursor.insertHtml(f"<p style='color:gray'>… the description goes on for {left_out:,} more characters: "
                                  "open the file to read it all</p>")
        if event.media:
            cursor.insertBlock()
            cursor.insertHtml(self._media_html(event))
        cursor.insertBlock()
        footer = ""
        if file_name and event.line:
            footer = (
                f"<p style='color:gray'><a href='{EDIT_SCHEME}:here?{self._edit_token}'>Edit</a> (F2) · "
                f"line {event.line} of {html.escape(file_name)} · "
                f"<a href='{EDIT_SCHEME}:{event.line}?{self._edit_token}'>edit in your editor</a></p>"
            )
        cursor.insertHtml(self._sources_html(event) + footer)
        self.moveCursor(QTextCursor.Start)

    def _header_html(self, event: Event, category: Category | None) -> str:
        when = describe_event_date(event)
        if event.written and _differs(event.written, when):
            when = f"{event.written} — {when}"  # what the file says, then what it was understood to mean
        duration = describe_duration(event.start, event.end)
        notes = [duration] if duration else []
        note = _PRECISION_NOTE.get(event.start.precision)
        if note:
            notes.append(note)
        title, left_out = _cut(event.title, MAX_TITLE_CHARS)
        more = f" <span style='color:gray'>(and {left_out:,} more characters)</span>" if left_out else ""
        parts = [f"<h2>{html.escape(title)}{more}</h2>"]
        date_line = f"<b>{html.escape(when)}</b>"
        if notes:
            date_line += f" <span style='color:gray'>({html.escape(', '.join(notes))})</span>"
        if event.display_date and _differs(event.display_date, when):
            date_line += f"<br><span style='color:gray'>shown in TimelineJS as “{html.escape(event.display_date)}”</span>"
        parts.append(f"<p>{date_line}</p>")
        facts = []
        if category is not None:
            facts.append(f"<span style='color:{category.color}'>&#9632;</span> {html.escape(category.label)}")
        if event.location:
            facts.append(f"<span style='color:gray'>in</span> {html.escape(event.location)}")
        if facts:
            parts.append("<p>" + " &nbsp;·&nbsp; ".join(facts) + "</p>")
        if event.tags:
            shown = " ".join(f"<code>#{html.escape(_cut(tag, 200)[0])}</code>" for tag in event.tags[:MAX_TAGS])
            if len(event.tags) > MAX_TAGS:
                shown += f" <span style='color:gray'>and {len(event.tags) - MAX_TAGS:,} more tags</span>"
            parts.append(f"<p>{shown}</p>")
        return "".join(parts)

    def _media_html(self, event: Event) -> str:
        media, note, name = event.media, "", ""
        link = picture_link(media)
        remote = link.lower().startswith(("http://", "https://"))
        if remote and link in self.remote_pictures.pictures:
            image = self.remote_pictures.pictures[link]
        elif remote:
            image = None
            if link in self.remote_pictures.failed:
                note = "The picture could not be loaded (refused, larger than 8 MB, or not a picture)."
            elif self.remote_pictures.allowed:
                self.remote_pictures.fetch(link)
                note = "Loading the picture…"
            else:
                note = "Pictures from the web are not loaded: View › Load Pictures from the Web."
        elif link:
            image = read_local_image(link, self._folder)
            if image is None:
                note = f"The picture {html.escape(link)} was not found beside the chronology file."
        else:
            image = None
        if image is not None:
            name = f"{MEDIA_SCHEME}:{self._edit_token}"
            self.document().addResource(QTextDocument.ImageResource, QUrl(name), image)
        return card_html(media, name, note)

    def _sources_html(self, event: Event) -> str:
        if not event.sources:
            return "<p style='color:gray'>No sources given.</p>"
        items = []
        for source in event.sources[:MAX_SOURCES]:
            label = html.escape(source.title or source.url)
            extra = ", ".join(html.escape(x) for x in (source.publisher, source.date) if x)
            text = f"<a href='{html.escape(source.url, quote=True)}'>{label}</a>" if source.url else label
            items.append(f"<li>{text}{' — ' + extra if extra else ''}</li>")
        if len(event.sources) > MAX_SOURCES:
            items.append(f"<li style='color:gray'>and {len(event.sources) - MAX_SOURCES:,} more sources</li>")
        return "<h4>Sources</h4><ul>" + "".join(items) + "</ul>"


def _differs(written: str, meaning: str) -> bool:
    """Whether the words add anything to what is written ('2014' and '2014' do not)."""
    return written.casefold().replace(",", "") != meaning.casefold().replace(",", "")


def _our_edit_link_line(url: QUrl, token: str) -> int | None:
    """The line an edit link of ours points at; None for any other (malformed, or written in the file)."""
    if url.query() != token or not url.path().isdigit():
        return None
    return int(url.path())


def _cut(text: str, limit: int) -> tuple[str, int]:
    """`text` up to `limit` characters (at a space when one is near), and how many were left out."""
    if len(text) <= limit:
        return text, 0
    space = text.rfind(" ", limit - 80, limit)
    end = space if space > 0 else limit
    return text[:end] + "…", len(text) - end


_CODE = re.compile(r"(```.*?(?:```|$)|~~~.*?(?:~~~|$)|`[^`\n]+`)", re.S)


def _markdown_without_html(text: str) -> str:
    """Markdown with raw HTML shown as text and images turned into plain links,
    so `<img src=…>`, `<a href=javascript:…>` or a tracking pixel is never fetched.
    Code spans and fenced blocks are left alone: Markdown shows them literally already."""
    parts = _CODE.split(text)
    for number in range(0, len(parts), 2):  # the even parts are outside code
        parts[number] = re.sub(r"!\[", "[", parts[number].replace("<", "&lt;"))
    return "".join(parts)
