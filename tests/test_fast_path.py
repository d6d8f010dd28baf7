"""The fast reader (large files) and the precise reader (problems) must build the same chronology."""

from synthetic import synthetic_yaml

from timeline_app.chronology.problems import in_file_order
from timeline_app.files.fast_reader import EventStream, read_fast
from timeline_app.files.loader import load_text
from timeline_app.files.validation import build_chronology
from timeline_app.files.yaml_reader import read_precise


def test_fast_and_precise_readers_agree_on_a_synthetic_chronology():
    text = synthetic_yaml(3000, seed=7)
    fast_root, header_problems = read_fast(text)
    assert isinstance(fast_root["events"], EventStream)
    fast, fast_problems = build_chronology(fast_root)
    precise_root, problems = read_precise(text)
    precise, precise_problems = build_chronology(precise_root)
    assert not problems and not header_problems and not fast_problems and not precise_problems
    assert fast.as_dict() == precise.as_dict()
    assert [e.line for e in fast.events] == [e.line for e in precise.events]


def test_fast_reader_steps_aside_for_anything_unusual():
    assert read_fast("title: x\nevents:\n  - {title: a, start: 2014}\nother: 1\n  - {title: b, start: 2014}\n") is None
    result = load_text("title: x\nevents:\n  - title: 1969\n    start: 2014\n")
    assert result.ok and result.chronology.events[0].title == "1969"


def test_a_problem_found_on_the_fast_path_still_gets_its_line():
    lines = synthetic_yaml(2500, seed=3).splitlines()
    target = max(i for i, line in enumerate(lines) if line.startswith("    start:"))
    lines[target] = "    start: 31 June 2014"
    result = load_text("\n".join(lines))
    assert not result.ok
    (problem,) = result.problems
    assert (problem.line, problem.column) == (target + 1, 12) and "impossible date" in problem.message


def test_windows_line_endings_keep_the_fast_path():
    text = synthetic_yaml(500, seed=2).replace("\n", "\r\n")
    fast = read_fast(text)
    assert fast is not None
    chronology, problems = build_chronology(fast[0])
    assert len(chronology.events) == 500 and not problems


def test_unknown_tags_are_refused_on_every_path():
    text = "title: x\nevents:\n  - title: !thing a\n    start: 2014\n" + "".join(
        f"  - title: e{i}\n    start: 2014\n" for i in range(50)
    )
    result = load_text(text)
    assert not result.ok and "tag '!thing'" in result.problems[0].message
    assert (result.problems[0].line, result.problems[0].column) == (3, 12)


def test_problems_in_a_huge_file_are_found_chunk_by_chunk_exactly_as_the_slow_path_finds_them():
    lines = synthetic_yaml(4500, seed=5).splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("    start:")]
    ids = [i for i, line in enumerate(lines) if line.startswith("  - id:")]
    lines[starts[10]] = "    start: 31 June 2014"  # chunk 1
    lines[starts[2600]] += "  # fine"  # a comment, not a problem
    lines[ids[2700]] = "  - id: e5"  # duplicate of an id in chunk 1, found in chunk 2
    lines[starts[4400]] = "    start: 2014\n    colour: red"  # chunk 3: an unknown key
    text = "\n".join(lines) + "\n"
    mixed = load_text(text)
    slow_root, slow_problems = read_precise(text)
    _, slow_more = build_chronology(slow_root)
    assert [(p.line, p.column, p.severity, p.message) for p in mixed.problems] == [
        (p.line, p.column, p.severity, p.message) for p in in_file_order(slow_problems + slow_more)
    ]
    assert [p.severity for p in mixed.problems] == ["error", "error", "warning"]
    assert "first used at line" in mixed.problems[1].message


def test_a_chunk_read_again_does_not_leave_its_categories_or_ids_behind():
    text = "title: t\nevents:\n" + "".join(
        f"  - {{id: x{i}, title: e{i}, start: 2014, category: c{i % 3}}}\n" for i in range(2100)
    ) + "  - {id: last, title: 1969, start: 2015, category: late}\n"
    result = load_text(text)
    assert result.ok and not result.problems
    assert list(result.chronology.categories) == ["c0", "c1", "c2", "late"]
    assert result.chronology.events[-1].title == "1969"


def test_files_as_people_write_them_are_served_fast_with_the_precise_answer(monkeypatch):
    """Arabic and macrons, years written bare, times unquoted, descriptions in literal blocks,
    ids with underscores: each once cost a file seconds (a doubt on every chunk, or a search tried
    at every character); none of it may send an event to the precise reader, and the answer is its."""
    import re

    from timeline_app.files import fast_reader

    text = synthetic_yaml(2500, seed=4, style="world")
    text = re.sub(r'start: "(\d{4}-\d\d-\d\d \d\d:\d\d)"', r"start: \1", text)  # times unquoted
    text = text.replace("  - id: e", "  - id: event_")
    text = re.sub(r"    description: (.*)\n(?=    sources: \['https://example.org/report/\d*0'\])",
                  r"    description: |\n      \1\n", text)  # a tenth of the descriptions as literal blocks
    assert "start: 2" in text and "description: |" in text and "طرابلس" in text
    reread = []
    real = fast_reader.Chunk.read_precise
    monkeypatch.setattr(fast_reader.Chunk, "read_precise", lambda chunk: reread.append(chunk) or real(chunk))
    fast_root, header_problems = read_fast(text)
    fast, fast_problems = build_chronology(fast_root)
    precise_root, problems = read_precise(text)
    precise, precise_problems = build_chronology(precise_root)
    assert not reread
    assert not (problems or header_problems or fast_problems or precise_problems)
    assert fast.as_dict() == precise.as_dict() and len(fast.events) == 2500


def test_keys_of_ones_own_beside_events_with_problems_get_the_precise_answer():
    """A chunk with a key of the user's own and an event with a problem is checked a run at a
    time with the keys set aside: every warning and error where the precise reader puts it."""
    import re

    from test_fast_precise_agree import fast_verdict, precise_verdict

    text = synthetic_yaml(3000, seed=5)
    for every in (1, 7):
        count = iter(range(10**6))
        owned = re.sub(r"    category:", lambda m: ("    importance: high\n" if next(count) % every == 0 else "") + m[0], text)
        count = iter(range(10**6))
        broken = re.sub(r'start: "[^"]*"', lambda m: 'start: "2014-13-45"' if next(count) % 97 == 0 else m[0], owned)
        precise, fast = precise_verdict(broken), fast_verdict(broken)
        assert fast == precise and any("unknown key" in line for line in fast[0]) and any("month 13" in line for line in fast[0])


def test_what_follows_the_events_list_is_read_at_its_own_lines():
    """The header is read precisely with the list emptied: a key after the list keeps its line
    (the list's lines stand there empty); blank and comment lines after it need no lines kept."""
    import sys

    from test_fast_precise_agree import fast_verdict, precise_verdict

    fast_reader = sys.modules["timeline_app.files.fast_reader"]
    events = "".join(f"  - title: Event {n}\n    start: 2014-06-{n % 28 + 1:02d}\n" for n in range(2500))
    after_key = "title: T\nevents:\n" + events + "eras:\n  - {title: E, start: 2014-02-30, end: 2015}\n"
    after_comments = "title: T\nevents:\n" + events + "\n# the end\n  # indented comment\n\n   \n"
    for text in (after_key, after_comments, after_comments.rstrip("\n"), "title: T\nevents:\n" + events):
        assert fast_verdict(text) == precise_verdict(text)
    assert fast_verdict(after_key)[0] == ["5004:23: error: bad `start`: impossible date '2014-02-30': February 2014 has 28 days"]
    read = []
    real = fast_reader.read_precise

    def reading(text, *args, **kwargs):
        read.append(text)
        return real(text, *args, **kwargs)

    try:
        fast_reader.read_precise = reading
        assert read_fast(after_comments) is not None and read_fast(after_key) is not None
    finally:
        fast_reader.read_precise = real
    assert read[0] == "title: T\nevents: []\n"  # (not 5,000 empty lines for libyaml to count)
    assert read[1].count("\n") == after_key.count("\n")
