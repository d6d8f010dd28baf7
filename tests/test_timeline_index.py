"""The index's columns say what each event says of itself, whatever its dates."""

import numpy as np

from timeline_app.chronology.timeline_index import TimelineIndex
from timeline_app.files.loader import load_text

TEXT = """title: t
categories:
  politics: {label: Politics}
  conflict: {label: Conflict}
events:
  - {title: plain day, start: 2014-06-25, category: politics}
  - {title: span, start: 2014-06-25, end: 2014-07-02, category: conflict}
  - {title: still going, start: 16 May 2014 – present}
  - {title: open end, start: 2014-05-16/..}
  - title: disputed
    category: politics
    start:
      - {date: 13 July 2014, source: 'https://en.wikipedia.org/wiki/Tripoli'}
      - {date: August 2014, source: 'https://news.vice.com/x'}
  - {title: a year, start: 2012}
  - {title: about, start: c. 1500, category: politics}
  - {title: a minute, start: 2014-06-25 08:02, end: 2014-06-25 09:00}
  - {title: open start, start: ../2006}
"""


def test_columns_match_each_events_own_answers():
    result = load_text(TEXT)
    assert result.ok, result.problems
    events = result.chronology.events
    index = TimelineIndex(result.chronology)
    assert index.ends.tolist() == [event.end_seconds() for event in events]
    assert index.starts.tolist() == [event.start.seconds() for event in events]
    assert index.is_span.tolist() == [event.end is not None for event in events]
    assert index.is_exact.tolist() == [event.start.precision in ("day", "minute") for event in events]
    assert [index.lane_ids[lane] for lane in index.lanes] == [event.category for event in events]
    assert any(event.end_open == "present" for event in events) and any(event.alternatives for event in events)
    assert np.all(index.ends > index.starts)
