/* A chunk of CSV rows as plain events, in one pass: `csv_events.PlainRows.events` in C.
 *
 * `PlainRows.events` makes a chunk's thousand events from their rows' cells a column at a time
 * (strip each column, split its tags and links, zip the columns into dicts, take the blank
 * cells' keys out again): a fifth of a million-row file's load. Here each row's dict is made at
 * once, its blank cells never put in.
 *
 * `plain_rows(rows, plan, count)`: `plan` is the columns read, in the order their keys go into
 * each event: (cell number, key, how), how being AS_WRITTEN (the cell itself), STRIPPED
 * (`str.strip`), TAGS (split at `;`, each stripped, the empty left out), LINKS (`str.split`) or
 * SHAPED (media, background: Python's own). A blank cell (empty, or spaces alone, as
 * `str.isspace` says) gives no key. It answers None wherever `PlainRows.events` leaves the
 * columns for its row-by-row way: a row shorter than `count` cells, a tag cell holding a quote
 * or a line break, a link cell holding a `|`, a media or background cell that is not blank.
 * tests/test_csv_fast_precise_agree.py holds it to the Python code's events, key order and all.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

enum { AS_WRITTEN, STRIPPED, TAGS, LINKS, SHAPED };

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Cell;

static inline Py_UCS4
at(const Cell *c, Py_ssize_t i)
{
    return PyUnicode_READ(c->kind, c->data, i);
}

/* [a, b) within [start, end) without the whitespace at either end (str.strip). */
static void
strip(const Cell *c, Py_ssize_t start, Py_ssize_t end, Py_ssize_t *a, Py_ssize_t *b)
{
    while (start < end && Py_UNICODE_ISSPACE(at(c, start)))
        start++;
    while (end > start && Py_UNICODE_ISSPACE(at(c, end - 1)))
        end--;
    *a = start;
    *b = end;
}

static int
holds(const Cell *c, Py_UCS4 sign)
{
    for (Py_ssize_t i = 0; i < c->n; i++)
        if (at(c, i) == sign)
            return 1;
    return 0;
}

/* Append text[a:b] to `list`; 0, or -1 with an exception set. */
static int
append_piece(PyObject *list, PyObject *text, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *piece = PyUnicode_Substring(text, a, b);
    if (piece == NULL)
        return -1;
    int failed = PyList_Append(list, piece);
    Py_DECREF(piece);
    return failed;
}

/* `[tag.strip() for tag in cell.split(";") if tag.strip()]` */
static PyObject *
tags_of(PyObject *text, const Cell *c)
{
    PyObject *tags = PyList_New(0);
    if (tags == NULL)
        return NULL;
    Py_ssize_t start = 0;
    for (Py_ssize_t i = 0; i <= c->n; i++) {
        if (i < c->n && at(c, i) != ';')
            continue;
        Py_ssize_t a, b;
        strip(c, start, i, &a, &b);
        if (a < b && append_piece(tags, text, a, b) < 0) {
            Py_DECREF(tags);
            return NULL;
        }
        start = i + 1;
    }
    return tags;
}

/* `cell.split()` */
static PyObject *
words_of(PyObject *text, const Cell *c)
{
    PyObject *words = PyList_New(0);
    if (words == NULL)
        return NULL;
    Py_ssize_t i = 0;
    while (i < c->n) {
        while (i < c->n && Py_UNICODE_ISSPACE(at(c, i)))
            i++;
        Py_ssize_t start = i;
        while (i < c->n && !Py_UNICODE_ISSPACE(at(c, i)))
            i++;
        if (i > start && append_piece(words, text, start, i) < 0) {
            Py_DECREF(words);
            return NULL;
        }
    }
    return words;
}

#define LEAVE_IT ((PyObject *)1)  /* (a row `PlainRows.events` reads its own way) */

/* One row's event, LEAVE_IT, or NULL with an exception set. */
static PyObject *
event_of(PyObject *row, PyObject *plan, Py_ssize_t count)
{
    if (!PyList_Check(row) || PyList_GET_SIZE(row) < count)
        return LEAVE_IT;
    PyObject *event = PyDict_New();
    if (event == NULL)
        return NULL;
    Py_ssize_t columns = PyList_GET_SIZE(plan);
    for (Py_ssize_t k = 0; k < columns; k++) {
        PyObject *column = PyList_GET_ITEM(plan, k);  /* (number, key, how): checked by the caller */
        Py_ssize_t number = PyLong_AsSsize_t(PyTuple_GET_ITEM(column, 0));
        PyObject *key = PyTuple_GET_ITEM(column, 1);
        long how = PyLong_AsLong(PyTuple_GET_ITEM(column, 2));
        PyObject *text = PyList_GET_ITEM(row, number);
        if (!PyUnicode_CheckExact(text)) {
            Py_DECREF(event);
            return LEAVE_IT;
        }
        Cell c = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
        Py_ssize_t a, b;
        strip(&c, 0, c.n, &a, &b);
        if (a == b)
            continue;  /* a blank cell: no key */
        PyObject *value;
        if (how == AS_WRITTEN) {
            value = Py_NewRef(text);
        } else if (how == STRIPPED) {
            value = PyUnicode_Substring(text, a, b);
        } else if (how == TAGS && !holds(&c, '"') && !holds(&c, '\r') && !holds(&c, '\n')) {
            value = tags_of(text, &c);
        } else if (how == LINKS && !holds(&c, '|')) {
            value = words_of(text, &c);
        } else {
            Py_DECREF(event);
            return LEAVE_IT;
        }
        if (value == NULL || PyDict_SetItem(event, key, value) < 0) {
            Py_XDECREF(value);
            Py_DECREF(event);
            return NULL;
        }
        Py_DECREF(value);
    }
    return event;
}

static PyObject *
plain_rows(PyObject *module, PyObject *args)
{
    PyObject *rows, *plan;
    Py_ssize_t count;
    if (!PyArg_ParseTuple(args, "O!O!n:plain_rows", &PyList_Type, &rows, &PyList_Type, &plan, &count))
        return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(plan); k++) {
        PyObject *column = PyList_GET_ITEM(plan, k);
        if (!PyTuple_Check(column) || PyTuple_GET_SIZE(column) != 3 || !PyLong_Check(PyTuple_GET_ITEM(column, 0))
                || !PyUnicode_CheckExact(PyTuple_GET_ITEM(column, 1)) || !PyLong_Check(PyTuple_GET_ITEM(column, 2))) {
            PyErr_SetString(PyExc_TypeError, "plain_rows(): each column of the plan is (number, key, how)");
            return NULL;
        }
        Py_ssize_t number = PyLong_AsSsize_t(PyTuple_GET_ITEM(column, 0));
        long how = PyLong_AsLong(PyTuple_GET_ITEM(column, 2));
        if (number < 0 || number >= count || how < AS_WRITTEN || how > SHAPED) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "plain_rows(): a column's number must be below count, its how one of the five");
            return NULL;
        }
        for (Py_ssize_t other = 0; other < k; other++) {
            int same = PyUnicode_Compare(PyTuple_GET_ITEM(PyList_GET_ITEM(plan, other), 1), PyTuple_GET_ITEM(column, 1));
            if (same == -1 && PyErr_Occurred())
                return NULL;
            if (same == 0)
                Py_RETURN_NONE;  /* a key read from two columns: the last one wins, Python's way */
        }
    }
    Py_ssize_t size = PyList_GET_SIZE(rows);
    PyObject *events = PyList_New(size);
    if (events == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *event = event_of(PyList_GET_ITEM(rows, i), plan, count);
        if (event == NULL || event == LEAVE_IT) {
            Py_DECREF(events);
            if (event == NULL)
                return NULL;
            Py_RETURN_NONE;
        }
        PyList_SET_ITEM(events, i, event);
    }
    return events;
}

static PyMethodDef methods[] = {
    {"plain_rows", plain_rows, METH_VARARGS,
     "plain_rows(rows, plan, count) -> list | None\n\n"
     "The rows' plain events (csv_events.PlainRows.events's), or None where it reads them its own way."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_plain_rows", "A chunk of CSV rows as plain events, in one pass (see plain_rows).", -1, methods,
};

PyMODINIT_FUNC
PyInit__plain_rows(void)
{
    PyObject *made = PyModule_Create(&module);
    if (made != NULL && (PyModule_AddIntConstant(made, "AS_WRITTEN", AS_WRITTEN) < 0
                         || PyModule_AddIntConstant(made, "STRIPPED", STRIPPED) < 0
                         || PyModule_AddIntConstant(made, "TAGS", TAGS) < 0
                         || PyModule_AddIntConstant(made, "LINKS", LINKS) < 0
                         || PyModule_AddIntConstant(made, "SHAPED", SHAPED) < 0)) {
        Py_DECREF(made);
        return NULL;
    }
    return made;
}
