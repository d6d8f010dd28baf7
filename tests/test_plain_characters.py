"""Whether a file holds characters the fast readers leave to the precise one (controls, C1,
U+2028/2029, U+FFFE/FFFF) is asked of its bytes as it is read (`has_unplain_bytes`) and of
its text otherwise (`has_unplain_characters`): the two must give one answer."""

import random

import pytest

from timeline_app.files import in_pieces
from timeline_app.files import fast_reader
from timeline_app.files.fast_reader import has_unplain_bytes, has_unplain_bytes_in_python, has_unplain_characters
from timeline_app.files.loader import load_file, load_text

UNPLAIN = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9f\u2028\u2029\ufffe\uffff"
NEAR = "\t\n\r \xa0\xc2\xe2\u2026\u201c\u2019\u2027\u202a\ufffd\ufeff\U0001f1f1é中ا" + "\u0100\u0180\u0800\uffbe\uefbf"
PLAIN = "ab:- #'\"[]{}\n"


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 64, in_pieces.PIECE])
def test_bytes_and_text_agree_on_random_texts(monkeypatch, piece):
    monkeypatch.setattr(in_pieces, "PIECE", piece)
    rng = random.Random(piece)
    found = 0
    for _ in range(3000):
        alphabet = PLAIN * 3 + NEAR + (UNPLAIN if rng.random() < 0.3 else "")
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        data = text.encode("utf-8")
        expected = has_unplain_characters(text)
        for looking in (has_unplain_bytes, has_unplain_bytes_in_python):
            assert looking(data) == expected, (looking, repr(text))
            assert looking(b"\xef\xbb\xbf" + data, 3) == expected
        found += expected
    assert found > 100


@pytest.mark.parametrize("character", list(UNPLAIN.replace("\x00", "")))  # (a NUL byte: not text, said from the bytes)
def test_a_file_with_a_character_left_to_the_precise_reader_reads_as_its_text_does(tmp_path, character):
    """A large file read from disk (its bytes looked at) gets the same answer as its text (over
    a million characters: its items are found by numpy, a block at a time)."""
    events = "".join(f"  - id: e{i}\n    title: event {i}\n    start: {2000 + i % 20}\n" for i in range(25000))
    text = f"title: t\nevents:\n{events}  - id: odd\n    title: a{character}b\n    start: 2001\n"
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    from_disk, from_text = load_file(path), load_text(text, str(path))
    assert [str(p) for p in from_disk.problems] == [str(p) for p in from_text.problems]
    assert (from_disk.chronology is None) == (from_text.chronology is None)
    if from_disk.chronology is not None:
        assert [e.title for e in from_disk.chronology.events] == [e.title for e in from_text.chronology.events]


@pytest.mark.parametrize("character", list(UNPLAIN.replace("\x00", "")))
def test_our_json_export_with_such_a_character_reads_from_disk_as_its_text_does(tmp_path, character):
    import json

    events = [{"id": f"e{i}", "title": f"event {i}", "start": f"{2000 + i % 20}", "end": None, "tags": ["a"]}
              for i in range(3000)]
    events[1500]["title"] = f"a{character}b"
    text = json.dumps({"title": "t", "events": events}, indent=2, ensure_ascii=False)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8", newline="")
    from_disk, from_text = load_file(path), load_text(text, str(path))
    assert [str(p) for p in from_disk.problems] == [str(p) for p in from_text.problems]
    assert [e.title for e in from_disk.chronology.events] == [e.title for e in from_text.chronology.events]


def test_a_file_read_from_disk_is_looked_at_once_for_such_characters(tmp_path, monkeypatch):
    """Its bytes are looked at as it is read; the readers then take that answer, not a second
    look at its text (a regex over text that is not ASCII: 0.1 s per 100,000 events)."""
    import timeline_app.files.fast_reader as fast_reader

    looks = []
    real = fast_reader.has_unplain_characters
    monkeypatch.setattr(fast_reader, "has_unplain_characters", lambda text: looks.append(len(text)) or real(text))
    events = "".join(f"  - {{id: e{i}, title: Café “{i}”, start: {2000 + i % 20}}}\n" for i in range(2000))
    path = tmp_path / "world.yaml"
    path.write_text(f"title: t\nevents:\n{events}", encoding="utf-8")
    assert load_file(path).ok and not looks
    assert load_text(path.read_text(encoding="utf-8"), str(path)).ok and looks  # (text alone: looked at then)


def test_the_bytes_are_looked_at_in_c_where_it_was_built_and_both_ways_agree_on_cut_sequences():
    """The C look is the one used (where built), and it agrees with Python's on every prefix and
    suffix of texts whose sequences are cut at either end (a piece of a file ends anywhere)."""
    if fast_reader._has_unplain_bytes_in_c is None:
        pytest.skip("_plain_yaml.c was not built")
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(PLAIN + NEAR + UNPLAIN) for _ in range(rng.randint(0, 12)))
        data = text.encode("utf-8")
        for cut in range(len(data) + 1):
            for piece, start in ((data[:cut], 0), (data[cut:], 0), (data, cut)):
                assert fast_reader._has_unplain_bytes_in_c(piece, start) == has_unplain_bytes_in_python(piece, start)
    assert has_unplain_bytes(memoryview(b"a\x85b".replace(b"\x85", "\x85".encode()))) is True


@pytest.mark.parametrize("looking", [has_unplain_bytes, has_unplain_bytes_in_python])
def test_one_character_is_found_at_every_place_in_a_long_line(looking):
    """The C look skips eight bytes at a time of printable ASCII, line breaks and the bytes of
    other characters (Arabic, Latin with macrons, emoji): each character is found (or not) at every
    offset of such words, the line's break before or after it."""
    for filler in ("q", "ط", "ā", "\U0001f600", "éq"):
        for character in UNPLAIN + NEAR:
            for at in range(24):
                line = "ab:- #'x\n"[at % 3:] + filler * at + character + filler * (30 - at) + "\n"
                expected = has_unplain_characters(line)
                assert looking(line.encode("utf-8")) == expected, (filler, repr(character), at)
                assert expected == (character in UNPLAIN)


def test_a_review_s_cases_bytes_that_are_not_utf_8_and_a_start_from_the_end():
    """EF BF followed by C0-FF is no U+FFFE/FFFF (nor UTF-8 at all): only EF BF BE and EF BF BF are
    looked for; a negative start counts from the end, as Python's slice does."""
    for data in (b"\xef\xbf\xc0", b"\xef\xbf\xff", b"a\xef\xbf\xbdb", b"\xef\xbf\xbe", b"\xef\xbf\xbf"):
        assert has_unplain_bytes(data) == has_unplain_bytes_in_python(data), data
    for start in (-1, -3, -5, -9):
        assert has_unplain_bytes(b"\x01AAAA", start) == has_unplain_bytes_in_python(b"\x01AAAA", start), start
