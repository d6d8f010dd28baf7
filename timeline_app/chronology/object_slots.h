/* Reading and writing an object's slots straight, for the compiled modules that read or make
 * many events and dates (chronology/_event_times.c, files/_plain_events.c). */

#ifndef TIMELINE_OBJECT_SLOTS_H
#define TIMELINE_OBJECT_SLOTS_H

#include <Python.h>
#include <structmember.h>

/* The object slot at `offset` of `object` (an lvalue). */
#define SLOT(object, offset) (*(PyObject **)((char *)(object) + (offset)))

/* The offset of `cls`'s own object slot `name` (`writable`: one `__init__` may set); -1 with
 * TypeError if it has none. Only the class's own, within its objects: a descriptor of another
 * class's, set on this one, would point outside them. */
static Py_ssize_t
slot_offset(PyTypeObject *cls, const char *name, int writable)
{
    PyObject *descriptor = cls->tp_dict == NULL ? NULL : PyDict_GetItemString(cls->tp_dict, name);  /* (borrowed) */
    PyMemberDef *member = descriptor != NULL && Py_TYPE(descriptor) == &PyMemberDescr_Type
                          && PyDescr_TYPE(descriptor) == cls ? ((PyMemberDescrObject *)descriptor)->d_member : NULL;
    if (member == NULL || member->type != T_OBJECT_EX || (writable && (member->flags & READONLY))
        || member->offset < (Py_ssize_t)sizeof(PyObject)
        || member->offset + (Py_ssize_t)sizeof(PyObject *) > cls->tp_basicsize) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "%s has no object slot %s", cls->tp_name, name);
        return -1;
    }
    return member->offset;
}

#endif
