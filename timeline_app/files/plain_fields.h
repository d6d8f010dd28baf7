/* An event's fields as the plain columns take them, for the compiled modules that gather a chunk's
 * events into columns: `_plain_events.c` (gather, from the items' dicts) and `_plain_yaml.c`
 * (gathered_of, from a parse's tape, without making the dicts). One set of checks, so the two
 * gather alike (tests/test_plain_yaml.py holds them to it). */

#ifndef TIMELINE_PLAIN_FIELDS_H
#define TIMELINE_PLAIN_FIELDS_H

#include <Python.h>

enum { ID, TITLE, START, END, CATEGORY, TAGS, DESCRIPTION, SOURCES, LOCATION, FIELDS };
static const char *field_names[FIELDS] = {
    "id", "title", "start", "end", "category", "tags", "description", "sources", "location"};

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

/* Whether an item's value for `field` is one the plain columns take (`value` NULL: the key is absent). */
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

/* The column's value for an absent field: "" for text, () for lists, None for `end` (borrowed from the caller's). */
#define FIELD_DEFAULT(field, empty_text, empty_tuple) \
    ((field) == TAGS || (field) == SOURCES ? (empty_tuple) : (field) == END ? Py_None : (empty_text))

/* The columns (FIELDS of them, and whether each event has an end) as gather's one tuple, each column
 * handed over to it (NULL in `columns` after); NULL when out of memory (the columns stay the caller's). */
static PyObject *
columns_tuple(PyObject **columns)
{
    PyObject *result = PyTuple_New(FIELDS + 1);
    if (result != NULL)
        for (int field = 0; field <= FIELDS; field++) {
            PyTuple_SET_ITEM(result, field, columns[field]);
            columns[field] = NULL;
        }
    return result;
}

#endif
