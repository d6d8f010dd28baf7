"""Finding the events list's items one by one (small files), in C and with numpy (large ones;
numpy where the C module was not built) must give the same offsets and lines, on every style
and mutation the generator makes, ASCII or not, and across numpy's block boundaries."""

from __future__ import annotations

import pytest
from chronology_files import generate

from timeline_app.files import fast_reader, list_items
from timeline_app.files.yaml_reader import ReadError, decode


def _lists(seeds):
    for seed in seeds:
        try:
            text = decode(generate(seed)[0].encode("utf-8", "surrogatepass")).replace("\r\n", "\n")
        except ReadError:
            continue
        head = fast_reader._events_key(text)
        first = fast_reader._FIRST_ITEM.match(text, head.end()) if head else None
        if first is not None:
            indent = len(first.group(1))
            yield seed, text, first.start(1), list_items.list_end(text, first.start(1), indent), indent


@pytest.mark.parametrize("block", [7, 64, list_items._BLOCK])
def test_numpy_and_one_by_one_find_the_same_items(monkeypatch, block):
    monkeypatch.setattr(list_items, "_BLOCK", block)
    compared = non_ascii = 0
    for seed, text, start, end, indent in _lists(range(400 if block > 64 else 120)):
        if block < 64 and len(text) > 100_000:
            continue  # small blocks try the block edges; over the few large files they took half a minute
        expected = list_items.item_starts_by_find(text, start, end, indent)
        # numpy finds the list's end in the same blocks, where the regex finds it
        whole = list_items.EventsList(*expected, end, text.count("\n", start - 1, end))
        assert list_items.events_list_by_numpy(text, start, indent) == whole, f"seed {seed}"
        assert list_items.events_list_in_c(text, start, indent) == whole, f"seed {seed}"
        compared += 1
        non_ascii += not text.isascii()
    assert compared > 100 and non_ascii > 20


@pytest.mark.parametrize("text", ["title: t\nevents:\n  - 🙂- #\n  -", "title: t\nevents:\n  - a\n  -", "events:\n- a\n-\n"])
def test_an_item_at_the_very_end_is_found_whatever_the_block(monkeypatch, text):
    start = text.index("\n", text.index("events:")) + 1
    indent = len(text[start:]) - len(text[start:].lstrip(" "))
    expected = list_items.item_starts_by_find(text, start, len(text), indent)
    for block in (1, 2, 3, 5, 100):
        monkeypatch.setattr(list_items, "_BLOCK", block)
        assert list_items.events_list_by_numpy(text, start, indent)[:2] == expected, block
    assert list_items.events_list_in_c(text, start, indent)[:2] == expected


ENDINGS = ["x: 1\n", " y\n", "-x\n", "- \n", "-\n", "#c\n", "\t\n", " \n", "\n", "  # c\n", "é\n", " 中\n", "  -\n", "   z\n",
           "  - a\n", "    b\n", "-", " ", "x"]


@pytest.mark.parametrize("indent", [0, 1, 2, 4])
def test_the_list_ends_where_the_regex_says_whatever_the_block(monkeypatch, indent):
    """Lines that end the list or not (less indented content, comments, blanks, tabs, a dash
    at column 0, text at the very end), at every block size: numpy's end is the regex's."""
    import random

    rng = random.Random(indent)
    item = " " * indent + "- a: 1\n" + " " * indent + "  b: 2\n"
    for _ in range(300):
        body = "".join(rng.choice([item, item, *ENDINGS]) for _ in range(rng.randint(1, 12)))
        text = "title: t\nevents:\n" + item + body
        start = text.index("\n", text.index("events:")) + 1
        end = list_items.list_end(text, start, indent)
        expected = list_items.EventsList(*list_items.item_starts_by_find(text, start, end, indent), end,
                                         text.count("\n", start - 1, end))
        for block in (1, 3, 8, 64):
            monkeypatch.setattr(list_items, "_BLOCK", block)
            assert list_items.events_list_by_numpy(text, start, indent) == expected, (text, block)
        assert list_items.events_list_in_c(text, start, indent) == expected, text


def test_a_large_file_is_looked_at_in_c_where_it_was_built(monkeypatch):
    assert list_items.find_items is not None, "timeline_app/files/_plain_yaml.c is not built: pip install -e '.[test]'"
    text = "title: t\nevents:\n" + "  - title: é\n    start: 2014\n" * 40_000
    expected = list_items.events_list_by_numpy(text, 18, 2)
    monkeypatch.setattr(list_items, "events_list_by_numpy", None)  # (C, or a TypeError)
    assert list_items.events_list(text, 18, 2) == expected


def test_an_indent_longer_than_the_text_is_read_as_the_texts_length():
    """(p + 1 + indent had overflowed, and the C pass read before the text.)"""
    text = "events:\n\n- a\n"
    assert list_items.events_list_in_c(text, 8, 2**62) == list_items.events_list_by_numpy(text, 8, len(text))


@pytest.mark.parametrize("text", ["events:\n\n", "events:\n-", "events:\n- ", "events:\n  - a\n \t- b\n", "events:\n\t- a\n"])
def test_the_c_pass_on_the_shortest_lists(text):
    for indent in (0, 1, 2):
        assert list_items.events_list_in_c(text, 8, indent) == list_items.events_list_by_numpy(text, 8, indent)


@pytest.mark.parametrize("word", ["é", "\u0a0a", "\u010a", "🙂", "\U0001000a"])
def test_a_character_holding_the_line_break_byte_is_no_line_break(word):
    """The C pass jumps to each 0x0A byte: in a text of 2 or 4 bytes a character, U+0A0A or U+010A hold one."""
    text = "title: t\nevents:\n" + f"  - title: {word}{word}\n    start: 2014\n  -\n    title: {word}\n" * 50
    assert list_items.events_list_in_c(text, 18, 2) == list_items.events_list_by_numpy(text, 18, 2)
