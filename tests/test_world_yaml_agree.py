"""One truth on real files: YAML chronologies from public repositories (tests/data/world_yaml,
see its README), each given to the fast and the precise reader, must get the same verdict
(every problem's `LINE:COL`, severity and message) and the same model.

Real timelines are rarely in our format (`- date: 2014 … title: …` lists, conference
schedules, release tables), so each file is also read as a user would bring it in: its list of
items under our `events:` key, every byte of it kept (a `title:` line and the `events:` key
put before a list at the top; a top-level key holding the list renamed `events`), and that
list repeated past several 1,000-event chunks, where the fast reader cuts a file in pieces.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_fast_precise_agree import Counting, fast_verdict, precise_verdict

WORLD = Path(__file__).parent / "data" / "world_yaml"
FILES = sorted(WORLD.glob("*.yaml")) + sorted(WORLD.glob("*.yml"))
MANY = 2_500  # events: the list repeated past two chunk boundaries

_TOP_LIST = re.compile(r"^-(?: |$)", re.M)
# a top-level key whose value is a block list (on the lines after it, indented or not)
_TOP_KEY_OF_A_LIST = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*([ \t]*)- ", re.M)
_HEADER = "title: A real list\nevents:\n"


def _as_events(text: str) -> str | None:
    """The file with its list of items as our `events` list (its bytes kept); None when it holds none."""
    if text.startswith("\ufeff"):
        text = text[1:]
    first = _TOP_LIST.search(text)
    key = _TOP_KEY_OF_A_LIST.search(text)
    if first is not None and (key is None or first.start() < key.start()):
        before = text[: first.start()]
        if all(not line.strip() or line.lstrip().startswith("#") or line.strip() == "---" for line in before.splitlines()):
            # the list is the document: our two lines just before its first item (a `---` and comments above stay)
            return before + _HEADER + text[first.start() :]
    if key is None:
        return None
    renamed = text[: key.start(1)] + "events" + text[key.end(1) :]
    if re.search(r"^title[ \t]*:", renamed, re.M):
        return renamed
    return renamed[: key.start(1)] + "title: A real list\n" + renamed[key.start(1) :]


def _repeated(text: str) -> str | None:
    """`_as_events`'s list written again and again after itself, past `MANY` events."""
    match = re.search(r"^events:[^\n]*\n", text, re.M)
    if match is None:
        return None
    body = text[match.end() :]
    first = re.search(r"^([ \t]*)- ", body, re.M)
    if first is None:
        return None
    indent = first.group(1)
    # the list ends at the first line less indented than its items that is not a blank or a comment
    # (at indent 0, a line that is not an item: the next top-level key)
    end = re.search(r"^(?![ \t]*(?:#|$))(?!" + re.escape(indent) + (r"[ \t-]" if indent else "-") + r")", body, re.M)
    listed, rest = (body[: end.start()], body[end.start() :]) if end else (body, "")
    items = len(re.findall("^" + re.escape(indent) + "- ", listed, re.M))
    if not items:
        return None
    if not listed.endswith("\n"):
        listed += "\n"
    return text[: match.end()] + listed * (MANY // items + 1) + rest


# the keys real lists date and name their items by, as a user moving them to our format renames them
_OUR_KEYS = {"date": "start", "year": "start", "when": "start", "start_date": "start", "startDate": "start",
             "from": "start", "end_date": "end", "endDate": "end", "until": "end", "to": "end",
             "name": "title", "headline": "title", "event": "title", "label": "title", "summary": "description"}
_ITEM_KEY = re.compile(r"^([ \t]*(?:- +)?)(" + "|".join(_OUR_KEYS) + r")([ \t]*:)", re.M)


def _renamed(text: str) -> str | None:
    """The events list with its items' keys renamed to ours (`date` -> `start`…), where it has
    such keys and no key of ours already stands beside them."""
    match = re.search(r"^events:[^\n]*\n", text, re.M)
    if match is None:
        return None
    body = text[match.end() :]
    renamed = _ITEM_KEY.sub(lambda key: key.group(1) + _OUR_KEYS[key.group(2)] + key.group(3), body)
    return None if renamed == body else text[: match.end()] + renamed


def _variants(path: Path):
    text = path.read_bytes().decode("utf-8")
    yield "as stored", text
    events = _as_events(text)
    if events is None:
        return
    yield "as events", events
    for name, variant in (("repeated", events), ("renamed and repeated", _renamed(events))):
        many = _repeated(variant) if variant is not None else None
        if many is not None:
            yield name, many


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_fast_and_precise_readers_agree_on_real_files(path):
    for name, text in _variants(path):
        precise, fast = precise_verdict(text), fast_verdict(text)
        assert fast[0] == precise[0], f"{path.name} ({name}): problems differ"
        assert fast[1] == precise[1], f"{path.name} ({name}): models differ"


def test_the_real_files_reach_the_fast_reader(monkeypatch):
    """Most real lists become events the fast reader serves in chunks: else this proves little."""
    assert len(FILES) >= 12
    counting = Counting(monkeypatch)
    listed = 0
    for path in FILES:
        variants = dict(_variants(path))
        listed += "repeated" in variants
        if "repeated" in variants:
            fast_verdict(variants["repeated"])
    assert listed >= len(FILES) * 2 // 3
    assert counting.counts["chunks"] >= 2 * listed and counting.counts["events"] > MANY * listed // 2


def test_every_file_is_named_in_the_readme():
    readme = (WORLD / "README.md").read_text(encoding="utf-8")
    assert all(path.name in readme for path in FILES)
