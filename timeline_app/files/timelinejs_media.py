"""A TimelineJS slide's media and background as our `media` and `background` values.

Links are kept as written, a relative one as a path beside the file and `//host/x`
as `https://host/x`; what our format refuses (`javascript:`, `data:`, a named colour
we cannot spell as #rrggbb) is left out with a warning that names it, never the file.
"""

from __future__ import annotations

import re

from ..chronology.problems import WARNING, Problem
from .html_text import html_to_markdown
from .validation.media import check_media_link
from .yaml_reader import Mapping, Null, located, position
from .yaml_reader import text_at as _at

_BASIC_COLORS = {
    "black": "#000000", "silver": "#c0c0c0", "gray": "#808080", "grey": "#808080", "white": "#ffffff",
    "maroon": "#800000", "red": "#ff0000", "purple": "#800080", "fuchsia": "#ff00ff", "green": "#008000",
    "lime": "#00ff00", "olive": "#808000", "yellow": "#ffff00", "navy": "#000080", "blue": "#0000ff",
    "teal": "#008080", "aqua": "#00ffff",
}


class Refusals:
    """The warnings a reading gives, each at the value it is about."""

    def __init__(self):
        self.problems: list[Problem] = []

    def warn(self, where: object, message: str) -> None:
        self.problems.append(Problem(*position(where), message, WARNING))


def _plain(value: object) -> str:
    return "" if value is None or isinstance(value, (Null, dict, list)) else str(value).strip()


def media_link(text: str) -> str:
    """A TimelineJS link as ours: `//host/x` becomes `https://host/x`, the rest as written."""
    return f"https:{text}" if text.startswith("//") else text


def media_value(value: object, refusals: Refusals) -> tuple[Mapping | None, str]:
    """(`media` for our format or None, the text of an HTML quote given as media)."""
    if not isinstance(value, dict):
        return None, ""
    url = _plain(value.get("url"))
    if url.startswith("<"):
        refusals.warn(value.get("url"), "media is HTML (a quote or embed), not a link: its text is kept in the description")
        return None, re.sub(r"\s+", " ", html_to_markdown(url))
    if not url:
        if any(_plain(value.get(key)) for key in ("caption", "credit")):
            refusals.warn(value, "media has no `url`: its caption and credit are not kept")
        return None, ""
    url = media_link(url)
    reason = check_media_link(url)
    if reason:
        refusals.warn(value.get("url"), f"media '{url}' is not kept: {reason}")
        return None, ""
    media = located(Mapping(), *position(value))
    media[_at("url", value)] = _at(url, value.get("url"), value)
    for key in ("caption", "credit", "alt"):
        text = html_to_markdown(_plain(value.get(key)))
        if text:
            media[_at(key, value)] = _at(text, value.get(key), value)
    thumbnail = media_link(_plain(value.get("thumbnail")))
    if thumbnail and check_media_link(thumbnail):
        refusals.warn(value.get("thumbnail"), f"thumbnail '{thumbnail}' is not kept: {check_media_link(thumbnail)}")
    elif thumbnail:
        media[_at("thumbnail", value)] = _at(thumbnail, value.get("thumbnail"), value)
    return media, ""


def is_colour(text: str) -> bool:
    """A Sheets Background cell that names a colour (#rrggbb, a basic name, rgb(…)) rather than a picture."""
    text = text.strip().lower()
    return text.startswith(("#", "rgb(", "rgba(", "hsl(", "hsla(")) or text in _BASIC_COLORS


def background_value(value: object, refusals: Refusals) -> Mapping | None:
    """`{color, url}` from TimelineJS's background; a colour as #rrggbb."""
    if not isinstance(value, dict):
        return None
    result = located(Mapping(), *position(value))
    color = _plain(value.get("color")).lower()
    if re.fullmatch(r"#[0-9a-f]{3}", color):
        color = "#" + "".join(digit * 2 for digit in color[1:])
    color = _BASIC_COLORS.get(color, color)
    if color and not re.fullmatch(r"#[0-9a-f]{6}", color):
        refusals.warn(value.get("color"), f"background colour '{color}' is not kept: write it as #rrggbb")
    elif color:
        result[_at("color", value)] = _at(color, value.get("color"), value)
    url = media_link(_plain(value.get("url")))
    if url and check_media_link(url):
        refusals.warn(value.get("url"), f"background '{url}' is not kept: {check_media_link(url)}")
    elif url:
        result[_at("url", value)] = _at(url, value.get("url"), value)
    return result or None


