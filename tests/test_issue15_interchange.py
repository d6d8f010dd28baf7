"""Issue 15: other tools' formats come over whole, and exports lose nothing silently.

Each test reads what a user sees: the loaded model, the exported file, the warning line.
"""

import json

from timeline_app.files.export_formats import export_warnings, render_data
from timeline_app.files.loader import load_text
from timeline_app.files.timelinejs import to_timelinejs


def loaded(text, name="in.yaml"):
    result = load_text(text, name)
    assert result.ok, [p.format() for p in result.problems]
    return result.chronology


def test_bc_day_goes_to_timelinejs_and_the_sheet_and_comes_back_the_same():
    ours = loaded("title: t\nevents:\n  - {title: Ides of March, start: 15 March 44 BC}\n")
    for fmt, name in (("timelinejs", "back.json"), ("timelinejs-sheet", "back.csv")):
        back = loaded(render_data(ours, fmt).decode("utf-8-sig"), name)
        assert back.events[0].start == ours.events[0].start, fmt


def test_real_timelinejs_bc_dates_with_month_and_day_are_read():
    slides = [{"start_date": {"year": "-43", "month": "3", "day": "15"}, "text": {"headline": "Ides"}},
              {"start_date": {"year": -500, "month": 3}, "end_date": {"year": -43, "month": 2}, "text": {"headline": "Span"}}]
    era = {"start_date": {"year": -600}, "end_date": {"year": -43, "month": 1}, "text": {"headline": "Era"}}
    back = loaded(json.dumps({"events": slides, "eras": [era]}), "tl.json")
    ides, span = sorted(back.events, key=lambda e: e.title)
    assert ides.start.iso() == "-0043-03-15"
    assert (span.start.iso(), span.end.iso()) == ("-0500-03", "-0043-02")
    assert back.eras[0].end.iso() == "-0044-12"  # an era's month end is read as the month before
