/* First-fit stacking of a lane's items into rows, in C: `geometry/layout.py`'s `stack_rows`.
 *
 * Each frame stacks every lane's visible events and clusters (a thousand items a frame at mid
 * zoom in a file of 10,000 events); in Python the loop was 40% of a frame's layout. This is the
 * same loop, comparison for comparison (NaN included: a NaN compares false here as there, and
 * min and max keep their first value as Python's do), so it gives the same rows.
 *
 * `stack_rows(x0, marker_end, label_x, label_width, rows, lines, row_gap)` -> (rows, labelled,
 * lines used): three lists. The first four arguments are sequences of numbers of one length;
 * `lines` is None or a sequence of ints (2: a title wrapped over two rows). Anything else raises
 * TypeError or ValueError, and the caller stacks in Python. tests/test_layout_agrees.py holds it
 * to the Python loop and to the reference stacking.
 *
 * `lane_runs(...)`: a lane's clusters and the events it shows on their own, `layout.lane_clusters`'s
 * arithmetic where few of its starts are in view (see the function; tests/test_bucket_runs.py and
 * tests/test_lane_runs_in_c.py hold it to NumPy's answer).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

/* Python's min(list): the first value, replaced only by a later one that is smaller. */
static double
python_min(const double *values, Py_ssize_t count)
{
    double result = values[0];
    for (Py_ssize_t i = 1; i < count; i++)
        if (values[i] < result)
            result = values[i];
    return result;
}

/* Python's max(a, b): a, unless b is greater. */
static double
python_max(double a, double b)
{
    return b > a ? b : a;
}

/* Put `value` (a new reference) at list[i], dropping what was there. */
static void
replace(PyObject *list, Py_ssize_t i, PyObject *value)
{
    PyObject *old = PyList_GET_ITEM(list, i);
    PyList_SET_ITEM(list, i, value);
    Py_DECREF(old);
}

/* The numbers of `sequence` (a list or tuple, made so by the caller) as doubles, or -1. */
static int
read_doubles(PyObject *sequence, Py_ssize_t count, double *out)
{
    PyObject **items = PySequence_Fast_ITEMS(sequence);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = items[i];
        out[i] = PyFloat_CheckExact(item) ? PyFloat_AS_DOUBLE(item) : PyFloat_AsDouble(item);
        if (out[i] == -1.0 && PyErr_Occurred())
            return -1;
    }
    return 0;
}

static PyObject *
stack_rows(PyObject *module, PyObject *args)
{
    PyObject *arguments[4], *lines_argument, *fast[5] = {NULL, NULL, NULL, NULL, NULL};
    Py_ssize_t rows;
    double row_gap;
    if (!PyArg_ParseTuple(args, "OOOOnOd:stack_rows", &arguments[0], &arguments[1], &arguments[2], &arguments[3],
                          &rows, &lines_argument, &row_gap))
        return NULL;
    PyObject *result = NULL, *assigned = NULL, *labelled = NULL, *used_lines = NULL;
    double *columns = NULL, *row_free_at = NULL;
    long *lines = NULL;
    Py_ssize_t count = 0;
    for (int i = 0; i < 4; i++) {
        if ((fast[i] = PySequence_Fast(arguments[i], "stack_rows() takes sequences of numbers")) == NULL)
            goto done;
        if (i == 0)
            count = PySequence_Fast_GET_SIZE(fast[0]);
        else if (PySequence_Fast_GET_SIZE(fast[i]) != count) {
            PyErr_SetString(PyExc_ValueError, "stack_rows() takes columns of one length");
            goto done;
        }
    }
    if (lines_argument != Py_None) {
        if ((fast[4] = PySequence_Fast(lines_argument, "stack_rows() takes lines as a sequence")) == NULL)
            goto done;
        if (PySequence_Fast_GET_SIZE(fast[4]) != count) {
            PyErr_SetString(PyExc_ValueError, "stack_rows() takes columns of one length");
            goto done;
        }
    }
    assigned = PyList_New(count);
    labelled = PyList_New(count);
    used_lines = PyList_New(count);
    if (assigned == NULL || labelled == NULL || used_lines == NULL)
        goto done;
    PyObject *rail = PyLong_FromLong(-1), *one = PyLong_FromLong(1);
    for (Py_ssize_t i = 0; i < count; i++) {  /* the rail's, until a row is found */
        Py_INCREF(rail);
        PyList_SET_ITEM(assigned, i, rail);
        Py_INCREF(Py_False);
        PyList_SET_ITEM(labelled, i, Py_False);
        Py_INCREF(one);
        PyList_SET_ITEM(used_lines, i, one);
    }
    Py_DECREF(rail);
    Py_DECREF(one);
    if (rows <= 0 || count == 0)
        goto made;
    columns = PyMem_Malloc(sizeof(double) * 4 * (size_t)count);
    row_free_at = PyMem_Malloc(sizeof(double) * (size_t)rows);
    if (fast[4] != NULL)
        lines = PyMem_Malloc(sizeof(long) * (size_t)count);
    if (columns == NULL || row_free_at == NULL || (fast[4] != NULL && lines == NULL)) {
        PyErr_NoMemory();
        goto done;
    }
    for (int i = 0; i < 4; i++)
        if (read_doubles(fast[i], count, columns + (size_t)i * count) < 0)
            goto done;
    if (fast[4] != NULL) {
        PyObject **items = PySequence_Fast_ITEMS(fast[4]);
        for (Py_ssize_t i = 0; i < count; i++)
            if ((lines[i] = PyLong_AsLong(items[i])) == -1 && PyErr_Occurred())
                goto done;
    }
    const double *x0 = columns, *marker_end = columns + count, *label_x = columns + 2 * count,
                 *label_width = columns + 3 * count;
    for (Py_ssize_t row = 0; row < rows; row++)
        row_free_at[row] = -1e300;
    double earliest = -1e300;  /* min(row_free_at): once every row is busy at an item's x, it goes to the rail */
    for (Py_ssize_t number = 0; number < count; number++) {
        double start = x0[number], marker = marker_end[number], width = label_width[number];
        if (earliest > start)
            continue;
        double label_end = python_max(marker, label_x[number] + width);
        Py_ssize_t chosen = -1;
        int with_label = 0;
        long tall = 1;
        if (width > 0 && lines != NULL && lines[number] == 2) {
            for (Py_ssize_t row = 0; row < rows - 1; row++)
                if (row_free_at[row] <= start && row_free_at[row + 1] <= start) {
                    chosen = row, with_label = 1, tall = 2;
                    row_free_at[row + 1] = label_end + row_gap;
                    break;
                }
        }
        if (chosen < 0)
            for (Py_ssize_t row = 0; row < rows; row++)
                if (row_free_at[row] <= start) {
                    chosen = row, with_label = width > 0;
                    break;
                }
        if (chosen >= 0) {
            row_free_at[chosen] = (with_label ? label_end : marker) + row_gap;
            earliest = python_min(row_free_at, rows);
            PyObject *row_number = PyLong_FromSsize_t(chosen), *lines_used = PyLong_FromLong(tall);
            if (row_number == NULL || lines_used == NULL) {
                Py_XDECREF(row_number);
                Py_XDECREF(lines_used);
                goto done;
            }
            replace(assigned, number, row_number);
            replace(labelled, number, Py_NewRef(with_label ? Py_True : Py_False));
            replace(used_lines, number, lines_used);
        }
    }
made:
    result = PyTuple_Pack(3, assigned, labelled, used_lines);
done:
    for (int i = 0; i < 5; i++)
        Py_XDECREF(fast[i]);
    Py_XDECREF(assigned);
    Py_XDECREF(labelled);
    Py_XDECREF(used_lines);
    PyMem_Free(columns);
    PyMem_Free(row_free_at);
    PyMem_Free(lines);
    return result;
}

/* NumPy's maximum: NaN if either is NaN, else the greater (of +0 and -0, either: the callers
 * make a zero +0). */
static double
numpy_max(double a, double b)
{
    if (a != a || b != b)
        return a != a ? a : b;
    return b > a ? b : a;
}

/* A float64 array's values, C-contiguous, through the buffer protocol (no NumPy headers), or -1. */
static int
doubles_of(PyObject *array, Py_buffer *view)
{
    if (PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->itemsize != 8 || view->format == NULL || strcmp(view->format, "d") != 0 || view->ndim != 1) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "lane_runs() takes one-dimensional float64 arrays");
        return -1;
    }
    return 0;
}

/* `layout.lane_clusters`'s arithmetic for a lane of a few thousand starts, where NumPy's twenty
 * calls on small arrays (a lane of ten starts: 45 µs, most of a zoomed-in frame's layout) cost
 * more than the work: the starts' runs in one bucket of `bucket_width` (a new run wherever
 * floor(start / width) changes, NaN included, as `np.floor` and `!=` have it); a run of more
 * than `dense_above` starts is dense, and all are when more than `most_detailed` starts would be
 * left on their own. Each dense run's (x0, x1, count, first start, last end), x1 and the last end
 * as NumPy's maximum makes them, and the indices of the starts left on their own, as the bytes of
 * an intp array.
 *
 * lane_runs(starts, ends, left, spp, bucket_width, dense_above, most_detailed, marker_width,
 *           least_width) -> (list of tuples, bytes) */
static PyObject *
lane_runs(PyObject *module, PyObject *args)
{
    PyObject *starts_argument, *ends_argument;
    double left, spp, bucket_width, marker_width, least_width;
    Py_ssize_t dense_above, most_detailed;
    if (!PyArg_ParseTuple(args, "OOdddnndd:lane_runs", &starts_argument, &ends_argument, &left, &spp, &bucket_width,
                          &dense_above, &most_detailed, &marker_width, &least_width))
        return NULL;
    Py_buffer starts_view, ends_view;
    if (doubles_of(starts_argument, &starts_view) < 0)
        return NULL;
    if (doubles_of(ends_argument, &ends_view) < 0) {
        PyBuffer_Release(&starts_view);
        return NULL;
    }
    PyObject *result = NULL, *dense = NULL, *lone = NULL;
    Py_ssize_t count = starts_view.len / 8, *run_starts = NULL;
    const double *starts = starts_view.buf, *ends = ends_view.buf;
    if (ends_view.len / 8 != count || count == 0) {
        PyErr_SetString(PyExc_ValueError, "lane_runs() takes starts and ends of one length, and at least one");
        goto done;
    }
    run_starts = PyMem_Malloc((count + 1) * sizeof(Py_ssize_t));
    if (run_starts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t runs = 0, in_dense = 0;
    double bucket = 0.0;
    for (Py_ssize_t i = 0; i < count; i++) {
        double this_bucket = floor(starts[i] / bucket_width);
        if (i == 0 || this_bucket != bucket)
            run_starts[runs++] = i;
        bucket = this_bucket;
    }
    run_starts[runs] = count;
    for (Py_ssize_t run = 0; run < runs; run++)
        if (run_starts[run + 1] - run_starts[run] > dense_above)
            in_dense += run_starts[run + 1] - run_starts[run];
    int all_dense = count - in_dense > most_detailed;
    if ((dense = PyList_New(0)) == NULL)
        goto done;
    Py_ssize_t lone_count = 0;
    for (Py_ssize_t run = 0; run < runs; run++) {
        Py_ssize_t first = run_starts[run], end = run_starts[run + 1];
        if (!all_dense && end - first <= dense_above) {
            lone_count += end - first;
            continue;
        }
        double x0 = (starts[first] - left) / spp;
        double x1 = numpy_max((starts[end - 1] - left) / spp + marker_width, x0 + least_width);
        double last_end = ends[first];
        for (Py_ssize_t i = first + 1; i < end; i++)
            last_end = numpy_max(last_end, ends[i]);
        /* (+ 0.0: a last end of -0.0 made +0.0, as the NumPy path makes it; which of two tied
         * zeros NumPy's maximum.reduceat keeps follows no order C could copy) */
        PyObject *item = Py_BuildValue("(ddndd)", x0, x1, end - first, starts[first], last_end + 0.0);
        if (item == NULL || PyList_Append(dense, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
    if ((lone = PyBytes_FromStringAndSize(NULL, lone_count * (Py_ssize_t)sizeof(Py_ssize_t))) == NULL)
        goto done;
    Py_ssize_t *at = (Py_ssize_t *)PyBytes_AS_STRING(lone);
    for (Py_ssize_t run = 0; run < runs && !all_dense; run++)
        if (run_starts[run + 1] - run_starts[run] <= dense_above)
            for (Py_ssize_t i = run_starts[run]; i < run_starts[run + 1]; i++)
                *at++ = i;
    result = PyTuple_Pack(2, dense, lone);
done:
    Py_XDECREF(dense);
    Py_XDECREF(lone);
    PyMem_Free(run_starts);
    PyBuffer_Release(&starts_view);
    PyBuffer_Release(&ends_view);
    return result;
}

static PyMethodDef methods[] = {
    {"stack_rows", stack_rows, METH_VARARGS, "First-fit rows for items sorted by x0 (see geometry/layout.py)."},
    {"lane_runs", lane_runs, METH_VARARGS, "A lane's dense runs and lone starts (see geometry/layout.py lane_clusters)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_stacking", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__stacking(void)
{
    return PyModule_Create(&module);
}
