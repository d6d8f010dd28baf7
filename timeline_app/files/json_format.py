"""JSON in and out: our own export (`--export -`) and, through timelinejs, TimelineJS3.

JSON is read by the YAML reader too (JSON is YAML), which gives every value its place.
"""

from __future__ import annotations

import json

from ..chronology.model import Chronology
from ..chronology.problems import Problem
from .json_events import read_json_fast
from .timelinejs_read import from_timelinejs, is_timelinejs
from .yaml_reader import Mapping, Null, ReadError, Sequence, located, position, read_precise
from .yaml_reader import located_text as _text


def to_json(chronology: Chronology) -> str:
    """The model, with what reading it back needs: each event's dates as written, the file's date order and zone."""
    document = chronology.as_dict()
    if chronology.date_order != "YMD":
        document["date_order"] = chronology.date_order
    if chronology.timezone:
        document["timezone"] = chronology.timezone
    for event, data in zip(chronology.events, document["events"]):
        if event.written or event.alternatives:
            data["written"] = event.written or event.start_text()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_json(text: str, fast: bool = True, plain: bool | None = None) -> tuple[object, list[Problem]]:
    """TimelineJS3 JSON, or our own JSON export, as events.yaml-shaped located values.

    JSON is read by the YAML reader too (JSON is YAML), which gives every value its place.
    Our own export's events are read by json a chunk at a time (`json_events`), with the
    same answer; `fast=False` reads the whole file precisely. `plain`: whether the text holds only
    characters the fast reader takes, when already known.
    """
    if fast:
        read = read_json_fast(text, _drop_nulls, _take_whole_date, plain)
        if read is not None:
            return read
    try:
        plain = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError([Problem(error.lineno, error.colno, f"JSON syntax error: {error.msg}")]) from None
    try:
        root, problems = read_precise(text)
    except ReadError:  # valid JSON that YAML 1.1 will not read (tabs, say): no positions, same checks
        root, problems = _unplaced(plain), []
    _drop_nulls(root, plain)
    if isinstance(root, Mapping) and is_timelinejs(root):
        converted, warnings = from_timelinejs(root)
        return converted, problems + warnings
    if isinstance(root, Mapping) and isinstance(root.get("events"), list):
        for event in root["events"]:
            if isinstance(event, dict):
                _take_whole_date(event)
    return root, problems


def _take_whole_date(event: Mapping) -> None:
    """Our JSON export's event: `precision` and `edtf` are derived from the dates; `written` (the
    dates as first written) is the date, else where `edtf` says more than `start`/`end` (about,
    a decade, alternatives) it is."""
    event.pop("precision", None)
    edtf = event.pop("edtf", None)
    written = event.pop("written", None)
    if isinstance(written, str) and written.strip():
        start, _, end = written.partition(" … ")
        event["start"] = _text(start, *position(written))
        if end:
            event["end"] = _text(end, *position(written))
        else:
            event.pop("end", None)
        return
    if not isinstance(edtf, str) or not isinstance(event.get("start"), str):
        return
    plain = (str(event["start"]), f"{event['start']}/{event.get('end')}")
    if edtf not in plain:
        event["start"] = edtf  # the key object stays: it keeps its place
        event.pop("end", None)


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
