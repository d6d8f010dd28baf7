"""Issue 15: other tools' formats come over whole, and exports lose nothing silently.

Each test reads what a user sees: the loaded model, the exported file, the warning line.
"""

import json
from pathlib import Path

import pytest

from timeline_app.files.export_formats import export_warnings, render_data
from timeline_app.files.loader import load_text
from timeline_app.files.timelinejs import to_timelinejs

BUNDLED = Path(__file__).parent.parent / "timeline_app" / "bundled" / "events.yaml"


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


def yaml_round_trip(chronology):
    again = load_text(render_data(chronology, "yaml").decode("utf-8"), "again.yaml")
    assert again.ok, [p.format() for p in again.problems]
    return again.chronology


def same_model(before, after):
    assert after.as_dict() == before.as_dict()
    assert [(e.precision, e.written, e.end_open, e.start_open, e.alternatives) for e in after.events] == \
           [(e.precision, e.written, e.end_open, e.start_open, e.alternatives) for e in before.events]


def forms_chronology(order):
    from test_date_forms import FORMS

    starts = [text for text, form_order, _ in FORMS if form_order == order]
    events = "".join(f"  - {{title: '{n} {text}', start: {json.dumps(text)}}}\n" for n, text in enumerate(starts))
    ends = ["present", "ongoing", "..", "c. 1920", "late 1990s", "2001-24"]
    events += "".join(f"  - {{title: 'end {end}', start: 1914, end: {json.dumps(end)}}}\n" for end in ends)
    header = f"title: forms\ndate_order: {order}\ntimezone: '+02:00'\n" if order else "title: forms\n"
    return loaded(header + "sources:\n  w: {url: 'https://example.org/w', title: W}\nevents:\n" + events +
                  "  - title: disputed\n    start:\n      - {date: early 2014, source: w}\n"
                  "      - {date: before 1928, source: 'https://example.org/x'}\n      - {date: 2014-06-25}\n")


@pytest.mark.parametrize("order", [None, "DMY", "MDY"])
def test_every_date_form_and_open_end_comes_back_from_our_yaml_export(order):
    ours = forms_chronology(order)
    same_model(ours, yaml_round_trip(ours))


def test_the_bundled_chronology_comes_back_from_our_yaml_export():
    ours = load_text(BUNDLED.read_text(encoding="utf-8"), "events.yaml").chronology
    same_model(ours, yaml_round_trip(ours))


def test_open_ends_and_one_of_sets_come_back_from_our_csv_export():
    ours = loaded("title: t\nevents:\n  - {title: Still going, start: 2014-05-16, end: ongoing}\n"
                  "  - {title: Unknown end, start: 2014/}\n  - {title: Before, start: ../2006}\n"
                  "  - {title: One of, start: '[1667, 1668, 1670..1672]'}\n")
    back = loaded(render_data(ours, "csv").decode("utf-8-sig"), "back.csv")
    assert [(e.title, e.end_open, e.start_open, edtf) for e, edtf in zip(back.events, [e.as_dict()["edtf"] for e in back.events])] == \
           [(e.title, e.end_open, e.start_open, e.as_dict()["edtf"]) for e in ours.events]


def test_csv_keeps_tags_with_semicolons_spaced_paths_and_sources_without_a_link_and_names_the_rest():
    ours = loaded((Path(__file__).parent / "data" / "interchange" / "csv_losses.yaml").read_text(encoding="utf-8"))
    back = {e.id: e for e in loaded(render_data(ours, "csv").decode("utf-8-sig"), "back.csv").events}
    assert back["tag"].tags == ("R;D", "x")
    assert back["bg"].background.url == "images/my bg.jpg"
    assert back["titled"].sources == next(e for e in ours.events if e.id == "titled").sources
    assert back["open"].end_open == "present"
    assert export_warnings(ours, "csv") == [
        "CSV cannot hold: the title, the description, the title's picture, eras (1), category labels and colours (1)"]


def test_export_prints_what_the_import_warned_about_and_still_succeeds(tmp_path, capsys):
    from timeline_app.cli import main

    source = tmp_path / "slides.json"
    source.write_text(json.dumps({"events": [{"start_date": {"year": 2014}, "display_date": "In 2014", "text": {"text": "b"}}]}))
    assert main(["--export", str(tmp_path / "out.yaml"), str(source)]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{source}:1:") and ": warning: slide has no headline" in line for line in warnings), warnings


def test_timelinejs_names_time_zones_qualifiers_under_a_display_date_and_category_ids_it_cannot_keep():
    ours = loaded((Path(__file__).parent / "data" / "interchange" / "timelinejs_silent_losses.yaml").read_text(encoding="utf-8"))
    slides = {slide["unique_id"]: slide for slide in to_timelinejs(ours)["events"]}
    assert slides["tz"]["start_date"] == {"year": 2014, "month": 6, "day": 25, "hour": 10, "minute": 0}  # local, not shifted
    for fmt in ("timelinejs", "timelinejs-sheet"):
        (warning,) = export_warnings(ours, fmt)
        for loss in ("qualifiers of dates shown by their own display_date (1)", "time zones (times written as their local time) (1)",
                     "category ids (groups are read back by their label) (2)", "categories sharing a label (one group each label) (1)"):
            assert loss in warning, (fmt, loss)


def test_milliseconds_from_timelinejs_and_the_sheet_are_named_at_their_value():
    parts = {"year": 2014, "month": 6, "day": 25, "hour": 17, "minute": 58, "second": 44, "millisecond": 250}
    text = json.dumps({"events": [{"start_date": parts, "text": {"headline": "ms"}}]})
    slide = load_text(text, "ms.json")
    sheet = load_text("Year,Month,Day,Time,Headline\n2014,6,25,17:58:44.250,ms time\n", "ms.csv")
    for result, place in ((slide, (1, text.index("250") + 1)), (sheet, (2, 11))):
        assert result.chronology.events[0].start.iso() == "2014-06-25T17:58:44"
        assert [(p.line, p.column, p.severity, p.message) for p in result.problems] == \
               [(*place, "warning", "milliseconds are not kept: the time is read to the second")]


@pytest.mark.parametrize("order", [None, "DMY"])
def test_every_date_form_comes_back_from_our_json_export_with_its_precision_and_written_form(order):
    ours = forms_chronology(order)
    back = loaded(render_data(ours, "json").decode("utf-8"), "back.json")
    assert back.as_dict() == ours.as_dict()
    disputed = next(e for e in back.events if e.title == "disputed")  # its dates come back as one set, without their sources
    assert disputed.written == "[early 2014, before 1928, 2014-06-25]"
    assert [(e.precision, e.written, e.end_open, e.start_open) for e in back.events if e is not disputed] == \
           [(e.precision, e.written, e.end_open, e.start_open) for e in ours.events if e.title != "disputed"]


def test_a_sheet_background_naming_a_colour_is_that_colour_not_a_picture():
    back = loaded("Year,Month,Day,Headline,Background\n2014,,,named,red\n2015,,,picture,images/red.jpg\n", "bg.csv")
    named, picture = back.events
    assert (named.background.color, named.background.url) == ("#ff0000", "")
    assert (picture.background.color, picture.background.url) == ("", "images/red.jpg")


def test_what_a_sheet_reader_leaves_out_is_warned_of_at_its_cell():
    sheet = ("Year,Month,Day,Headline,Notes,Headline,Type\n2014,,,First title,,,title\n2015,,,Second title,,,title\n"
             "2016,,,Event,private,second,,extra\n")
    result = load_text(sheet, "s.csv")
    assert result.ok and [e.title for e in result.chronology.events] == ["Event"] and result.chronology.title == "First title"
    assert [(p.line, p.column, p.severity, p.message.split(":")[0]) for p in result.problems] == [
        (1, 25, "warning", "unknown column 'notes' in a TimelineJS sheet"),
        (1, 31, "warning", "column 'headline' is given twice"),
        (3, 23, "warning", "a second title row is not read"),
        (4, 30, "warning", "1 cell(s) past the header's last column are not read"),
    ]


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_sheets_and_our_csv_separated_by_semicolons_or_tabs_are_read(separator):
    sheet = loaded(separator.join(["Year", "Month", "Day", "Headline"]) + "\n" + separator.join(["2014", "6", "25", '"Semi, colon"']) + "\n", "s.csv")
    ours = loaded(separator.join(["title", "start", "tags"]) + "\n" + separator.join(["Talks", "2015", "a"]) + "\n", "o.csv")
    assert [(e.title, e.start.iso()) for e in sheet.events + ours.events] == [("Semi, colon", "2014-06-25"), ("Talks", "2015")]


def test_a_timelinejs_file_with_only_its_title_slide_is_read_as_timelinejs():
    back = loaded(json.dumps({"title": {"text": {"headline": "Only a title", "text": "nothing yet"}}, "events": []}), "t.json")
    assert (back.title, back.description, back.events) == ("Only a title", "nothing yet", [])


def test_a_javascript_link_in_slide_text_becomes_plain_text_with_a_warning():
    slide = {"start_date": {"year": 2014}, "text": {"headline": "x", "text": '<p>See <a href="javascript:alert(1)">this</a> '
                                                                             'and <a href="https://example.org">that</a></p>'}}
    result = load_text(json.dumps({"events": [slide]}), "js.json")
    assert result.chronology.events[0].description == "See this and [that](https://example.org)"
    assert [(p.severity, p.message) for p in result.problems] == [
        ("warning", "link 'javascript:alert(1)' is not kept (only http and https links are): its words stay as plain text")]
