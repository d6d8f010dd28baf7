/* Arenas made ready on another core while a large file loads.

A million events take some 900 of CPython's arenas (1 MiB each in 3.11) of fresh memory,
and the kernel clears each page of it as it is first touched: a fifth of the load's time,
all of it on the loading thread (perf: clear_page under _PyObject_Malloc). While `start`
is in effect, CPython's arena allocator hands out arenas that a helper thread has already
taken (from the allocator that was in place, so that allocator frees them as its own,
whenever that happens) and touched, page by page, on another core.

The helper never calls into Python: it only calls the previous allocator's `alloc` (mmap,
or malloc where CPython was built without mmap arenas: either is safe without the GIL) and
writes a byte to each page. The allocator is swapped, and arenas are handed over, with the
GIL held, as CPython calls its arena allocator only then. Loads may overlap (a reload while
a check runs): `start` and `stop` count their users, the first installs, the last restores,
and joins the helper without letting the GIL go, so no `start` can begin between. Only requests
of an arena's size are made ready (a new thread's data stack comes this way too); a child
forked meanwhile gets CPython's own allocator back.
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef _WIN32
#include <pthread.h>
#include <unistd.h>

#define ARENA_AT_LEAST (256 * 1024) /* CPython's arenas: 256 KiB before 3.10, 1 MiB since */
#define READY_MOST 8 /* arenas kept ready: 8 MB at most beyond what is used (a helper touches one in ~1.5 ms, a load uses one in ~9) */

static PyObjectArenaAllocator previous;
static long users;                       /* starts not yet stopped (changed with the GIL held) */
static int running;                      /* whether the helper should go on (under `lock`) */
static size_t arena_size;                /* learnt from CPython's first request of an arena's size; 0 until then */
static void *ready[READY_MOST];
static int ready_count;
static long handed_out, made_here;       /* for the tests: arenas given ready, and not */
static pthread_t helper;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t room = PTHREAD_COND_INITIALIZER; /* signalled when the helper has work or must end */

static void
touch_pages(char *arena, size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (page == 0 || page == (size_t)-1) {
        page = 4096;
    }
    for (size_t at = 0; at < size; at += page) {
        ((volatile char *)arena)[at] = 0;
    }
}

static void *
make_ready(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    while (running) {
        if (ready_count == READY_MOST || arena_size == 0) {
            pthread_cond_wait(&room, &lock);
            continue;
        }
        size_t size = arena_size;
        pthread_mutex_unlock(&lock);
        void *arena = previous.alloc(previous.ctx, size);
        if (arena != NULL) {
            touch_pages(arena, size);
        }
        pthread_mutex_lock(&lock);
        if (arena == NULL) {
            break; /* out of memory: CPython's own requests will say so */
        }
        if (running && ready_count < READY_MOST && size == arena_size) {
            ready[ready_count++] = arena;
        }
        else {
            pthread_mutex_unlock(&lock);
            previous.free(previous.ctx, arena, size);
            pthread_mutex_lock(&lock);
        }
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *
ready_alloc(void *ctx, size_t size)
{
    (void)ctx;
    void *arena = NULL;
    pthread_mutex_lock(&lock);
    if (arena_size == 0 && size >= ARENA_AT_LEAST) {
        arena_size = size; /* (a thread's 16 KiB data stack comes this way too: not an arena) */
        pthread_cond_signal(&room);
    }
    if (size == arena_size && ready_count > 0) {
        arena = ready[--ready_count];
        handed_out++;
        pthread_cond_signal(&room);
    }
    pthread_mutex_unlock(&lock);
    if (arena == NULL) {
        made_here++;
        arena = previous.alloc(previous.ctx, size);
    }
    return arena;
}

static void
ready_free(void *ctx, void *arena, size_t size)
{
    (void)ctx;
    previous.free(previous.ctx, arena, size);
}

static void
forked_child(void)
{
    /* the helper does not exist in a child, and `lock` may have been held at the fork: CPython's
       own allocator back, and nothing running (the ready arenas are the parent's to free) */
    if (users > 0) {
        PyObject_SetArenaAllocator(&previous);
    }
    pthread_mutex_init(&lock, NULL);
    pthread_cond_init(&room, NULL);
    users = 0;
    running = 0;
    ready_count = 0;
}

static PyObject *
start(PyObject *module, PyObject *unused)
{
    static int fork_handled = 0;
    if (!fork_handled) {
        fork_handled = pthread_atfork(NULL, NULL, forked_child) == 0;
    }
    if (users > 0) {
        users++;
        Py_RETURN_TRUE;
    }
    PyObject_GetArenaAllocator(&previous);
    if (previous.alloc == NULL || previous.free == NULL) {
        Py_RETURN_FALSE;
    }
    pthread_mutex_lock(&lock);
    running = 1;
    arena_size = 0;
    ready_count = 0;
    handed_out = made_here = 0;
    pthread_mutex_unlock(&lock);
    if (pthread_create(&helper, NULL, make_ready, NULL) != 0) {
        running = 0;
        Py_RETURN_FALSE;
    }
    PyObjectArenaAllocator mine = {NULL, ready_alloc, ready_free};
    PyObject_SetArenaAllocator(&mine);
    users = 1;
    Py_RETURN_TRUE;
}

static PyObject *
stop(PyObject *module, PyObject *unused)
{
    if (users == 0) {
        return Py_BuildValue("(ll)", 0L, 0L);
    }
    if (--users > 0) {
        return Py_BuildValue("(ll)", handed_out, made_here);
    }
    PyObject_SetArenaAllocator(&previous);
    pthread_mutex_lock(&lock);
    running = 0;
    pthread_cond_broadcast(&room);
    pthread_mutex_unlock(&lock);
    /* joined with the GIL held: the helper never takes it (it waits at most for one arena, ~1.5 ms),
       and another thread's `start` during the join would have begun a second helper and reset
       what this one still frees (the review's stress test hung in 4 runs of 6) */
    pthread_join(helper, NULL);
    while (ready_count > 0) {
        ready_count--;
        previous.free(previous.ctx, ready[ready_count], arena_size);
    }
    return Py_BuildValue("(ll)", handed_out, made_here);
}

#else /* no POSIX threads: nothing is made ready, every arena is CPython's own */

static PyObject *
start(PyObject *module, PyObject *unused)
{
    Py_RETURN_FALSE;
}

static PyObject *
stop(PyObject *module, PyObject *unused)
{
    return Py_BuildValue("(ll)", 0L, 0L);
}

#endif

static PyMethodDef methods[] = {
    {"start", start, METH_NOARGS,
     "start() -> bool: arenas made ready on a helper thread from now on (False: not here)."},
    {"stop", stop, METH_NOARGS,
     "stop() -> (handed out ready, made on request): the allocator restored once every start is stopped."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_warm_arenas",
    "Arenas made ready on another core while a large file loads (see the source's head).", -1, methods,
};

PyMODINIT_FUNC
PyInit__warm_arenas(void)
{
    return PyModule_Create(&module_def);
}
