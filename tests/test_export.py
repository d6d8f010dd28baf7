"""Exports a journalist puts into articles and other tools: images, tables, TimelineJS, YAML."""

import csv
import io
import json
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import BUNDLED, ROOT

from timeline_app.files.loader import load_file


def export(*args):
    return subprocess.run([sys.executable, "-m", "timeline_app", "--export", *args], capture_output=True,
                          cwd=ROOT, timeout=120)


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def signature(chronology):
    return sorted((e.title, e.start.iso(), e.end.iso() if e.end else None, e.start.precision) for e in chronology.events)


def test_png_is_at_least_1600_wide_and_width_is_honoured(tmp_path):
    out = tmp_path / "t.png"
    assert export(str(out), str(BUNDLED)).returncode == 0
    width, height = png_size(out.read_bytes())
    assert width >= 1600 and 300 < height < 3000
    assert export(str(out), "--width", "2400", str(BUNDLED)).returncode == 0
    assert png_size(out.read_bytes())[0] == 2400


def test_svg_keeps_titles_as_text(tmp_path):
    out = tmp_path / "t.svg"
    assert export(str(out), str(BUNDLED)).returncode == 0
    tree = ET.parse(out)
    texts = " ".join("".join(node.itertext()) for node in tree.iter() if node.tag.endswith("text"))
    assert "Libya after Qaddafi" in texts and "Rebels take Tripoli" in texts and "2014" in texts


def test_pdf_is_a_landscape_vector_page(tmp_path):
    out = tmp_path / "t.pdf"
    assert export(str(out), str(BUNDLED)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    box = [float(x) for x in re.search(rb"/MediaBox \[([\d. ]+)\]", data).group(1).split()]
    assert box[2] > box[3]  # landscape
    assert b"/Image" not in data or data.count(b"/Image") < 3  # drawn as vectors, not a picture of the screen


def test_csv_has_a_header_and_quotes_for_spreadsheets(tmp_path):
    source = tmp_path / "tricky.yaml"
    source.write_text('title: t\nevents:\n  - {title: "Comma, \\"quote\\" and\\nnewline", start: 2014-06, tags: [a, b]}\n')
    out = tmp_path / "t.csv"
    assert export(str(out), str(source)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:10] == ["id", "title", "start", "end", "precision", "category", "tags", "description", "sources", "edtf"]
    assert rows[0][10:] == ["location", "display_date", "media", "media_caption", "media_credit", "media_thumbnail", "media_alt", "background"]
    assert rows[1][1] == 'Comma, "quote" and\nnewline' and rows[1][2:5] == ["2014-06", "", "month"]
    assert rows[1][6] == "a; b"


def test_timelinejs_structure(tmp_path):
    out = tmp_path / "t.json"
    assert export(str(out), "--format", "timelinejs", str(BUNDLED)).returncode == 0
    document = json.loads(out.read_text())
    assert document["title"]["text"]["headline"].startswith("Libya after Qaddafi")
    airport = next(e for e in document["events"] if e["unique_id"] == "tripoli-airport-battle")
    assert airport["start_date"] == {"year": 2014, "month": 7, "day": 13}
    assert airport["end_date"] == {"year": 2014, "month": 8, "day": 23}
    assert airport["text"]["headline"] == "Battle for Tripoli International Airport"
    assert airport["group"] == "Armed conflict"
    pledge = next(e for e in document["events"] if e["unique_id"] == "ansar-pledge")
    assert pledge["start_date"] == {"year": 2014, "month": 10}
    assert len(document["eras"]) == 2 and document["eras"][0]["text"]["headline"] == "First civil war"


@pytest.mark.parametrize("name, extra", [("round.csv", []), ("round.json", ["--format", "timelinejs"]),
                                         ("round.timeline.json", []), ("round.yaml", [])])
def test_round_trips_keep_titles_dates_and_precisions(tmp_path, name, extra):
    out = tmp_path / name
    assert export(str(out), *extra, str(BUNDLED)).returncode == 0
    again = load_file(out)
    assert again.ok, again.problems
    assert signature(again.chronology) == signature(load_file(BUNDLED).chronology)
    if name.endswith("json") and extra:  # TimelineJS keeps groups and links too
        hor = next(e for e in again.chronology.events if e.id == "hor-election")
        assert any("wikipedia.org" in s.url for s in hor.sources) and hor.category


def test_converting_csv_to_yaml(tmp_path):
    table = tmp_path / "table.csv"
    table.write_text("title,start,end,category,tags\nFirst,2014,,war,a; b\nSecond,June 2014,July 2014,,\n")
    out = tmp_path / "converted.yaml"
    assert export(str(out), str(table)).returncode == 0
    result = load_file(out)
    assert result.ok and [e.title for e in result.chronology.events] == ["First", "Second"]
    assert result.chronology.events[1].end.iso() == "2014-07"


def test_from_and_to_limit_the_export(tmp_path):
    out = tmp_path / "part.csv"
    assert export(str(out), "--from", "2014", "--to", "2014", str(BUNDLED)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    from timeline_app.chronology.date_forms import parse_when

    assert rows and all(parse_when(row["start"]).start.year == 2014 for row in rows)


def test_export_never_overwrites_its_input_and_bad_input_exports_nothing(tmp_path):
    table = tmp_path / "in.csv"
    table.write_text("title,start\nA,2014\n")
    before = table.read_bytes()
    result = export(str(table), str(table))
    assert result.returncode != 0 and b"refusing to overwrite" in result.stderr and table.read_bytes() == before
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nevents:\n  - {title: a, start: 31 June 2014}\n")
    result = export(str(tmp_path / "never.png"), str(bad))
    assert result.returncode == 1 and not (tmp_path / "never.png").exists()
    assert f"{bad}:3:23: error:".encode() in result.stderr


def test_bad_csv_rows_are_reported_at_their_place(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text('title,start,sources\n"Multi\nline",2014,https://e.org\nBad,31 June 2014,\nLink,2014,javascript:x()\n')
    problems = load_file(table).problems
    assert [(p.line, p.column) for p in problems] == [(4, 5), (5, 11)]
    assert "June 2014 has 30 days" in problems[0].message and "javascript" in problems[1].message
    missing = tmp_path / "missing.csv"
    missing.write_text("name,when\nA,2014\n")
    assert "no `title` column" in load_file(missing).problems[0].message


def test_bad_timelinejs_dates_are_reported_at_their_place(tmp_path):
    document = tmp_path / "tl.json"
    document.write_text('{"events": [\n  {"start_date": {"year": 2014, "month": 13},\n   "text": {"headline": "A"}}\n]}\n')
    (problem,) = [p for p in load_file(document).problems if p.severity == "error"]
    assert (problem.line, problem.column) == (2, 18) and "no month 13" in problem.message
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [}')
    (problem,) = load_file(broken).problems
    assert problem.line == 1 and "JSON syntax error" in problem.message


def test_window_exports_copies_and_opens_csv_read_only(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    assert window.export_to(str(tmp_path / "view.png"), current_view=True) == "Exported view.png"
    assert png_size((tmp_path / "view.png").read_bytes())[0] >= 1600
    assert window.export_to(str(tmp_path / "all.csv")) == "Exported all.csv"
    window.copy_image()
    assert not QApplication.clipboard().image().isNull()
    window.open_file(str(tmp_path / "all.csv"))
    assert len(window.index) == len(load_file(BUNDLED).chronology.events) and not window.add_action.isEnabled()
