"""An event's picture in the detail pane: local files inline, web pictures as a card.

Like a mail client, the pane fetches nothing from the web unless the reader has
chosen to (View > Load Pictures from the Web): a remote picture can tell its
server who is reading what, and when. Only http(s) is ever fetched, and only the
picture itself (at most MAX_REMOTE_BYTES); a local path is read from beside the
chronology file.
"""

from __future__ import annotations

import html
import os
import re
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from ..chronology.model import Media

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")
MAX_WIDTH = 420  # px: a picture wider than the pane's text column is scaled down
MAX_REMOTE_BYTES = 8 << 20


def picture_link(media: Media) -> str:
    """The link that shows the picture: the thumbnail when given, else the media itself if it is an image."""
    if media.thumbnail:
        return media.thumbnail
    path = urlsplit(media.url).path if media.is_remote else media.url
    return media.url if path.lower().endswith(IMAGE_SUFFIXES) else ""


def local_path(link: str, folder: str) -> str:
    """A path written in the file, read from the chronology's folder."""
    return link if os.path.isabs(link) else os.path.join(folder, link)


def read_local_image(link: str, folder: str) -> QImage | None:
    image = QImage(local_path(link, folder))
    return None if image.isNull() else _fitted(image)


def _fitted(image: QImage) -> QImage:
    return image.scaledToWidth(MAX_WIDTH) if image.width() > MAX_WIDTH else image


def card_html(media: Media, picture_name: str, remote_note: str) -> str:
    """The picture (when there is one to show), caption, credit and where it lives."""
    parts = []
    if picture_name:
        alt = html.escape(media.alt or media.caption, quote=True)
        parts.append(f"<p><img src='{picture_name}' alt='{alt}'></p>")
    if media.caption:
        parts.append(f"<p><i>{_with_links(media.caption)}</i></p>")
    facts = []
    if media.credit:
        facts.append(f"Credit: {_with_links(media.credit)}")
    if media.is_remote:
        host = urlsplit(media.url).hostname or media.url
        facts.append(f"<a href='{html.escape(media.url, quote=True)}'>{html.escape(host)}</a>")
    else:
        facts.append(f"File: {html.escape(media.url)}")
    parts.append("<p style='color:gray'>" + " · ".join(facts) + "</p>")
    if remote_note:
        parts.append(f"<p style='color:gray'>{remote_note}</p>")
    return "<h4>Media</h4>" + "".join(parts)


_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def _with_links(text: str) -> str:
    """Escaped text in which Markdown links `[words](https://…)` (how captions come from TimelineJS) are links."""
    return _MARKDOWN_LINK.sub(lambda m: f"<a href='{m.group(2)}'>{m.group(1)}</a>", html.escape(text, quote=True))


class RemotePictures(QObject):
    """Fetches web pictures when allowed, one at a time per link, and remembers them."""

    arrived = Signal(str)  # the link whose picture is now in `pictures` (or, failing, in `failed`)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.allowed = False
        self.pictures: dict[str, QImage] = {}
        self._network: QNetworkAccessManager | None = None
        self._pending: set[str] = set()
        self.failed: set[str] = set()  # links that gave no picture (refused, too large, not an image): not asked again

    def fetch(self, link: str) -> None:
        if not self.allowed or link in self.pictures or link in self._pending or link in self.failed:
            return
        if not link.lower().startswith(("http://", "https://")):
            return
        if self._network is None:
            self._network = QNetworkAccessManager(self)
        request = QNetworkRequest(QUrl(link))
        request.setAttribute(QNetworkRequest.RedirectPolicyAttribute, QNetworkRequest.NoLessSafeRedirectPolicy)
        reply = self._network.get(request)
        reply.downloadProgress.connect(lambda received, _total: received > MAX_REMOTE_BYTES and reply.abort())
        reply.finished.connect(lambda: self._finished(link, reply))
        self._pending.add(link)

    def _finished(self, link: str, reply: QNetworkReply) -> None:
        self._pending.discard(link)
        reply.deleteLater()
        image, received = QImage(), reply.error() == QNetworkReply.NoError
        data = reply.readAll() if received else None  # (a reply given up as too large is closed: nothing to read)
        if received and data.size() <= MAX_REMOTE_BYTES and image.loadFromData(data):
            self.pictures[link] = _fitted(image)
        else:
            self.failed.add(link)
        self.arrived.emit(link)
