"""The checks every section shares: text, mappings, unknown keys, dates, colours, links.

A `Checker` carries what a whole file's reading needs to remember (problems found,
the date order, named sources) and whether its values have positions.
"""

from __future__ import annotations

import difflib
import functools
import re
from urllib.parse import urlsplit

from ...chronology.date_forms import parse_date
from ...chronology.dates import DateError, PartialDate
from ...chronology.model import Source
from ...chronology.problems import ERROR, WARNING, Problem
from ..yaml_reader import Null, position

TOP_KEYS = ("title", "description", "date_order", "timezone", "sources", "categories", "eras", "events", "media", "background")
EVENT_KEYS = ("id", "title", "start", "end", "category", "tags", "description", "sources", "location", "media",
              "display_date", "background")
MEDIA_KEYS = ("url", "caption", "credit", "thumbnail", "alt")
BACKGROUND_KEYS = ("color", "url")
SOURCE_KEYS = ("url", "title", "publisher", "date")
ERA_KEYS = ("title", "start", "end", "color")
ALTERNATIVE_KEYS = ("date", "source")
CATEGORY_KEYS = ("label", "color")
COLOR = re.compile(r"#[0-9a-fA-F]{6}")  # used with fullmatch: `$` would allow a final newline
PALETTE = ("#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7")


_KNOWN_SETS = {keys: frozenset(keys) for keys in (TOP_KEYS, EVENT_KEYS, SOURCE_KEYS, ERA_KEYS, CATEGORY_KEYS, ALTERNATIVE_KEYS,
                                                  MEDIA_KEYS, BACKGROUND_KEYS)}
EVENT_KEY_SET = _KNOWN_SETS[EVENT_KEYS]
SOURCE_KEY_SET = _KNOWN_SETS[SOURCE_KEYS]


class NeedsPrecise(Exception):
    """The fast reader's values cannot be judged without positions."""


PLAIN_WEB_LINK = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:[/?#][^\s\x00-\x1f\x7f-\x9f]*)?")  # fullmatch


def check_url(text: str) -> str | None:
    """Why a link is refused, or None: only http(s) links with a host ever reach the UI."""
    if PLAIN_WEB_LINK.fullmatch(text):  # the common case, decided in one match
        return None
    if _CONTROL.search(text):
        return f"link {text!r} contains a control character"
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as error:  # 'https://[oops', 'http://host:port'
        return f"link '{text}' is malformed ({error}): write it as https://host/path"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "none"
        return f"link scheme '{scheme}' is not allowed in '{text}': only http and https links"
    if not parts.hostname:
        return f"link '{text}' has no host"
    return None


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@functools.lru_cache(maxsize=1024)
def unknown_key_message(key: object, known: tuple[str, ...], what: str) -> str:
    close = close_matches(str(key), known, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(known)})"
    return f"unknown key '{key}' in {what}{hint}"


def close_matches(name: str, choices, cutoff: float = 0.6) -> list[str]:
    """The declared name closest to a misspelt one, for "did you mean"; none past a few
    hundred choices, where comparing with each would make checking a file quadratic."""
    if len(choices) > 300:
        return []
    return list(_closest(name, tuple(choices), cutoff))


@functools.lru_cache(maxsize=1024)
def _closest(name: str, choices: tuple[str, ...], cutoff: float) -> tuple[str, ...]:
    """(Cached: a key of the user's own on each of 100,000 events asked difflib 100,000 times, 10 s.)"""
    return tuple(difflib.get_close_matches(name, choices, n=1, cutoff=cutoff))


class Checker:
    """Reports problems at their place; on the fast path, a doubt raises NeedsPrecise instead."""

    def __init__(self):
        self.precise = True  # False only while a fast chunk's plain values are built
        self.stream = None  # that chunk's ChunkedEvents
        self.problems: list[Problem] = []
        self.date_order: str | None = None
        self.timezone = ""  # the file's `timezone:`: the offset of times written without one
        self.named_sources: dict[str, Source] = {}
        # one string object for each tag or category a large file repeats (a million events
        # name six categories and a few dozen tags: 3 million copies were 170 MB)
        self.shared_words: dict[str, str] = {}
        self.shared_tags: dict[tuple, tuple] = {}  # and one tuple for each list of tags they repeat

    def report(self, where: object, message: str, severity: str = ERROR, fallback=(1, 1)) -> None:
        if not self.precise:
            raise NeedsPrecise(message)
        line, column = position(where, fallback)
        self.problems.append(Problem(line, column, message, severity))

    def text(self, value: object, where: object, field: str, required: bool = False) -> str:
        """The exact text of a scalar field; '' when absent."""
        if value is None or isinstance(value, Null):
            if required:
                self.report(where, f"`{field}` is empty")
            return ""
        if isinstance(value, str):
            if required and not value.strip():
                self.report(value, f"`{field}` is empty")
            return str(value)
        if not self.precise:
            raise NeedsPrecise(field)  # a number or boolean: only the precise reader knows the typed text
        self.report(value, f"`{field}` must be text, not a list or mapping")
        return ""

    def mapping(self, value: object, what: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.report(value, f"{what} must be a mapping (key: value lines)")
        return None

    def unknown_keys(self, mapping: dict, known: tuple[str, ...], what: str) -> None:
        if mapping.keys() <= _KNOWN_SETS[known]:
            return
        for key in mapping:
            if key not in known:
                self.report(key, unknown_key_message(key, known, what), WARNING)

    def date(self, value: object, field: str) -> PartialDate | None:
        if isinstance(value, Null) or value is None:
            self.report(value, f"`{field}` is empty")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            if not self.precise:
                raise NeedsPrecise(field)
            self.report(value, f"`{field}` must be a date such as 2014-06-25, 'June 2014' or '20 October 2011'")
            return None
        try:
            return parse_date(value, self.date_order)
        except DateError as error:
            self.report(value, f"bad `{field}`: {error}")
            return None

    def color(self, value: object, where: object) -> str:
        text = self.text(value, where, "color")
        if text and not COLOR.fullmatch(text):
            self.report(value, f"invalid colour '{text}': write it as #rrggbb, e.g. '#d62728'")
            return ""
        return text.lower()
