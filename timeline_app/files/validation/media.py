"""`media` and `background`: pictures that go with an event or the whole chronology.

A media link is a web address (http or https, with a host) or a path to a file
beside the chronology; nothing else (`javascript:`, `data:`, `file:`) is accepted,
so a file can never make the window fetch or open something unexpected.
"""

from __future__ import annotations

import re

from ...chronology.model import Background, Media
from ..yaml_reader import Null
from .values import BACKGROUND_KEYS, MEDIA_KEYS, Checker, check_url

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def check_media_link(text: str) -> str | None:
    """Why a media link is refused, or None: http(s) links and local paths only."""
    if _CONTROL.search(text):
        return f"media link {text!r} contains a control character"
    if text.startswith("//"):
        return f"media link '{text}' names no scheme: write it as https:{text}"
    if _SCHEME.match(text) and not _WINDOWS_DRIVE.match(text):
        return check_url(text)
    return None


def read_media(check: Checker, value: object) -> Media | None:
    """`media: https://…/photo.jpg`, or `media: {url, caption, credit, thumbnail, alt}`."""
    if value is None or isinstance(value, Null):
        return None
    if isinstance(value, dict):
        check.unknown_keys(value, MEDIA_KEYS, "media")
        fields = {key: check.text(value.get(key), value, key) for key in MEDIA_KEYS}
        where = value.get("url", value)
    else:
        fields = dict.fromkeys(MEDIA_KEYS, "") | {"url": check.text(value, value, "media")}
        where = value
    fields["url"] = fields["url"].strip()
    if not fields["url"]:
        check.report(where, "media needs a `url`: a https:// link or a path to a file beside the chronology")
        return None
    for key in ("url", "thumbnail"):
        reason = check_media_link(fields[key].strip()) if fields[key].strip() else None
        if reason:
            check.report(value.get(key, value) if isinstance(value, dict) else value, reason)
            return None
    fields["thumbnail"] = fields["thumbnail"].strip()
    return Media(**fields)


def read_background(check: Checker, value: object) -> Background | None:
    """`background: '#102030'`, a picture's link, or `{color, url}`."""
    if value is None or isinstance(value, Null):
        return None
    if isinstance(value, dict):
        check.unknown_keys(value, BACKGROUND_KEYS, "background")
        color = check.color(value.get("color"), value)
        url = check.text(value.get("url"), value, "url").strip()
        where = value.get("url", value)
    else:
        text = check.text(value, value, "background").strip()
        color, url, where = ("", text, value) if not text.startswith("#") else (check.color(value, value), "", value)
    if url:
        reason = check_media_link(url)
        if reason:
            check.report(where, reason)
            return None
    return Background(color, url) if color or url else None
