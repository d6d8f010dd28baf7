"""The C doubt scan of a large file's chunks runs ahead on a helper thread (`fast_reader.scanned_ahead`),
the interpreter let go: the verdict and the model are the ones the scan asked on the loading thread
gives, and the ones the precise reader gives, doubts planted in several chunks or none."""

from __future__ import annotations

import threading

import pytest
from synthetic import synthetic_yaml
from test_fast_precise_agree import _problems, _summary, forget_dates

from timeline_app.files import fast_reader
from timeline_app.files.loader import load_text

pytestmark = pytest.mark.skipif(fast_reader.scan_in_c is None, reason="_yaml_doubts.c was not built")

PLANTED = [  # (what is replaced, by what): each a doubt, placed in a chunk of its own
    ('start: "2000-01-19"', "start: 0x7DE"),  # a YAML 1.1 number: yaml-rs reads it as 2014, libyaml as text
    ("title: ", "title: \t"),  # a tab
    ("title: ", "title: &mark "),  # an anchor
]


def _files():
    for style in ("hand", "world"):
        text = synthetic_yaml(4_500, seed=7, style=style)
        yield text
        for at, (old, new) in zip((0.0, 0.55, 0.9), PLANTED):
            where = text.find(old, int(len(text) * at))
            assert where != -1, (style, old)
            text = text[:where] + new + text[where + len(old):]
        yield text


def _verdict(text: str):
    forget_dates()
    result = load_text(text, "events.yaml")
    return _problems(result.problems), _summary(result.chronology)


def test_chunks_scanned_ahead_get_the_verdict_of_chunks_scanned_in_turn(monkeypatch):
    threads = []

    def scan(text):
        threads.append(threading.current_thread().name)
        return real(text)

    real = fast_reader.scan_in_c
    for text in _files():
        threads.clear()
        monkeypatch.setattr(fast_reader, "scan_in_c", scan)
        ahead = _verdict(text)
        assert len(threads) >= 4 and all(name.startswith("yaml-doubts") for name in threads)
        monkeypatch.setattr(fast_reader, "scan_in_c", None)
        in_turn = _verdict(text)
        assert ahead == in_turn
        monkeypatch.setattr(fast_reader.Chunk, "risky", lambda chunk: True)  # every chunk read precisely
        assert _verdict(text) == ahead
        monkeypatch.undo()


def test_each_chunks_answer_is_the_one_its_scan_gave(monkeypatch):
    """The answer a chunk is judged by comes from its own text's scan: told every text holds a
    doubt, every chunk of a calm file is read precisely; told the truth, none is."""
    real_risky, risky = fast_reader.Chunk.risky, {}

    def counted(chunk):
        risky[chunk.first] = real_risky(chunk)
        return risky[chunk.first]

    monkeypatch.setattr(fast_reader.Chunk, "risky", counted)
    text = synthetic_yaml(4_500, seed=7, style="hand")
    _verdict(text)
    assert len(risky) == 5 and not any(risky.values())
    risky.clear()
    monkeypatch.setattr(fast_reader, "scan_in_c", lambda scanned: 1)
    _verdict(text)
    assert len(risky) == 5 and all(risky.values())
