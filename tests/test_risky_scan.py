"""The fast reader's scans for doubts (`yaml_doubts`). The one for YAML indicators where a node
starts (`has_rare_forms`) against the plain reading of its rule: every indicator found by a regex, the whole line before it
looked at. The scan takes shortcuts (str.find per character, the last blank-free character
first); on any text the two must agree. The faster scans for flow-item indicators and padded
numbers are held to the patterns they stand in for."""

from __future__ import annotations

import random
import re

import pytest

from timeline_app.files import yaml_doubts

_INDICATOR = re.compile(r"[!&*@`?]")
_NODE_START_LINE = re.compile(r"\s*(?:-\s+)*")
_BEFORE_A_NODE = frozenset(":[]{},'\"|>")


_SAFE_AFTER_BACKSLASH = set("\\\"/0abefnrtvN_LP \n")
_HEX = set("0123456789abcdefABCDEF")


def safe_escape(text: str, at: int) -> bool:
    """The backslash at `at` is one both parsers read alike: a one-letter escape, or \\xHH,
    \\uHHHH (no surrogate), \\UHHHHHHHH (at most 10FFFF)."""
    after = text[at + 1 : at + 10]
    if after[:1] in _SAFE_AFTER_BACKSLASH and after[:1]:
        return True
    digits = {"x": 2, "u": 4, "U": 8}.get(after[:1])
    if digits is None or len(after) < digits + 1 or not set(after[1 : digits + 1]) <= _HEX:
        return False
    code = int(after[1 : digits + 1], 16)
    return not 0xD800 <= code <= 0xDFFF and code <= 0x10FFFF


def rule(text: str) -> bool:
    if "\t" in text or text.startswith("%") or "\n%" in text:
        return True
    if any(not safe_escape(text, at) for at, char in enumerate(text) if char == "\\"):
        return True
    for found in _INDICATOR.finditer(text):
        at = found.start()
        if text[at] == "?" and not (text[at + 1 : at + 2].isspace() or at + 1 == len(text)):
            continue
        before = text[text.rfind("\n", 0, at) + 1 : at]
        if _NODE_START_LINE.fullmatch(before) or before.rstrip()[-1:] in _BEFORE_A_NODE:
            return True
    return False


PIECES = list("ab -:[]{},'\"|>!&*@`?\n") + ["\xa0", "\u3000", "- ", "  ", ": ", "-\xa0", "\n- ", "x:"] + [
    "\\", "\\x", "\\u", "\\U", "00", "d8", "E9", "10", "ff", "\\\\", "\\n", "\\z", "\\ "]


def test_scan_agrees_with_the_rule_on_random_text():
    rng = random.Random(12)
    for _ in range(60_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        assert yaml_doubts.has_rare_forms(text) == rule(text), repr(text)


def test_prose_punctuation_is_no_indicator_but_a_node_start_is():
    prose = "    description: Libya & Egypt, why? 50% *urgent* @envoy `quoted` Q&A!\n"
    assert not yaml_doubts.has_rare_forms(prose) and not rule(prose)
    for node in ("    title: &anchor x\n", "  - - *alias\n", "    tags: [a, !tag b]\n", "    title:\xa0@x\n", "  ? key\n"):
        assert yaml_doubts.has_rare_forms(node) and rule(node), node


FLOW_PIECES = list(" \n\t,[]{}:?%|>#ab0-_+") + [": ", ", ", "\n  ", "# c\n", "  #", "\xa0", "\x1c", "01", "+2", "-0", "_1"]


def test_signs_after_openers_find_every_span_the_patterns_find():
    """The fast scan for an indicator opening a flow item (from the rare sign back to its
    opener) against the patterns run over the whole text: never a span fewer, and each span
    one a pattern matches."""
    rng = random.Random(5)
    for _ in range(40_000):
        text = "".join(rng.choice(FLOW_PIECES) for _ in range(rng.randint(1, 16)))
        fast = set(yaml_doubts._signs_after_openers(text))
        slow = set(yaml_doubts._flow_items_opened_badly_slowly(text))
        assert slow <= fast, repr(text)
        for start, end in fast:
            assert any((found := pattern.match(text, start)) and found.end() == end
                       for pattern in yaml_doubts._AFTER_AN_OPENER), repr(text)


def test_padded_numbers_are_the_patterns_own_matches():
    rng = random.Random(6)
    for _ in range(40_000):
        text = "".join(rng.choice(FLOW_PIECES) for _ in range(rng.randint(1, 16)))
        assert list(yaml_doubts.padded_numbers(text)) == [m.span() for m in yaml_doubts.PADDED_NUMBER.finditer(text)], repr(text)


def test_padded_numbers_within_some_lines_are_the_patterns_matches_on_those_lines():
    """Searched only in the texts of the events with a year written bare, a padded number is
    found on each of their lines and on no other (whole lines, as events' texts are)."""
    rng = random.Random(7)
    for _ in range(20_000):
        lines = ["".join(rng.choice(FLOW_PIECES) for _ in range(rng.randint(0, 6))).replace("\n", " ") + "\n"
                 for _ in range(rng.randint(1, 8))]
        text, offsets = "".join(lines), [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        chosen = sorted(rng.sample(range(len(lines)), rng.randint(0, len(lines))))
        within = [(offsets[index], offsets[index + 1]) for index in chosen]
        expected = [match.span() for match in yaml_doubts.PADDED_NUMBER.finditer(text)
                    if any(start <= match.end() - 1 < end for start, end in within)]
        found = list(yaml_doubts.padded_numbers(text, within))
        assert set(expected) <= set(found) <= {match.span() for match in yaml_doubts.PADDED_NUMBER.finditer(text)}, repr(text)


def test_a_padded_number_outside_the_dates_is_refused_by_its_type_not_looked_for():
    """A padded number in a field that must hold text (`title: 01917`) is a number to yaml-rs,
    which the fast checks refuse: the event is read precisely without the text being searched,
    and both readers give the same answer whether or not a year is written bare nearby."""
    from test_fast_precise_agree import fast_verdict, precise_verdict

    for value in ("01917", "+2015", "-0", "_1914"):
        for key in ("title", "id", "location", "category", "description", "display_date"):
            for start in ("2003", "'2003'"):
                text = (f"title: t\nevents:\n  - title: a\n    start: {start}\n"
                        f"  - start: '2004'\n    {key}: {value}\n" + ("    title: b\n" if key != "title" else ""))
                verdict = fast_verdict(text)
                assert verdict == precise_verdict(text), text
                assert verdict[1] is None or value in str(verdict[1]), text  # the text as written


def test_a_sign_after_a_comment_line_is_still_found():
    text = "  tags: [a, # note\n    ?b]\n"
    assert set(yaml_doubts._flow_items_opened_badly_slowly(text)) <= set(yaml_doubts._signs_after_openers(text)) != set()


def test_headers_ending_a_line_are_the_one_patterns_own_matches():
    """Found from the sign (`|`, `>`) back to the blank before it, as a left-to-right scan of the
    pattern that starts with the blank finds them (tried at every space, it cost 3 ms a chunk)."""
    import re

    whole = re.compile(r"[ \t][|>][-+0-9]*[ \t]*(?:#[^\n]*)?$", re.M)
    pieces = list(" \t\n|>#-+09ab[{,:") + [" |", " >", " # |", "|-", ">+2", "\n  ", "\xa0", "\u2028", "\x85"]
    rng = random.Random(8)
    found = 0
    for _ in range(40_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        expected = [match.span() for match in whole.finditer(text)]
        assert list(yaml_doubts._headers_ending_a_line(text)) == expected, repr(text)
        found += bool(expected)
    assert found > 5000


def test_a_time_is_no_padded_number_but_a_value_after_a_quoted_key_is():
    """`08:02` in `start: 2014-06-25 08:02` is inside one scalar to both parsers (a doubt there sent
    one event in fifty of a file with bare years and times to the precise reader); `{"start":01917}`
    is a key and a number to yaml-rs, text to the precise reader."""
    import yaml_rs

    for calm in ("start: 2014-06-25 08:02\n", "start: 12:01\n", "tags: [12:01, x:01]\n", "a: {x:01}\n"):
        assert not list(yaml_doubts.padded_numbers(calm)), calm
        assert not any(isinstance(value, int) for value in _leaves(yaml_rs.loads(calm, parse_datetime=False))), calm
    for doubtful in ('a: {"start":01917}\n', "a: {'start':01917}\n", "start: 01917\n", "a: [x, 01]\n"):
        assert list(yaml_doubts.padded_numbers(doubtful)), doubtful
        assert any(isinstance(value, int) for value in _leaves(yaml_rs.loads(doubtful, parse_datetime=False))), doubtful


def _leaves(value):
    if isinstance(value, dict):
        for each in value.values():
            yield from _leaves(each)
    elif isinstance(value, list):
        for each in value:
            yield from _leaves(each)
    else:
        yield value


def test_underscores_after_a_digit_are_found_as_the_one_pattern_finds_them():
    """`2_014` is a number to yaml-rs: each `_` after a digit is a doubt, found from the `_` (a
    pattern starting with the digit was tried at every position of text full of `event_12` ids)."""
    import re

    whole = re.compile(r"[0-9]_")
    rng = random.Random(9)
    for _ in range(40_000):
        text = "".join(rng.choice("0_9a_\n 1__٣") for _ in range(rng.randint(0, 14)))
        expected = [match.span() for match in whole.finditer(text)]
        found = list(yaml_doubts.doubts(text, False))
        assert all(span in found for span in expected), repr(text)
        assert [(m.start() - 1, m.end()) for m in yaml_doubts._UNDERSCORE_AFTER_A_DIGIT.finditer(text)] == expected


@pytest.mark.parametrize("in_c", [True, False])
def test_number_date_events_are_those_with_a_start_or_end_read_as_a_whole_number(in_c, monkeypatch):
    if not in_c:
        monkeypatch.setattr(yaml_doubts, "_number_date_events_in_c", None)
    elif yaml_doubts._number_date_events_in_c is None:
        pytest.skip("_plain_events.c is not built")
    rng = random.Random(11)
    values = [None, 2003, "2003", True, 1.5, [2003], {"a": 1}, 0, type("Year", (int,), {})(2003), -10**30]
    for _ in range(5_000):
        items = []
        for _ in range(rng.randint(0, 12)):
            item = {key: rng.choice(values) for key in ("start", "end") if rng.random() < 0.6}
            items.append(item if rng.random() < 0.95 else rng.choice([None, "x", 3, type("Map", (dict,), {})(start=2003)]))
        expected = [index for index, item in enumerate(items)
                    if type(item) is dict and any(type(item.get(key)) is int for key in ("start", "end"))]
        assert yaml_doubts.number_date_events(items) == expected, items
