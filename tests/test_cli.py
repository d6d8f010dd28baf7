"""The command line as other tools use it: exit codes, compiler-style lines, JSON export."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.files.loader import load_file

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env_extra=None):
    import os

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)  # --check and --export must not need a display
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def test_bundled_chronology_passes_check():
    result = run("--check", "events.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_check_reports_every_problem_compiler_style_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nevents:\n  - {title: a, start: 31 June 2014}\n  - {start: 2014}\n")
    good = tmp_path / "good.yaml"
    good.write_text("title: x\nevents:\n  - {title: a, start: 2014}\n")
    result = run("--check", str(good), str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{bad}:3:23: error: bad `start`: impossible date '31 June 2014': June 2014 has 30 days",
        f"{bad}:4:5: error: event is missing `title`",
    ]
    assert "Traceback" not in result.stderr


def test_check_of_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    result = run("--check", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / 'missing.yaml'}:1:1: error: cannot read file")
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    assert run("--check").returncode == 2
    assert run("--export", "-").returncode == 2


def test_export_writes_dates_cut_to_their_precision(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(
        "title: Dates\nevents:\n"
        "  - {id: y, title: year, start: 2014}\n"
        "  - {id: m, title: month, start: June 2014}\n"
        "  - {id: d, title: day, start: 2014-06-25, end: 2014-07-01, tags: [a]}\n"
        "  - {id: t, title: minute, start: 2014-08-23 20:30, sources: ['https://example.org/x']}\n"
    )
    result = run("--export", "-", str(path))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["title"] == "Dates"
    by_id = {event["id"]: event for event in document["events"]}
    assert [by_id[k]["start"] for k in "ymdt"] == ["2014", "2014-06", "2014-06-25", "2014-08-23T20:30"]
    assert [by_id[k]["precision"] for k in "ymdt"] == ["year", "month", "day", "minute"]
    assert by_id["d"]["end"] == "2014-07-01" and by_id["y"]["end"] is None
    assert by_id["t"]["sources"][0]["url"] == "https://example.org/x"
    assert set(by_id["d"]) >= {"id", "title", "start", "end", "precision", "category", "tags", "description", "sources"}


def test_export_to_a_json_file_and_never_over_its_input(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("title: x\nevents:\n  - {title: a, start: 2014}\n")
    out = tmp_path / "out.json"
    assert run("--export", str(out), str(path)).returncode == 0
    assert json.loads(out.read_text())["events"][0]["title"] == "a"
    clash = tmp_path / "same.json"
    clash.write_text('{"title": "x", "events": []}')
    before = clash.read_bytes()
    assert run("--export", str(clash), str(clash)).returncode != 0
    assert clash.read_bytes() == before


def test_invalid_file_exports_nothing(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("title: x\nevents:\n  - {title: a, start: 31 June 2014}\n")
    result = run("--export", "-", str(path))
    assert result.returncode == 1 and result.stdout == ""
    assert f"{path}:3:23: error:" in result.stderr


def test_check_and_export_do_not_import_qt():
    code = (
        "import sys; from timeline_app.cli import main; main(['--check', 'events.yaml']); "
        "print(any(name.startswith('PySide6') for name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False"


def test_schema_is_printed_and_is_json():
    result = run("--schema")
    schema = json.loads(result.stdout)
    assert schema["required"] == ["title", "events"]
    assert "start" in schema["$defs"]["event"]["properties"]


def test_the_bundled_chronology_is_found_by_the_package():
    from timeline_app.files.bundled import bundled_chronology_path

    assert bundled_chronology_path().read_bytes() == (ROOT / "events.yaml").read_bytes()


def test_bundled_chronology_is_what_the_issue_promises():
    result = load_file(ROOT / "events.yaml")
    chronology = result.chronology
    assert result.ok and not result.problems
    events = chronology.events
    assert len(events) >= 25
    assert all(event.sources for event in events)
    assert {e.start.year for e in events} >= {2011, 2012, 2013, 2014, 2015}
    by_id = {event.id: event for event in events}
    assert by_id["qaddafi-killed"].start.iso() == "2011-10-20"
    assert by_id["gnc-election"].start.iso() == "2012-07-07"
    assert by_id["benghazi-consulate-attack"].start.iso() == "2012-09-11"
    assert by_id["hor-election"].start.iso() == "2014-06-25"
    airport = by_id["tripoli-airport-battle"]
    assert airport.start.iso() == "2014-07-13" and airport.end.iso() == "2014-08-23"
    assert by_id["ansar-pledge"].start.precision == "month"
    assert len(chronology.eras) == 2 and len(chronology.categories) >= 3


@pytest.mark.parametrize("value", ["yes", "20:30", "1969", "no", "~x", "on", "0x1F", "1e3", "2014-06-25"])
def test_text_fields_keep_exactly_what_was_typed(value):
    from timeline_app.files.loader import load_text

    text = f"title: {value}\nevents:\n  - title: {value}\n    start: 2014\n    tags: [on, off, 1969, {value}]\n    description: {value}\n"
    result = load_text(text)
    assert result.ok, result.problems
    (event,) = result.chronology.events
    assert result.chronology.title == value
    assert event.title == value and event.description == value
    assert event.tags == ("on", "off", "1969", value)


@pytest.mark.parametrize("args", [[], ["events.yaml"]])
def test_timeline_app_opens_a_window_and_keeps_running(args, tmp_path):
    import os
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))  # keep real settings clean
    process = subprocess.Popen([sys.executable, "-m", "timeline_app", *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert "Traceback" not in stderr


def test_an_empty_events_list_opens_and_paints(qtbot, tmp_path):
    from timeline_app import MainWindow

    path = tmp_path / "empty.yaml"
    path.write_text("title: Nothing yet\nevents: []\n")
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.canvas.grab()
    window.canvas.step(1)
    assert window.list_model.rowCount() == 0 and window.problems_panel.count() == 0
