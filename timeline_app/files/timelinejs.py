"""TimelineJS3 JSON in and out: date parts, headline/text, groups, eras.
"""

from __future__ import annotations

import html
import re

from ..chronology.date_text import describe_event_date
from ..chronology.dates import MINUTE, MONTH, YEAR, PartialDate
from ..chronology.model import Chronology
from .yaml_reader import Mapping, Null, Sequence, Text, located
from .yaml_reader import located_text as _text


def _date_parts(date: PartialDate) -> dict:
    parts = {"year": date.year}
    if date.precision != YEAR:
        parts["month"] = date.month
    if date.precision not in (YEAR, MONTH):
        parts["day"] = date.day
    if date.precision == MINUTE:
        parts["hour"], parts["minute"] = date.hour, date.minute
    return parts


def _markdown_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph)
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
        escaped = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r'<a href="\2">\1</a>', escaped)
        rendered.append(f"<p>{escaped}</p>")
    return "".join(rendered)


def to_timelinejs(chronology: Chronology) -> dict:
    """TimelineJS3's JSON: events with date parts, headline/text, group, and eras."""
    labels = {cid: category.label for cid, category in chronology.categories.items()}
    events = []
    for event in chronology.events:
        text = _markdown_to_html(event.description)
        if event.sources:
            links = ", ".join(
                f'<a href="{html.escape(s.url, quote=True)}">{html.escape(s.title or s.url)}</a>' if s.url else html.escape(s.title)
                for s in event.sources
            )
            text += f'<p class="sources">Sources: {links}</p>'
        item = {
            "unique_id": event.id,
            "start_date": _date_parts(event.start),
            "text": {"headline": html.escape(event.title, quote=False), "text": text},
        }
        if event.end:
            item["end_date"] = _date_parts(event.end)
        if not event.plain_dates:  # TimelineJS has no words for "about", "1860s" or "13 July or August": say them
            item["display_date"] = describe_event_date(event)
        if event.category:
            item["group"] = labels.get(event.category, event.category)
        events.append(item)
    document = {
        "title": {"text": {"headline": html.escape(chronology.title, quote=False), "text": _markdown_to_html(chronology.description)}},
        "events": events,
    }
    if chronology.eras:
        document["eras"] = [
            {"start_date": _date_parts(era.start), "end_date": _date_parts(era.end), "text": {"headline": html.escape(era.title, quote=False)}}
            for era in chronology.eras
        ]
    return document


def is_timelinejs(root: Mapping) -> bool:
    events = root.get("events")
    return isinstance(events, list) and any(isinstance(e, dict) and "start_date" in e for e in events)


def _plain(value) -> str:
    """HTML text as plain text: tags dropped, entities decoded."""
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", str(value))
    text = re.sub(r"<br\s*/?>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _date_text(parts) -> Text | object:
    """TimelineJS date parts as one of our date texts, placed where the parts were."""
    if not isinstance(parts, dict):
        return parts
    get = lambda key: str(parts.get(key, "")).strip() if not isinstance(parts.get(key), (Null, type(None))) else ""
    year, month, day, hour, minute = (get(k) for k in ("year", "month", "day", "hour", "minute"))
    text = year
    if month:
        text += f"-{int(month):02d}" if month.isdigit() else f"-{month}"
        if day:
            text += f"-{int(day):02d}" if day.isdigit() else f"-{day}"
            if hour:
                text += f" {int(hour):02d}:{int(minute or 0):02d}" if hour.isdigit() and (minute or "0").isdigit() else f" {hour}:{minute}"
    line, column = getattr(parts, "line", 1), getattr(parts, "column", 1)
    return _text(text, line, column)


def from_timelinejs(root: Mapping) -> Mapping:
    result = located(Mapping(), root.line, root.column)
    title = root.get("title")
    headline = title.get("text", {}).get("headline", "") if isinstance(title, dict) and isinstance(title.get("text"), dict) else ""
    result[_text("title", root.line, root.column)] = _text(_plain(headline) or "Untitled", root.line, root.column)
    if isinstance(title, dict) and isinstance(title.get("text"), dict) and title["text"].get("text"):
        result[_text("description", root.line, root.column)] = _text(_plain(title["text"]["text"]), root.line, root.column)
    groups: dict[str, str] = {}
    events = located(Sequence(), root["events"].line, root["events"].column)
    for item in root["events"]:
        if not isinstance(item, dict):
            events.append(item)
            continue
        event = located(Mapping(), item.line, item.column)
        text = item.get("text") if isinstance(item.get("text"), dict) else {}
        here = lambda key, value: _text(value, getattr(item.get(key), "line", item.line), getattr(item.get(key), "column", item.column))
        if item.get("unique_id"):
            event[_text("id", item.line, item.column)] = here("unique_id", str(item["unique_id"]))
        event[_text("title", item.line, item.column)] = _text(_plain(text.get("headline", "")), item.line, item.column)
        if "start_date" in item:
            event[_text("start", item.line, item.column)] = _date_text(item["start_date"])
        if isinstance(item.get("end_date"), dict):
            event[_text("end", item.line, item.column)] = _date_text(item["end_date"])
        if item.get("group"):
            label = _plain(item["group"])
            groups.setdefault(label, re.sub(r"[^0-9a-z]+", "-", label.lower()).strip("-") or "group")
            event[_text("category", item.line, item.column)] = here("group", groups[label])
        body = str(text.get("text", ""))
        links = re.findall(r'href="([^"]+)"', body)
        media = item.get("media")
        if isinstance(media, dict) and str(media.get("url", "")).startswith(("http://", "https://")):
            links.append(str(media["url"]))
        body = re.sub(r'<p class="sources">.*?</p>', "", body, flags=re.S)
        if body.strip():
            event[_text("description", item.line, item.column)] = _text(_plain(body), item.line, item.column)
        if links:
            sources = located(Sequence(), item.line, item.column)
            sources.extend(_text(html.unescape(link), item.line, item.column) for link in dict.fromkeys(links))
            event[_text("sources", item.line, item.column)] = sources
        events.append(event)
    if groups:
        categories = located(Mapping(), root.line, root.column)
        for label, cid in groups.items():
            spec = located(Mapping(), root.line, root.column)
            spec[_text("label", root.line, root.column)] = _text(label, root.line, root.column)
            categories[_text(cid, root.line, root.column)] = spec
        result[_text("categories", root.line, root.column)] = categories
    if isinstance(root.get("eras"), list):
        eras = located(Sequence(), root["eras"].line, root["eras"].column)
        for item in root["eras"]:
            if not isinstance(item, dict):
                continue
            era = located(Mapping(), item.line, item.column)
            text = item.get("text") if isinstance(item.get("text"), dict) else {}
            era[_text("title", item.line, item.column)] = _text(_plain(text.get("headline", "")) or "Era", item.line, item.column)
            for ours, theirs in (("start", "start_date"), ("end", "end_date")):
                if theirs in item:
                    era[_text(ours, item.line, item.column)] = _date_text(item[theirs])
            eras.append(era)
        result[_text("eras", root.line, root.column)] = eras
    result[_text("events", root.line, root.column)] = events
    return result
