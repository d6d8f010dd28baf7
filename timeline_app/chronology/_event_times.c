/* Each event's times read in one pass in C, for the timeline's index and the loader's sort.
 *
 * The index keeps, for every event, where it starts and ends in seconds, whether it is a span
 * and whether its dates are exact; the loader sorts a large file's events by start and line.
 * Read in Python, each was a pass over a million events of attribute lookups (`start._start`:
 * 0.1-0.2 s each, seven of them, 1.0-1.2 s of a million events' first paint). Here one pass
 * reads each event's slots straight.
 *
 * `event_times(events, first, last, Event, PartialDate, DAY, MINUTE)` ->
 * (starts, ends, lines, is_span, is_exact, unusual): bytearrays of doubles, 64-bit integers and
 * bytes for events[first:last], and the positions whose end only `Event.end_seconds` can tell
 * (an open end or disputed dates: `ends` holds their own end's there). Any object that is not
 * exactly an Event with PartialDate dates of float seconds raises TypeError: the caller reads
 * them in Python. tests/test_timeline_index.py holds it to the Python reading.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "object_slots.h"

enum { START, END, END_OPEN, ALTERNATIVES, LINE, EVENT_SLOTS };
static const char *event_slots[EVENT_SLOTS] = {"start", "end", "end_open", "alternatives", "line"};
enum { SECONDS_START, SECONDS_END, PRECISION, DATE_SLOTS };
static const char *date_slots[DATE_SLOTS] = {"_start", "_end", "precision"};

static int
offsets_of(PyTypeObject *cls, const char **names, int count, Py_ssize_t *offsets)
{
    for (int i = 0; i < count; i++)
        if ((offsets[i] = slot_offset(cls, names[i], 0)) < 0)
            return -1;
    return 0;
}

/* The float in a date's slot, or -1 with TypeError (an unset slot, or not a float). */
static int
seconds(PyObject *date, Py_ssize_t offset, double *value)
{
    PyObject *number = SLOT(date, offset);
    if (number == NULL || !PyFloat_CheckExact(number)) {
        PyErr_SetString(PyExc_TypeError, "a date without float seconds");
        return -1;
    }
    *value = PyFloat_AS_DOUBLE(number);
    return 0;
}

static PyObject *
event_times(PyObject *module, PyObject *args)
{
    PyObject *events, *day_word, *minute_word;
    Py_ssize_t first, last;
    PyTypeObject *event_type, *date_type;
    if (!PyArg_ParseTuple(args, "O!nnO!O!UU:event_times", &PyList_Type, &events, &first, &last, &PyType_Type,
                          &event_type, &PyType_Type, &date_type, &day_word, &minute_word))
        return NULL;
    if (first < 0 || last > PyList_GET_SIZE(events) || first > last) {
        PyErr_SetString(PyExc_IndexError, "event_times() takes first <= last within the list");
        return NULL;
    }
    Py_ssize_t event_offsets[EVENT_SLOTS], date_offsets[DATE_SLOTS], n = last - first;
    if (offsets_of(event_type, event_slots, EVENT_SLOTS, event_offsets) < 0
        || offsets_of(date_type, date_slots, DATE_SLOTS, date_offsets) < 0)
        return NULL;
    PyObject *starts = PyByteArray_FromStringAndSize(NULL, n * sizeof(double));
    PyObject *ends = PyByteArray_FromStringAndSize(NULL, n * sizeof(double));
    PyObject *lines = PyByteArray_FromStringAndSize(NULL, n * sizeof(long long));
    PyObject *is_span = PyByteArray_FromStringAndSize(NULL, n);
    PyObject *is_exact = PyByteArray_FromStringAndSize(NULL, n);
    PyObject *unusual = PyList_New(0), *result = NULL;
    if (starts == NULL || ends == NULL || lines == NULL || is_span == NULL || is_exact == NULL || unusual == NULL)
        goto done;
    double *start_at = (double *)PyByteArray_AS_STRING(starts), *end_at = (double *)PyByteArray_AS_STRING(ends);
    long long *line_at = (long long *)PyByteArray_AS_STRING(lines);
    char *span_at = PyByteArray_AS_STRING(is_span), *exact_at = PyByteArray_AS_STRING(is_exact);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *event = PyList_GET_ITEM(events, first + i);
        if (Py_TYPE(event) != event_type)
            goto not_an_event;
        PyObject *start = SLOT(event, event_offsets[START]), *end = SLOT(event, event_offsets[END]);
        PyObject *end_open = SLOT(event, event_offsets[END_OPEN]), *alternatives = SLOT(event, event_offsets[ALTERNATIVES]);
        PyObject *line = SLOT(event, event_offsets[LINE]);
        if (start == NULL || Py_TYPE(start) != date_type || end == NULL || (end != Py_None && Py_TYPE(end) != date_type)
            || end_open == NULL || !PyUnicode_CheckExact(end_open) || alternatives == NULL
            || !PyTuple_CheckExact(alternatives) || line == NULL || !PyLong_CheckExact(line))
            goto not_an_event;
        PyObject *precision = SLOT(start, date_offsets[PRECISION]);
        if (precision == NULL || !PyUnicode_CheckExact(precision))
            goto not_an_event;
        if (seconds(start, date_offsets[SECONDS_START], &start_at[i]) < 0
            || seconds(end != Py_None ? end : start, date_offsets[SECONDS_END], &end_at[i]) < 0)
            goto done;
        line_at[i] = PyLong_AsLongLong(line);
        if (line_at[i] == -1 && PyErr_Occurred())
            goto done;
        span_at[i] = end != Py_None;
        exact_at[i] = PyUnicode_Compare(precision, day_word) == 0 || PyUnicode_Compare(precision, minute_word) == 0;
        if (PyUnicode_GET_LENGTH(end_open) || PyTuple_GET_SIZE(alternatives)) {
            PyObject *position = PyLong_FromSsize_t(first + i);
            if (position == NULL || PyList_Append(unusual, position) < 0) {
                Py_XDECREF(position);
                goto done;
            }
            Py_DECREF(position);
        }
    }
    result = PyTuple_Pack(6, starts, ends, lines, is_span, is_exact, unusual);
    goto done;
not_an_event:
    PyErr_SetString(PyExc_TypeError, "event_times() takes Events with PartialDate dates");
done:
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(lines);
    Py_XDECREF(is_span);
    Py_XDECREF(is_exact);
    Py_XDECREF(unusual);
    return result;
}

static PyMethodDef methods[] = {
    {"event_times", event_times, METH_VARARGS,
     "event_times(events, first, last, Event, PartialDate, DAY, MINUTE) -> (starts, ends, lines, is_span, is_exact,\n"
     "unusual): see the module's head."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_event_times", "Each event's times read in one pass in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__event_times(void)
{
    return PyModule_Create(&module);
}
