"""Location and sources inside a TimelineJS slide's text, where a reader sees them
and our importer finds them again (TimelineJS has no field for either).
"""

from __future__ import annotations

import html
import re

from ..chronology.model import Source

_LOCATION = re.compile(r'<p class="location">Location: (.*?)</p>', re.S)
_SOURCES = re.compile(r'<p class="sources">Sources:(.*?)</p>(?:<ul class="sources">(.*?)</ul>)?', re.S)
_ITEM = re.compile(r'<li class="source">(.*?)</li>', re.S)
_HREF = re.compile(r'href="([^"]*)"')
_ANCHOR = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)


def notes_html(location: str, sources: tuple[Source, ...]) -> str:
    """The paragraphs that carry an event's location and sources."""
    notes = f'<p class="location">Location: {_escape(location)}</p>' if location else ""
    if sources:
        notes += '<p class="sources">Sources:</p><ul class="sources">' + "".join(map(_source_item, sources)) + "</ul>"
    return notes


def _source_item(source: Source) -> str:
    title = f'<span class="title">{_escape(source.title)}</span>' if source.title else _escape(source.url)
    item = f'<a href="{html.escape(source.url)}">{title}</a>' if source.url else title
    for field in ("publisher", "date"):
        if getattr(source, field):
            item += f', <span class="{field}">{_escape(getattr(source, field))}</span>'
    return f'<li class="source">{item}</li>'


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def split_notes(text: str) -> tuple[str, str, list[dict[str, str]]]:
    """(the text without the notes, the location, the sources as {url, title, publisher, date})."""
    location = ""
    found = _LOCATION.search(text)
    if found:
        location, text = html.unescape(found.group(1)), text[: found.start()] + text[found.end():]
    sources = []
    for match in _SOURCES.finditer(text):
        if match.group(2) is not None:
            sources.extend(_read_item(item) for item in _ITEM.findall(match.group(2)))
        else:  # the older single paragraph: "Sources: <a href=…>title</a>, …"
            sources.extend({"url": html.unescape(url), "title": _plain(title) if _plain(title) != html.unescape(url) else ""}
                           for url, title in _ANCHOR.findall(match.group(1)))
    return _SOURCES.sub("", text), location, sources


def _read_item(item: str) -> dict[str, str]:
    source = {"url": html.unescape(_HREF.search(item).group(1)) if _HREF.search(item) else ""}
    for field in ("title", "publisher", "date"):
        found = re.search(rf'<span class="{field}">(.*?)</span>', item, re.S)
        source[field] = html.unescape(found.group(1)) if found else ""
    if not source["url"] and not source["title"]:
        source["title"] = _plain(item)
    return source


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
