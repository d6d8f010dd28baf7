"""`events`: each event's fields, ids unique across the file, and the list sorted by date.

On the fast path a chunk of events is built from plain values; at the first doubt
the same chunk is read again precisely, so a problem costs one chunk's slow read.
"""

from __future__ import annotations

from itertools import chain, repeat

from ...chronology.date_forms import parse_when
from ...chronology.dates import DateError
from ...chronology.model import Alternative, Category, Event
from ...chronology.problems import WARNING, Problem
from ..chunked_events import ChunkedEvents
from ..slugs import slug
from ..yaml_reader import Null, position
from .event_dates import DateProblem, EventDates, event_dates
from .fast_events import only_types, plain_event
from .first_lines import FirstLines
from .media import read_background, read_media
from .plain_chunk import plain_chunk
from .sources import read_sources
from .values import (
    ALTERNATIVE_KEYS,
    EVENT_KEY_SET,
    EVENT_KEYS,
    PALETTE,
    Checker,
    NeedsPrecise,
    check_url,
    close_matches,
    unknown_key_message,
)


def read_events(check: Checker, items, categories: dict[str, Category], explicit: bool) -> list[Event]:
    events: list[Event] = []
    first_line_of_id = FirstLines()  # a line, or ~index of an item read fast (no positions there)
    if isinstance(items, ChunkedEvents):
        for chunk in items.chunks():
            events.extend(_chunk_events(check, chunk, categories, explicit, first_line_of_id))
    else:
        events = _events_of(check, items, 0, categories, explicit, first_line_of_id)
    _give_unique_ids(events, first_line_of_id)
    if isinstance(items, ChunkedEvents):
        items.let_go()
    first_line_of_id.let_go()
    return sorted_by_time(events)


SORT_WITH_NUMPY_FROM = 100_000


def sorted_by_time(events: list[Event]) -> list[Event]:
    """Earliest possible moment first; ties in file order. A large list is ordered by numpy
    (a million events: 0.5 s in list.sort, holding the interpreter while the window waits),
    and the ordered list is gathered a slice at a time into a new list: one `tolist` of a
    million positions, or `events[:] = …` over them, held it 30 to 50 ms each."""
    if len(events) < SORT_WITH_NUMPY_FROM:
        events.sort(key=lambda event: (event.start._start, event.line))
        return events
    import numpy as np  # here: `--check` of a small file never pays for the import

    from ...chronology.event_times import starts_and_lines

    starts, lines = starts_and_lines(events)  # (a slice of events a call: a call over a million would hold the interpreter)
    order = np.lexsort((lines, starts))
    ordered: list[Event] = []
    for first in range(0, len(order), _SLICE):
        ordered.extend(map(events.__getitem__, order[first : first + _SLICE].tolist()))
    return ordered


_SLICE = 50_000


MOST_READ_ALONE = 64  # events of a chunk read precisely one by one before the rest of it is read in one go


def _chunk_events(check: Checker, chunk, categories: dict, explicit: bool, ids: FirstLines) -> list[Event]:
    """A chunk fast; an event the plain check cannot be sure of is read precisely on its own
    and the events after it go on fast (after `MOST_READ_ALONE` such events, the rest of the
    chunk is read precisely in one go: a read costs a call either way)."""
    if chunk.risky():
        return _precise_events(check, chunk, categories, explicit, ids)
    check.stream = chunk.stream
    # (a YAML chunk the C reader read offers its plainest columns without making its items' dicts)
    gathered = chunk.gathered() if hasattr(chunk, "gathered") else None
    events = _plain_chunk(check, chunk, chunk.items if gathered is None else None, categories, explicit, ids,
                          gathered=gathered)
    if events is not None:
        return events
    items, own_keys = _without_own_keys(chunk)  # a key of the user's own, perhaps: set aside, the chunk checked again
    if items is not chunk.items:
        events = _plain_chunk(check, chunk, items, categories, explicit, ids)
        if events is not None:
            check.problems.extend(chain.from_iterable(own_keys.values()))
            return events
    events, index, alone = [], chunk.first, 0
    while index < chunk.last:
        end = min(index + CALM_RUN, chunk.last)
        # a run of calm events column by column (with the warnings for the keys of one's own set
        # aside in it); the run holding the problem event by event
        built = _plain_chunk(check, chunk, items[index - chunk.first : end - chunk.first], categories, explicit, ids,
                             first=index)
        if built is not None:
            check.problems.extend(chain.from_iterable(map(own_keys.get, range(index, end), repeat(()))))
            events += built
            index = end
            continue
        built, index = _plain_events_of(check, chunk, index, categories, explicit, ids, own_keys, end)
        events += built
        if index == end:
            continue
        alone += 1
        end = index + 1 if alone < MOST_READ_ALONE else chunk.last
        events += _precise_events(check, chunk.piece(index, end), categories, explicit, ids)
        index = end
    return events


# events of a chunk the column-wise check refused, tried column-wise again a run at a time: a
# problem in one event (a date that says no) had sent its whole chunk's thousand events through
# the event-by-event check, 1.5 times as slow (a file with one event in 200 wrong: all 100,000 of
# its events checked one by one; now 25,000)
CALM_RUN = 50


def _plain_chunk(check: Checker, chunk, items: list | None, categories: dict, explicit: bool, ids: FirstLines,
                 first: int | None = None, gathered: tuple | None = None) -> list[Event] | None:
    check.precise = False
    try:  # (None when not certain; it records nothing unless it succeeds)
        return plain_chunk(check, items, chunk.stream.lines, chunk.first if first is None else first, categories, explicit, ids,
                           gathered)
    finally:
        check.precise = True


def _precise_events(check: Checker, piece, categories: dict, explicit: bool, ids: FirstLines) -> list[Event]:
    items, problems = piece.read_precise()
    check.problems.extend(problems)
    return _events_of(check, items, piece.first, categories, explicit, ids)


def _plain_events_of(check: Checker, chunk, start: int, categories, explicit, ids: FirstLines,
                     own_keys_found: dict[int, list[Problem]] | None = None, end: int | None = None) -> tuple[list[Event], int]:
    """`_events_of` for a chunk's plain values from event `start` to `end` (the chunk's end), in a
    loop kept tight (it runs 100,000 times a large file): the events built, and where it stopped
    (`end`, or an event only the precise reader can judge: its new category is taken back, and
    its id was never recorded). `own_keys_found`: the warnings `_without_own_keys` made already, by event."""
    end = chunk.last if end is None else end
    events = []
    lines = chunk.stream.lines
    check.precise = False
    try:
        for index, item in enumerate(chunk.items[start - chunk.first : end - chunk.first], start):
            written_id = item.get("id") if type(item) is dict else None
            if written_id is not None and (type(written_id) is not str or written_id in ids):
                return events, index  # a number, or a duplicate: the precise reader says which
            if type(item) is not dict or item.keys() <= EVENT_KEY_SET:
                own_keys = ()
            elif own_keys_found and index in own_keys_found:
                own_keys = own_keys_found[index]
            else:
                own_keys = _own_keys(chunk.stream, index, item)
            if own_keys is None:
                return events, index
            if own_keys:
                item = _known_keys_only(item)
            known_categories = len(categories)
            try:
                events.append(plain_event(item, lines[index], check, categories, explicit))
            except Exception:  # noqa: BLE001 - NeedsPrecise, or an unexpected value the precise reader reports at its place
                for category in list(categories)[known_categories:]:
                    del categories[category]
                return events, index
            check.problems.extend(own_keys)
            if written_id is not None:
                ids[written_id] = ~index  # no positions here: found again if a duplicate needs it
    finally:
        check.precise = True
    return events, end


def _without_own_keys(chunk) -> tuple[list, dict[int, list[Problem]]]:
    """The chunk's items without the keys of the user's own when there are some and every one
    is placed by its text (else the items themselves: the chunk goes event by event), and the
    warnings for them by event (those found, either way: the event by event check takes them).
    A field of one's own on every event keeps its chunk column-wise."""
    items = chunk.items
    cleaned, warnings = list(items), {}
    for index, item in enumerate(items, chunk.first):
        if type(item) is dict and not item.keys() <= EVENT_KEY_SET:
            found = _own_keys(chunk.stream, index, item)
            if found is None:
                return items, warnings
            warnings[index] = found
            cleaned[index - chunk.first] = _known_keys_only(item)
    return (cleaned, warnings) if warnings else (items, warnings)


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _known_keys_only(item: dict) -> dict:
    return {key: value for key, value in item.items() if key in EVENT_KEY_SET}


def _own_keys(stream: ChunkedEvents, index: int, item: dict) -> list[Problem] | None:
    """The warnings for the keys of an event read fast that the format does not know (a field of
    the user's own), each where the precise reader would place it; None when only it can say
    (where the text does not place the key, or its value is more than a scalar or a list of them)."""
    warnings = []
    for key, value in item.items():
        if key not in EVENT_KEY_SET:
            if type(value) not in _SCALARS and not (type(value) is list and set(map(type, value)) <= _SCALARS):
                return None  # a mapping or nested list: the precise reader checks what is inside (keys, depth, syntax)
            where = stream.key_position(index, key)
            if where is None:
                return None
            warnings.append(Problem(*where, unknown_key_message(key, EVENT_KEYS, "an event"), WARNING))
    return warnings


def _events_of(check: Checker, items, offset: int, categories, explicit, ids: FirstLines) -> list[Event]:
    events = []
    for index, item in enumerate(items, offset):
        written_id = item.get("id") if isinstance(item, dict) else None
        duplicate = False
        if isinstance(written_id, (str, int)) and not isinstance(written_id, bool):
            duplicate = str(written_id) in ids
            if duplicate:
                first = ids[str(written_id)]
                if first < 0:  # written in a chunk served fast: find its line now that it is needed
                    first = check.stream.value_line(~first, "id")
                check.report(written_id, f"duplicate id '{written_id}' (first used at line {first})")
            else:
                ids[str(written_id)] = position(written_id)[0]
        try:
            event = read_event(check, item, index, categories, explicit)
        except NeedsPrecise:
            raise
        except Exception as error:  # noqa: BLE001 - a check that failed is a problem at this event, never a crash
            check.report(item, f"this event could not be checked ({type(error).__name__}: {error}); please report it")
            event = None
        if event is not None and not duplicate:
            events.append(event)
    return events


def read_event(check: Checker, item: object, index: int, categories: dict[str, Category], explicit: bool) -> Event | None:
    data = check.mapping(item, "an event")
    if data is None:
        return None
    check.unknown_keys(data, EVENT_KEYS, "an event")
    line = position(data)[0]
    ok = "title" in data
    if not ok:
        check.report(data, "event is missing `title`")
    title = check.text(data.get("title"), data, "title", required=ok)
    if "start" not in data:
        if "end" in data:
            check.report(data["end"], "event has an `end` but no `start`")
        else:
            check.report(data, "event is missing `start`")
        return None
    dates, dates_ok = read_event_dates(check, data)
    ok = ok and dates_ok
    category = check.text(data.get("category"), data, "category")
    if category and category not in categories:
        if explicit:
            close = close_matches(category, categories)
            hint = f"; did you mean '{close[0]}'?" if close else f" (declared: {', '.join(categories) or 'none'})"
            check.report(data.get("category"), f"unknown category '{category}'{hint}")
            ok = False
        else:
            categories[category] = Category(category, category, PALETTE[len(categories) % len(PALETTE)])
    tags = read_tags(check, data.get("tags"))
    sources = read_sources(check, data.get("sources"))
    description = check.text(data.get("description"), data, "description")
    location = check.text(data.get("location"), data, "location")
    media = read_media(check, data.get("media"))
    background = read_background(check, data.get("background"))
    display_date = check.text(data.get("display_date"), data, "display_date")
    event_id = check.text(data.get("id"), data, "id", required="id" in data)
    if dates is None or not title.strip() or not ok:
        return None
    return Event(
        id=event_id,
        title=title,
        start=dates.start,
        end=dates.end,
        category=category,
        tags=tags,
        description=description,
        sources=sources,
        location=location,
        line=line,
        end_open=dates.end_open,
        start_open=dates.start_open,
        alternatives=dates.alternatives,
        written=dates.written,
        media=media,
        display_date=display_date,
        background=background,
    )


def read_event_dates(check: Checker, data: dict) -> tuple[EventDates | None, bool]:
    """The event's dates and whether they are all good, every problem reported where it stands."""
    start_value = data["start"]
    has_end = "end" in data and not isinstance(data["end"], Null)
    if isinstance(start_value, list):
        alternatives = read_alternatives(check, start_value)
        if not alternatives:
            return None, False
        if has_end:
            check.report(data["end"], "an event with alternative dates has no `end`: give each alternative as a range")
        earliest = min(alternatives, key=lambda alternative: alternative.date.seconds())
        return EventDates(earliest.date, alternatives=tuple(alternatives)), not has_end
    if isinstance(start_value, Null):
        check.report(start_value, "`start` is empty")
        return None, False
    if not isinstance(start_value, str):
        check.report(start_value, "`start` must be a date such as 2014-06-25, 'June 2014' or '20 October 2011'")
        return None, False
    end_value = data.get("end")
    if has_end and not isinstance(end_value, str):
        check.report(end_value, "`end` must be a date such as 2014-06-25, 'June 2014' or '20 October 2011'")
        has_end = False
    try:
        return event_dates(start_value, end_value, has_end, check.date_order, check.timezone), True
    except DateProblem as problem:
        check.report(data[problem.field], str(problem))
        return None, False


def read_alternatives(check: Checker, items: list) -> list[Alternative]:
    """`start: [{date: 13 July 2014, source: reuters}, {date: August 2014, source: vice}]`, or plain dates."""
    alternatives = []
    for item in items:
        where, source = item, ""
        if isinstance(item, dict):
            check.unknown_keys(item, ALTERNATIVE_KEYS, "an alternative date")
            if "date" not in item:
                check.report(item, "an alternative needs a `date` (and the `source` that gives it)")
                continue
            where, value = item["date"], item["date"]
            source = check.text(item.get("source"), item, "source")
            if source and source not in check.named_sources and check_url(source) is not None:
                known = ", ".join(check.named_sources) or "none declared"
                check.report(item.get("source"), f"unknown source '{source}': a name from the top-level `sources` ({known}) or a link")
        else:
            value = item
        if not isinstance(value, str):
            check.report(where, "an alternative date must be a date such as 2014-06-25 or 'June 2014'")
            continue
        try:
            when = parse_when(value, check.date_order)
        except DateError as error:
            check.report(where, f"bad alternative date: {error}")
            continue
        if when.is_range or when.alternatives:
            check.report(where, "an alternative is one date (use 'between … and …' for a stretch)")
            continue
        named = check.named_sources.get(source)
        label = (named.publisher or named.title) if named else source
        alternatives.append(Alternative(when.start, source, label, named))
    if len(alternatives) == 1 and len(items) == 1:
        check.report(items, "one alternative is no dispute: write the date itself", WARNING)
    return alternatives


def read_tags(check: Checker, value: object) -> tuple[str, ...]:
    if value is None or isinstance(value, Null):
        return ()
    if isinstance(value, str):
        return (str(value),)
    if type(value) is list and str in only_types(value):
        return tuple(value)
    if not isinstance(value, list):
        check.report(value, "`tags` must be a list, e.g. tags: [oil, Tripoli]")
        return ()
    return tuple(tag for tag in (check.text(item, item, "tag") for item in value) if tag)


def _give_unique_ids(events: list[Event], taken: FirstLines) -> None:
    """Events without an id get one from their date and title, so a selection survives reloads."""
    next_suffix: dict[str, int] = {}
    for event in events:
        if event.id:
            continue
        base = f"{event.start.iso()}-{slug(event.title, 'event')}"
        candidate, suffix = base, next_suffix.get(base, 2)
        while candidate in taken:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        next_suffix[base] = suffix  # 25,000 identical events must not try 2, 3, 4… each time
        taken[candidate] = event.line
        event.id = candidate


