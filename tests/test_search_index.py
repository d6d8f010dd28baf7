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
    for word in sorted(words)[:400]:
        expected = [word in searchable_text(event).casefold() for event in events]
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
