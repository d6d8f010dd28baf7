"""Other formats in and out: CSV, TimelineJS3 JSON, our own YAML and JSON. No Qt here.

Readers turn a file into the same located values the YAML reader makes, shaped like
an events.yaml, so one validator gives every format the same FILE:LINE:COL messages.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

from .add_event import quote
from .dates import MINUTE, MONTH, YEAR, PartialDate
from .model import Chronology, Event
from .problems import Problem
from .yaml_reader import Mapping, Null, ReadError, Sequence, Text, located, read_precise

CSV_COLUMNS = ("id", "title", "start", "end", "precision", "category", "tags", "description", "sources")


# --- writing ---------------------------------------------------------------------------

def to_json(chronology: Chronology) -> str:
    return json.dumps(chronology.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_csv(chronology: Chronology) -> str:
    """One row per event; UTF-8 with a BOM and CRLF rows so Excel and LibreOffice read it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology.events:
        writer.writerow(
            [
                event.id,
                event.title,
                event.start.iso(),
                event.end.iso() if event.end else "",
                event.start.precision,
                event.category,
                "; ".join(event.tags),
                event.description,
                "\n".join(source.url or source.title for source in event.sources),
            ]
        )
    return "\ufeff" + buffer.getvalue()


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


def to_yaml(chronology: Chronology) -> str:
    """The chronology as an events.yaml (every scalar double-quoted, dates as ISO text)."""
    out = [f"title: {quote(chronology.title)}"]
    if chronology.description:
        out.append(f"description: {quote(chronology.description)}")
    if chronology.categories:
        out.append("categories:")
        for category in chronology.categories.values():
            out.append(f"  {quote(category.id)}: {{label: {quote(category.label)}, color: {quote(category.color)}}}")
    if chronology.eras:
        out.append("eras:")
        for era in chronology.eras:
            color = f", color: {quote(era.color)}" if era.color else ""
            out.append(f"  - {{title: {quote(era.title)}, start: {quote(era.start.iso())}, end: {quote(era.end.iso())}{color}}}")
    out.append("events:" if chronology.events else "events: []")
    for event in chronology.events:
        out.extend(_event_yaml(event))
    return "\n".join(out) + "\n"


def _event_yaml(event: Event) -> list[str]:
    lines = [f"  - id: {quote(event.id)}", f"    title: {quote(event.title)}", f"    start: {quote(event.start.iso())}"]
    if event.end:
        lines.append(f"    end: {quote(event.end.iso())}")
    for key in ("category", "location"):
        if getattr(event, key):
            lines.append(f"    {key}: {quote(getattr(event, key))}")
    if event.tags:
        lines.append("    tags: [" + ", ".join(quote(tag) for tag in event.tags) + "]")
    if event.description:
        lines.append(f"    description: {quote(event.description)}")
    if event.sources:
        lines.append("    sources:")
        for source in event.sources:
            fields = {k: v for k, v in source.as_dict().items() if v}
            lines.append("      - {" + ", ".join(f"{k}: {quote(v)}" for k, v in fields.items()) + "}")
    return lines


# --- reading ---------------------------------------------------------------------------

def _text(value: str, line: int, column: int) -> Text:
    return located(Text(value), line, column)


def _field_columns(line: str) -> list[int]:
    """1-based columns where each CSV field of a (single) physical line starts."""
    columns, in_quotes, position = [1], False, 0
    while position < len(line):
        char = line[position]
        if char == '"':
            in_quotes = not in_quotes
        elif char == "," and not in_quotes:
            columns.append(position + 2)
        position += 1
    return columns


def read_csv(text: str) -> object:
    """A CSV with a header row (title and start required) as events.yaml-shaped located values."""
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError([Problem(1, 1, "CSV file is empty: expected a header row with title and start")]) from None
    except csv.Error as error:
        raise ReadError([Problem(1, 1, f"CSV error: {error}")]) from None
    names = [name.strip().lower() for name in header]
    header_columns = _field_columns(raw_lines[0]) if raw_lines else [1]
    problems = []
    for required in ("title", "start"):
        if required not in names:
            problems.append(Problem(1, 1, f"CSV header has no `{required}` column (columns: {', '.join(names)})"))
    for number, name in enumerate(names):
        if name and name not in CSV_COLUMNS and name != "location":
            where = header_columns[number] if number < len(header_columns) else 1
            problems.append(Problem(1, where, f"unknown CSV column '{name}' (known: {', '.join(CSV_COLUMNS)}, location)", "warning"))
    if any(p.severity == "error" for p in problems):
        raise ReadError(problems)
    events = located(Sequence(), 2, 1)
    root = located(Mapping(), 1, 1)
    root[_text("title", 1, 1)] = _text("", 1, 1)
    previous_end = 1
    try:
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            columns = _field_columns(raw_lines[line - 1]) if line - 1 < len(raw_lines) else [1]
            event = located(Mapping(), line, 1)
            for number, (name, cell) in enumerate(zip(names, row)):
                if name not in CSV_COLUMNS and name != "location" or name == "precision" or not cell.strip():
                    continue
                column = columns[number] if number < len(columns) else 1
                key = _text(name, line, column)
                if name == "tags":
                    tags = located(Sequence(), line, column)
                    tags.extend(_text(tag.strip(), line, column) for tag in cell.split(";") if tag.strip())
                    event[key] = tags
                elif name == "sources":
                    sources = located(Sequence(), line, column)
                    sources.extend(_text(url, line, column) for url in cell.split())
                    event[key] = sources
                else:
                    event[key] = _text(cell if name in ("title", "description") else cell.strip(), line, column)
            events.append(event)
    except csv.Error as error:
        raise ReadError([Problem(reader.line_num, 1, f"CSV error: {error}")]) from None
    root[_text("events", 1, 1)] = events
    return root, problems


def read_json(text: str) -> tuple[object, list[Problem]]:
    """TimelineJS3 JSON, or our own JSON export, as events.yaml-shaped located values.

    JSON is read by the YAML reader too (JSON is YAML), which gives every value its place.
    """
    try:
        plain = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError([Problem(error.lineno, error.colno, f"JSON syntax error: {error.msg}")]) from None
    try:
        root, problems = read_precise(text)
    except ReadError:  # valid JSON that YAML 1.1 will not read (tabs, say): no positions, same checks
        root, problems = _unplaced(plain), []
    _drop_nulls(root, plain)
    if isinstance(root, Mapping) and _is_timelinejs(root):
        return _from_timelinejs(root), problems
    if isinstance(root, Mapping) and isinstance(root.get("events"), list):
        for event in root["events"]:
            if isinstance(event, dict):
                event.pop("precision", None)  # derived from the dates; our JSON export writes it
    return root, problems


def _unplaced(value):
    if isinstance(value, dict):
        result = located(Mapping(), 1, 1)
        for key, item in value.items():
            result[_text(str(key), 1, 1)] = _unplaced(item)
        return result
    if isinstance(value, list):
        return located(Sequence([_unplaced(item) for item in value]), 1, 1)
    if value is None:
        return located(Null(), 1, 1)
    return _text(str(value).lower() if isinstance(value, bool) else str(value), 1, 1)


def _drop_nulls(located, plain) -> None:
    """Remove what JSON wrote as null (the YAML reader keeps it as the text 'null')."""
    if isinstance(located, dict) and isinstance(plain, dict):
        for (key, value), plain_value in zip(list(located.items()), plain.values()):
            if plain_value is None:
                del located[key]
            else:
                _drop_nulls(value, plain_value)
    elif isinstance(located, list) and isinstance(plain, list):
        for value, plain_value in zip(located, plain):
            _drop_nulls(value, plain_value)


def _is_timelinejs(root: Mapping) -> bool:
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


def _from_timelinejs(root: Mapping) -> Mapping:
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
