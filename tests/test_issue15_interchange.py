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


STRETCHES = ("title: t\nevents:\n  - {title: Spring, start: spring 1872}\n  - {title: Winter, start: winter 1872}\n"
             "  - {title: Century, start: 19th century}\n  - {title: Millennium, start: 1st millennium}\n"
             "  - {title: Decade, start: 1860s}\n  - {title: Hour, start: '2014-06-25 20'}\n"
             "eras:\n  - {title: Victorian, start: 1830s, end: 19th century}\n")


def test_seasons_and_wider_stretches_go_to_timelinejs_as_the_months_or_years_they_cover():
    ours = loaded(STRETCHES)
    slides = {slide["text"]["headline"]: slide for slide in to_timelinejs(ours)["events"]}
    assert (slides["Spring"]["start_date"], slides["Spring"]["end_date"]) == ({"year": 1872, "month": 3}, {"year": 1872, "month": 5})
    assert slides["Winter"]["end_date"] == {"year": 1873, "month": 2}
    assert (slides["Century"]["start_date"], slides["Century"]["end_date"]) == ({"year": 1801}, {"year": 1900})
    assert slides["Century"]["display_date"] == "the 19th century (1801–1900)"
    assert slides["Millennium"]["start_date"] == {"year": 1}
    assert slides["Hour"]["start_date"] == {"year": 2014, "month": 6, "day": 25, "hour": 20}
    (warning,) = export_warnings(ours, "timelinejs")
    assert "season, decade, century and millennium precision (written as months or years) (6)" in warning
    for fmt, name in (("timelinejs", "back.json"), ("timelinejs-sheet", "back.csv")):
        chronology = loaded(render_data(ours, fmt).decode("utf-8-sig"), name)
        era = chronology.eras[0]
        assert (era.start.seconds(), era.end.end_seconds()) == (ours.eras[0].start.seconds(), ours.eras[0].end.end_seconds())
        back = {e.title: e for e in chronology.events}
        for before in ours.events:  # the same stretch of time, in words the reader is shown
            after = back[before.title]
            assert (after.start_seconds(), after.end_seconds()) == (before.start_seconds(), before.end_seconds()), fmt
        assert back["Hour"].precision == "hour"
