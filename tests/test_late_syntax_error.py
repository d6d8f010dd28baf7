"""A syntax error in the last chunk of a large file, where appending an event puts it, is found
before the chunks above it are read (their events would be thrown away): the verdict is still
exactly the precise reader's, wherever the error stands and whatever yaml-rs makes of the chunk."""

from __future__ import annotations

import pytest
from test_fast_precise_agree import fast_verdict, precise_verdict

import timeline_app.files.fast_reader as fast_reader
from timeline_app.files.validation import events as events_module

HEADER = "title: Appended to\ncategories:\n  politics: {label: Politics}\nevents:\n"


def _event(index: int, title: str | None = None) -> str:
    return (f"  - id: e{index}\n    title: {title or f'Event number {index}'}\n"
            f"    start: \"2014-{index % 12 + 1:02d}-{index % 27 + 1:02d}\"\n    category: politics\n")


def _file(count: int, titles: dict[int, str]) -> str:
    return HEADER + "".join(_event(index, titles.get(index)) for index in range(count))


@pytest.fixture
def chunks_built(monkeypatch):
    """How many chunks were built into events before the verdict."""
    built = []
    real = events_module._chunk_events

    def counting(check, chunk, *args):
        built.append(chunk.first)
        return real(check, chunk, *args)

    monkeypatch.setattr(events_module, "_chunk_events", counting)
    return built


@pytest.mark.parametrize("where", [2499, 2000, 1999, 1000, 3])
@pytest.mark.parametrize("error", ['"an unclosed quote', "[an unclosed bracket", "a: b: c"])
def test_a_syntax_error_anywhere_gets_the_precise_verdict(chunks_built, where, error):
    text = _file(2500, {where: error})
    fast = fast_verdict(text)
    assert fast == precise_verdict(text)
    assert fast[1] is None and len(fast[0]) == 1 and "syntax error" in fast[0][0]
    if where >= 2000:  # in the last chunk: nothing above it built
        assert chunks_built == []


@pytest.fixture
def whole_file_looked_at(monkeypatch):
    looked = []
    real = fast_reader.syntax_problem
    monkeypatch.setattr(fast_reader, "syntax_problem", lambda text: looked.append(len(text)) or real(text))
    return looked


@pytest.mark.parametrize("refused", ["yaml-rs refuses it", "a key named twice"])
def test_a_last_chunk_yaml_rs_refuses_but_libyaml_reads_goes_on_in_order(monkeypatch, chunks_built, whole_file_looked_at,
                                                                        refused):
    """yaml-rs refusing the last chunk is only a reason to look, and libyaml reading that chunk
    alone is reason enough to stop looking: the file is read as ever, never parsed whole."""
    if refused == "a key named twice":  # (yaml-rs refuses it; the precise reader reports it)
        text = _file(2500, {2499: "Plain\n    title: Again"})
    else:
        text = _file(2500, {2499: "Plain"})
        real = fast_reader.parse_chunk
        monkeypatch.setattr(fast_reader, "parse_chunk", lambda yaml_rs, chunk: None if "e2499\n" in chunk else real(yaml_rs, chunk))
    fast = fast_verdict(text)
    assert fast == precise_verdict(text) and len(fast[1][-1]) == 2500
    assert fast[0] == (["10003:5: error: duplicate key 'title' (first at line 10002)"] if refused == "a key named twice" else [])
    assert chunks_built[:2] == [0, 1000] and whole_file_looked_at == []


@pytest.mark.parametrize("anchors", ["*nowhere", "&twice Five\n    location: &twice Six"])
def test_with_anchors_about_the_chunks_go_in_order(chunks_built, anchors):
    """An alias error (or an anchor named twice) before the syntax error is the precise reader's
    first word: with anchors about, the syntax error is not looked for first."""
    text = _file(2500, {5: anchors, 2499: '"an unclosed quote'})
    fast = fast_verdict(text)
    assert fast == precise_verdict(text) and fast[0][0].split(":")[0] in ("26", "27")  # (event 5's: not line 10002's)
    assert chunks_built[0] == 0  # (from the top, as ever)
