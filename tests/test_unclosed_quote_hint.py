"""The "is a quote missing?" hint of a syntax error: found by one regex over the lines before the
error, it must name the very quote the line-by-line reading named (`_by_lines`, the reference kept
here), on texts full of quotes: escaped, doubled, folded over lines, in keys, lists and flow."""

from __future__ import annotations

import bisect
import random
import re

import pytest

from timeline_app.files import yaml_reader
from timeline_app.files.loader import load_text

_QUOTED_VALUE = re.compile(r"""(?:^|[:\-\[,{]\s)\s*(["'])""")


def _by_lines(text: str, last_line: int):
    """The reference: every line looked at in turn, each quoted value on it tried."""
    lines = text.splitlines()[: last_line + 1]
    joined = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found, number = None, 0
    while number < len(lines):
        line = lines[number]
        for match in _QUOTED_VALUE.finditer(line):
            quote, start = match[1], match.end()
            rest = line[start:]
            closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", "  "))
            if closed:
                continue
            closing = yaml_reader.QUOTE_CLOSING[quote].match(joined, starts[number] + start)
            closes_on = None if closing is None else bisect.bisect_right(starts, closing.end() - 1) - 1
            if closes_on is None or any(yaml_reader._KEY_LINE.match(inner) for inner in lines[number + 1 : closes_on + 1]):
                found = (number + 1, start)
            else:
                number = closes_on
            break
        number += 1
    return found


PIECES = ['"', "'", "''", '\\"', "\\\\", ": ", "- ", "[", ", ", "{", "key: ", "  title: ", "a", "word ", "\n", "\n",
          "\t", "\u00a0", "\r\n", "\r", "\x0b", "\x85", "\u2028", "#", "x: 'it''s", 'y: "folded', "  - \"", "z: 'a'", 'w: "b"']


@pytest.mark.parametrize("searched_at_once", [1, 5, 1 << 20])
def test_the_hint_names_the_quote_the_line_by_line_reading_named(monkeypatch, searched_at_once):
    monkeypatch.setattr(yaml_reader, "_SEARCHED_AT_ONCE", searched_at_once)  # (lines searched a piece at a time)
    rng = random.Random(7)
    named = 0
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80)))
        for last_line in {0, 1, 3, text.count("\n"), text.count("\n") + 5, rng.randint(0, 12)}:
            expected = _by_lines(text, last_line)
            assert yaml_reader._unclosed_quote_before(text, last_line) == expected, (text, last_line)
            named += expected is not None
    assert named > 500  # (the texts do hold unclosed quotes, and folded ones)


def test_a_missing_quote_near_the_end_of_a_large_file_is_named_where_it_opens():
    events = "".join(f'  - title: "Event {n}"\n    start: "2014-01-{n % 28 + 1:02d}"\n    description: "a value\n'
                     f'      folded over a line"\n' for n in range(3000))
    text = f"title: T\nevents:\n{events}  - title: \"No end\n    start: \"2014-02-01\"\n"
    problems = [problem.message for problem in load_text(text, "x.yaml").problems]
    assert len(problems) == 1 and problems[0].endswith("the one opened at line 12003, column 12 is not closed on its line")


def test_the_syntax_check_hands_libyaml_a_large_text_a_piece_at_a_time(monkeypatch):
    """libyaml read a whole string in one C call, holding the interpreter (a loading window froze
    0.4 s on a 34 MB file with an error near its end); read through Python, other threads get
    their turn between pieces. The error found is the one the string gives."""
    reads = []
    real_read = yaml_reader._HandedOver.read
    monkeypatch.setattr(yaml_reader._HandedOver, "read", lambda self, size: reads.append(size) or real_read(self, size))
    text = "title: T\nevents:\n" + "  - title: An event\n    start: 2014-01-01\n" * 20000 + "  - title: \"No end\n  - x\n"
    problem = yaml_reader.syntax_problem(text)
    assert len(reads) > 20  # (53 reads of libyaml's 16 KB for this 0.8 MB)
    monkeypatch.setattr(yaml_reader, "_HandedOver", lambda text: text)
    assert yaml_reader.syntax_problem(text) == problem and "opened at line 40003, column 12 is never closed" in problem.message
