"""`eras`: background bands, each a title with a start and an end."""

from __future__ import annotations

from ...chronology.model import Era
from ..yaml_reader import Null
from .values import ERA_KEYS, Checker


def read_eras(check: Checker, value: object) -> list[Era]:
    if value is None or isinstance(value, Null):
        return []
    if not isinstance(value, list):
        check.report(value, "`eras` must be a list of {title, start, end, color}")
        return []
    eras = []
    for item in value:
        era = check.mapping(item, "an era")
        if era is None:
            continue
        check.unknown_keys(era, ERA_KEYS, "an era")
        title = check.text(era.get("title"), era, "title", required=True)
        missing = [key for key in ("title", "start", "end") if key not in era]
        for key in missing:
            check.report(era, f"era is missing `{key}`")
        if missing:
            continue
        start, end = check.date(era["start"], "start"), check.date(era["end"], "end")
        color = check.color(era.get("color"), era)
        if start and end:
            if end.end_seconds() <= start.seconds():
                check.report(era["end"], f"era ends ({end.iso()}) before it starts ({start.iso()})")
                continue
            eras.append(Era(title, start, end, color))
    return eras
