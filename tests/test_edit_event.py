"""Changing an event from the command line (--edit FILE ID): only the changed fields' text moves."""

import subprocess
import sys

import pytest
from conftest import ROOT

from timeline_app.files.add_event import AddError
from timeline_app.files.edit_event import edit_event
from timeline_app.files.loader import load_file

FILE = (
    "title: t\n"
    "events:\n"
    "  - id: a\n"
    "    title: First   # keep this comment\n"
    "    start: 2014\n"
    "    description: >-\n"
    "      a folded\n"
    "      description\n"
    "    tags: [x, y]\n"
    "\n"
    "  - id: b\n"
    "    title: Second\n"
    "    start: 2015\n"
)


def test_a_changed_value_is_replaced_where_it_stands_and_its_comment_stays(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    edit_event(str(path), "a", {"title": "First, renamed"})
    assert path.read_text() == FILE.replace("    title: First   #", '    title: "First, renamed"   #')


def test_a_block_value_is_replaced_whole_and_new_fields_come_at_the_end(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    edit_event(str(path), "a", {"description": "short now", "location": "Tripoli", "tags": None})
    lines = FILE.splitlines(keepends=True)
    expected = lines[:5] + ['    description: "short now"\n', '    location: "Tripoli"\n'] + lines[9:]
    assert path.read_text() == "".join(expected)
    event = load_file(path).chronology.events[0]
    assert (event.description, event.location, event.tags) == ("short now", "Tripoli", ())


def test_crlf_stays_and_other_events_do_not_move(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(FILE.replace("\n", "\r\n").encode())
    edit_event(str(path), "b", {"start": "March 2015", "end": "April 2015"})
    data = path.read_bytes().decode()
    assert data.startswith(FILE.replace("\n", "\r\n").split("  - id: b")[0])
    assert data.endswith('    start: "March 2015"\r\n    end: "April 2015"\r\n')


def test_an_id_changes_where_it_stands_and_media_is_added_at_the_end(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    edit_event(str(path), "b", {"id": "second", "media": {"url": "photo.jpg", "caption": "At dawn"}})
    assert path.read_text() == FILE.replace("  - id: b\n", '  - id: "second"\n') + \
        '    media: {url: "photo.jpg", caption: "At dawn"}\n'
    event = load_file(path).chronology.events[1]
    assert (event.id, event.media.url, event.media.caption) == ("second", "photo.jpg", "At dawn")


@pytest.mark.parametrize("changes, fragment", [
    ({"start": "31 June 2014"}, "not leave a valid file"),
    ({"title": None}, "keeps its title"),
    ({"id": "b"}, "not leave a valid file"),
    ({"colour": "red"}, "cannot change colour"),
    ({"media": "javascript:alert(1)"}, "not leave a valid file"),
])
def test_refusals_leave_the_file_untouched(tmp_path, changes, fragment):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    with pytest.raises(AddError, match=fragment):
        edit_event(str(path), "a", changes)
    assert path.read_text() == FILE


def test_on_the_command_line(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    run = lambda *args: subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                                       cwd=ROOT, timeout=60)
    done = run("--edit", str(path), "b", "--title", "Second, better", "--clear", "end")
    assert done.returncode == 0 and "changed 'b'" in done.stdout
    assert load_file(path).chronology.events[1].title == "Second, better"
    assert run("--edit", str(path), "b").returncode == 2
    renamed = run("--edit", str(path), "b", "--id", "bee", "--media", "https://example.org/b.jpg", "--display-date", "later")
    assert renamed.returncode == 0 and "now 'bee'" in renamed.stdout, renamed.stderr
    event = load_file(path).chronology.events[1]
    assert (event.id, event.media.url, event.display_date) == ("bee", "https://example.org/b.jpg", "later")
    assert run("--edit", str(path), "b", "--clear", "title").returncode == 2
    refused = run("--edit", str(path), "zz", "--title", "x")
    assert refused.returncode == 1 and f"{path}:1:1: error: not changed: there is no event with the id" in refused.stderr


def test_an_event_without_an_id_can_be_renamed_and_redated(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: T\nevents:\n  - title: No id here\n    start: 2015\n  - title: No id here\n    start: 2016\n"
    path.write_text(text)
    changed = edit_event(str(path), "2015-no-id-here", {"title": "Renamed", "start": "2014"})
    assert (changed.id, changed.title) == ("2014-renamed", "Renamed")
    assert path.read_text() == text.replace("  - title: No id here\n    start: 2015\n", '  - title: "Renamed"\n    start: "2014"\n', 1)


def test_a_field_on_the_dash_line_is_cleared_and_the_dash_stays(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: T\nevents:\n  - location: Paris   # where\n    id: b\n    title: B\n    start: 2014\n"
    path.write_text(text)
    edit_event(str(path), "b", {"location": None})
    assert path.read_text() == text.replace("  - location: Paris   # where\n", "  -\n")
    assert load_file(path).chronology.events[0].location == ""


def test_a_new_field_on_a_file_without_a_final_line_break(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: T\nevents:\n  - id: b\n    title: B\n    start: 2015"
    path.write_text(text)
    edit_event(str(path), "b", {"location": "X"})
    assert path.read_text() == text + '\n    location: "X"\n'


def test_a_change_to_what_the_file_already_says_writes_nothing(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    assert edit_event(str(path), "b", {"start": "2015", "location": None}) is None
    assert path.read_text() == FILE


def test_an_event_with_a_merge_key_is_refused_at_its_line(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: T\ndefaults: &d {category: war}\nevents:\n  - <<: *d\n    id: b\n    title: B\n    start: 2014\n"
    path.write_text(text)
    with pytest.raises(AddError, match="merge key") as refused:
        edit_event(str(path), "b", {"title": "C"})
    assert refused.value.where == (4, 1) and path.read_text() == text


@pytest.mark.parametrize("chomp", ["|", "|+", ">-"])
@pytest.mark.parametrize("change", [{"description": "short"}, {"description": None}])
def test_the_blank_line_after_a_block_description_stays_between_the_events(tmp_path, chomp, change):
    path = tmp_path / "events.yaml"
    text = f"title: T\nevents:\n  - id: a\n    title: A\n    start: 2014\n    description: {chomp}\n      kept\n\n" \
           "  - id: b\n    title: B\n    start: 2015\n"
    path.write_text(text)
    edit_event(str(path), "a", change)
    new = '    description: "short"\n' if change["description"] else ""
    assert path.read_text() == text.replace(f"    description: {chomp}\n      kept\n", new)


def test_a_new_field_after_a_block_description_goes_before_the_blank_line(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: T\nevents:\n  - id: a\n    title: A\n    start: 2014\n    description: |\n      text here\n\n" \
           "  - id: b\n    title: B\n    start: 2015\n"
    path.write_text(text)
    edit_event(str(path), "a", {"location": "X"})
    assert path.read_text() == text.replace("      text here\n\n", '      text here\n    location: "X"\n\n')


def test_a_comment_on_the_key_line_of_a_replaced_block_value_stays(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: T\nevents:\n  - id: a\n    title: A\n    start:   # the Reuters date\n      2014\n" \
           "    description: |  # long\n      two\n      lines\n"
    path.write_text(text)
    edit_event(str(path), "a", {"start": "2013", "description": "one"})
    assert path.read_text() == "title: T\nevents:\n  - id: a\n    title: A\n" \
        '    start: "2013"  # the Reuters date\n    description: "one"  # long\n'
