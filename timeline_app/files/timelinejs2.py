"""TimelineJS2 files (`{"timeline": {"headline", "date": [...], "era": [...]}}`) in TimelineJS3's shape.

TimelineJS2 wrote dates as "2012,1,26" and a slide's picture as `asset`; the slides
are rebuilt as TimelineJS3 slides with every value keeping its place in the file.
"""

from __future__ import annotations

from .yaml_reader import Mapping, Sequence, located, position
from .yaml_reader import text_at as _at

_ASSET = {"media": "url", "credit": "credit", "caption": "caption", "thumbnail": "thumbnail"}


def is_timelinejs2(root: Mapping) -> bool:
    timeline = root.get("timeline")
    return isinstance(timeline, dict) and isinstance(timeline.get("date"), list)


def as_timelinejs3(root: Mapping) -> Mapping:
    timeline = root["timeline"]
    result = _mapping(root)
    result[_at("title", timeline)] = _slide(timeline)
    result[_at("events", timeline)] = _sequence(timeline["date"], [_slide(item) for item in timeline["date"] if isinstance(item, dict)])
    if isinstance(timeline.get("era"), list):
        result[_at("eras", timeline)] = _sequence(timeline["era"], [_slide(item) for item in timeline["era"] if isinstance(item, dict)])
    return result


def _slide(item: Mapping) -> Mapping:
    slide = _mapping(item)
    text = _mapping(item)
    for key in ("headline", "text"):
        if key in item:
            text[_at(key, item)] = item[key]
    slide[_at("text", item)] = text
    for ours, theirs in (("start_date", "startDate"), ("end_date", "endDate")):
        if theirs in item:
            slide[_at(ours, item)] = _date_parts(item[theirs])
    if "tag" in item:
        slide[_at("group", item)] = item["tag"]
    asset = item.get("asset")
    if isinstance(asset, dict):
        media = _mapping(asset)
        for theirs, ours in _ASSET.items():
            if theirs in asset:
                media[_at(ours, asset)] = asset[theirs]
        slide[_at("media", item)] = media
    return slide


def _date_parts(value: object) -> object:
    """"2012,1,26" (or "2012,1,26,14,30") as {year, month, day, hour, minute}, placed where it was."""
    if not isinstance(value, str):
        return value
    parts = _mapping(value)
    for key, number in zip(("year", "month", "day", "hour", "minute", "second"), value.split(",")):
        parts[_at(key, value)] = _at(number.strip(), value)
    return parts


def _mapping(where: object) -> Mapping:
    return located(Mapping(), *position(where))


def _sequence(where: object, items: list) -> Sequence:
    return located(Sequence(items), *position(where))


