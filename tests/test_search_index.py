"""The search index built in slices, field by field, finds exactly what a search of each
event's own text finds (titles, descriptions, places, tags, source titles, publishers
and links)."""

from __future__ import annotations

from chronology_files import generate

from timeline_app.chronology.search import SearchIndex, searchable_text
from timeline_app.files.loader import load_text


def test_slices_find_what_each_events_text_finds():
    events = [event for seed in range(60) if (chronology := load_text(generate(seed, mutations=[])[0]).chronology)
              for event in chronology.events]
    assert len(events) > 300 and any(event.sources for event in events) and any(event.tags for event in events)
    index = SearchIndex(events, build=False)
    steps = list(index.build_steps(batch=7))
    assert len(steps) > 10 and index.ready
    words = {word for event in events[:200] for word in searchable_text(event).casefold().split()}
    words |= {"2014", "example", "café", "zzz-nothing"}
    texts = [searchable_text(event).casefold() for event in events]
    for word in sorted(words)[:400]:
        expected = [word in text for text in texts]
        assert index.matches(word).tolist() == expected, word
        index.matches("")  # a fresh query each time, not a narrowing of the last


def test_typing_narrows_over_the_slices_without_losing_an_event():
    """Letter by letter, each query re-checks only what the last one found (the index's array,
    filled a slice at a time): it must find what a fresh search finds."""
    events = [event for seed in range(40) if (chronology := load_text(generate(seed, mutations=[])[0]).chronology)
              for event in chronology.events]
    index = SearchIndex(events, build=False)
    steps = index.build_steps(batch=11)
    next(steps)
    assert not index.ready  # searchable only once every slice is in
    for _ in steps:
        pass
    assert index.ready
    words = sorted({word for event in events[:120] for word in searchable_text(event).casefold().split() if len(word) > 3})
    for word in words[:150]:
        index.matches("")
        for end in range(1, len(word) + 1):
            typed = index.matches(word[:end])
        assert typed.tolist() == [word in searchable_text(event).casefold() for event in events], word


def test_searchable_texts_are_casefolded_in_c_exactly_as_str_casefold_folds_them(monkeypatch):
    """`_search_text.c` folds ASCII itself and the rest by CPython's table: the same text as
    str.casefold for every code point (ß to ss, ﬃ to ffi, Σ to σ, a lone surrogate kept), in
    texts of every width, and the same index either way."""
    import random
    from types import SimpleNamespace

    import pytest

    from timeline_app.chronology import search
    from timeline_app.chronology.compiled import search_text

    if getattr(search_text, "casefolded", None) is None:
        pytest.skip("_search_text.c was not built (or this Python has no table for it)")
    every = "".join(map(chr, range(0x110000)))
    rng = random.Random(3)
    texts = [every, "", "ABC xyz", "Ä", "ßẞ", "ﬃ", "ΣΑΣ", "\udc80A", "İstanbul", "Miṣrātah Ḥaftar طرابلس “Unity”"]
    texts += ["".join(rng.choice("aZ ÉéßΣ\u0130ﬃ\U00010400\U0001f600ط") for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    assert search_text.casefolded(texts) == [text.casefold() for text in texts]
    events = [SimpleNamespace(title=text, description=text[::-1], location="Tripoli", tags=("Oil", text), sources=())
              for text in texts[1:]]
    in_c = SearchIndex(events).texts
    monkeypatch.setattr(search, "_casefolded", None)
    assert SearchIndex(events).texts == in_c
