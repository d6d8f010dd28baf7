"""Scans done piece by piece (so a large file's load never freezes the window) give the
answers of the one-call scans they replace, wherever the pieces' edges fall."""

from __future__ import annotations

import random
import re

import pytest

from timeline_app.files import in_pieces
from timeline_app.files.loader import load_text
from timeline_app.files.validation import events as events_module

ALPHABET = ["a", " ", "\n", "\r", "\r\n", "-", "#", "é", "中", "🙂", "\x85", "\x7f", "events:", "\nevents:", "  - "]


def _texts(count: int):
    rng = random.Random(3)
    for _ in range(count):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))


@pytest.mark.parametrize("piece", [1, 2, 3, 7])
def test_scans_in_pieces_answer_as_one_call(monkeypatch, piece):
    monkeypatch.setattr(in_pieces, "PIECE", piece)
    monkeypatch.setattr(in_pieces, "DECODE_PIECE", piece)
    monkeypatch.setattr(in_pieces, "ONE_CALL", 4 * piece)  # (larger texts are decoded in pieces)
    monkeypatch.setattr(in_pieces, "ONE_CALL_NOT_ASCII", 4 * piece)
    pattern = re.compile(r"\n(?:[^ \t\n#-]|-[^ \n])")
    for text in _texts(400):
        data = text.encode("utf-8")
        assert in_pieces.decode_utf8(data) == data.decode("utf-8")
        assert in_pieces.decode_utf8(b"\xef\xbb\xbf" + data, 3) == data.decode("utf-8")  # a BOM skipped, not copied
        assert in_pieces.replace_crlf(text) == text.replace("\r\n", "\n")
        for start in range(0, len(text) + 1, 5):
            assert in_pieces.count(text, "\n", start) == text.count("\n", start)
            assert in_pieces.find(text, "\nevents:", start) == text.find("\nevents:", start)
            found, expected = in_pieces.search(pattern, text, start, reach=4), pattern.search(text, start)
            assert (found and found.span()) == (expected and expected.span())
            lines = [match.start() for match in re.finditer(r"^events:", text, re.M) if match.start() >= start]
            assert list(in_pieces.lines_starting(text, "events:", start)) == lines
        monkeypatch.setattr(in_pieces, "_LINE_PIECE", piece)
        for number in range(text.count("\n") + 2):  # where line `number` ends: its n+1-th line feed
            expected = [at for at, character in enumerate(text) if character == "\n"][number : number + 1]
            assert in_pieces.line_end(text, number) == (expected[0] if expected else -1)


@pytest.mark.parametrize("piece", [1, 3, 8])
def test_a_decoding_error_is_placed_in_the_whole_file(monkeypatch, piece):
    monkeypatch.setattr(in_pieces, "DECODE_PIECE", piece)
    monkeypatch.setattr(in_pieces, "ONE_CALL", 4 * piece)
    monkeypatch.setattr(in_pieces, "ONE_CALL_NOT_ASCII", 4 * piece)
    data = "\ufeffab\né中\n".encode() + b"\xff" + "z🙂".encode()
    for start in (0, 3):
        with pytest.raises(UnicodeDecodeError) as caught:
            in_pieces.decode_utf8(data, start)
        assert caught.value.start == data.index(b"\xff")


def test_sorting_a_large_list_with_numpy_gives_list_sorts_order(monkeypatch):
    text = "title: t\nevents:\n" + "".join(
        f"  - {{title: e{i}, start: '{2000 + i % 7}{'-0' + str(1 + i % 9) if i % 3 else ''}'}}\n" for i in range(300))
    expected = load_text(text).chronology.events
    monkeypatch.setattr(events_module, "SORT_WITH_NUMPY_FROM", 10)
    monkeypatch.setattr(events_module, "_SLICE", 7)  # gathered a slice at a time, as a million events are
    by_numpy = load_text(text).chronology.events
    assert [event.line for event in by_numpy] == [event.line for event in expected]
    assert [event.line for event in expected] != sorted(event.line for event in expected)  # the order was changed


@pytest.mark.parametrize("piece", [1, 3, 8, 1 << 20])
def test_csv_lines_are_the_lines_the_csv_module_would_read(monkeypatch, piece):
    """A CSV is handed to the csv reader a piece at a time: the same physical lines as
    io.StringIO(text, newline="") gives (\\r, \\n and \\r\\n break lines; \\x0b, \\x85, U+2028… do not),
    each remembered at its offset."""
    import io

    from timeline_app.files import csv_format

    monkeypatch.setattr(csv_format, "_LINES_PIECE", piece)
    extra = ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", '"', ","]
    rng = random.Random(9)
    for text in _texts(300):
        text = "".join(char + (rng.choice(extra) if rng.random() < 0.1 else "") for char in text)
        lines = csv_format._Lines(text)
        got = list(lines)
        assert got == list(io.StringIO(text, newline=""))
        assert list(lines.starts) == [sum(map(len, got[:n])) for n in range(len(got))]
