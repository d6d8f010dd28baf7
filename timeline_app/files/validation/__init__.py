"""Turning read YAML values into a Chronology, collecting every problem with its place.

Works on located values from the precise reader. The fast reader's events come
in chunks of plain values without positions: a doubt there raises `NeedsPrecise`,
and only that chunk is read again precisely, so a message never lacks its line.

Each section of the format has its module: the header here, then `sources`,
`categories`, `eras` and `events`; `values` holds the checks they share.
"""

from __future__ import annotations

import re

from ...chronology.dates import DATE_ORDERS
from ...chronology.model import Chronology
from ...chronology.problems import WARNING, Problem, in_file_order
from ..chunked_events import ChunkedEvents
from ..yaml_reader import Null
from .categories import read_categories
from .eras import read_eras
from .events import read_events
from .media import read_background, read_media
from .sources import read_shared_sources
from .values import TOP_KEYS, Checker, NeedsPrecise, check_url

__all__ = ["NeedsPrecise", "build_chronology", "check_url"]


def build_chronology(root: object) -> tuple[Chronology, list[Problem]]:
    """The chronology in `root` and every problem found, in file order.

    `root` comes from the precise reader, or from the fast one with the events list
    as a `ChunkedEvents` (YAML's EventStream, CSV's rows): its chunks are built from plain values where they are plain.
    """
    builder = Checker()
    chronology = _read_file(builder, root)
    return chronology, in_file_order(builder.problems)


def _read_file(check: Checker, root: object) -> Chronology:
    chronology = Chronology()
    if not isinstance(root, dict):
        check.report(root, "top level must be a mapping with `title` and `events`")
        return chronology
    _read_header(check, root, chronology)
    check.named_sources = read_shared_sources(check, root.get("sources"))
    explicit = "categories" in root
    chronology.categories = read_categories(check, root.get("categories")) if explicit else {}
    chronology.eras = read_eras(check, root.get("eras"))
    if "events" not in root:
        check.report(root, "missing `events`: a list of events, each with `title` and `start`")
        return chronology
    events = root["events"]
    if isinstance(events, Null):
        return chronology
    if not isinstance(events, (list, ChunkedEvents)):
        check.report(events, "`events` must be a list (each event starts with '- ')")
        return chronology
    chronology.events = read_events(check, events, chronology.categories, explicit)
    return chronology


def _read_header(check: Checker, root: dict, chronology: Chronology) -> None:
    """Title, description and the date order that numeric dates are read in."""
    check.unknown_keys(root, TOP_KEYS, "the top level")
    chronology.title = check.text(root.get("title"), root, "title")
    if "title" not in root:
        check.report(root, "missing `title` at the top level", WARNING)
    chronology.description = check.text(root.get("description"), root, "description")
    chronology.media = read_media(check, root.get("media"))
    chronology.background = read_background(check, root.get("background"))
    order = root.get("date_order")
    if order is not None and not isinstance(order, Null):
        text = check.text(order, root, "date_order")
        if text.upper() not in DATE_ORDERS:
            check.report(order, f"`date_order` must be one of {', '.join(DATE_ORDERS)}, not '{text}'")
        else:
            check.date_order = chronology.date_order = text.upper()
    zone = root.get("timezone")
    if zone is not None and not isinstance(zone, Null):
        text = check.text(zone, root, "timezone").strip()
        written = "Z" if text.upper() in ("Z", "UTC", "GMT") else text
        if not re.fullmatch(r"Z|[+-](?:[01]\d|2[0-3]):[0-5]\d", written):
            check.report(zone, f"`timezone` is an offset such as +02:00, -05:00 or UTC, not '{text}' (named zones change with summer time)")
        else:
            check.timezone = chronology.timezone = written
