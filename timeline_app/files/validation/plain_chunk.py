"""A chunk of plain events checked column by column: the fast reader's commonest case at C speed.

`plain_event` checks one event at a time (4.4 µs each on 100,000 hand-written events,
dates already cached). Here each field of a whole chunk (1,000 events) is gathered
into a list and checked in one pass of C-level calls (`set(map(type, …))`, one regex
over all links joined), then the events are made by one `map(Event, …)`: 3.0 µs.
Where `_plain_events.c` is built, C does the same work in single passes, each to the Python
code's answer (tests/test_plain_events.py): the plainest chunks' columns gathered (`gather`),
plain days read (`plain_dates`), links checked (`plain_links`), tags shared (`shared_tags`),
and the events made without `Event.__init__` (`make_objects`). Together they took a third
of a 100,000-event load's instructions.

The rare event with media or a structured source gets those fields checked on
their own, as `plain_event` checks them. It only accelerates: a chunk holding
anything it does not decide for certain (a date that says no, a new category in a
file that declares them, a link that is not plain…) gets None back, and the caller
checks it event by event (`plain_event`), which knows when the precise reader must look.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import chain, islice, repeat
from operator import add, attrgetter

from ...chronology.dates import DAY, MINUTE, PartialDate
from ...chronology.model import Category, Event, Source
from ..compiled import plain_events
from .event_dates import event_dates
from .fast_events import plain_extras, plain_source
from .first_lines import FirstLines
from .values import EVENT_KEY_SET, PALETTE, PLAIN_WEB_LINK, SOURCE_KEY_SET, Checker

_LINKS = re.compile(rf"(?:{PLAIN_WEB_LINK.pattern})(?:\n(?:{PLAIN_WEB_LINK.pattern}))*")  # fullmatch: one link a line
_NONE_TYPE = type(None)
_new_source = partial(tuple.__new__, Source)  # Source(url, "", "", "") without a Python call
_EXTRA_KEYS = frozenset(("media", "background", "display_date"))
_ALTERNATIVES = attrgetter("alternatives")
gather = getattr(plain_events, "gather", None)  # (None where the C module is not built: gathered in Python)
make_objects = getattr(plain_events, "make_objects", None)
plain_dates = getattr(plain_events, "plain_dates", None)
plain_links = getattr(plain_events, "plain_links", None)
shared_tags = getattr(plain_events, "shared_tags", None)


def plain_chunk(
    check: Checker, items: list | None, lines: list[int], first: int, categories: dict[str, Category], explicit: bool,
    ids: FirstLines, gathered: tuple | None = None,
) -> list[Event] | None:
    """The chunk's events, exactly as `plain_event` would build them one by one; None when
    it is not certain. Only on success are the chunk's ids and new categories recorded.
    `gathered`: the items' columns, `gather`'s answer, where they were gathered without the
    items (from the C reader's tape: `items` is then None)."""
    try:
        columns = _columns(check, items, first, categories, explicit, ids, gathered)
    except Exception:  # noqa: BLE001 - anything unexpected: the event-by-event check decides
        return None
    if columns is None:
        return None
    event_ids, titles, dates, category_column, tags, descriptions, sources, locations, written_ids, extras = columns
    category_column = _shared(category_column, check.shared_words)
    # no positions here (~index): found again if a duplicate needs it
    count = len(titles)
    if written_ids is None:  # every event has its id, as data sets have: recorded at C speed
        ids.update(zip(event_ids, range(~first, ~first - count, -1)))
    else:
        ids.update((event_id, ~index) for index, event_id in written_ids)
    for category in dict.fromkeys(category_column):
        if category and category not in categories:
            categories[category] = Category(category, category, PALETTE[len(categories) % len(PALETTE)])
    starts, ends, end_opens, start_opens, written = dates
    events = _made((
        event_ids, titles, starts, ends, category_column, tags, descriptions, sources, locations,
        lines[first : first + count], end_opens, start_opens, written,
    ))
    for index, (media, background, display_date) in extras.items():
        event = events[index]
        event.media, event.background, event.display_date = media, background, display_date
    return events


# Event's fields in `_made`'s columns, and those every event of a plain chunk has alike
_COLUMN_FIELDS = ("id", "title", "start", "end", "category", "tags", "description", "sources", "location", "line",
                  "end_open", "start_open", "written")
_ALIKE = {"alternatives": (), "media": None, "display_date": "", "background": None}


def _made(columns: tuple) -> list[Event]:
    """The events of these columns: made in C where it is built (each slot set as `__init__` sets
    it, without the call, which took 0.9 µs an event), else by `Event` itself."""
    if make_objects is not None:
        return make_objects(Event, _COLUMN_FIELDS, tuple(map(list, columns)), tuple(_ALIKE), tuple(_ALIKE.values()))
    *fields, written = columns
    return list(map(Event, *fields, repeat(()), written))


def _columns(check: Checker, items: list | None, first: int, categories: dict, explicit: bool, ids: FirstLines,
             gathered: tuple | None = None):
    if gathered is None and gather is not None:
        gathered = gather(items)  # (C, for the plainest chunks: None for any other)
    if gathered is not None:
        gathered += (False,)  # (it takes no chunk with media, backgrounds or display dates)
        event_ids = gathered[0]  # (an id it takes has ink: an event without one has "" in its place)
        if all(event_ids):
            written_ids, given = None, event_ids
        else:
            written_ids = [(index, event_id) for index, event_id in enumerate(event_ids, first) if event_id]
            given = [event_id for _, event_id in written_ids]
    else:
        gathered = _gathered(items)
        if gathered is None:
            return None
        if sum(map(dict.__contains__, items, repeat("id"))) == len(items):
            written_ids, given = None, gathered[0]
        else:
            written_ids = [(index, item["id"]) for index, item in enumerate(items, first) if "id" in item]
            given = [event_id for _, event_id in written_ids]
    event_ids, titles, starts, ends, categories_of, tags, descriptions, sources, locations, has_end, extra = gathered
    if not all(map(str.strip, given)) or len(set(given)) != len(given) or not ids.isdisjoint(given):
        return None  # a blank or repeated id: the event-by-event check says which
    if explicit and not categories.keys() >= set(categories_of) - {""}:
        return None
    dates = _dates(check, starts, ends, has_end)
    if dates is None:
        return None
    tags = _tags(tags, check.shared_words, check.shared_tags)
    sources = _sources(check, sources)
    if sources is None:
        return None
    extras = {  # the checks themselves raise NeedsPrecise
        index: plain_extras(check, item)
        for index, item in enumerate(items) if "media" in item or "background" in item or "display_date" in item
    } if extra else {}  # (a loop over the items only when some event has them)
    return event_ids, titles, dates, categories_of, tags, descriptions, sources, locations, written_ids, extras


def _gathered(items: list):
    """Each field of the chunk as a column (a default where an event lacks it), whether each event
    has an `end`, and whether any has media, a background or a display date; None unless every
    value is of a type the column checks take. `gather` in C gives the same for the plainest chunks."""
    if set(map(type, items)) != {dict}:
        return None
    keys = set().union(*items)  # (a third faster than set(chain.from_iterable(items)))
    if not keys <= EVENT_KEY_SET:
        return None
    titles = _field(items, "title")
    if set(map(type, titles)) != {str} or not all(map(str.strip, titles)):
        return None
    event_ids = _field(items, "id", "")
    categories_of = _field(items, "category", "")
    descriptions = _field(items, "description", "")
    locations = _field(items, "location", "")
    if set(map(type, chain(event_ids, categories_of, descriptions, locations))) != {str}:
        return None
    starts = _field(items, "start")
    ends = _field(items, "end")
    has_end = list(map(dict.__contains__, items, repeat("end")))
    if not set(map(type, starts)) <= {str, int} or not set(map(type, ends)) <= {str, int, _NONE_TYPE}:
        return None  # (a bool is its own type here: True never passes for 1)
    if ends.count(None) != has_end.count(False):
        return None  # `end:` with nothing after it (a None beyond those of events without an end)
    tags = _field(items, "tags", ())
    if not set(map(type, tags)) <= {list, tuple} or [] in tags:
        return None  # (a tuple is only ever the default: the YAML reader makes lists)
    every = list(chain.from_iterable(tags))
    if every and (set(map(type, every)) != {str} or "" in every):
        return None
    sources = _field(items, "sources", ())
    if not set(map(type, sources)) <= {list, tuple}:
        return None
    extra = not keys.isdisjoint(_EXTRA_KEYS)
    return event_ids, titles, starts, ends, categories_of, tags, descriptions, sources, locations, has_end, extra


def _field(items: list, key: str, default: object = None) -> list:
    """Every item's `key` (items are dicts here), gathered at C speed."""
    return list(map(dict.get, items, repeat(key), repeat(default)))


def _dates(check: Checker, starts: list, ends: list, has_end: list):
    """The events' (starts, ends, end_opens, start_opens, written), each `event_dates`' answer;
    None when some event has alternative dates."""
    if plain_dates is not None:  # plain days and minutes read in C, any other form by event_dates
        if len(_DAYS) > MOST_DAYS:
            _DAYS.clear()
        return plain_dates(starts, ends, has_end, _DAYS, event_dates, check.date_order, check.timezone, PartialDate,
                           DAY, MINUTE, " … ")
    dates = list(map(event_dates, starts, ends, has_end, repeat(check.date_order), repeat(check.timezone)))
    if any(map(_ALTERNATIVES, dates)):
        return None
    starts, ends, end_opens, start_opens, _, written = zip(*dates)  # (EventDates are tuples: one pass)
    return starts, ends, end_opens, start_opens, written


_DAYS: dict[str, PartialDate] = {}  # (plain_dates': a day's text -> its date, one object for every event naming it)
MOST_DAYS = 1 << 18


def _tags(tags: list, shared: dict[str, str], lists: dict[tuple, tuple]) -> list[tuple]:
    """Each event's tags as a tuple of words shared with every other use of the word."""
    if len(shared) >= MOST_SHARED_WORDS:
        return list(map(tuple, tags))
    if len(lists) >= MOST_SHARED_LISTS:
        return [tuple(map(shared.setdefault, each, each)) if each else () for each in tags]
    if shared_tags is not None:
        return shared_tags(tags, shared, lists)
    # each distinct list of tags one tuple of shared words, made once: a tuple made for each
    # event (with a `map` object apiece) cost four times as much
    tags = list(map(tuple, tags))
    for each in dict.fromkeys(tags).keys() - lists.keys():
        made = tuple(map(shared.setdefault, each, each))
        lists[made] = made  # (the key too: `each` would keep the file's own copies of its words)
    return list(map(lists.__getitem__, tags))


MOST_SHARED_WORDS = 20_000  # (words past these are kept as read: a file whose every tag is new)
MOST_SHARED_LISTS = 50_000  # (and lists of tags: a million events' own lists would make a 40 MB table)


def _shared(words: list, shared: dict[str, str]) -> list:
    """`words` (categories, say), each an object shared with every other use of the word."""
    return list(map(shared.setdefault, words, words)) if len(shared) < MOST_SHARED_WORDS else words


def _sources(check: Checker, listed: list):
    every = list(chain.from_iterable(listed))
    if not every:
        return list(map(tuple, listed))
    kinds = set(map(type, every))
    if kinds == {dict}:  # every source structured (title, publisher…), as our JSON export writes them
        return _structured(listed, every)
    named = check.named_sources
    all_text = kinds == {str}
    texts = every if all_text else [source for source in every if type(source) is str]
    distinct = dict.fromkeys(texts)
    links = [text for text in distinct if text not in named] if named else list(distinct)
    if not _all_plain_links(links):
        return None
    made = dict(zip(links, map(_new_source, zip(links, repeat(""), repeat(""), repeat("")))))
    if named:
        made.update((text, named[text]) for text in distinct if text in named)
    if not all_text:  # a structured source among them (title, publisher…): those checked one by one
        return [tuple([made[source] if type(source) is str else plain_source(source) for source in sources])
                for sources in listed]
    counts = set(map(len, listed))
    if counts == {1}:  # one source an event, as most data sets have it: made at C speed
        return list(zip(map(made.__getitem__, every)))
    return [tuple(map(made.__getitem__, sources)) if sources else () for sources in listed]


def _structured(listed: list, every: list[dict]) -> list | None:
    """`plain_source` of each of `every` (all dicts), field by field at C speed, regrouped by event;
    None for anything it would hand to the precise check (another key, a value that is not text,
    neither link nor title, a link that is not a plain web link)."""
    if not set(chain.from_iterable(every)) <= SOURCE_KEY_SET:
        return None
    urls, titles, publishers, dates = (_field(every, key, "") for key in ("url", "title", "publisher", "date"))
    if set(map(type, chain(urls, titles, publishers, dates))) != {str} or "" in map(add, urls, titles):
        return None
    if not _all_plain_links(list(filter(None, dict.fromkeys(urls)))):
        return None
    made = iter(list(map(_new_source, zip(map(str.strip, urls), titles, publishers, dates))))
    return list(map(tuple, map(islice, repeat(made), map(len, listed))))


def _all_plain_links(links: list[str]) -> bool:
    """Whether each of `links` is a plain web link (`PLAIN_WEB_LINK`, no line break in it),
    checked in C where it is built, else in one match over them all."""
    if plain_links is not None:
        return plain_links(links)
    joined = "\n".join(links)
    return not links or (joined.count("\n") == len(links) - 1 and _LINKS.fullmatch(joined) is not None)
