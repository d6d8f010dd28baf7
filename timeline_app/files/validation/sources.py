"""Sources: the top-level map of named sources, and the list each event cites."""

from __future__ import annotations

from ...chronology.model import Source
from ..yaml_reader import Null
from .values import SOURCE_KEYS, Checker, check_url


def read_shared_sources(check: Checker, value: object) -> dict[str, Source]:
    """Top-level sources that events cite by name, so a much-used article is written once."""
    if value is None or isinstance(value, Null):
        return {}
    mapping = check.mapping(value, "top-level `sources` (name: {title, url, publisher, date})")
    named = {}
    for name, spec in (mapping or {}).items():
        found = read_sources(check, spec if isinstance(spec, dict) else [spec])
        if found:
            named[str(name)] = found[0]
    return named


def read_sources(check: Checker, value: object) -> tuple[Source, ...]:
    if value is None or isinstance(value, Null):
        return ()
    items = [value] if isinstance(value, (str, dict)) else value
    if not isinstance(items, list):
        check.report(value, "`sources` must be a list of links or {title, url, publisher, date}")
        return ()
    sources = []
    for item in items:
        if isinstance(item, dict):
            check.unknown_keys(item, SOURCE_KEYS, "a source")
            url = check.text(item.get("url"), item, "url")
            source = Source(
                url=url.strip(),
                title=check.text(item.get("title"), item, "title"),
                publisher=check.text(item.get("publisher"), item, "publisher"),
                date=check.text(item.get("date"), item, "date"),
            )
            if not url and not source.title:
                check.report(item, "a source needs a `url` or a `title`")
                continue
            where = item.get("url")
        else:
            url = check.text(item, item, "source")
            if url in check.named_sources:
                sources.append(check.named_sources[url])
                continue
            source, where = Source(url=url.strip()), item
            if url and "://" not in url and ":" not in url:
                known = ", ".join(check.named_sources) or "none declared"
                check.report(item, f"unknown source '{url}': write a http(s) link, or a name from the top-level `sources` ({known})")
                continue
        if url:
            reason = check_url(url)
            if reason:
                check.report(where, reason)
                continue
        sources.append(source)
    return tuple(sources)
