"""Every class of bad input gets a message at the right line and column."""

import time

import pytest

from timeline_app.files.loader import load_file, load_text

GOOD_EVENT = "  - {title: ok, start: 2014}\n"

CASES = [
    # (name, file text, line, column, fragment of the message)
    ("unclosed bracket", "title: x\nevents:\n  - title: a\n    tags: [1, 2\n  - title: b\n", 5, 10, "the [ opened at line 4, column 11 is never closed"),
    ("tab indentation", "title: x\nevents:\n\t- title: a\n", 3, 1, "tab character"),
    ("bad indentation", "title: x\nevents:\n  - title: a\n    start: 2014\n   bad: 1\n", 5, 4, "YAML syntax error"),
    ("top level a list", "- a\n- b\n", 1, 1, "top level must be a mapping"),
    ("events not a list", "title: x\nevents: {a: 1}\n", 2, 9, "`events` must be a list"),
    ("event not a mapping", "title: x\nevents:\n  - just text\n", 3, 5, "an event must be a mapping"),
    ("missing title", "title: x\nevents:\n  - start: 2014\n", 3, 5, "missing `title`"),
    ("empty title", 'title: x\nevents:\n  - title: ""\n    start: 2014\n', 3, 12, "`title` is empty"),
    ("missing start", "title: x\nevents:\n  - title: a\n", 3, 5, "missing `start`"),
    ("end without start", "title: x\nevents:\n  - title: a\n    end: 2014\n", 4, 10, "`end` but no `start`"),
    ("impossible day", "title: x\nevents:\n  - title: a\n    start: 31 June 2014\n", 4, 12, "June 2014 has 30 days"),
    ("impossible month", "title: x\nevents:\n  - {title: a, start: 2014-13-01}\n", 3, 23, "no month 13"),
    ("year-less date", "title: x\nevents:\n  - {title: a, start: 20 October}\n", 3, 23, "no year"),
    ("weekday only", "title: x\nevents:\n  - {title: a, start: Monday}\n", 3, 23, "no year"),
    ("ambiguous date", "title: x\nevents:\n  - {title: a, start: 03/04/2014}\n", 3, 23, "date_order"),
    ("unparseable date", "title: x\nevents:\n  - {title: a, start: soonish}\n", 3, 23, "unrecognised date"),
    ("end before start", "title: x\nevents:\n  - {title: a, start: 2014-06-25, end: 2014-06-01}\n", 3, 40, "before `start`"),
    ("duplicate id", "title: x\nevents:\n  - {id: a, title: a, start: 2014}\n  - {id: a, title: b, start: 2014}\n", 4, 10, "duplicate id 'a' (first used at line 3)"),
    ("duplicate key", "title: x\nevents:\n  - title: a\n    start: 2014\n    title: b\n", 5, 5, "duplicate key 'title'"),
    ("unknown category", "title: x\ncategories:\n  war: {label: War, color: '#ff0000'}\nevents:\n  - {title: a, start: 2014, category: wat}\n", 5, 39, "did you mean 'war'"),
    ("invalid colour", "title: x\ncategories:\n  war: {label: War, color: red}\nevents: []\n", 3, 28, "invalid colour 'red'"),
    ("javascript link", "title: x\nevents:\n  - title: a\n    start: 2014\n    sources: ['javascript:alert(1)']\n", 5, 15, "scheme 'javascript'"),
    ("file link", "title: x\nevents:\n  - title: a\n    start: 2014\n    sources: [{url: 'file:///etc/passwd'}]\n", 5, 21, "scheme 'file'"),
    ("python tag", "title: x\nevents:\n  - title: !!python/object/apply:os.system ['true']\n    start: 2014\n", 3, 12, "tag"),
    ("local tag", "title: x\nevents:\n  - title: !thing a\n    start: 2014\n", 3, 12, "tag '!thing'"),
    ("empty file", "", 1, 1, "file is empty"),
    ("comments only", "# nothing yet\n\n", 1, 1, "file is empty"),
    ("absurd nesting", "title: x\nevents:\n  - {title: a, start: 2014, tags: " + "[" * 200 + "]" * 200 + "}\n", 3, None, "nesting deeper"),
    ("unknown source name", "title: x\nevents:\n  - {title: a, start: 2014, sources: [vice]}\n", 3, 39, "unknown source 'vice'"),
]


@pytest.mark.parametrize("name, text, line, column, fragment", CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_reported_at_its_place(tmp_path, name, text, line, column, fragment):
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = load_file(path)
    assert time.perf_counter() - started < 5  # a generous ceiling: a hang is the bug, not slowness
    assert not result.ok
    errors = [p for p in result.problems if p.severity == "error"]
    matching = [p for p in errors if fragment in p.message]
    assert matching, [p.format() for p in result.problems]
    assert matching[0].line == line
    if column is not None:
        assert matching[0].column == column
    assert matching[0].format().startswith(f"{path}:{line}:")


def test_all_problems_of_a_file_are_reported_not_just_the_first():
    text = (
        "title: x\nevents:\n"
        "  - {title: a, start: 31 June 2014}\n"
        "  - {title: b, start: 2014, sources: ['javascript:x()']}\n"
        "  - {start: 2014}\n"
    )
    lines = sorted(p.line for p in load_text(text).problems)
    assert lines == [3, 4, 5]


def test_unknown_keys_are_warnings_with_a_suggestion():
    result = load_text("title: x\nevents:\n  - {title: a, start: 2014, titel: b}\n")
    assert result.ok  # a warning does not make the file invalid
    (warning,) = result.problems
    assert warning.severity == "warning" and (warning.line, warning.column) == (3, 29)
    assert "did you mean 'title'" in warning.message


@pytest.mark.parametrize(
    "data, line, column, fragment",
    [
        (b"title: caf\xe9\nevents: []\n", 1, 11, "not UTF-8"),
        (b"title: x\nevents: []\x00\n", 2, 11, "NUL byte"),
    ],
)
def test_files_that_are_not_text_say_where(tmp_path, data, line, column, fragment):
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column) == (line, column) and fragment in problem.message


def test_bom_and_crlf_are_fine(tmp_path):
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: x\r\nevents:\r\n  - title: a\r\n    start: 2014\r\n")
    result = load_file(path)
    assert result.ok and result.chronology.events[0].title == "a"


def test_an_alias_bomb_is_answered_at_once():
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghijk":
        text += f"{name}: &{name} [" + ",".join(["*" + previous] * 9) + "]\n"
        previous = name
    text += "title: bomb\nevents:\n  - {title: a, start: 2014, tags: *k}\n"
    started = time.perf_counter()
    result = load_text(text)
    assert time.perf_counter() - started < 5
    assert any("`tag` must be text" in p.message for p in result.problems)


def test_a_missing_file_says_so(tmp_path):
    (problem,) = load_file(tmp_path / "nope.yaml").problems
    assert "cannot read file" in problem.message and "No such file" in problem.message


@pytest.mark.parametrize(
    "text, line, column, fragment",
    [
        ('title: t\nevents:\n  - title: "unclosed\n    start: 2014\n  - title: ok\n    start: 2015\n  - title: "x"\n    start: 2016\n',
         7, 13, "the one opened at line 3, column 12 is not closed on its line"),
        ("title: t\nevents:\n  - title: [a, b\n    start: 2014\n  - title: ok\n    start: 2015\n",
         4, 10, "the [ opened at line 3, column 12 is never closed"),
        ("title: t\nevents:\n  - title: 'it''s open\n    start: 2014\n", 5, 1, "the quote opened at line 3, column 12 is never closed"),
        ("title: t\nevents:\n  - {title: x, start: 2014\n  - title: y\n    start: 2015\n", 4, 10, "the { opened at line 3, column 5 is never closed"),
    ],
)
def test_a_syntax_error_points_at_the_quote_or_bracket_that_caused_it(text, line, column, fragment):
    (problem,) = load_text(text).problems
    assert (problem.line, problem.column) == (line, column) and fragment in problem.message
    # the same words from the fast reader, in a file large enough for it
    big = text.replace("events:\n", "events:\n" + "".join(f"  - {{title: e{i}, start: 2014}}\n" for i in range(2500)))
    (fast,) = load_text(big).problems
    assert (fast.line, fast.column) == (line + 2500, column)
    assert fast.message == problem.message.replace("line 3,", "line 2503,").replace("line 3 ", "line 2503 ")


def test_a_long_value_folded_over_lines_is_no_missing_quote():
    """`yaml.safe_dump` folds a long double-quoted value over lines; an error further down must
    not be blamed on it ("is a quote missing?")."""
    import yaml

    folded = yaml.safe_dump({"title": "t", "events": [{"title": "Talks", "start": "2014",
                                                        "description": "Caf\u00e9 talks in Krak\u00f3w. " * 12}]}, width=50)
    assert folded.count("\\\n") > 2
    text = folded + "  - title: broken\n    start: 2015\n    tags: [a, b]]\n"
    (problem,) = load_text(text).problems
    assert "syntax error" in problem.message and "quote" not in problem.message
    # a quote closed only after `key:` lines it swallowed is still named
    swallowed = "title: t\nevents:\n  - title: \"unclosed\n    start: 2014\n    tags: \"x\"]\n"
    (problem,) = load_text(swallowed).problems
    assert "the one opened at line 3, column 12 is not closed on its line" in problem.message
