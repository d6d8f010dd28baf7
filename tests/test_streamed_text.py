"""A large file's text read a piece at a time (`files/streamed_text.py`) against the file read
whole (`yaml_reader.decode` and `fast_reader.has_unplain_bytes` of all its bytes): the same
text and the same "plain" verdict, whatever falls on a piece's edge (a character of two to four
bytes, a sequence the fast readers leave to the precise one, the BOM); None exactly where the
whole read refuses the file (a NUL, bytes that are not UTF-8, a cut character at the end,
nothing but comments), so that the loader's message, with its line and column, is the same."""

from __future__ import annotations

import io
import random

import pytest

import timeline_app.files.loader as loader
import timeline_app.files.ready_memory as ready_memory
import timeline_app.files.streamed_text as streamed
from timeline_app.files.fast_reader import has_unplain_bytes
from timeline_app.files.yaml_reader import ReadError, decode

PIECES = [b"title: T\n", b"events:\n", b"  - {title: a, start: 2014}\n", "é".encode(), "قصف".encode(), "😀".encode(),
          b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xc2\x9f", b"\x7f", b"\x1b", b"\t", b"\r\n",
          b"# a comment\n", "\u2028".encode()[:2], b"\xff", b"\0", b"\xed\xa0\x80", b"x" * 5]
RARE = {b"\xff", b"\0", b"\xed\xa0\x80", "\u2028".encode()[:2]}  # (refused by the whole read: seldom, to test the rest too)


def _whole(data: bytes):
    try:
        text = decode(data)
    except ReadError:
        return None
    return text, not has_unplain_bytes(data, 3 if data.startswith(b"\xef\xbb\xbf") else 0)


def _data(rng: random.Random) -> bytes:
    pieces = [piece for piece in PIECES if piece not in RARE or rng.random() < 0.05]
    data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
    return (b"\xef\xbb\xbf" if rng.random() < 0.2 else b"") + data


@pytest.mark.parametrize("seed", range(400))
def test_a_text_read_in_pieces_is_the_text_read_whole(monkeypatch, seed):
    rng = random.Random(seed)
    data = _data(rng)
    monkeypatch.setattr(streamed, "READ_PIECE", rng.choice((1, 2, 3, 5, 7, 64)))
    expected = _whole(data)
    assert streamed.streamed_text(io.BytesIO(data), 1 << 20, True) == expected
    if expected is not None:
        assert streamed.streamed_text(io.BytesIO(data), 1 << 20, False) == (expected[0], None)


def test_a_file_past_the_most_read_is_left_to_the_whole_read(monkeypatch):
    monkeypatch.setattr(streamed, "READ_PIECE", 4)
    assert streamed.streamed_text(io.BytesIO(b"title: T\nevents: []\n"), 12, True) is None


@pytest.mark.parametrize("content, expected", [
    (b"title: T\nevents:\n  - {title: a\0, start: 2014}\n", "3:14: error: file contains a NUL byte"),
    (b"title: T\nevents:\n  - {title: \xe9t\xe9, start: 2014}\n", "3:13: error: file is not UTF-8 (byte 0xE9"),
    (b"# nothing here\n\n", "1:1: error: file is empty"),
])
def test_a_large_file_with_a_problem_gets_the_whole_reads_message(monkeypatch, tmp_path, content, expected):
    monkeypatch.setattr(loader, "STREAMED_FROM", 0)
    path = tmp_path / "events.yaml"
    path.write_bytes(content)
    result = loader.load_file(path)
    assert result.chronology is None
    assert f"{result.problems[0].line}:{result.problems[0].column}: error: {result.problems[0].message}".startswith(expected)


def _loads_alike_in_pieces(monkeypatch, path) -> None:
    """`path` loads to the same problems and model read whole and read in 4 KB pieces, with its
    fresh memory made ready on another core (`ready_memory`) as a large file's is."""
    from test_fast_precise_agree import _problems, _summary, forget_dates

    forget_dates()
    whole = loader.load_file(path)
    monkeypatch.setattr(loader, "STREAMED_FROM", 0)
    monkeypatch.setattr(streamed, "READ_PIECE", 4096)
    monkeypatch.setattr(ready_memory, "READY_FROM", 0)
    monkeypatch.setattr(ready_memory, "_cores", lambda: 2)
    forget_dates()
    pieces = loader.load_file(path)
    assert _problems(pieces.problems) == _problems(whole.problems)
    assert _summary(pieces.chronology) == _summary(whole.chronology)


def test_a_large_file_loads_as_it_did_read_whole(monkeypatch, tmp_path):
    from chronology_files import generate

    text, _ = generate(7, 2_000)
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    _loads_alike_in_pieces(monkeypatch, path)


def _real_files():
    from pathlib import Path

    data = Path(__file__).parent / "data"
    return sorted(path for folder in ("world_yaml", "world_csv", "interchange", "fast_precise")
                  for path in (data / folder).rglob("*") if path.suffix in (".yaml", ".yml", ".csv", ".json"))


@pytest.mark.parametrize("path", _real_files(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_real_files_read_in_pieces_load_as_read_whole(monkeypatch, path):
    """Files gathered from public repositories (tests/data, each named in its README), in every
    format the loader reads in pieces."""
    _loads_alike_in_pieces(monkeypatch, path)
