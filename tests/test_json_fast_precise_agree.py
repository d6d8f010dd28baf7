"""One truth for JSON: our export read back by json a chunk at a time gives exactly what the
YAML reader (every value placed) gives for the whole file.

Files are our own exports of generated chronologies (`chronology_files.generate`), dumped in
several ways (indented, one line, compact, ASCII escapes, CRLF, BOM, tabs) and mutated as
people and tools do: values that are not text (numbers, true, null, in lists too), keys named
twice, unknown keys, bad dates, duplicate ids across chunks, `written` and `edtf` edited,
surrogate pairs and over-long keys that libyaml refuses, broken JSON, TimelineJS documents.
Every problem (`LINE:COL`, severity, message, in order) and the whole model must be equal.

    JSON_AGREE_SEEDS=2000 pytest tests/test_json_fast_precise_agree.py
"""

from __future__ import annotations

import json
import os
import random

from chronology_files import generate
from test_fast_precise_agree import _problems, _summary, forget_dates

import timeline_app.files.json_events as json_events
from timeline_app.chronology.problems import in_file_order
from timeline_app.files.json_format import read_json, to_json
from timeline_app.files.loader import load_text
from timeline_app.files.validation import build_chronology
from timeline_app.files.yaml_reader import ReadError


def precise(text: str):
    forget_dates()
    try:
        root, problems = read_json(text, fast=False)
    except ReadError as error:
        return _problems(error.problems), None
    chronology, more = build_chronology(root)
    return _problems(in_file_order(problems + more)), _summary(chronology)


def fast(text: str):
    forget_dates()
    result = load_text(text, "export.json")
    return _problems(result.problems), _summary(result.chronology)


VALUES = ["2014", 2014, 1e3, "1e3", True, False, None, "", " ", [], {}, [None], [True, "a"], ["a", 2], {"a": None},
          "31 June 2014", "c. 1500", "2014-06-25T10:00Z", "https://example.org/x", "javascript:alert(1)", "x" * 3]
KEYS = ["title", "start", "end", "category", "tags", "description", "location", "sources", "media", "display_date",
        "background", "id", "written", "edtf", "precision", "unknown"]


def _mutate(rng: random.Random, document: dict) -> list[str]:
    done = []
    events = document["events"]
    for _ in range(rng.choice([0, 1, 1, 2, 4])):
        if not events:
            break
        event = rng.choice(events)
        kind = rng.random()
        if kind < 0.5 and isinstance(event, dict):
            key, value = rng.choice(KEYS), rng.choice(VALUES)
            event[key] = value
            done.append(f"{key}={value!r}")
        elif kind < 0.6 and isinstance(event, dict) and isinstance(event.get("sources"), list):
            event["sources"].append(rng.choice([{"url": None, "title": "T"}, {"title": ""}, None, 5, "vice",
                                                {"url": "https://example.org/s", "date": True}]))
            done.append("source")
        elif kind < 0.7 and isinstance(event, dict):
            event["written"] = rng.choice(["", "2014 … 2015", "about 1500", "2014-13-01", " … ", "2014 …"])
            done.append(f"written={event['written']!r}")
        elif kind < 0.8 and len(events) > 1:
            other = rng.choice(events)
            if isinstance(other, dict) and isinstance(event, dict):
                event["id"] = other.get("id", "same")
                done.append("duplicate id")
        elif kind < 0.9:
            events[events.index(event)] = rng.choice([None, "an event", 7, [1, 2], {"title": "only a title"}])
            done.append("not a mapping")
        else:
            document[rng.choice(["title", "description", "date_order", "timezone", "unknown"])] = rng.choice(VALUES)
            done.append("header")
    return done


def _dump(rng: random.Random, document: dict) -> tuple[str, str]:
    style = rng.choice(["export", "indent 4", "one line", "compact", "ascii", "crlf", "tabs"])
    if style == "export":
        text = json.dumps(document, ensure_ascii=False, indent=2)
    elif style == "indent 4":
        text = json.dumps(document, ensure_ascii=False, indent=4)
    elif style == "one line":
        text = json.dumps(document, ensure_ascii=False)
    elif style == "compact":
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    elif style == "ascii":
        text = json.dumps(document, indent=1)
    elif style == "crlf":
        text = json.dumps(document, ensure_ascii=False, indent=2).replace("\n", "\r\n")
    else:
        text = json.dumps(document, ensure_ascii=False, indent="\t")
    return text + "\n", style


def _mutate_text(rng: random.Random, text: str) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.6:
        return text, ""
    if roll < 0.7 and '"title": ' in text:  # a key named twice (in an event, most often)
        at = text.rfind('"title": ') if rng.random() < 0.5 else text.find('"title": ', text.find('"events"'))
        at = at if at != -1 else text.find('"title": ')
        return text[:at] + '"title": "first", ' + text[at:], "key twice"
    if roll < 0.75:
        return text.replace('"description": "', '"description": "\\ud83d\\ude00 ', 1), "surrogate pair"
    if roll < 0.8:
        return text.replace('"title": ', '"' + "k" * 1100 + '": 1, "title": ', 1), "long key"
    if roll < 0.85:
        return text.replace('"', "", 1), "broken"
    if roll < 0.9:
        return text.replace("]", "],", 1), "trailing comma"
    if roll < 0.92:
        return "\ufeff" + text, "BOM"
    if roll < 0.95:
        return text.replace('": ', '"\n  : ', 3), "colon on the next line"
    return text.replace('"description": "', '"description": "\u2028', 1), "LS"


def generated(seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    # (written by hand, not dumped: the events matter here, not how the YAML was laid out, and
    # PyYAML's Python dumper took three quarters of the test's time)
    yaml_text, meta = generate(seed, size=rng.choice([1, 3, 40, 1200, 2100]) if rng.random() < 0.15 else None,
                               style="block")
    chronology = load_text(yaml_text, "x.yaml").chronology
    if chronology is None:
        chronology = load_text("title: T\nevents:\n  - {title: A, start: 2014}\n", "x.yaml").chronology
    document = json.loads(to_json(chronology))
    done = _mutate(rng, document)
    text, style = _dump(rng, document)
    text, more = _mutate_text(rng, text)
    return text, f"seed {seed}: {style}, {meta['events']} events, {done} {more}"


def test_json_fast_and_precise_agree_on_generated_and_mutated_exports(monkeypatch):
    served = {"fast": 0}
    real = json_events.JsonEvents.chunks

    def chunks(stream):
        served["fast"] += 1
        yield from real(stream)

    monkeypatch.setattr(json_events.JsonEvents, "chunks", chunks)
    failures = []
    for seed in range(int(os.environ.get("JSON_AGREE_SEEDS", "250"))):
        text, what = generated(seed)
        expected, got = precise(text), fast(text)
        if expected != got:
            failures.append(f"{what}\n  precise {expected[0][:3]}\n  fast    {got[0][:3]}"
                            + ("" if expected[0] != got[0] else "\n  (the models differ)"))
    assert served["fast"] > 100  # most files were served by the fast path: this proves something
    assert not failures, f"{len(failures)} differ; first:\n" + failures[0]


def test_a_large_export_reads_back_fast_with_a_problem_placed_where_the_precise_reader_places_it():
    events = [{"id": f"e{i}", "title": f"Event {i}", "start": f"2014-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
               "precision": "day", "end": None, "tags": ["a"], "sources": [], "media": None} for i in range(5000)]
    events[3210]["start"] = "31 June 2014"
    events[4000]["id"] = "e12"
    text = json.dumps({"title": "Big", "events": events}, indent=2)
    expected = precise(text)
    assert fast(text) == expected
    lines = text.split("\n")
    bad_date = lines.index('      "start": "31 June 2014",') + 1
    second_id = [number for number, line in enumerate(lines, 1) if line == '      "id": "e12",'][1]
    assert [problem.split(": error: ")[0] for problem in expected[0]] == [f"{bad_date}:16", f"{second_id}:13"]
    assert "impossible date" in expected[0][0] and "duplicate id 'e12'" in expected[0][1]


def _calm_export(count: int, changes: dict | None = None) -> str:
    """An export every event of which the plain check takes (no other doubt to mask one);
    `changes` sets an event's key to a value: {index: (key, value)}."""
    events = [{"id": f"e{i}", "title": f"Event {i}", "start": f"2014-{i % 12 + 1:02d}-{i % 27 + 1:02d}", "precision": "day",
               "end": None, "tags": ["a"], "sources": [{"url": f"https://example.org/{i}", "title": "", "date": ""}],
               "media": None, "written": f"2014-{i % 12 + 1:02d}-{i % 27 + 1:02d}"} for i in range(count)]
    for index, (key, value) in (changes or {}).items():
        events[index][key] = value
    return json.dumps({"title": "Calm", "description": None, "events": events}, indent=2)


def test_a_key_named_twice_in_a_calm_export_is_reported_as_the_precise_reader_reports_it():
    text = _calm_export(3000)
    at = text.index('"title": "Event 2500"')
    text = text[:at] + '"title": "first", ' + text[at:]
    expected = precise(text)
    assert fast(text) == expected
    assert len(expected[0]) == 1 and "duplicate key 'title'" in expected[0][0]


def test_values_the_precise_reader_keeps_as_words_in_a_calm_export(monkeypatch):
    """true, numbers and a list's null are text to the precise reader; a mapping's null is
    dropped. Each in a chunk of its own (chunks of ten here), so no other doubt masks it."""
    monkeypatch.setattr(json_events, "CHUNK_ITEMS", 10)
    values = (True, False, 1e3, 2014, 0, [None], [True, "a"], {"caption": None, "url": "a.jpg"}, None, "2014 … 2015")
    keys = ("title", "start", "end", "tags", "media", "location", "display_date", "written", "edtf")
    changes = [(key, value) for key in keys for value in values]
    text = _calm_export(10 * len(changes) + 10, {number * 10 + 5: change for number, change in enumerate(changes)})
    assert fast(text) == precise(text)


def test_a_calm_export_written_as_libyaml_refuses_it_is_read_the_old_way():
    """Found by a helper's fuzz: a key whose `:` is on the next line, a header's nested null,
    tabs; libyaml refuses the first (and the precise reading then places nothing)."""
    calm = _calm_export(1100)
    texts = [calm.replace('"title": "Event 500"', '"title"\n   : "Event 500"'),
             calm.replace('"description": null', '"description": null, "categories": {"p": {"label": "P", "color": null}}'),
             calm.replace('\n  ', '\n\t'),
             calm.replace('"title": "Calm"', '"title": "Calm", "eras": [{"title": "E", "start": "2014", "end": null}]'),
             calm.replace('"title": "Event 500"', '"title"' + " " * 1030 + ': "Event 500"')]
    for text in texts:
        assert fast(text) == precise(text)


def test_our_exports_layout_is_read_a_chunk_at_a_time_and_any_other_layout_as_before(monkeypatch):
    """In the layout our export writes (`json.dumps(indent=2)`), the events are found by their
    lines and json reads them a chunk at a time; a line that only looks like an event's start
    (a hand-indented object inside one) costs the fast path, never the verdict."""
    text = _calm_export(2500)
    assert json_events._laid_out_events(text) is not None
    walked = []
    real_walk = json_events._walk
    monkeypatch.setattr(json_events, "_walk", lambda text, *args: (walked.append(len(text)), real_walk(text, *args))[1])
    assert fast(text) == precise(text) and fast(text)[0] == []
    assert max(walked) < 1000  # only the header went through the walk
    lines = text.split("\n")
    inside = lines.index('      "sources": [') + 1
    lines[inside] = "    {"  # an event's source written at the events' own indent
    moved = "\n".join(lines)
    assert fast(moved) == precise(moved)
    lines = text.split("\n")
    lines.insert(lines.index("  ]"), '    {"title": "After", "start": "2015"},')  # a line that is not the layout's
    odd = "\n".join(lines)
    assert fast(odd) == precise(odd)
