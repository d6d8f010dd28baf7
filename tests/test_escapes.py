"""Backslashes the fast reader trusts yaml-rs with, held to libyaml.

`yaml.safe_dump` writes any text that is not ASCII as escapes (`"Caf\\xE9"`); they used to
send every event holding one to the precise reader (100k such events: 4 s instead of 1).
A backslash is no doubt when it begins an escape both parsers read alike, wherever it
stands (in double quotes it is an escape, elsewhere itself). Here: on random scalars in
every quoting, whenever the scan finds no doubt, yaml-rs's values are the precise reader's."""

from __future__ import annotations

import random

import yaml_rs

from timeline_app.files import fast_reader, yaml_doubts
from timeline_app.files.yaml_reader import Mapping, ReadError, Sequence, read_precise

ESCAPES = ["\\\\", '\\"', "\\/", "\\0", "\\a", "\\b", "\\e", "\\f", "\\n", "\\r", "\\t", "\\v", "\\ ", "\\N", "\\_",
           "\\L", "\\P", "\\x41", "\\xE9", "\\x85", "\\x9f", "\\x00", "\\u00e9", "\\u2028", "\\uFEFF", "\\uFFFE",
           "\\U0001F600", "\\U0010FFFF", "\\uD83D", "\\ude00", "\\U00110000", "\\z", "\\x4", "\\u12", "\\'", "\\",
           "\\\n", "\\\t", "\\u00E9", "\\xe9", "\\U000000e9", "\\d", "\\"]
TEXT = ["Caf", "é", " ", "a", "x", "1", "E9", "00", "'", "''", ":", "#", ",", "-", "\n  ", "\n", "\n      ", "\\\n",
        "\\\n  \\ ", "\n\n    "]


def _plain(value):
    if isinstance(value, (Mapping, dict)):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (Sequence, list)):
        return [_plain(item) for item in value]
    return None if value is None or not isinstance(value, str) else str(value)


def _scalar(rng: random.Random) -> str:
    body = "".join(rng.choice(ESCAPES if rng.random() < 0.4 else TEXT) for _ in range(rng.randint(1, 6)))
    quoting = rng.choice(["double", "single", "plain"])
    if quoting == "double":
        return '"' + body + '"'
    if quoting == "single":
        return "'" + body.replace("'", "''") + "'"
    return "T " + body.replace("\n", " ").replace("#", "").replace(": ", " ").strip() + " x"


def _yaml_rs(text: str):
    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - refused: the fast reader reads such a chunk precisely
        return None


def test_where_the_scan_sees_no_doubt_yaml_rs_reads_backslashes_as_libyaml_does():
    rng = random.Random(2014)
    trusted = 0
    for _ in range(20_000):
        text = "".join(f"  - title: {_scalar(rng)}\n    tags: [{_scalar(rng)}]\n" for _ in range(rng.randint(1, 3)))
        fast = _yaml_rs(text)
        if fast is None or fast_reader.Chunk(None, 0, len(fast), fast, text).risky():
            continue
        try:
            precise, problems = read_precise(text, depth=1)
        except ReadError:
            raise AssertionError(f"yaml-rs reads what libyaml refuses, and the scan saw no doubt: {text!r}") from None
        trusted += "\\" in text
        assert _plain(fast) == _plain(precise), text
    assert trusted > 2_000  # texts with backslashes the scan trusted: this test looked at many


def test_what_safe_dump_writes_for_text_that_is_not_ascii_is_no_doubt():
    import yaml

    text = yaml.safe_dump({"events": [{"title": "Café talks in Kraków — Zürich", "description": "naïve 中文 🙂 " * 20}]})
    assert "\\x" in text or "\\u" in text or "\\U" in text
    assert "\\\n" in text  # a long line folded
    assert not yaml_doubts.has_rare_forms(text)
    assert _plain(_yaml_rs(text)) == _plain(read_precise(text)[0])
