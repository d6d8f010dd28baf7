/* A chunk's plain events gathered and made in C: what `plain_chunk` does column by column in
 * Python, for the commonest chunks, in one pass.
 *
 * `plain_chunk` gathers each field of a chunk's 1,000 events into a list and checks its types
 * (ten passes of `map` over the items), then makes the events with `map(Event, ...)` (a Python
 * `__init__` of fourteen arguments each): together a fifth of a large file's load.
 *
 * `gather(items)` is those ten passes in one, for chunks of the plainest kind only: every item
 * a dict of the keys id, title, start, end, category, tags, description, sources and location,
 * every value of the type the column checks want (text; a start or end that is text or a whole
 * number, never a bool; tags and sources lists of text). Anything else returns None and the
 * Python gathering decides, as it always did. It checks nothing the Python path would let
 * through, and leaves every finer check (ids, dates, links) to the same Python code after it.
 *
 * `plain_dates(...)` gives `event_dates`' answers for a chunk's dates: plain days and minutes
 * (`2014-06-25`, `2014-06-25 10:30`) in ASCII digits read here as `date_forms.plain_day` reads
 * them, each day's date made once and kept in a dict the caller holds; any other form, a day
 * that does not exist or an end before its start by `event_dates` itself. Reading a large file's
 * dates for the first time had been a fifth of its load (29,000 pairs among 100,000 events).
 *
 * `plain_links(links)`: whether each is a plain web link (values.PLAIN_WEB_LINK), one match
 * over them all joined having been a twentieth of a load.
 *
 * `shared_tags(tags, words, lists)`: each event's tags as one tuple shared by every event with
 * the same tags, made of words shared likewise (plain_chunk._tags' third way, in one pass).
 *
 * `has_number_dates(items)`: whether yaml-rs read some `start` or `end` as a whole number (a
 * year written bare), which decides whether a chunk's text is searched for `01917` and such
 * (yaml_doubts.has_number_dates: three passes over the items in Python); `number_date_events(items)`:
 * which of them (yaml_doubts.number_date_events: five `map`s, 0.5 ms a chunk of a file with bare years).
 *
 * `make_objects(cls, names, columns, constants)` makes objects of a class whose fields are all
 * slots (a `dataclass(slots=True)` without `__post_init__`, made from object alone): each slot
 * set as its `__init__` would set it, without the call.
 *
 * tests/test_plain_events.py holds each to the Python code's answers. Python code that may run
 * during a call (an `event_dates` callback; a key's or a word's own __eq__ or __hash__, which the
 * readers never make) cannot change what a call reads: it reads copies, or refuses such keys.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "../chronology/object_slots.h"
#include "plain_fields.h"

static PyObject *field_keys[FIELDS];  /* interned: a dict's key is found by its cached hash */

/* Whether every key of `item` is exact text: then looking its fields up runs no code of Python's
 * (a key's own __eq__ or __hash__ could change the items while they are read). */
static int
text_keys(PyObject *item)
{
    Py_ssize_t at = 0;
    PyObject *key, *value;
    while (PyDict_Next(item, &at, &key, &value))
        if (!PyUnicode_CheckExact(key))
            return 0;
    return 1;
}

static PyObject *
gather(PyObject *module, PyObject *items)
{
    if (!PyList_CheckExact(items)) {
        PyErr_SetString(PyExc_TypeError, "gather() takes a list of items");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(items);
    if (n == 0)
        Py_RETURN_NONE;  /* (as the Python gathering: no chunk of no events) */
    PyObject *empty_text = PyUnicode_New(0, 0), *empty_tuple = PyTuple_New(0);
    PyObject *columns[FIELDS + 1] = {NULL};  /* the fields' columns, and whether each event has an end */
    PyObject *result = NULL;
    if (empty_text == NULL || empty_tuple == NULL)
        goto done;
    for (int field = 0; field <= FIELDS; field++)
        if ((columns[field] = PyList_New(n)) == NULL)
            goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        if (!PyDict_CheckExact(item) || !text_keys(item))
            goto plain_no_more;
        Py_ssize_t found = 0;
        for (int field = 0; field < FIELDS; field++) {
            PyObject *value = PyDict_GetItemWithError(item, field_keys[field]);
            if (value == NULL && PyErr_Occurred())
                goto done;
            if (!plain_value(field, value))
                goto plain_no_more;
            found += value != NULL;
            if (field == END)
                PyList_SET_ITEM(columns[FIELDS], i, Py_NewRef(value != NULL ? Py_True : Py_False));
            if (value == NULL)
                value = FIELD_DEFAULT(field, empty_text, empty_tuple);
            PyList_SET_ITEM(columns[field], i, Py_NewRef(value));
        }
        if (found != PyDict_GET_SIZE(item))  /* a key of another kind (media, one of the user's own...) */
            goto plain_no_more;
    }
    result = columns_tuple(columns);
    goto done;
plain_no_more:
    result = Py_NewRef(Py_None);
done:
    for (int field = 0; field <= FIELDS; field++)
        Py_XDECREF(columns[field]);  /* (a list not yet filled holds NULLs, which it skips) */
    Py_XDECREF(empty_text);
    Py_XDECREF(empty_tuple);
    return result;
}

/* Whether objects of `cls` may be made by `tp_alloc` and their slots set here: a class made
 * from `object` directly (no base with state of its own to set up, no __new__ of its own),
 * without a __dict__: a `dataclass(slots=True)`. TypeError if not. */
static int
plain_class(PyTypeObject *cls)
{
    if (cls->tp_base != &PyBaseObject_Type || cls->tp_new != PyBaseObject_Type.tp_new || cls->tp_dictoffset != 0
        || cls->tp_dict == NULL || (cls->tp_flags & Py_TPFLAGS_IS_ABSTRACT)) {
        PyErr_Format(PyExc_TypeError, "%s is not a class of slots made from object alone", cls->tp_name);
        return -1;
    }
    return 0;
}

static PyObject *
make_objects(PyObject *module, PyObject *args)
{
    PyTypeObject *cls;
    PyObject *names, *columns, *constant_names, *constants;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!:make_objects", &PyType_Type, &cls, &PyTuple_Type, &names,
                          &PyTuple_Type, &columns, &PyTuple_Type, &constant_names, &PyTuple_Type, &constants))
        return NULL;
    Py_ssize_t fields = PyTuple_GET_SIZE(names), constant_count = PyTuple_GET_SIZE(constant_names);
    if (PyTuple_GET_SIZE(columns) != fields || PyTuple_GET_SIZE(constants) != constant_count || fields == 0) {
        PyErr_SetString(PyExc_ValueError, "make_objects() takes a column for each name and a value for each constant");
        return NULL;
    }
    if (plain_class(cls) < 0)
        return NULL;
    Py_ssize_t count = -1;
    for (Py_ssize_t f = 0; f < fields; f++) {
        PyObject *column = PyTuple_GET_ITEM(columns, f);
        if (!PyList_CheckExact(column) || (count >= 0 && PyList_GET_SIZE(column) != count)) {
            PyErr_SetString(PyExc_ValueError, "make_objects() takes lists of one length");
            return NULL;
        }
        count = PyList_GET_SIZE(column);
    }
    Py_ssize_t *offsets = PyMem_New(Py_ssize_t, fields + constant_count);
    if (offsets == NULL)
        return PyErr_NoMemory();
    PyObject *made = NULL;
    for (Py_ssize_t f = 0; f < fields + constant_count; f++) {
        PyObject *name = f < fields ? PyTuple_GET_ITEM(names, f) : PyTuple_GET_ITEM(constant_names, f - fields);
        const char *text = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
        if (text == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "make_objects() takes names of text");
            goto done;
        }
        if ((offsets[f] = slot_offset(cls, text, 1)) < 0)
            goto done;
    }
    if ((made = PyList_New(count)) == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *object = cls->tp_alloc(cls, 0);
        if (object == NULL) {
            Py_CLEAR(made);
            goto done;
        }
        for (Py_ssize_t f = 0; f < fields + constant_count; f++) {
            PyObject *value = f < fields ? PyList_GET_ITEM(PyTuple_GET_ITEM(columns, f), i)
                                         : PyTuple_GET_ITEM(constants, f - fields);
            Py_XSETREF(SLOT(object, offsets[f]), Py_NewRef(value));
        }
        PyList_SET_ITEM(made, i, object);
    }
done:
    PyMem_Free(offsets);
    return made;
}

/* ---- plain dates ---- */

/* Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant), as dates.days_from_civil. */
static long long
days_from_civil(long long year, int month, int day)
{
    year -= month <= 2;
    long long era = (year >= 0 ? year : year - 399) / 400;  /* (floor division, as Python's //) */
    long long yoe = year - era * 400;
    long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int
days_in_month(long long year, int month)
{
    if (month == 2)
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

static int
digits(const Py_UCS1 *s, int count)
{
    int value = 0;
    for (int i = 0; i < count; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

typedef struct {
    PyTypeObject *cls;  /* PartialDate */
    PyObject *day_word, *minute_word, *empty_text;
    Py_ssize_t offsets[14];  /* its slots, in the order `date_slots` names them */
} DateMaker;

static const char *date_slots[14] = {"year", "month", "day", "hour", "minute", "precision", "second", "approximate",
                                      "uncertain", "note", "span", "zone", "_start", "_end"};

/* `text` read as `date_forms.plain_day` reads it, when it is `2014-06-25` or `2014-06-25 10:30`
 * (or with a T) in ASCII digits and names a day and time that exist: a new PartialDate. NULL
 * without an error for anything else (plain_day's answer then comes from Python, which says
 * what is wrong or reads other digits), NULL with an error when out of memory. */
static PyObject *
plain_day(DateMaker *maker, PyObject *text)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (!PyUnicode_IS_ASCII(text) || (length != 10 && length != 16))
        return NULL;
    const Py_UCS1 *s = PyUnicode_1BYTE_DATA(text);
    int year = digits(s, 4), month = digits(s + 5, 2), day = digits(s + 8, 2), hour = 0, minute = 0;
    if (year < 0 || month < 1 || month > 12 || day < 1 || s[4] != '-' || s[7] != '-' || day > days_in_month(year, month))
        return NULL;
    if (length == 16) {
        hour = digits(s + 11, 2), minute = digits(s + 14, 2);
        if ((s[10] != 'T' && s[10] != ' ') || s[13] != ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59)
            return NULL;
    }
    double start = (double)(days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60);
    double end = start + (length == 16 ? 60 : 86400);
    PyObject *values[14] = {
        PyLong_FromLong(year), PyLong_FromLong(month), PyLong_FromLong(day), PyLong_FromLong(hour),
        PyLong_FromLong(minute), Py_NewRef(length == 16 ? maker->minute_word : maker->day_word), PyLong_FromLong(0),
        Py_NewRef(Py_False), Py_NewRef(Py_False), Py_NewRef(maker->empty_text), Py_NewRef(Py_None),
        Py_NewRef(maker->empty_text), PyFloat_FromDouble(start), PyFloat_FromDouble(end)};
    PyObject *date = maker->cls->tp_alloc(maker->cls, 0);
    for (int f = 0; f < 14; f++) {
        if (date != NULL && values[f] != NULL) {
            Py_XSETREF(SLOT(date, maker->offsets[f]), values[f]);  /* (the date holds the value now) */
        } else
            Py_XDECREF(values[f]);
        if (values[f] == NULL)
            Py_CLEAR(date);
    }
    return date;
}

/* Whether `date` is one `plain_day` made: exactly the class, its seconds floats. */
static int
made_here(DateMaker *maker, PyObject *date)
{
    if (Py_TYPE(date) != maker->cls)
        return 0;
    PyObject *start = SLOT(date, maker->offsets[12]), *end = SLOT(date, maker->offsets[13]);
    return start != NULL && end != NULL && PyFloat_CheckExact(start) && PyFloat_CheckExact(end);
}

/* The date `text` names (a new reference), from `days` (text -> PartialDate, shared by every
 * event that names the day) or read now and put there; NULL without an error when it is not a
 * plain day (or `days` holds something else for it). */
static PyObject *
known_day(DateMaker *maker, PyObject *days, PyObject *text)
{
    if (!PyUnicode_CheckExact(text))
        return NULL;
    PyObject *date = PyDict_GetItemWithError(days, text);
    if (date != NULL)
        return made_here(maker, date) ? Py_NewRef(date) : NULL;
    if (PyErr_Occurred())
        return NULL;
    date = plain_day(maker, text);
    if (date != NULL && PyDict_SetItem(days, text, date) < 0)
        Py_CLEAR(date);
    return date;
}

static PyObject *
plain_dates(PyObject *module, PyObject *args)
{
    PyObject *given[3], *days, *event_dates, *date_order, *timezone, *separator;
    DateMaker maker;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OOUO!UUU:plain_dates", &PyList_Type, &given[0], &PyList_Type, &given[1],
                          &PyList_Type, &given[2], &PyDict_Type, &days, &event_dates, &date_order, &timezone,
                          &PyType_Type, &maker.cls, &maker.day_word, &maker.minute_word, &separator))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(given[0]);
    if (PyList_GET_SIZE(given[1]) != n || PyList_GET_SIZE(given[2]) != n) {
        PyErr_SetString(PyExc_ValueError, "plain_dates() takes lists of one length");
        return NULL;
    }
    if (plain_class(maker.cls) < 0)
        return NULL;
    for (int f = 0; f < 14; f++)
        if ((maker.offsets[f] = slot_offset(maker.cls, date_slots[f], 1)) < 0)
            return NULL;
    enum { STARTS, ENDS, END_OPENS, START_OPENS, WRITTEN, COLUMNS };
    PyObject *columns[COLUMNS] = {NULL}, *result = NULL, *dates = NULL, *start = NULL, *end = NULL;
    /* the lists as they are now: event_dates is Python, and may change the caller's */
    PyObject *starts = PyList_GetSlice(given[0], 0, n), *ends = PyList_GetSlice(given[1], 0, n);
    PyObject *has_end = PyList_GetSlice(given[2], 0, n);
    if ((maker.empty_text = PyUnicode_New(0, 0)) == NULL || starts == NULL || ends == NULL || has_end == NULL)
        goto done;
    for (int c = 0; c < COLUMNS; c++)
        if ((columns[c] = PyList_New(n)) == NULL)
            goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *start_value = PyList_GET_ITEM(starts, i), *end_value = PyList_GET_ITEM(ends, i);
        PyObject *with_end = PyList_GET_ITEM(has_end, i), *written = NULL;
        int ended = PyObject_IsTrue(with_end);
        if (ended < 0)
            goto done;
        if (PyUnicode_GET_LENGTH(timezone) == 0 && (start = known_day(&maker, days, start_value)) != NULL) {
            if (!ended)
                written = Py_NewRef(start_value);
            else if ((end = known_day(&maker, days, end_value)) != NULL
                     && PyFloat_AS_DOUBLE(SLOT(end, maker.offsets[13])) > PyFloat_AS_DOUBLE(SLOT(start, maker.offsets[12]))) {
                PyObject *pair = PyTuple_Pack(2, start_value, end_value);
                written = pair == NULL ? NULL : PyUnicode_Join(separator, pair);
                Py_XDECREF(pair);
                if (written == NULL)
                    goto done;
            }
        }
        if (PyErr_Occurred())
            goto done;
        if (written != NULL) {  /* read here: no open ends, no alternatives */
            PyList_SET_ITEM(columns[STARTS], i, start);
            PyList_SET_ITEM(columns[ENDS], i, end != NULL ? end : Py_NewRef(Py_None));
            start = end = NULL;  /* (the columns hold them) */
            PyList_SET_ITEM(columns[END_OPENS], i, Py_NewRef(maker.empty_text));
            PyList_SET_ITEM(columns[START_OPENS], i, Py_NewRef(maker.empty_text));
            PyList_SET_ITEM(columns[WRITTEN], i, written);
            continue;
        }
        Py_CLEAR(start);
        Py_CLEAR(end);
        /* any other form, a day that does not exist, an end before the start: event_dates decides */
        dates = PyObject_CallFunctionObjArgs(event_dates, start_value, end_value, with_end, date_order, timezone, NULL);
        if (dates == NULL)
            goto done;  /* (DateProblem: the chunk is checked event by event, which reports it) */
        if (!PyTuple_Check(dates) || PyTuple_GET_SIZE(dates) != 6) {
            PyErr_SetString(PyExc_TypeError, "event_dates() gave no EventDates");
            goto done;
        }
        PyObject *alternatives = PyTuple_GET_ITEM(dates, 4);
        if (!PyTuple_Check(alternatives) || PyTuple_GET_SIZE(alternatives) != 0) {
            result = Py_NewRef(Py_None);  /* dates sources disagree on: the event-by-event check reads them */
            goto done;
        }
        int place[COLUMNS] = {0, 1, 2, 3, 5};  /* (EventDates: start, end, end_open, start_open, alternatives, written) */
        for (int c = 0; c < COLUMNS; c++)
            PyList_SET_ITEM(columns[c], i, Py_NewRef(PyTuple_GET_ITEM(dates, place[c])));
        Py_CLEAR(dates);
    }
    result = PyTuple_New(COLUMNS);
    if (result != NULL)
        for (int c = 0; c < COLUMNS; c++) {
            PyTuple_SET_ITEM(result, c, columns[c]);
            columns[c] = NULL;
        }
done:
    for (int c = 0; c < COLUMNS; c++)
        Py_XDECREF(columns[c]);
    Py_XDECREF(dates);
    Py_XDECREF(start);
    Py_XDECREF(end);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(has_end);
    Py_XDECREF(maker.empty_text);
    return result;
}

/* ---- plain links ---- */

static int
host_character(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* Whether `text` is what values.PLAIN_WEB_LINK fullmatches: http(s)://, a host of dotted words
 * of ASCII letters, digits and hyphens, then nothing, or one of / ? # and anything but blanks
 * (Python's \s) and controls (C0, DEL, C1). */
static int
plain_web_link(PyObject *text)
{
    if (!PyUnicode_CheckExact(text))
        return 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 4;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
#define AT_(i) PyUnicode_READ(kind, data, (i))
    if (n < 8 || AT_(0) != 'h' || AT_(1) != 't' || AT_(2) != 't' || AT_(3) != 'p')
        return 0;
    if (AT_(i) == 's')
        i++;
    if (i + 3 > n || AT_(i) != ':' || AT_(i + 1) != '/' || AT_(i + 2) != '/')
        return 0;
    i += 3;
    for (;;) {  /* a word of the host, then a dot and another, or its end */
        Py_ssize_t word = i;
        while (i < n && host_character(AT_(i)))
            i++;
        if (i == word)
            return 0;
        if (i < n && AT_(i) == '.')
            i++;
        else
            break;
    }
    if (i == n)
        return 1;
    Py_UCS4 c = AT_(i);
    if (c != '/' && c != '?' && c != '#')
        return 0;
    for (i++; i < n; i++) {
        c = AT_(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Py_UNICODE_ISSPACE(c))
            return 0;
    }
#undef AT_
    return 1;
}

static PyObject *
plain_links(PyObject *module, PyObject *links)
{
    if (!PyList_CheckExact(links)) {
        PyErr_SetString(PyExc_TypeError, "plain_links() takes a list");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(links); i++)
        if (!plain_web_link(PyList_GET_ITEM(links, i)))
            Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

/* ---- shared tags ---- */

/* Each event's words as a tuple: exact text only, so hashing them runs no code of Python's. */
static PyObject *
words_of(PyObject *listed)
{
    if (!PyList_CheckExact(listed) && !PyTuple_CheckExact(listed)) {
        PyErr_SetString(PyExc_TypeError, "shared_tags() takes lists of words");
        return NULL;
    }
    PyObject *each = PySequence_Tuple(listed);
    for (Py_ssize_t w = 0; each != NULL && w < PyTuple_GET_SIZE(each); w++)
        if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(each, w))) {
            PyErr_SetString(PyExc_TypeError, "shared_tags() takes words of text");
            Py_CLEAR(each);
        }
    return each;
}

static PyObject *
shared_tags(PyObject *module, PyObject *args)
{
    PyObject *given, *words, *lists;
    if (!PyArg_ParseTuple(args, "O!O!O!:shared_tags", &PyList_Type, &given, &PyDict_Type, &words, &PyDict_Type, &lists))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(given);
    PyObject *tags = PyList_GetSlice(given, 0, n), *shared = PyList_New(n);
    if (tags == NULL || shared == NULL)
        goto failed;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *each = words_of(PyList_GET_ITEM(tags, i));  /* (a list of words, or the default ()) */
        if (each == NULL)
            goto failed;
        PyObject *made = PyDict_GetItemWithError(lists, each);  /* (borrowed) */
        if (made == NULL) {
            if (PyErr_Occurred()) {
                Py_DECREF(each);
                goto failed;
            }
            Py_ssize_t count = PyTuple_GET_SIZE(each);
            PyObject *fresh = PyTuple_New(count);
            for (Py_ssize_t w = 0; fresh != NULL && w < count; w++) {
                PyObject *word = PyTuple_GET_ITEM(each, w);
                PyObject *kept = PyDict_SetDefault(words, word, word);  /* (borrowed) */
                if (kept == NULL)
                    Py_CLEAR(fresh);
                else
                    PyTuple_SET_ITEM(fresh, w, Py_NewRef(kept));
            }
            if (fresh == NULL || PyDict_SetItem(lists, fresh, fresh) < 0) {  /* (the key too: not the file's copies) */
                Py_XDECREF(fresh);
                Py_DECREF(each);
                goto failed;
            }
            made = fresh;
            Py_DECREF(fresh);  /* (the dict holds it) */
        }
        PyList_SET_ITEM(shared, i, Py_NewRef(made));
        Py_DECREF(each);
    }
    Py_DECREF(tags);
    return shared;
failed:
    Py_XDECREF(tags);
    Py_XDECREF(shared);
    return NULL;
}

/* ---- years written bare ---- */

/* Whether `item` is a dict whose `start` or `end` yaml-rs read as a whole number (not a bool):
 * 1, 0, or -1 with an error set. */
static int
has_number_date(PyObject *item)
{
    if (!PyDict_CheckExact(item))
        return 0;
    for (int field = START; field <= END; field++) {
        PyObject *value = PyDict_GetItemWithError(item, field_keys[field]);
        if (value == NULL && PyErr_Occurred())
            return -1;
        if (value != NULL && PyLong_CheckExact(value))
            return 1;
    }
    return 0;
}

/* The items of list `given`, held (a key's __eq__ could change the list), or NULL. */
static PyObject *
held_items(PyObject *given, const char *name)
{
    if (!PyList_CheckExact(given)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a list of items", name);
        return NULL;
    }
    return PyList_GetSlice(given, 0, PyList_GET_SIZE(given));
}

static PyObject *
has_number_dates(PyObject *module, PyObject *given)
{
    PyObject *items = held_items(given, "has_number_dates");
    if (items == NULL)
        return NULL;
    int found = 0;
    for (Py_ssize_t i = 0; found == 0 && i < PyList_GET_SIZE(items); i++)
        found = has_number_date(PyList_GET_ITEM(items, i));
    Py_DECREF(items);
    return found < 0 ? NULL : PyBool_FromLong(found);
}

static PyObject *
number_date_events(PyObject *module, PyObject *given)
{
    PyObject *items = held_items(given, "number_date_events");
    if (items == NULL)
        return NULL;
    PyObject *found = PyList_New(0);
    for (Py_ssize_t i = 0; found != NULL && i < PyList_GET_SIZE(items); i++) {
        int has = has_number_date(PyList_GET_ITEM(items, i));
        PyObject *index = has > 0 ? PyLong_FromSsize_t(i) : NULL;
        if (has < 0 || (has > 0 && (index == NULL || PyList_Append(found, index) < 0)))
            Py_CLEAR(found);
        Py_XDECREF(index);
    }
    Py_DECREF(items);
    return found;
}

static PyMethodDef methods[] = {
    {"gather", gather, METH_O,
     "gather(items) -> (ids, titles, starts, ends, categories, tags, descriptions, sources, locations, has_end)\n"
     "or None: a chunk's fields as lists, when every item is plain (see the module's head)."},
    {"make_objects", make_objects, METH_VARARGS,
     "make_objects(cls, names, columns, constant_names, constants) -> list: an object of cls for each\n"
     "row of the columns, its slots set to the row's values and the constants."},
    {"plain_dates", plain_dates, METH_VARARGS,
     "plain_dates(starts, ends, has_end, days, event_dates, date_order, timezone, PartialDate, DAY, MINUTE, separator)\n"
     "-> (starts, ends, end_opens, start_opens, written) or None: event_dates' answers for a chunk's dates,\n"
     "plain days and minutes read here (see the module's head), any other by event_dates itself."},
    {"plain_links", plain_links, METH_O,
     "plain_links(links) -> whether every one of them is text values.PLAIN_WEB_LINK fullmatches."},
    {"shared_tags", shared_tags, METH_VARARGS,
     "shared_tags(tags, words, lists) -> each event's tags as the one tuple `lists` keeps for it, made of the\n"
     "words `words` keeps (both dicts grow by what is new), as plain_chunk._tags makes them."},
    {"has_number_dates", has_number_dates, METH_O,
     "has_number_dates(items) -> whether some dict among them has a whole number (not a bool) in `start` or `end`."},
    {"number_date_events", number_date_events, METH_O,
     "number_date_events(items) -> the indices of the dicts among them with a whole number (not a bool) in `start` or `end`."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_plain_events", "A chunk's plain events gathered and made in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__plain_events(void)
{
    for (int field = 0; field < FIELDS; field++)
        if (field_keys[field] == NULL && (field_keys[field] = PyUnicode_InternFromString(field_names[field])) == NULL)
            return NULL;
    return PyModule_Create(&module);
}
