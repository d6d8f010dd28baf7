"""Any chronology written as an events.yaml: every scalar double-quoted, dates as the file wrote them.

Dates are written as first written (with the file's `date_order` and `timezone`), so the
export reads back to the same model; a date from another tool without a text of its own
is written in a form our reader gives back unchanged.
"""

from __future__ import annotations

from ..chronology.date_written import reloadable_text
from ..chronology.model import Background, Chronology, Event, Media
from .yaml_text import quote


def to_yaml(chronology: Chronology) -> str:
    """The chronology as an events.yaml (every scalar double-quoted, dates as ISO text)."""
    out = [f"title: {quote(chronology.title)}"]
    if chronology.description:
        out.append(f"description: {quote(chronology.description)}")
    if chronology.date_order != "YMD":
        out.append(f"date_order: {chronology.date_order}")
    if chronology.timezone:
        out.append(f"timezone: {quote(chronology.timezone)}")
    out.extend(_pictures_yaml(chronology.media, chronology.background, ""))
    if chronology.categories:
        out.append("categories:")
        for category in chronology.categories.values():
            out.append(f"  {quote(category.id)}: {{label: {quote(category.label)}, color: {quote(category.color)}}}")
    if chronology.eras:
        out.append("eras:")
        for era in chronology.eras:
            color = f", color: {quote(era.color)}" if era.color else ""
            out.append(f"  - {{title: {quote(era.title)}, start: {quote(era.start.iso())}, end: {quote(era.end.iso())}{color}}}")
    named = {a.source: a.reference for e in chronology.events for a in e.alternatives if a.reference is not None}
    if named:  # alternatives cite sources by name: the names must be declared
        out.append("sources:")
        for name, source in named.items():
            out.append(f"  {quote(name)}: " + _flow_mapping(source.as_dict()))
    out.append("events:" if chronology.events else "events: []")
    for event in chronology.events:
        out.extend(_event_yaml(event))
    return "\n".join(out) + "\n"


def _event_yaml(event: Event) -> list[str]:
    lines = [f"  - id: {quote(event.id)}", f"    title: {quote(event.title)}"]
    start, _, end = event.written.partition(" … ")
    if event.alternatives and not event.written:  # each date with the source that gives it
        lines.append("    start:")
        lines.extend(f"      - {{date: {quote(reloadable_text(a.date))}, source: {quote(a.source)}}}" if a.source
                     else f"      - {{date: {quote(reloadable_text(a.date))}}}" for a in event.alternatives)
    else:
        lines.append(f"    start: {quote(start or event.start_text())}")
    end = end or ("" if event.written else event.end_text())
    if end:
        lines.append(f"    end: {quote(end)}")
    for key in ("category", "location"):
        if getattr(event, key):
            lines.append(f"    {key}: {quote(getattr(event, key))}")
    if event.tags:
        lines.append("    tags: [" + ", ".join(quote(tag) for tag in event.tags) + "]")
    if event.description:
        lines.append(f"    description: {quote(event.description)}")
    if event.display_date:
        lines.append(f"    display_date: {quote(event.display_date)}")
    lines.extend(_pictures_yaml(event.media, event.background, "    "))
    if event.sources:
        lines.append("    sources:")
        for source in event.sources:
            lines.append("      - " + _flow_mapping(source.as_dict()))
    return lines


def _pictures_yaml(media: Media | None, background: Background | None, indent: str) -> list[str]:
    lines = []
    if media:
        lines.append(f"{indent}media: " + _flow_mapping(media.as_dict()))
    if background:
        lines.append(f"{indent}background: " + _flow_mapping(background.as_dict()))
    return lines


def _flow_mapping(fields: dict) -> str:
    return "{" + ", ".join(f"{k}: {quote(v)}" for k, v in fields.items() if v) + "}"
