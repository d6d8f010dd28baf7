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
