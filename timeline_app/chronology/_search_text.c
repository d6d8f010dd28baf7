/* Searchable texts casefolded: `[text.casefold() for text in texts]`, exactly.
 *
 * str.casefold folds a text that is not ASCII a character at a time through the Unicode tables,
 * the ASCII letters among them: 100,000 events of Latin with macrons and Arabic took 0.17-0.33 s
 * of their search index's 0.4-0.5 s (ASCII events: 0.04 s); here 0.07-0.13 s. An ASCII character
 * is folded by a comparison, any other by the same table lookup str.casefold makes (`_PyUnicode_ToFoldedFull`:
 * casefolding has no context, so a text's fold is its characters' folds one after another).
 * tests/test_search_index.py holds it to str.casefold over every code point.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000  /* (the table lookup is CPython's own API up to 3.12) */

typedef struct {
    Py_UCS4 *chars;  /* one text's fold, a character at a time (kept from text to text) */
    Py_ssize_t room;
} Folding;

/* `text.casefold()`: an ASCII text's letters lowered in one pass; any other's characters folded
 * into `folding`, then copied into a text of the narrowest kind that holds them. */
static PyObject *
casefolded_text(PyObject *text, Folding *folding)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_IS_ASCII(text)) {
        PyObject *result = PyUnicode_New(length, 127);
        if (result == NULL)
            return NULL;
        const Py_UCS1 *from = data;
        Py_UCS1 *to = PyUnicode_1BYTE_DATA(result);
        for (Py_ssize_t i = 0; i < length; i++)
            to[i] = from[i] >= 'A' && from[i] <= 'Z' ? from[i] + 32 : from[i];
        return result;
    }
    if (length > PY_SSIZE_T_MAX / (3 * (Py_ssize_t)sizeof(Py_UCS4)))
        return PyErr_NoMemory();
    if (folding->room < 3 * length) {  /* (a character folds to three at most) */
        Py_UCS4 *chars = PyMem_Realloc(folding->chars, 3 * length * sizeof(Py_UCS4));
        if (chars == NULL)
            return PyErr_NoMemory();
        folding->chars = chars;
        folding->room = 3 * length;
    }
    Py_UCS4 *folded = folding->chars, widest = 0;
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {
            folded[count++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
        } else {
            int made = _PyUnicode_ToFoldedFull(c, folded + count);
            for (int k = 0; k < made; k++)
                widest = folded[count + k] > widest ? folded[count + k] : widest;
            count += made;
        }
    }
    PyObject *result = PyUnicode_New(count, widest);
    if (result == NULL)
        return NULL;
    int made_kind = PyUnicode_KIND(result);
    void *made = PyUnicode_DATA(result);
    for (Py_ssize_t i = 0; i < count; i++)
        PyUnicode_WRITE(made_kind, made, i, folded[i]);
    return result;
}

static PyObject *
casefolded(PyObject *module, PyObject *texts)
{
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "casefolded() takes a list of str");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *result = PyList_New(count);
    if (result == NULL)
        return NULL;
    Folding folding = {NULL, 0};
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i), *folded = NULL;
        if (!PyUnicode_Check(text))
            PyErr_SetString(PyExc_TypeError, "casefolded() takes a list of str");
        else
            folded = casefolded_text(text, &folding);
        if (folded == NULL) {
            PyMem_Free(folding.chars);
            Py_DECREF(result);
            return NULL;
        }
        PyList_SET_ITEM(result, i, folded);
    }
    PyMem_Free(folding.chars);
    return result;
}

static PyMethodDef methods[] = {
    {"casefolded", casefolded, METH_O,
     "casefolded(texts) -> list\n\n[text.casefold() for text in texts], folding ASCII characters without the Unicode tables."},
    {NULL, NULL, 0, NULL},
};

#else

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};  /* (later Pythons: str.casefold itself) */

#endif

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_search_text", "Searchable texts casefolded (see casefolded).", -1, methods,
};

PyMODINIT_FUNC
PyInit__search_text(void)
{
    return PyModule_Create(&module);
}
