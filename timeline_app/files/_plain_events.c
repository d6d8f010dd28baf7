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
 * `make_objects(cls, names, columns, constants)` makes objects of a class whose fields are all
 * slots (a `dataclass(slots=True)` without `__post_init__`): each slot set as its `__init__`
 * would set it, without the call.
 * tests/test_plain_events.py holds both to the Python path's answers.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

enum { ID, TITLE, START, END, CATEGORY, TAGS, DESCRIPTION, SOURCES, LOCATION, FIELDS };
static const char *field_names[FIELDS] = {
    "id", "title", "start", "end", "category", "tags", "description", "sources", "location"};
static PyObject *field_keys[FIELDS];  /* interned: a dict's key is found by its cached hash */

/* Whether `text` holds a character `str.strip()` keeps (a title or id of blanks alone is refused). */
static int
has_ink(PyObject *text)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < length; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            return 1;
    return 0;
}

/* A list of text, none of it empty (tags), or any text (sources). */
static int
list_of_text(PyObject *value, int none_empty)
{
    if (!PyList_CheckExact(value))
        return 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(value); i++) {
        PyObject *item = PyList_GET_ITEM(value, i);
        if (!PyUnicode_CheckExact(item) || (none_empty && PyUnicode_GET_LENGTH(item) == 0))
            return 0;
    }
    return 1;
}

/* A date as the column checks take it: text, or a whole number that is not a bool. */
static int
date_value(PyObject *value)
{
    return PyUnicode_CheckExact(value) || PyLong_CheckExact(value);
}

/* Whether item's value for `field` is one the plain columns take (`value` NULL: the key is absent). */
static int
plain_value(int field, PyObject *value)
{
    switch (field) {
    case TITLE:
        return value != NULL && PyUnicode_CheckExact(value) && has_ink(value);
    case ID:
        return value == NULL || (PyUnicode_CheckExact(value) && has_ink(value));
    case START:
        return value != NULL && date_value(value);
    case END:
        return value == NULL || date_value(value);
    case TAGS:
        return value == NULL || (list_of_text(value, 1) && PyList_GET_SIZE(value) > 0);
    case SOURCES:
        return value == NULL || list_of_text(value, 0);
    default:  /* category, description, location */
        return value == NULL || PyUnicode_CheckExact(value);
    }
}

static PyObject *
gather(PyObject *module, PyObject *items)
{
    if (!PyList_CheckExact(items)) {
        PyErr_SetString(PyExc_TypeError, "gather() takes a list of items");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(items);
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
        if (!PyDict_CheckExact(item))
            goto plain_no_more;
        Py_ssize_t found = 0;
        for (int field = 0; field < FIELDS; field++) {
            PyObject *value = PyDict_GetItemWithError(item, field_keys[field]);
            if (value == NULL && PyErr_Occurred())
                goto done;
            if (!plain_value(field, value))
                goto plain_no_more;
            found += value != NULL;
            if (value == NULL)  /* the column's default: "" for text, () for lists, None for `end` */
                value = field == TAGS || field == SOURCES ? empty_tuple : field == END ? Py_None : empty_text;
            PyList_SET_ITEM(columns[field], i, Py_NewRef(value));
        }
        if (found != PyDict_GET_SIZE(item))  /* a key of another kind (media, one of the user's own...) */
            goto plain_no_more;
        PyObject *has_end = PyDict_GetItemWithError(item, field_keys[END]) != NULL ? Py_True : Py_False;
        PyList_SET_ITEM(columns[FIELDS], i, Py_NewRef(has_end));
    }
    result = PyTuple_New(FIELDS + 1);
    if (result != NULL)
        for (int field = 0; field <= FIELDS; field++) {
            PyTuple_SET_ITEM(result, field, columns[field]);
            columns[field] = NULL;
        }
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

/* The offset of `cls`'s slot `name`, which must be an object slot `__init__` may set; -1 with an error if not. */
static Py_ssize_t
slot_offset(PyTypeObject *cls, PyObject *name)
{
    PyObject *descriptor = PyDict_GetItemWithError(cls->tp_dict, name);
    if (descriptor == NULL || Py_TYPE(descriptor) != &PyMemberDescr_Type) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "%R is not a slot of %s", name, cls->tp_name);
        return -1;
    }
    PyMemberDef *member = ((PyMemberDescrObject *)descriptor)->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
        PyErr_Format(PyExc_TypeError, "%R is not a writable object slot of %s", name, cls->tp_name);
        return -1;
    }
    return member->offset;
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
    if (cls->tp_dictoffset != 0 || cls->tp_dict == NULL) {
        PyErr_Format(PyExc_TypeError, "%s keeps a __dict__: its fields are not all slots", cls->tp_name);
        return NULL;
    }
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
        if ((offsets[f] = slot_offset(cls, name)) < 0)
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
            PyObject **slot = (PyObject **)((char *)object + offsets[f]);
            Py_XSETREF(*slot, Py_NewRef(value));
        }
        PyList_SET_ITEM(made, i, object);
    }
done:
    PyMem_Free(offsets);
    return made;
}

static PyMethodDef methods[] = {
    {"gather", gather, METH_O,
     "gather(items) -> (ids, titles, starts, ends, categories, tags, descriptions, sources, locations, has_end)\n"
     "or None: a chunk's fields as lists, when every item is plain (see the module's head)."},
    {"make_objects", make_objects, METH_VARARGS,
     "make_objects(cls, names, columns, constant_names, constants) -> list: an object of cls for each\n"
     "row of the columns, its slots set to the row's values and the constants."},
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
