/* Whether a chunk of YAML holds any of `yaml_doubts.doubts`'s doubts, in one pass in C.
 *
 * Every chunk of a large file is asked this before its events are served fast, and nearly
 * every one answers no: the dozen regexes and str.find loops of `doubts` took 1.2-1.7 ms a
 * chunk (0.12-0.28 s of 100,000 events' load: an eighth of it, more for text that is not
 * ASCII, which the regex engine scans a character at a time). This asks the same questions
 * of each character once.
 *
 * It answers only whether there is a doubt, never where: a chunk with one is cut into
 * pieces by the Python finders, which say where. Padded numbers (`01917`, asked only of
 * events with a year written bare) and aliases stood in for are left to Python too.
 * tests/test_yaml_doubts_in_c.py holds it to `next(doubts(...), None) is not None`.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {  /* a text of one byte a character (a wider one is `narrowed` first), a NUL after its end */
    const unsigned char *data;
    Py_ssize_t n;
} Text;

/* The character at `i`, or 0x110000 (no character) outside the text. */
static inline Py_UCS4
at(const Text *t, Py_ssize_t i)
{
    return i >= 0 && i < t->n ? (Py_UCS4)t->data[i] : 0x110000;
}

static inline int
is_space(Py_UCS4 c)  /* str.isspace, and `\s` in a str pattern */
{
    return c < 0x110000 && Py_UNICODE_ISSPACE(c);
}

static inline int
is_blank(Py_UCS4 c)
{
    return c == ' ' || c == '\t';
}

static inline int
is_one_of(Py_UCS4 c, const char *set)
{
    return c < 0x80 && c != 0 && strchr(set, (int)c) != NULL;
}

static inline int
is_hex(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline int
is_line_end(const Text *t, Py_ssize_t i)  /* `$` with re.M */
{
    return i >= t->n || at(t, i) == '\n';
}

/* The last line break before `end` (exclusive), or -1: str.rfind("\n", 0, end). */
static Py_ssize_t
break_before(const Text *t, Py_ssize_t end)
{
    for (Py_ssize_t i = end - 1; i >= 0; i--)
        if (at(t, i) == '\n')
            return i;
    return -1;
}

static int
holds(const Text *t, Py_ssize_t start, Py_ssize_t end, Py_UCS4 c)
{
    for (Py_ssize_t i = start; i < end; i++)
        if (at(t, i) == c)
            return 1;
    return 0;
}

/* Past `(?:\s|#[^\n]*\n)*` from `i` (exact: neither branch can give back a character the sign after needs). */
static Py_ssize_t
past_blanks_and_comments(const Text *t, Py_ssize_t i)
{
    for (;;) {
        Py_UCS4 c = at(t, i);
        if (is_space(c)) {
            i++;
        } else if (c == '#') {
            Py_ssize_t j = i;
            while (j < t->n && at(t, j) != '\n')
                j++;
            if (j >= t->n)
                return i;  /* a comment without its line break is no match of the group */
            i = j + 1;
        } else {
            return i;
        }
    }
}

/* `_UNSAFE_ESCAPE` at the backslash `i`: an escape the two parsers may read otherwise. */
static int
unsafe_escape(const Text *t, Py_ssize_t i)
{
    Py_UCS4 c = at(t, i + 1);
    if (is_one_of(c, "\\\"/0abefnrtvN_LP \n"))
        return 0;
    if (c == 'x')
        return !(is_hex(at(t, i + 2)) && is_hex(at(t, i + 3)));
    if (c == 'u') {
        Py_UCS4 first = at(t, i + 2), second = at(t, i + 3);
        if ((first == 'd' || first == 'D') && (is_one_of(second, "89abcdefABCDEF")))
            return 1;  /* (a UTF-16 surrogate) */
        for (int k = 2; k < 6; k++)
            if (!is_hex(at(t, i + k)))
                return 1;
        return 0;
    }
    if (c == 'U') {
        int prefix = (at(t, i + 2) == '0' && at(t, i + 3) == '0' && at(t, i + 4) == '0' && is_hex(at(t, i + 5)))
                     || (at(t, i + 2) == '0' && at(t, i + 3) == '0' && at(t, i + 4) == '1' && at(t, i + 5) == '0');
        if (!prefix)
            return 1;
        for (int k = 6; k < 10; k++)
            if (!is_hex(at(t, i + k)))
                return 1;
        return 0;
    }
    return 1;
}

/* `yaml_doubts.at_node_start`. */
static int
at_node_start(const Text *t, Py_ssize_t i)
{
    Py_ssize_t last = i - 1;
    while (last >= 0 && at(t, last) != '\n' && is_space(at(t, last)))
        last--;
    Py_UCS4 mark = last >= 0 ? at(t, last) : '\n';
    if (mark == '\n' || is_one_of(mark, ":[]{},'\"|>"))
        return 1;
    if (mark != '-')
        return 0;
    /* `\s*(?:-\s+)*` over the line up to `i` */
    Py_ssize_t j = break_before(t, i) + 1;
    while (j < i && is_space(at(t, j)))
        j++;
    while (j < i) {
        if (at(t, j) != '-')
            return 0;
        j++;
        if (j == i || !is_space(at(t, j)))
            return 0;
        while (j < i && is_space(at(t, j)))
            j++;
    }
    return 1;
}

/* After a `|` or `>` at `i`: `[-+0-9]*`, then blanks, then the line's end or (after at least
 * one blank when `comment_needs_a_blank`) a comment. Where the header ends (its line's end), or -1. */
static Py_ssize_t
header_end(const Text *t, Py_ssize_t i, int comment_needs_a_blank)
{
    Py_ssize_t j = i + 1;
    while (is_one_of(at(t, j), "-+0123456789"))
        j++;
    Py_ssize_t blanks = j;
    while (is_blank(at(t, j)))
        j++;
    if (at(t, j) == '#' && (j > blanks || !comment_needs_a_blank)) {
        while (j < t->n && at(t, j) != '\n')
            j++;
    }
    return is_line_end(t, j) ? j : -1;
}

/* `_LEAVES_A_FLOW_OPEN.search` of the line [start, end): one of `,:[{` followed by blanks, then
 * the line's end or a comment. */
static int
leaves_a_flow_open(const Text *t, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t p = start; p < end; p++) {
        if (!is_one_of(at(t, p), ",:[{"))
            continue;
        Py_ssize_t j = p + 1;
        while (j < end && is_blank(at(t, j)))
            j++;
        if (j == end || at(t, j) == '#')
            return 1;
    }
    return 0;
}

/* `_block_headers_in_flow` for the header whose blank stands at `blank`. */
static int
header_in_flow(const Text *t, Py_ssize_t blank)
{
    Py_ssize_t line_start = break_before(t, blank) + 1;
    if (holds(t, line_start, blank, '[') || holds(t, line_start, blank, '{'))
        return 1;
    Py_ssize_t end = line_start - 1;
    while (end > 0) {
        Py_ssize_t start = break_before(t, end) + 1, j = start;
        while (j < end && is_blank(at(t, j)))
            j++;
        if (j < end && at(t, j) != '#') {  /* not a blank or comment line */
            Py_ssize_t closed = -1, opened = -1;
            for (Py_ssize_t p = start; p < end; p++) {
                Py_UCS4 c = at(t, p);
                if (c == ']' || c == '}')
                    closed = p;
                else if (c == '[' || c == '{')
                    opened = p;
            }
            return opened > closed || leaves_a_flow_open(t, start, end);
        }
        end = start - 1;
    }
    return 0;
}

/* `doubtful_end`. */
static int
doubtful_end(const Text *t)
{
    if (t->n && at(t, t->n - 1) != '\n')
        return 1;
    Py_ssize_t end = t->n;
    while (end > 0) {
        Py_ssize_t start = break_before(t, end - 1) + 1, a = start, b = end;
        while (a < b && is_space(at(t, a)))
            a++;
        while (b > a && is_space(at(t, b - 1)))
            b--;
        if (a < b && at(t, a) != '#') {  /* `_BLOCK_SCALAR_HEADER_ENDS.search` of the stripped line */
            for (Py_ssize_t q = a; q < b; q++) {
                if ((at(t, q) == '|' || at(t, q) == '>') && (q == a || is_blank(at(t, q - 1)))) {
                    Py_ssize_t j = q + 1;
                    while (j < b && is_one_of(at(t, j), "-+0123456789"))
                        j++;
                    while (j < b && is_blank(at(t, j)))
                        j++;
                    if (j == b || at(t, j) == '#')
                        return 1;
                }
            }
            return 0;
        }
        end = start;
    }
    return 0;
}

/* The line a scan has read up to `to` (exclusive): where it starts, and whether a `#` stands in it
 * (kept from one sign to the next: asked again from the line's start for each, a long line of
 * prose with a sign after every few words took C 2.5 s, where Python's rfind took 0.15 s). */
typedef struct {
    Py_ssize_t to, start;
    int hash;
} Line;

static void
line_up_to(const Text *t, Line *line, Py_ssize_t end)
{
    if (end < line->to) {  /* (behind the last: looked at afresh) */
        line->start = break_before(t, end) + 1;
        line->hash = holds(t, line->start, end, '#');
        line->to = end;
        return;
    }
    for (Py_ssize_t i = line->to; i < end; i++) {
        Py_UCS4 c = at(t, i);
        if (c == '\n') {
            line->start = i + 1;
            line->hash = 0;
        } else if (c == '#') {
            line->hash = 1;
        }
    }
    line->to = end;
}

/* `_signs_after_openers` for the sign at `i` (after a blank or an opener): 1, 0, or -1 where a
 * comment may stand between opener and sign (Python then scans with the patterns themselves). */
static int
sign_after_an_opener(const Text *t, Py_ssize_t i, Line *line)
{
    Py_ssize_t opener = i - 1;
    while (opener >= 0 && is_space(at(t, opener)))
        opener--;
    if (opener < 0)
        return 0;
    line_up_to(t, line, opener + 1);  /* (the opener's line, to it: a `#` in it, and a break after it, say -1) */
    if (line->hash && holds(t, opener, i, '\n'))
        return -1;
    Py_UCS4 c = at(t, opener);
    if (c == ',' || c == '[' || c == '{')
        return is_one_of(at(t, past_blanks_and_comments(t, opener + 1)), "?:|>%");
    if (c != ':')
        return 0;
    if (is_one_of(at(t, past_blanks_and_comments(t, opener + 1)), "?:%"))
        return 1;
    Py_ssize_t j = opener + 1;  /* `:[ \t]*(?:#[^\n]*)?\n` then blanks and comments, then `|` or `>` */
    while (is_blank(at(t, j)))
        j++;
    if (at(t, j) == '#')
        while (j < t->n && at(t, j) != '\n')
            j++;
    if (at(t, j) != '\n')
        return 0;
    return is_one_of(at(t, past_blanks_and_comments(t, j + 1)), "|>");
}

enum { BRACKET = 1, BRACE = 2, HEADER = 4 };  /* what the text holds: `[`, `{`, `|` or `>` */

/* Which of `[`, `{` and `|` or `>` the text (of one byte a character) holds, at memchr's speed. */
static int
held(const Text *t)
{
    return (memchr(t->data, '[', t->n) ? BRACKET : 0) | (memchr(t->data, '{', t->n) ? BRACE : 0)
           | (memchr(t->data, '|', t->n) || memchr(t->data, '>', t->n) ? HEADER : 0);
}

/* The characters a doubt may start at (or be found from). */
static const char FIRST[] = "0_\t\\%?!&*@`:|>\n", FIRST_BUT_BREAKS[] = "0_\t\\%?!&*@`:|>";

/* `has_doubts_in`'s pass over a text of one byte a character. */
static int
scan(const Text *t, const unsigned char *first, int brackets, int braces, int headers)
{
    int flow = brackets || braces;
    const unsigned char *data = t->data;
    const Py_ssize_t n = t->n;
    Py_ssize_t header_line_end = -1;  /* the line's end of the last block header found (one a line) */
    Line line = {0, 0, 0};  /* (`sign_after_an_opener`'s) */
    const char *stops = braces ? FIRST : FIRST_BUT_BREAKS;  /* (a line break starts no doubt but `_COLON_LINE`) */
    for (Py_ssize_t i = 0; i < n; i++) {
        i += strcspn((const char *)data + i, stops);  /* (to the next character worth a look, sixteen at a
                                                          time: the text ends in a NUL; one within it stops too) */
        if (i >= n)
            break;
        Py_UCS4 c = data[i], next;
        if (c >= 0x80 || !first[c])
            continue;
        switch (c) {
        case '0':
            next = at(t, i + 1) | 0x20;
            if ((next == 'x' || next == 'o' || next == 'b') && (is_hex(at(t, i + 2)) || at(t, i + 2) == '_'))
                return 1;
            break;
        case '_':
            if (i > 0 && at(t, i - 1) >= '0' && at(t, i - 1) <= '9')
                return 1;
            break;
        case '\t':
            return 1;
        case '\\':
            if (unsafe_escape(t, i))
                return 1;
            break;
        case '%':
            if (i == 0 || at(t, i - 1) == '\n')
                return 1;
            goto a_sign;
        case '?':
            next = at(t, i + 1);
            if ((i + 1 == t->n || is_space(next)) && at_node_start(t, i))
                return 1;
            goto a_sign;
        case '!': case '&': case '*': case '@': case '`':
            if (at_node_start(t, i))
                return 1;
            break;
        case ':':
            if (flow) {
                if (is_one_of(at(t, i + 1), ",?[]{}|>"))
                    return 1;
                if (headers) {  /* `_FLOW_VALUE_INDICATOR` */
                    Py_ssize_t j = i + 1;
                    while (is_blank(at(t, j)))
                        j++;
                    if (j > i + 1 && (at(t, j) == '|' || at(t, j) == '>') && header_end(t, j, 1) < 0)
                        return 1;
                }
            }
            goto a_sign;
        case '|': case '>':
            if (flow && i > header_line_end && is_blank(at(t, i - 1))) {
                Py_ssize_t end = header_end(t, i, 0);
                if (end >= 0) {
                    header_line_end = end;
                    if (header_in_flow(t, i - 1))
                        return 1;
                }
            }
        a_sign:
            if (flow && i > 0 && (is_space(at(t, i - 1)) || is_one_of(at(t, i - 1), ",[{:"))) {
                int found = sign_after_an_opener(t, i, &line);
                if (found)
                    return found;
            }
            break;
        case '\n':
            if (braces) {  /* `_COLON_LINE` */
                Py_ssize_t j = i + 1;
                while (is_blank(at(t, j)))
                    j++;
                if (at(t, j) == ':')
                    return 1;
            }
            break;
        }
    }
    return doubtful_end(t);
}

/* A text of two or four bytes a character as one of one byte a character, a NUL after its end:
 * its ASCII kept, and every other character a stand-in (only whether it is a space, `is_space`,
 * tells one from another to the scan): U+00A0 for a space, U+00FF for any other. The same
 * answers, at the one-byte pass's speed, which skips to the next character worth a look with
 * strcspn (a chunk of Arabic titles was scanned a character at a time: seven times the
 * instructions of an ASCII one). The spaces (U+0085, U+00A0, U+1680, U+2000-200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000) are named, not asked of Python's table, so that the loop is vector code;
 * tests/test_yaml_doubts_in_c.py holds them to str.isspace. */
#define NARROWED(type) do { \
        const type *wide = data; \
        for (Py_ssize_t i = 0; i < n; i++) {  /* (masks, not branches: the loop is vector code) */ \
            type c = wide[i], d = (type)(c - 0x2000); \
            type space = (type)-(c == 0x85) | (type)-(c == 0xA0) | (type)-(c == 0x1680) | (type)-(d <= 0x0A) \
                         | (type)-(d == 0x28) | (type)-(d == 0x29) | (type)-(d == 0x2F) | (type)-(d == 0x5F) \
                         | (type)-(c == 0x3000); \
            type other = c < 0x80 ? c : 0xFF; \
            narrow[i] = (unsigned char)((space & 0xA0) | (~space & other)); \
        } \
    } while (0)

static unsigned char *
narrowed(int kind, const void *data, Py_ssize_t n)
{
    unsigned char *narrow = PyMem_RawMalloc(n + 1);  /* (Raw: asked with the interpreter let go) */
    if (narrow == NULL)
        return NULL;
    if (kind == PyUnicode_2BYTE_KIND)
        NARROWED(Py_UCS2);
    else
        NARROWED(Py_UCS4);
    narrow[n] = 0;
    return narrow;
}
#undef NARROWED

/* 1 where `doubts` (but padded numbers, with no alias stood in for) finds one, 0 where it finds
 * none, -1 where only Python can say. */
static unsigned char first[128];  /* the characters FIRST names (set when the module is made) */

static int
has_doubts_in(const Text *t)
{
    int seen = held(t), brackets = seen & BRACKET, braces = seen & BRACE, headers = seen & HEADER;
    return scan(t, first, brackets, braces, headers);
}

#define LET_GO_FROM 4096  /* characters: a shorter text is read before another thread could take over */

static PyObject *
has_doubts(PyObject *module, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "has_doubts() takes a str");
        return NULL;
    }
    int kind = PyUnicode_KIND(text), answer;
    Text t = {PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    /* the interpreter let go over a chunk (the text, held by the caller, never changes): the
     * loader asks this of the chunks ahead on another thread, while it reads the one before */
    PyThreadState *saved = t.n >= LET_GO_FROM ? PyEval_SaveThread() : NULL;
    if (kind == PyUnicode_1BYTE_KIND) {
        answer = has_doubts_in(&t);
    } else {
        unsigned char *narrow = narrowed(kind, t.data, t.n);
        if (narrow == NULL) {
            answer = -1;  /* (no memory for it: Python's finders say) */
        } else {
            t.data = narrow;
            answer = has_doubts_in(&t);
            PyMem_RawFree(narrow);
        }
    }
    if (saved != NULL)
        PyEval_RestoreThread(saved);
    return PyLong_FromLong(answer);
}

static PyMethodDef methods[] = {
    {"has_doubts", has_doubts, METH_O,
     "has_doubts(text) -> int\n\n"
     "1 where yaml_doubts.doubts(text, False) finds a doubt, 0 where it finds none, -1 where only it can say."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_yaml_doubts",
    "Whether a chunk of YAML holds any of the fast reader's doubts, in one pass (see has_doubts).", -1, methods,
};

PyMODINIT_FUNC
PyInit__yaml_doubts(void)
{
    for (const char *c = FIRST; *c; c++)
        first[(unsigned char)*c] = 1;
    return PyModule_Create(&module);
}
