"""The Timeline Project's `.timeline` files (issue 15): the real samples load with what
they hold, what cannot be held is named in one warning, refusals say FILE:LINE:COL."""

import datetime
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.chronology.problems import ERROR, WARNING
from timeline_app.files.loader import is_editable, load_file, load_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interchange" / "thetimelineproject"


def by_title(result):
    return {event.title: event for event in result.chronology.events}


def xml(events="", categories="", eras="", view="", timetype="gregoriantime"):
    """A Timeline 2.x file around the given elements."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<timeline>\n  <version>2.5.0</version>\n'
        f"  <timetype>{timetype}</timetype>\n  <eras>{eras}</eras>\n  <categories>{categories}</categories>\n"
        f"  <events>{events}</events>\n  <view>{view}</view>\n</timeline>\n"
    )


def event(text, start="2020-01-01 00:00:00", end=None, extra=""):
    return f"<event><start>{start}</start><end>{end or start}</end><text>{text}</text>{extra}</event>"


# --- the real files -------------------------------------------------------------------------


def test_pre1_readonly_has_its_one_event_at_day_precision():
    result = load_file(DATA / "pre1_readonly.timeline")
    assert result.ok and result.problems == []
    (only,) = result.chronology.events
    assert (only.title, only.start.iso(), only.end.iso(), only.category) == ("Foo", "2009-01-19", "2009-01-25", "")
    assert result.chronology.title == "pre1_readonly"


def test_pre1_demo_reads_unpadded_times():
    result = load_file(DATA / "pre1_demo.timeline")
    assert result.ok and result.problems == []
    events = by_title(result)
    assert len(events) == 3
    released = events["Timeline 0.1.0 released"]
    assert released.start.iso() == "2009-04-11" and released.end is None
    go_to = events["Implementation of 'Go to Date'"]
    assert (go_to.start.iso(), go_to.end.iso()) == ("2009-06-13", "2009-06-23")


def test_pre1_data_indicator_test_keeps_categories_descriptions_and_times():
    result = load_file(DATA / "pre1_DataIndicatorTest.timeline")
    assert result.ok and result.problems == []
    chronology = result.chronology
    assert list(chronology.categories) == ["Short text", "No Data events", "Red backgound", "Multiple sentecnes", "Long text"]
    assert chronology.categories["Short text"].color == "#91dbff"
    assert chronology.categories["Red backgound"].color == "#ff0000"
    events = by_title(result)
    assert len(chronology.events) == 10
    short = events["Event with short text"]
    assert (short.start.iso(), short.end, short.category, short.description) == ("2009-10-05T14:31", None, "Short text", "Hello")
    assert events["Event with multiple sentences"].description == "Sentence one\nand two\n1\n2\nHere is more"
    gray = events["Data and Gray backgound"]
    assert (gray.start.iso(), gray.end.iso(), gray.category) == ("2009-09-01", "2009-09-04", "")


def test_pre1_error_file_says_where_each_bad_line_is():
    result = load_file(DATA / "pre1_error.timeline")
    assert not result.ok
    places = [(p.line, p.column, p.severity) for p in result.problems]
    assert places == [(1, 1, ERROR), (4, 14, ERROR), (6, 1, ERROR), (12, 53, ERROR), (12, 57, ERROR)]
    assert "173,300,230" in result.problems[1].message
    assert "unknown category 'Bar'" in result.problems[3].message
    assert sorted(by_title(result)) == ["Test1", "Test2"]


def test_xml_1_0_0_example():
    result = load_file(DATA / "xml_v1.0.0_example.timeline")
    assert result.ok and result.problems == []  # its font_color is Timeline's default black: nothing lost
    (only,) = result.chronology.events
    assert (only.title, only.start.iso(), only.end, only.category) == ("Test", "2012-07-04T13:20", None, "Test")
    assert result.chronology.categories["Test"].color == "#ff0000"


def test_xml_2_5_gregorian_sample():
    result = load_file(DATA / "xml_v2.5_gregorian_features_EXTRACTED_from_js.timeline")
    assert result.ok
    chronology = result.chronology
    assert len(chronology.events) == 18
    assert {cid: c.color for cid, c in chronology.categories.items()} == {
        "Welcome": "#eb52ff", "Introduction": "#fafa14", "Functions": "#2d82d2", "Saving": "#289a28"}
    assert [(e.title, e.start.iso(), e.end.iso(), e.color) for e in chronology.eras] == [
        ("Sample Era3", "2021-11-27", "2021-12-17", "#eedbf0"), ("Sample Era1", "2021-10-27", "2021-11-10", "#c6fbf5")]
    events = by_title(result)
    container = events["Container-1"]
    assert (container.tags, container.description) == (("container",), "A container can also have a description")
    remove = events["Remove Event"]
    assert (remove.tags, remove.category, remove.start.iso(), remove.end.iso()) == (
        ("container: Container-1",), "Functions", "2021-10-31T17:36", "2021-11-06T17:36")
    assert remove.description.endswith("hit the Delete button.")
    assert events["Move me"].tags == ("container: Container-2",)
    milestone = events["A"]
    assert (milestone.tags, milestone.start.iso(), milestone.end) == (("milestone",), "2021-11-02", None)
    assert events["Locked!"].tags == ("locked",)
    fuzzy = events["Fuzzy ends"]
    assert fuzzy.start.approximate and fuzzy.end.approximate
    assert not events["Zoom"].start.approximate
    assert events["Scrolla"].end is None and events["Scrolla"].end_open == "present"
    (warning,) = result.problems
    assert (warning.line, warning.column, warning.severity) == (23, 9, WARNING)
    assert "done_color ×4" in warning.message and "default_color) ×5" in warning.message


def test_numtime_sample_is_refused_at_its_timetype():
    result = load_file(DATA / "xml_v2.5_numtime_sample.timeline")
    assert result.chronology is None
    (problem,) = result.problems
    assert problem.format().endswith(
        "xml_v2.5_numtime_sample.timeline:4:3: error: this file counts time in 'numtime' "
        "(plain numbers, which are not calendar dates); only gregoriantime files are read")


def test_timeline_files_open_read_only():
    assert not is_editable(str(DATA / "xml_v1.0.0_example.timeline"))


# --- what the format holds, one thing at a time ---------------------------------------------


@pytest.mark.parametrize("name", ["numtime", "dectime", "bosparaniantime", "coptic", "pharaonic", "martian"])
def test_every_other_time_type_is_refused_by_name(name):
    result = load_text(xml(timetype=name), "t.timeline")
    (problem,) = result.problems
    assert (result.chronology, problem.line, problem.column) == (None, 4, 3)
    assert f"'{name}'" in problem.message and "only gregoriantime files are read" in problem.message


def test_category_parents_become_a_path_in_the_label():
    categories = (
        "<category><name>War</name><color>200,0,0</color></category>"
        "<category><name>Battles</name><color>0,0,255</color><parent>War</parent></category>"
        "<category><name>Sieges</name><color>0,255,0</color><parent>Battles</parent></category>"
    )
    result = load_text(xml(event("Siege of X", extra="<category>Sieges</category>"), categories), "t.timeline")
    assert result.ok
    labels = {cid: (c.label, c.color) for cid, c in result.chronology.categories.items()}
    assert labels == {"War": ("War", "#c80000"), "Battles": ("War › Battles", "#0000ff"), "Sieges": ("War › Battles › Sieges", "#00ff00")}
    assert result.chronology.events[0].category == "Sieges"


def test_what_fits_in_tags_is_kept_and_the_rest_named_in_one_warning():
    extra = (
        "<progress>40</progress><locked>True</locked>"
        "<hyperlink>https://example.org/a;file:///home/me/notes.txt;http://example.org/b</hyperlink>"
        "<alert>2020-01-01 10:00:00;Call</alert><icon>iVBORw0KGgo=</icon><default_color>1,2,3</default_color>"
    )
    view = "<hidden_categories><name>Secret</name></hidden_categories>"
    categories = "<category><name>Secret</name><color>1,1,1</color><font_color>9,9,9</font_color></category>"
    result = load_text(xml(event("Busy", extra=extra), categories, view=view), "t.timeline")
    assert result.ok
    (busy,) = result.chronology.events
    assert busy.tags == ("locked", "progress 40%")
    assert [source.url for source in busy.sources] == ["https://example.org/a", "http://example.org/b"]
    (warning,) = result.problems
    assert warning.severity == WARNING and (warning.line, warning.column) == (6, 64)  # the category's font_color
    for named in ("file:///home/me/notes.txt", "alert ×1", "icon", "default_color) ×1", "hidden category", "'Secret'", "font_color"):
        assert named in warning.message


def test_an_era_ending_today_gets_todays_date_and_a_warning():
    era = "<era><name>Now</name><start>2020-01-01 00:00:00</start><end>2020-02-01 00:00:00</end><color>10,20,30</color><ends_today>True</ends_today></era>"
    result = load_text(xml(eras=era), "t.timeline")
    assert result.ok
    (now,) = result.chronology.eras
    assert (now.start.iso(), now.end.iso(), now.color) == ("2020-01-01", datetime.date.today().isoformat(), "#0a141e")
    assert "era ending today" in result.problems[0].message


def test_fuzzy_marks_both_ends_approximate_and_a_point_stays_a_point():
    events = event("Both", "2020-01-01 00:00:00", "2020-03-01 00:00:00", "<fuzzy>True</fuzzy>") + event("Point", extra="<fuzzy>True</fuzzy>")
    result = load_text(xml(events), "t.timeline")
    assert result.ok and result.problems == []
    found = by_title(result)
    assert found["Both"].start.approximate and found["Both"].end.approximate
    assert found["Point"].start.approximate and found["Point"].end is None


def test_negative_years_and_texts_that_begin_with_a_bracket():
    events = event("Ides", "-43-3-15 0:0:0") + event(" (not a subevent)") + event(" [not a container]")
    result = load_text(xml(events), "t.timeline")
    assert result.ok
    found = by_title(result)
    assert found["Ides"].start.iso() == "-0043-03-15"
    assert {"(not a subevent)", "[not a container]"} <= set(found)


def test_a_subevent_of_an_unknown_container_is_named():
    result = load_text(xml(event("(9)Lost")), "t.timeline")
    assert result.ok and by_title(result)["Lost"].tags == ()
    assert "subevent of a container not in the file" in result.problems[0].message


def test_bad_times_and_colours_are_errors_at_their_place():
    events = event("Bad", start="yesterday", end="2020-01-01 00:00:00") + event("Good")
    categories = "<category><name>C</name><color>300,0,0</color></category>"
    result = load_text(xml(events, categories), "t.timeline")
    messages = [(p.line, p.column, p.message.split(":")[0]) for p in result.problems]
    assert messages == [(6, 46, "colour '300,0,0' is not r,g,b with each 0 to 255, e.g. 255,0,0"),
                        (7, 25, "time 'yesterday' is not written as Timeline writes times, e.g. 2011-12-10 12")]
    assert [e.title for e in result.chronology.events] == ["Good"]


def test_an_unknown_category_is_the_usual_error():
    result = load_text(xml(event("E", extra="<category>Nope</category>")), "t.timeline")
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.severity) == (7, 106, ERROR)
    assert "unknown category 'Nope'" in problem.message


@pytest.mark.parametrize(
    "text, place, words",
    [
        ("<timeline><version>2.5.0</version><events><event>", (1, 50), "no element found"),
        ("<timeline>\n  <é>x</b>\n</timeline>", (2, 9), "mismatched tag"),
        ('<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "b">]>\n<timeline/>', (2, 25), "entity declarations are not read"),
        ("<events/>", (1, 1), "expected a Timeline file's <timeline> element"),
        ("some notes\nabout nothing", (1, 1), "not a Timeline file"),
        ("  \n", (1, 1), "file is empty"),
    ],
)
def test_what_is_not_a_timeline_file_is_refused_at_a_place(text, place, words):
    result = load_text(text, "t.timeline")
    (problem,) = result.problems
    assert result.chronology is None and (problem.line, problem.column) == place and words in problem.message


def test_no_input_raises_or_reports_an_internal_error():
    rng = random.Random(15)
    samples = [path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.timeline"))]
    for _ in range(1500):
        text = rng.choice(samples)
        cut = rng.randrange(len(text) + 1)
        choice = rng.randrange(3)
        if choice == 0:
            text = text[:cut]
        elif choice == 1:
            text = text[:cut] + rng.choice(["<", "&", ";", "\\", "[1]", "(", "99999999999999999999", "-", "é", "\x00"]) + text[cut:]
        else:
            text = "".join(chr(rng.randrange(1, 0x250)) for _ in range(rng.randrange(120)))
        for problem in load_text(text, "f.timeline").problems:
            assert problem.line >= 1 and problem.column >= 1
            assert "internal error" not in problem.message and "could not be checked" not in problem.message, text


def test_random_bytes_in_a_timeline_file_are_refused_not_raised(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.timeline"
    for _ in range(50):
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(300))))
        result = load_file(path)
        assert result.ok or result.problems
        assert all("internal error" not in problem.message for problem in result.problems)


# --- the command line -----------------------------------------------------------------------


def run(*args):
    """The CLI as a user runs it, with no display: --check and --export must not need one."""
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], check=False, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def test_check_and_export_of_a_timeline_file():
    sample = "tests/data/interchange/thetimelineproject/xml_v2.5_gregorian_features_EXTRACTED_from_js.timeline"
    checked = run("--check", sample)
    assert checked.returncode == 0
    assert checked.stdout.strip().startswith(f"{sample}:23:9: warning: this format has no place")
    exported = run("--export", "-", sample)
    assert exported.returncode == 0
    document = json.loads(exported.stdout)
    assert len(document["events"]) == 18 and document["title"] == "xml_v2.5_gregorian_features_EXTRACTED_from_js"
    assert {"Welcome", "Introduction", "Functions", "Saving"} == set(document["categories"])


def test_check_of_a_refused_timeline_file_exits_1():
    refused = run("--check", "tests/data/interchange/thetimelineproject/xml_v2.5_numtime_sample.timeline")
    assert refused.returncode == 1
    assert ":4:3: error: this file counts time in 'numtime'" in refused.stdout + refused.stderr


def test_a_file_in_the_encoding_its_xml_declaration_names_is_read_in_it(tmp_path):
    path = tmp_path / "old.timeline"
    path.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<timeline><version>1.0.0</version><categories/><events>'
        '<event><start>2010-10-01 00:00:00</start><end>2010-10-01 00:00:00</end><text>Café</text></event>'
        '</events><view/></timeline>\n'.encode("latin-1"))
    result = load_file(path)
    assert result.ok, result.problems
    assert [event.title for event in result.chronology.events] == ["Café"]
    path.write_bytes(path.read_bytes().replace(b"ISO-8859-1", b"klingon-8"))
    (problem,) = load_file(path).problems
    assert "unknown encoding 'klingon-8'" in problem.message
