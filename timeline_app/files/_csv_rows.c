/* A CSV's rows read straight from its text, as Python's csv module reads them: `csv_format`'s
 * reader in C.
 *
 * `csv.reader` over the file's physical lines (handed to it a megabyte at a time) cost a
 * 100,000-row file 0.3-0.45 s of its 0.95 s load: a Python step per line and per row, and every
 * cell built a character at a time. Here the rows are read in one pass over the text, each cell
 * a slice of it where it can be (a cell with a doubled quote, or with text after its closing
 * quote, is put together).
 *
 * `csv_rows(text, offset, line, delimiter, field_limit, skip_blank, most)` reads rows from
 * `offset`, the start of physical line `line` (1-based): at most `most` of them (all when
 * negative), the blank ones among them (every cell empty or whitespace) left out when `skip_blank`. It
 * answers `(cells, lines, spans, offset, line, failed)`: each row's cells (a list of str), the
 * line it starts on, and in `spans` three native int64 a row: the offset its text starts at, the
 * offset it ends at (after its last line's break) and its last line; then where reading stopped.
 * `failed` says it stopped before a row holding a cell longer than `field_limit`
 * (`csv.field_size_limit()`), for the csv module to read and word the error.
 *
 * The dialect is `csv.reader`'s default with the given delimiter: `"` quotes, a doubled quote is
 * one, nothing escapes, not strict. Lines break at \r\n, \r and \n, as `newline=""` reads them.
 * tests/test_csv_rows.py holds it to the csv module's rows and line numbers.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL };

#define EOL ((Py_UCS4)-2)  /* the end of a line, after its break: csv's sentinel */

typedef struct {
    int kind;
    const void *data;
    PyObject *text;
    Py_ssize_t field_limit;
    /* the cell being read: a slice [start, end) of the text while it is one, else in `buffer` */
    Py_ssize_t start, end, length;
    int sliced;
    Py_UCS4 *buffer;
    Py_ssize_t room;
    int blank;  /* every character of the row so far is whitespace */
    PyObject *fields;
} Reader;

enum { GOOD = 0, FAILED = -1, TOO_LONG = -2 };

/* Room in the cell's buffer for `count` characters; -1 with MemoryError set. */
static int
room_for(Reader *r, Py_ssize_t count)
{
    if (r->room >= count)
        return 0;
    Py_UCS4 *grown = PyMem_Realloc(r->buffer, count * 2 * sizeof(Py_UCS4));
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    r->buffer = grown;
    r->room = count * 2;
    return 0;
}

static int
add_char(Reader *r, Py_UCS4 c, Py_ssize_t at)
{
    if (r->length >= r->field_limit)
        return TOO_LONG;
    if (r->blank && !Py_UNICODE_ISSPACE(c))
        r->blank = 0;
    if (r->sliced) {
        if (r->length == 0) {
            r->start = at;
            r->end = at + 1;
            r->length = 1;
            return GOOD;
        }
        if (at == r->end) {
            r->end++;
            r->length++;
            return GOOD;
        }
        /* not next to the slice: the cell is put together from here on */
        if (room_for(r, r->length + 1) < 0)
            return FAILED;
        for (Py_ssize_t i = 0; i < r->length; i++)
            r->buffer[i] = PyUnicode_READ(r->kind, r->data, r->start + i);
        r->sliced = 0;
    }
    if (room_for(r, r->length + 1) < 0)
        return FAILED;
    r->buffer[r->length++] = c;
    return GOOD;
}

/* Where the run of ordinary characters from `i` ends: the first delimiter, quote or line break. */
static Py_ssize_t
plain_run(const Reader *r, Py_ssize_t i, Py_ssize_t n, Py_UCS4 delimiter)
{
#define RUN(TYPE)                                                                          \
    {                                                                                      \
        const TYPE *p = (const TYPE *)r->data;                                             \
        while (i < n && p[i] != delimiter && p[i] != '"' && p[i] != '\r' && p[i] != '\n') \
            i++;                                                                           \
        return i;                                                                          \
    }
    switch (r->kind) {
    case PyUnicode_1BYTE_KIND:
        RUN(Py_UCS1)
    case PyUnicode_2BYTE_KIND:
        RUN(Py_UCS2)
    default:
        RUN(Py_UCS4)
    }
#undef RUN
}

/* The characters [i, j) added to the cell, as add_char would add each. */
static int
add_run(Reader *r, Py_ssize_t i, Py_ssize_t j)
{
    if (r->length + (j - i) > r->field_limit)
        return TOO_LONG;
    if (r->sliced && (r->length == 0 || i == r->end)) {
        if (r->length == 0)
            r->start = r->end = i;
        for (Py_ssize_t k = i; r->blank && k < j; k++)
            if (!Py_UNICODE_ISSPACE(PyUnicode_READ(r->kind, r->data, k)))
                r->blank = 0;
        r->end = j;
        r->length += j - i;
        return GOOD;
    }
    for (Py_ssize_t k = i; k < j; k++) {
        int done = add_char(r, PyUnicode_READ(r->kind, r->data, k), k);
        if (done != GOOD)
            return done;
    }
    return GOOD;
}

static int
save_field(Reader *r)
{
    PyObject *field;
    if (r->length == 0)
        field = PyUnicode_New(0, 0);
    else if (r->sliced)
        field = PyUnicode_Substring(r->text, r->start, r->end);
    else
        field = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, r->buffer, r->length);
    r->length = 0;
    r->sliced = 1;
    if (field == NULL)
        return FAILED;
    int failed = PyList_Append(r->fields, field);
    Py_DECREF(field);
    return failed < 0 ? FAILED : GOOD;
}

/* One character (or EOL) at offset `at`, as _csv.c's parse_process_char reads it. */
static int
process(Reader *r, int *state, Py_UCS4 c, Py_UCS4 delimiter, Py_ssize_t at)
{
    int done;
    switch (*state) {
    case START_RECORD:
        if (c == EOL)
            return GOOD;  /* an empty line: the row [] */
        if (c == '\n' || c == '\r') {
            *state = EAT_CRNL;
            return GOOD;
        }
        *state = START_FIELD;
        /* fall through: a character that starts a field */
    case START_FIELD:
        if (c == '\n' || c == '\r' || c == EOL) {
            if ((done = save_field(r)) < 0)
                return done;
            *state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == '"') {
            *state = IN_QUOTED_FIELD;
        } else if (c == delimiter) {
            return save_field(r);
        } else {
            if ((done = add_char(r, c, at)) < 0)
                return done;
            *state = IN_FIELD;
        }
        return GOOD;
    case IN_FIELD:
        if (c == '\n' || c == '\r' || c == EOL) {
            if ((done = save_field(r)) < 0)
                return done;
            *state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == delimiter) {
            if ((done = save_field(r)) < 0)
                return done;
            *state = START_FIELD;
        } else {
            return add_char(r, c, at);
        }
        return GOOD;
    case IN_QUOTED_FIELD:
        if (c == EOL)
            return GOOD;
        if (c == '"') {
            *state = QUOTE_IN_QUOTED_FIELD;
            return GOOD;
        }
        return add_char(r, c, at);
    case QUOTE_IN_QUOTED_FIELD:
        if (c == '"') {
            if ((done = add_char(r, c, at)) < 0)
                return done;
            *state = IN_QUOTED_FIELD;
        } else if (c == delimiter) {
            if ((done = save_field(r)) < 0)
                return done;
            *state = START_FIELD;
        } else if (c == '\n' || c == '\r' || c == EOL) {
            if ((done = save_field(r)) < 0)
                return done;
            *state = c == EOL ? START_RECORD : EAT_CRNL;
        } else {
            if ((done = add_char(r, c, at)) < 0)  /* not strict: `"ab"cd` is abcd */
                return done;
            *state = IN_FIELD;
        }
        return GOOD;
    case EAT_CRNL:
        /* only a line's own break can follow: lines end at their break */
        if (c == EOL)
            *state = START_RECORD;
        return GOOD;
    }
    return GOOD;
}

static int
append_int64s(PyObject *spans, int64_t start, int64_t end, int64_t last)
{
    int64_t three[3] = {start, end, last};
    Py_ssize_t size = PyByteArray_GET_SIZE(spans);
    if (PyByteArray_Resize(spans, size + (Py_ssize_t)sizeof three) < 0)
        return FAILED;
    memcpy(PyByteArray_AS_STRING(spans) + size, three, sizeof three);
    return GOOD;
}

static PyObject *
csv_rows(PyObject *module, PyObject *args)
{
    PyObject *text;
    Py_ssize_t offset, line, field_limit, most;
    Py_UCS4 delimiter;
    int skip_blank;
    if (!PyArg_ParseTuple(args, "UnnCnpn:csv_rows", &text, &offset, &line, &delimiter, &field_limit, &skip_blank, &most))
        return NULL;
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
        PyErr_SetString(PyExc_ValueError, "csv_rows(): the delimiter cannot be a quote or a line break");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (offset < 0 || offset > n) {
        PyErr_SetString(PyExc_ValueError, "csv_rows(): the offset is outside the text");
        return NULL;
    }
    Reader r = {PyUnicode_KIND(text), PyUnicode_DATA(text), text, field_limit, 0, 0, 0, 1, NULL, 0, 1, NULL};
    PyObject *cells = PyList_New(0), *lines = PyList_New(0), *spans = PyByteArray_FromStringAndSize(NULL, 0);
    PyObject *answer = NULL;
    int failed = 0;
    if (cells == NULL || lines == NULL || spans == NULL)
        goto done;
    Py_ssize_t read = 0;  /* rows read, blank ones too: a call over a million blank lines would hold the interpreter */
    while (offset < n && (most < 0 || read < most)) {
        read++;
        Py_ssize_t row_start = offset, row_line = line;
        int state = START_RECORD;
        r.fields = PyList_New(0);
        if (r.fields == NULL)
            goto done;
        r.blank = 1;
        r.length = 0;
        r.sliced = 1;
        int done = GOOD;
        do {
            if (offset >= n) {  /* the text ends inside a quoted cell: what was read is the row */
                if (r.length != 0 || state == IN_QUOTED_FIELD)
                    done = save_field(&r);
                break;
            }
            Py_ssize_t i = offset;
            for (; i < n && done == GOOD; i++) {
                if (state == IN_FIELD || state == IN_QUOTED_FIELD) {  /* a cell's ordinary characters at once */
                    Py_ssize_t j = plain_run(&r, i, n, delimiter);
                    if (j > i) {
                        done = add_run(&r, i, j);
                        i = j - 1;
                        continue;
                    }
                }
                Py_UCS4 c = PyUnicode_READ(r.kind, r.data, i);
                done = process(&r, &state, c, delimiter, i);
                if (c == '\n' || (c == '\r' && !(i + 1 < n && PyUnicode_READ(r.kind, r.data, i + 1) == '\n'))) {
                    i++;
                    break;
                }
            }
            if (done == GOOD)
                done = process(&r, &state, EOL, delimiter, i);
            offset = i;
            line++;
        } while (done == GOOD && state != START_RECORD);
        if (done == TOO_LONG) {
            Py_CLEAR(r.fields);
            offset = row_start;
            line = row_line;
            failed = 1;
            break;
        }
        if (done != GOOD) {
            Py_CLEAR(r.fields);
            goto done;
        }
        if (skip_blank && r.blank) {
            Py_CLEAR(r.fields);
            continue;
        }
        PyObject *number = PyLong_FromSsize_t(row_line);
        int appended = number != NULL && PyList_Append(lines, number) == 0 && PyList_Append(cells, r.fields) == 0
                       && append_int64s(spans, row_start, offset, line - 1) == GOOD;
        Py_XDECREF(number);
        Py_CLEAR(r.fields);
        if (!appended)
            goto done;
    }
    answer = Py_BuildValue("(OOOnnO)", cells, lines, spans, offset, line, failed ? Py_True : Py_False);
done:
    PyMem_Free(r.buffer);
    Py_XDECREF(cells);
    Py_XDECREF(lines);
    Py_XDECREF(spans);
    return answer;
}

static PyMethodDef methods[] = {
    {"csv_rows", csv_rows, METH_VARARGS,
     "csv_rows(text, offset, line, delimiter, field_limit, skip_blank, most) -> (cells, lines, spans, offset, line, failed)\n\n"
     "Rows read from the text as csv.reader reads its lines (see the module's head)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_csv_rows", "A CSV's rows read straight from its text, as the csv module reads them (see csv_rows).", -1, methods,
};

PyMODINIT_FUNC
PyInit__csv_rows(void)
{
    return PyModule_Create(&module);
}
