"""Never crash, never hang, never lose a byte: the cases an adversarial review found, and their siblings."""

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from timeline_app.files.add_event import AddError, NewEvent, add_event
from timeline_app.files.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
GOOD = "title: Test\nevents:\n  - {id: a, title: First, start: 2014-01-01}\n  - {id: b, title: Second, start: 2014-06-01}\n"


def run(*args, timeout=30):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=timeout)


def write(tmp_path, text, name="events.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- a malformed value is a problem at its place, on every entry point --------------------

BAD_LINK = "title: t\nevents:\n  - title: a\n    start: 2014\n    sources: ['https://[oops']\n"


@pytest.mark.parametrize("link", ["https://[oops", "http://[::1", "https://exa mple.org/\x7f"])
def test_a_malformed_link_is_a_problem_and_the_next_file_is_still_checked(tmp_path, link):
    bad = write(tmp_path, BAD_LINK.replace("https://[oops", link.replace("\x7f", "\\x7f")).replace("'", '"'), "bad.yaml")
    good = write(tmp_path, GOOD, "good.yaml")
    result = run("--check", str(bad), str(good))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{bad}:5:")
    assert "link" in result.stdout
    assert run("--check", str(good)).returncode == 0


def test_a_malformed_link_exports_nothing_and_add_refuses_it(tmp_path):
    bad = write(tmp_path, BAD_LINK)
    exported = run("--export", "-", str(bad))
    assert exported.returncode == 1 and exported.stdout == "" and "Traceback" not in exported.stderr
    good = write(tmp_path, GOOD, "good.yaml")
    before = good.read_bytes()
    added = run("--add", str(good), "--title", "x", "--start", "2015", "--source", "https://[oops")
    assert added.returncode == 1 and "malformed" in added.stderr and "Traceback" not in added.stderr
    assert good.read_bytes() == before


def test_the_window_opens_a_file_with_a_malformed_link_and_live_reload_goes_on(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = write(tmp_path, GOOD)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    path.write_text(BAD_LINK)
    qtbot.waitUntil(lambda: window.problems_panel.count() == 1, timeout=3000)
    assert "malformed" in window.problems_panel.item(0).text()
    path.write_text(GOOD.replace("Second", "Fixed"))
    qtbot.waitUntil(lambda: window.problems_panel.count() == 0 and window.index.events[1].title == "Fixed", timeout=3000)


# --- special files: refused from their type, never read or waited on ----------------------

def test_devices_directories_and_pipes_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run("--check", "/dev/zero", str(fifo), str(tmp_path), timeout=20)
    assert time.monotonic() - started < 15
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "/dev/zero:1:1: error: cannot read a character device: give the path of a chronology file",
        f"{fifo}:1:1: error: cannot read a named pipe (FIFO): give the path of a chronology file",
        f"{tmp_path}:1:1: error: cannot read a directory: give the path of a chronology file",
    ]


def test_the_window_does_not_hang_on_a_pipe(qtbot, tmp_path):
    from timeline_app import MainWindow

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    window = MainWindow(fifo)  # would block forever in open() before
    qtbot.addWidget(window)
    assert "named pipe" in window.problems_panel.item(0).text()


def test_add_refuses_a_device(tmp_path):
    result = run("--add", "/dev/null", "--title", "x", "--start", "2014")
    assert result.returncode == 1 and "character device" in result.stderr


# --- empty values are empty, with the C loader users run -----------------------------------

def test_an_empty_events_list_is_a_valid_empty_chronology(tmp_path):
    path = write(tmp_path, "title: Just started\nevents:\n")
    assert run("--check", str(path)).returncode == 0
    assert json.loads(run("--export", "-", str(path)).stdout)["events"] == []


def test_empty_tags_end_and_a_tilde_category_mean_nothing(tmp_path):
    path = write(tmp_path, "title: t\nevents:\n  - title: a\n    start: 2014\n    tags:\n    category: ~\n    end:\n")
    result = run("--export", "-", str(path))
    assert result.returncode == 0, result.stderr
    event = json.loads(result.stdout)["events"][0]
    assert event["tags"] == [] and not event["category"] and event["end"] is None
    assert json.loads(result.stdout)["categories"] == {}


# --- what a file holds never reaches the terminal raw --------------------------------------

@pytest.mark.parametrize("payload", ["\x1b[2K\rall good", "\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07", "\x9b31m", "\u202eevil", "\x08\x08"])
def test_control_characters_in_values_are_escaped_in_messages(tmp_path, payload):
    escaped = json.dumps(payload)  # a double-quoted YAML scalar can carry any of them
    path = write(tmp_path, f"title: t\nevents:\n  - title: a\n    start: {escaped}\n")
    result = run("--check", str(path))
    assert result.returncode == 1
    assert not any(ch in result.stdout for ch in payload if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e")
    assert "\\x" in result.stdout or "\\u" in result.stdout


# --- a forbidden character is reported where it is -----------------------------------------

@pytest.mark.parametrize("prefix", ["", "é€😀 "])
def test_an_unacceptable_character_is_placed_at_its_line_and_column(tmp_path, prefix):
    path = write(tmp_path, f"title: t\nevents:\n  - title: \"{prefix}a\x07b\"\n    start: 2014\n")
    result = run("--check", str(path))
    column = len('  - title: "') + len(prefix) + 2
    assert result.stdout.startswith(f"{path}:3:{column}: error: character U+0007 is not allowed")


# --- --add never loses a byte ---------------------------------------------------------------

def test_add_after_a_keep_chomped_description_keeps_its_trailing_newlines(tmp_path):
    path = write(tmp_path, "title: t\nevents:\n  - title: x\n    start: 2014\n    description: |+\n      keep\n\n\n")
    assert load_file(path).chronology.events[0].description == "keep\n\n\n"
    add_event(str(path), NewEvent(title="New", start="2015"))
    events = load_file(path).chronology.events
    assert events[0].description == "keep\n\n\n" and events[1].title == "New"
    assert path.read_text().startswith("title: t\nevents:\n  - title: x\n    start: 2014\n    description: |+\n      keep\n\n\n")


def test_add_when_the_first_event_opens_with_a_dash_alone(tmp_path):
    original = "title: t\nevents:\n  -\n    title: x\n    start: 2014\n"
    path = write(tmp_path, original)
    add_event(str(path), NewEvent(title="New", start="2015"))
    assert path.read_text().startswith(original)
    assert [e.title for e in load_file(path).chronology.events] == ["x", "New"]


def test_add_to_an_empty_flow_list_keeps_its_comment(tmp_path):
    path = write(tmp_path, "title: t\nevents: []  # nothing yet\n")
    add_event(str(path), NewEvent(title="First", start="2015"))
    assert path.read_text().startswith("title: t\nevents:  # nothing yet\n  - ")
    assert [e.title for e in load_file(path).chronology.events] == ["First"]


def test_add_refuses_a_read_only_file(tmp_path):
    path = write(tmp_path, GOOD)
    path.chmod(0o444)
    with pytest.raises(AddError, match="read-only"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_text() == GOOD and oct(path.stat().st_mode & 0o777) == "0o444"


def test_add_keeps_hard_links_together_by_refusing(tmp_path):
    path = write(tmp_path, GOOD)
    twin = tmp_path / "twin.yaml"
    os.link(path, twin)
    with pytest.raises(AddError, match="hard link"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_text() == GOOD and path.stat().st_ino == twin.stat().st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_add_keeps_the_owner(tmp_path):
    path = write(tmp_path, GOOD)
    os.chown(path, 65534, 65534)
    add_event(str(path), NewEvent(title="c", start="2015"))
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)


def test_add_keeps_extended_attributes(tmp_path):
    path = write(tmp_path, GOOD)
    try:
        os.setxattr(path, "user.origin", b"notebook")
    except OSError:
        pytest.skip("this file system keeps no user attributes")
    add_event(str(path), NewEvent(title="c", start="2015"))
    assert os.getxattr(path, "user.origin") == b"notebook"
    assert "c" in [e.title for e in load_file(path).chronology.events]


def test_control_characters_in_new_values_are_written_as_escapes(tmp_path):
    path = write(tmp_path, GOOD)
    title = "DEL\x7f NEL\x85 CSI\x9b LS\u2028 end"
    add_event(str(path), NewEvent(title=title, start="2015"))
    raw = path.read_text()
    assert not any(ch in raw for ch in "\x7f\x85\x9b\u2028")
    assert [e.title for e in load_file(path).chronology.events][-1] == title


def test_a_source_with_a_control_character_is_refused(tmp_path):
    path = write(tmp_path, GOOD)
    result = run("--add", str(path), "--title", "x", "--start", "2015", "--source", "https://example.org/\x7fa")
    assert result.returncode == 1 and "control character" in result.stderr
    assert path.read_text() == GOOD


def test_arguments_that_are_not_utf8_are_a_usage_error(tmp_path):
    path = write(tmp_path, GOOD)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "timeline_app", "--add", str(path), b"--title", b"\xff\xfe", "--start", "2015"],
                            capture_output=True, env=env, cwd=ROOT, timeout=30)
    assert result.returncode == 2 and b"Traceback" not in result.stderr and b"not valid UTF-8" in result.stderr
    assert path.read_text() == GOOD


# --- saves that race: the last check is just before the rename -----------------------------

@pytest.mark.parametrize("moment", ["after reading", "after writing the temp file"])
def test_an_editor_saving_while_add_works_is_never_overwritten(tmp_path, monkeypatch, moment):
    import timeline_app.files.add_event as adding
    import timeline_app.files.atomic_write as atomic

    path = write(tmp_path, GOOD)
    theirs = GOOD.replace("Second", "Saved by the editor")

    def editor_saves():
        path.write_text(theirs)

    if moment == "after reading":
        real = adding.load_text
        monkeypatch.setattr(adding, "load_text", lambda *a, **k: (editor_saves(), real(*a, **k))[1])
    else:
        real = atomic._copy_extended_attributes
        monkeypatch.setattr(atomic, "_copy_extended_attributes", lambda *a: (editor_saves(), real(*a))[1])
    with pytest.raises(AddError, match="changed on disk"):
        add_event(str(path), NewEvent(title="c", start="2015"))
    assert path.read_text() == theirs
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_killing_add_at_any_moment_leaves_the_old_or_the_new_file_complete(tmp_path):
    """SIGKILL at random moments: the file is always complete, old or new, never a mix."""
    lines = ["title: Kill test", "events:"] + [f"  - {{id: e{i}, title: Event {i}, start: 2014-01-{i % 28 + 1:02d}}}"
                                                for i in range(3000)]
    original = "\n".join(lines) + "\n"
    path = write(tmp_path, original)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    randomness = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for _ in range(12):
        path.write_text(original)
        process = subprocess.Popen([sys.executable, "-m", "timeline_app", "--add", str(path), "--title", "Added",
                                    "--start", "2015-01-01"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(randomness.uniform(0.02, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        text = path.read_text()
        if text == original:
            outcomes["old"] += 1
        else:
            assert text.startswith(original) and text[len(original):].count("\n") == 3
            assert load_file(path).ok
            outcomes["new"] += 1
    assert outcomes["old"] + outcomes["new"] == 12


# --- bounded: many categories, huge values --------------------------------------------------

def test_thousands_of_categories_export_a_bounded_picture_quickly(tmp_path):
    lines = ["title: many", "events:"]
    for i in range(33_000):
        lines += [f"  - title: e{i}", f"    start: {2000 + i % 20}-01-01", f"    category: c{i}"]
    path = write(tmp_path, "\n".join(lines) + "\n")
    out = tmp_path / "many.png"
    started = time.monotonic()
    result = run("--export", str(out), str(path), timeout=120)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60
    width, height = int.from_bytes(out.read_bytes()[16:20], "big"), int.from_bytes(out.read_bytes()[20:24], "big")
    assert width == 1600 and height < 8000


def test_thousands_of_categories_share_one_lane_past_sixty(qtbot, tmp_path):
    from timeline_app import MainWindow
    from timeline_app.chronology.timeline_index import MAX_LANES

    events = "".join(f"  - {{title: e{i}, start: {2000 + i % 20}, category: c{i}}}\n" for i in range(500))
    window = MainWindow(write(tmp_path, "title: t\nevents:\n" + events))
    qtbot.addWidget(window)
    assert len(window.index.lane_ids) == MAX_LANES == 60
    assert window.index.lane_labels[-1] == "441 more categories"
    assert len(window.filters.category_buttons) == MAX_LANES
    window.canvas.select(0)
    row = window.list_model.row_of(0)
    assert window.list_model.index(row, 2).data() == "c0"


def test_huge_titles_tags_and_descriptions_show_at_once_and_say_what_was_cut(qtbot, tmp_path):
    from timeline_app import MainWindow

    tags = ", ".join(f"t{i}" for i in range(20_000))
    text = (f"title: t\nevents:\n  - title: {'word ' * 60_000}\n    start: 2014\n"
            f"  - title: tags\n    start: 2015\n    tags: [{tags}]\n"
            f"  - title: nobreak\n    start: 2016\n    description: {'x' * 300_000}\n")
    window = MainWindow(write(tmp_path, text))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    for position, note in ((0, "more characters"), (1, "19,800 more tags"), (2, "280,000 more characters")):
        started = time.monotonic()
        window.canvas.select(position)
        window.grab()
        assert time.monotonic() - started < 2.0
        assert note in window.detail.toPlainText()


def test_window_survives_500_saves_of_a_3_mb_file_in_place_and_by_rename(qtbot, tmp_path):
    from timeline_app import MainWindow

    body = "".join(f"  - {{id: e{i}, title: Event number {i} with a longer title, start: 2014-01-01,"
                   f" description: {'words ' * 20}}}\n" for i in range(14_000))
    path = write(tmp_path, "title: Saves\nevents:\n" + body)
    assert path.stat().st_size > 3_000_000
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.index is not None, timeout=30_000)
    temp = tmp_path / ".events.yaml.swp"
    for number in range(500):
        text = f"title: Save {number}\nevents:\n" + body
        if number % 2:
            path.write_text(text)
        else:
            temp.write_text(text)
            os.replace(temp, path)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: not window.loading and window.result.chronology.title == "Save 499", timeout=60_000)
    assert len(window.index) == 14_000
