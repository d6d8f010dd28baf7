from timeline_app.chronology.date_forms import parse_date
from timeline_app.chronology.dates import days_from_civil
from timeline_app.geometry.time_axis import axis_layout, civil_from_days


def labels(start, seconds_per_pixel, width=1600):
    s = parse_date(start).seconds()
    layout = axis_layout(s, s + seconds_per_pixel * width, seconds_per_pixel)
    return [t.label for t in layout.minor], [t.label for t in layout.major]


def test_two_levels_from_decades_down_to_minutes():
    minor, major = labels("2014-07-01", 86400)
    assert minor[:3] == ["Jul", "Oct", "Jan"] and major[:2] == ["2014", "2015"]
    minor, major = labels("2014-07-01", 20000)
    assert minor[:3] == ["Jul", "Aug", "Sep"] and major[0] == "2014"
    minor, major = labels("2014-07-01", 3600)
    assert minor[:4] == ["1", "8", "15", "22"] and major[:2] == ["Jul 2014", "Aug 2014"]
    minor, major = labels("2014-08-23", 30)
    assert minor[:2] == ["00:00", "01:00"] and major[0] == "23 Aug 2014"
    minor, major = labels("2014-08-23", 0.5)
    assert minor[:2] == ["00:00", "00:01"]
    minor, major = labels("2001-01-01", 86400 * 5)
    assert "2010" in minor and "2010s" in major


def test_ticks_are_spaced_for_reading_at_every_zoom():
    s = parse_date("1900").seconds()
    for spp in (1, 10, 100, 3600, 86400, 86400 * 30, 86400 * 365, 86400 * 3650):
        layout = axis_layout(s, s + spp * 1600, spp)
        gaps = [(b.seconds - a.seconds) / spp for a, b in zip(layout.minor, layout.minor[1:])]
        assert 2 <= len(layout.minor) <= 40 and min(gaps) >= 50


def test_calendar_round_trip_over_millennia():
    for days in range(-800_000, 800_000, 997):
        assert days_from_civil(*civil_from_days(days)) == days


def test_ticks_before_the_common_era_fall_on_round_bc_years():
    s = parse_date("10001 BC").seconds()
    layout = axis_layout(s, s + 86400 * 365.25 * 14000, 86400 * 365.25 * 8)
    labels = [t.label for t in layout.minor]
    assert "10000 BC" in labels and "2000 BC" in labels and "AD 1" in labels and "2000" in labels
    assert not any(label.endswith("01 BC") for label in labels)


def test_every_axis_label_drawn_lies_whole_inside_the_canvas_and_apart_from_the_next():
    """At many zooms and offsets, no label is cut by the canvas's right edge ("Ja" for January)
    and none runs into the next; the stretch begun off-screen keeps its label at the left edge."""
    import random

    from timeline_app.geometry.time_axis import major_labels, minor_labels

    rng = random.Random(7)
    measure = lambda text: 7.0 * len(text)  # noqa: E731 - a font about 7 px a character
    drawn_at_right_edge = kept_at_edge = 0
    for _ in range(400):
        width = rng.choice((600.0, 873.0, 1200.0))
        seconds_per_pixel = 10 ** rng.uniform(1, 7)
        left = days_from_civil(rng.randint(1900, 2030), 1, 1) * 86400.0 + rng.uniform(0, 3e7)
        x_of = lambda seconds: (seconds - left) / seconds_per_pixel  # noqa: E731, B023
        axis = axis_layout(left, left + width * seconds_per_pixel, seconds_per_pixel)
        for placed in (minor_labels(axis.minor, x_of, width, measure), major_labels(axis.major, x_of, width, measure)):
            for (x, text), following in zip(placed, placed[1:] + [None]):
                assert 0 <= x and x + measure(text) <= width, (text, x, width)
                if following:
                    assert x + measure(text) < following[0]
            drawn_at_right_edge += any(x + measure(text) > width - 40 for x, text in placed)
        majors = major_labels(axis.major, x_of, width, measure)
        if axis.major and x_of(axis.major[0].seconds) < 0 and majors and majors[0][1] == axis.major[0].label:
            stretch_end = x_of(axis.major[1].seconds) if len(axis.major) > 1 else width
            assert majors[0][0] == min(4.0, stretch_end - measure(majors[0][1]) - 6)  # at the left edge, or pushed aside
            kept_at_edge += 1
    assert drawn_at_right_edge and kept_at_edge > 50  # labels near the edges are still drawn when they fit
