"""`_yaml_doubts.c` answers whether a chunk holds any of the fast reader's doubts; the Python
finders (`yaml_doubts.doubts`) say where. The two must agree on every text: fed the generated
files of tests/chronology_files.py, the real files under tests/data, the benchmark's styles,
and all of them mutated with the characters each doubt is made of, in texts of one, two and
four bytes a character.

    DOUBTS_SEEDS=3000 pytest tests/test_yaml_doubts_in_c.py     # more seeds
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from chronology_files import generate
from synthetic import synthetic_yaml
from test_plain_yaml import _mutated

from timeline_app.files import yaml_doubts
from timeline_app.files.compiled import yaml_doubts as compiled

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).parent.parent / "timeline_app" / "bundled" / "events.yaml"
SEEDS = int(os.environ.get("DOUBTS_SEEDS", "300"))

# what the doubts are made of: signs, openers, blanks of every kind, escapes, numbers, block headers
MUTANTS = [":", " ", "\n", "#", "[", "]", "{", "}", ",", "|", ">", "-", "?", "%", "!", "&", "*", "@", "`", "\\",
           "\t", "_", "0", "0x", "0o1", "0B_", "1_", "\\x4", "\\xe9", "\\u00e9", "\\ud800", "\\uDBFF", "\\U0001F600",
           "\\U00110000", "\\U0010ffff", "\\q", "\\ ", "\\N", "\u00a0", "\u2003", "\u3000", "\x1c", "\x00", "\x85", "é", "ā",
           "ط", "\U0001f600", "|-", ">+2", "|2-", " # c", "# c\n", ": |", ": >", ":|", "\n  :", "- ", "- - ", "-\n",
           ", ?", "[ :", "{ %", ": ?", ":\n  |", ": # c\n  >", "  ", "\n\n", "'", '"']
pytestmark = pytest.mark.skipif(compiled is None, reason="_yaml_doubts.c was not built")


def python_says(text: str) -> bool:
    return next(yaml_doubts.doubts(text, False), None) is not None


def mutated(rng: random.Random, text: str) -> str:
    return _mutated(rng, text, MUTANTS, most=4)


def pieces(text: str, rng: random.Random, count: int = 4):
    """A few runs of whole lines of `text` (a chunk is some events' lines), and the whole."""
    lines = text.splitlines(keepends=True)
    yield text
    for _ in range(count):
        a = rng.randrange(len(lines))
        yield "".join(lines[a : a + rng.randint(1, 40)])


def agree(texts) -> dict:
    """Feed each text to both; the tally of answers (C's -1: Python alone can say)."""
    tally = {0: 0, 1: 0, -1: 0, "kinds": set()}
    for text in texts:
        answer = compiled.has_doubts(text)
        tally[answer] += 1
        widest = max(map(ord, text), default=0)
        tally["kinds"].add(0 if widest < 0x80 else 1 if widest < 0x100 else 2 if widest < 0x10000 else 4)
        if answer != -1:
            assert bool(answer) == python_says(text), f"C says {answer} for:\n{text[:4000]!r}"
    return tally


def test_they_agree_on_generated_and_mutated_files():
    def texts():
        for seed in range(SEEDS):
            rng = random.Random(seed)
            text, _ = generate(seed, big_rate=0.0)
            for piece in pieces(text, rng):
                yield piece
                yield mutated(rng, piece)
                yield mutated(rng, mutated(rng, piece))
    tally = agree(texts())
    assert tally[0] > SEEDS and tally[1] > SEEDS, tally  # (both answers, often)
    assert tally[-1] < (tally[0] + tally[1]) / 20, tally  # (and Python's own scan only rarely)
    assert tally["kinds"] == {0, 1, 2, 4}, tally  # (ASCII, Latin-1, two and four bytes a character)


def test_they_agree_on_real_files_and_the_benchmark_styles_mutated_a_little_at_a_time():
    files = [path.read_text(encoding="utf-8") for path in sorted(DATA.rglob("*.yaml"))] + [BUNDLED.read_text(encoding="utf-8")]
    files += [synthetic_yaml(300, seed=3, style=style) for style in ("hand", "safe_dump", "prose", "world", "broken")]
    rng = random.Random(11)

    def texts():
        for text in files:
            for piece in pieces(text, rng, 2):
                yield piece
                for _ in range(6):
                    yield mutated(rng, piece)
    tally = agree(texts())
    assert tally[0] > 50 and tally[1] > 500, tally


@pytest.mark.parametrize("doubt", [
    "- title: 0x7DE\n", "- start: 2_014\n", "- title: a\tb\n", "- title: \"\\q\"\n", "%YAML 1.2\n- a: b\n",
    "- title: ? x\n", "- title: &a x\n", "- title: !t x\n", "- tags: [a, ?b]\n", "- tags: [a, b]\n  c: x:|\n",
    "- tags: [a]\n  d: {x: |\n    text\n", "- {a: b,\n  :c}\n", "- tags: [a]\n  x: >-\n", "- title: x",
    "- tags: [a]\n  d:\n    |\n", "- - &a x\n", "- tags: [a, b]\n  t: \u2003? x\n",
    "- tags: [a]\n  d: |#x\n  e: f\n", "- tags: [a,\n  # a comment\n\n  d: |\n  e: f\n",
])
def test_each_doubt_is_found_in_each_width_of_text(doubt):
    """Each doubt alone in a chunk of ASCII, of Latin-1, of two and of four bytes a character."""
    for wide in ("", "é", "ā", "\U0001f600"):
        text = f"- title: a{wide}\n" + doubt
        assert compiled.has_doubts(text) == 1 and python_says(text), repr(text)
        calm = f"- title: a{wide}\n- tags: [x, y]\n  d: |\n    a: b | c\n"
        assert compiled.has_doubts(calm) == 0 and not python_says(calm), repr(calm)


def test_the_loaders_question_has_the_finders_answer_with_padded_numbers_and_stand_ins(monkeypatch):
    """`has_doubts` (C, then padded numbers in Python) against the finders alone, given a year
    written bare somewhere (padded numbers looked for: everywhere, or in some events' texts) or
    an alias stood in for (the finders alone answer then)."""
    rng = random.Random(5)
    texts = ["- start: 01917\n", "- start: +2015\n  end: 1\n", "- {start: -0}\n", "- tags: [a, b]\n  start: 02014\n"]
    for seed in range(60):
        text, _ = generate(seed, big_rate=0.0)
        texts += [mutated(rng, piece) for piece in pieces(text, rng)]
    answers = set()
    for text in texts:
        for number_dates in (False, True, [(0, len(text) // 2)], [(len(text) // 3, len(text))]):
            for stood_in in (frozenset(), frozenset({text.find("*")})):
                expected = next(yaml_doubts.doubts(text, number_dates, stood_in), None) is not None
                assert yaml_doubts.has_doubts(text, number_dates, stood_in) == expected, (text, number_dates, stood_in)
                answers.add(expected)
    assert answers == {False, True}
    monkeypatch.setattr(yaml_doubts, "_has_doubts_in_c", None)  # (where it was not built: the finders alone)
    assert yaml_doubts.has_doubts(texts[0], True) and not yaml_doubts.has_doubts("- title: a\n", True)


def test_a_long_line_of_prose_with_signs_after_blanks_gets_the_finders_answer():
    """(A review's case: French prose, a blank before each `?` and `:`, on one line of a chunk with
    a bracket. Each sign's line is followed from the last one's, not read again from its start.)"""
    for text in ["[x]\n- d: " + "mot ?a " * 2000 + "b\n", "[x]\n" + "Quoi : oui. " * 4000 + "\n",
                 "[x]\n- d: " + "a # b ?c " * 500 + "\n  ?\n", "[x,\n" + "a : b # c\n  :d " * 300]:
        answer = compiled.has_doubts(text)
        assert answer == -1 or bool(answer) == python_says(text), text[:80]


def test_every_space_past_ascii_is_a_space_to_both_and_no_other_character_is():
    """A text of two or four bytes a character is scanned as one of one byte (each character past
    ASCII a stand-in for a space or for any other): where a space decides the answer, every
    Unicode space past ASCII and the characters beside each give the finders' answer."""
    spaces = [c for c in range(0x80, 0x110000) if chr(c).isspace()]
    others = sorted({c + step for c in spaces for step in (-1, 1)} - set(spaces)) + [0xFEFF, 0x0627, 0x1F600, 0xD800]
    # a `?` before a space starts a key; in a flow, a sign after a space, and a comment's `#` after one
    templates = ["- title: a\u0101\n- t: x\n  ?{c}x\n", "- tags: [a,{c}?b]\n  d: \u0101\n", "- {{a: b,{c}%x}}\n\u0101\n",
                 "- tags: [a]\n  d: x\u0101\n  e: {{f,{c}:g}}\n", "- title: \u0101\n  t: [a,{c}#{c}x\n  ?y]\n"]
    decided = set()
    for template in templates:
        for code in spaces + others:
            text = template.format(c=chr(code))
            answer = compiled.has_doubts(text)
            assert answer == -1 or bool(answer) == python_says(text), (template, hex(code))
            decided.add((template, chr(code).isspace(), answer))
    for template in templates[:2]:  # (the space made the doubt, each other character none)
        assert (template, True, 1) in decided and (template, False, 0) in decided, sorted(decided)
