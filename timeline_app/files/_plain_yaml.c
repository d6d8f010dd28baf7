/* The plain block style of a chunk of events, read in C: what yaml-rs gives, or None.
 *
 * A large file's events are read a chunk (1,000 events) at a time by yaml-rs, which took
 * about as long as everything the loader does with what it returns (100,000 hand-written
 * events: 0.7 s of parsing beside 0.75 s of checking). Most chunks are written in a few
 * plain forms: a list of mappings whose keys are words, whose values are plain scalars (on
 * one line or folded over several), quoted ones (with the common escapes), block scalars
 * (| > |- >-), flow lists and mappings on one line, block lists and mappings. This reads
 * exactly those forms and gives exactly what `yaml_rs.loads(text, parse_datetime=False)`
 * gives for them.
 *
 * It only accelerates: anything else (an anchor, an alias, a tag, a tab, a carriage return,
 * a character YAML treats specially, another escape, a keep or indentation indicator, a
 * scalar yaml-rs might read as a float, an odd integer, a boolean or null, a key written
 * twice, a value over lines in quotes or brackets, nesting past 64, a last line without its
 * line break...) returns None, and the caller hands the chunk to yaml-rs.
 * tests/test_plain_yaml.py holds the two to the same answers.
 *
 * It reads in two steps. The parse makes no Python object, so it lets the interpreter go: it
 * writes what it finds on a tape ("text from here to there", "a number", "a list starts",
 * "this value under that key"...), and `parse_block_events` can run it on a helper thread
 * while the loading thread checks the chunk before. The objects are then made from the tape
 * (`events_of`) by a loop that only makes them. (The parse was half the reading's instructions:
 * 100,000 hand-written events, about 550 M of 1,060 M.) `read_block_events` does both at once.
 *
 * Below it, `find_items`: where a large file's events list has its items, in one pass with the
 * interpreter let go (list_items.events_list_in_c; tests/test_list_items.py holds it to numpy's).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "plain_fields.h"

#define MAX_KEYS 256  /* distinct keys in a chunk (past them, yaml-rs reads it) */
#define MAX_DEPTH 64  /* collections open: a deeper one is yaml-rs's (it refuses 256 flow levels) */

/* What the parse found, in the order the objects are made: each op makes an object and pushes it,
 * or (APPEND, PUT) puts the objects on top into the list or mapping under them. */
enum {
    OP_TEXT, OP_BUFFERED, OP_UCS1, OP_UCS2, OP_UCS4, OP_NUMBER, OP_NONE, OP_KEY, OP_LIST, OP_MAPPING, OP_EVENT_MAPPING,
    OP_APPEND, OP_PUT
};

typedef struct {
    int op;
    Py_ssize_t a, b;  /* TEXT: an ASCII span of the UTF-8; BUFFERED: offset and length of ASCII in the arena;
                       * UCS1, UCS2, UCS4: offset and count of characters in the wide arena; NUMBER: a; KEY: a, its index */
} Op;

typedef struct {
    Op *ops;
    Py_ssize_t count, capacity;
    char *arena;  /* text made piece by piece (an escape, a doubled quote, lines folded), as UTF-8 */
    Py_ssize_t used, room;
    char *wide;  /* the text of values that are not ASCII, decoded to the characters of the narrowest str for them */
    Py_ssize_t wide_used, wide_room;
    Py_UCS4 *decoded;  /* (a value's characters as first decoded, four bytes each) */
    Py_ssize_t decoded_room;
    Py_ssize_t key_start[MAX_KEYS], key_end[MAX_KEYS];  /* the chunk's distinct keys, as spans of its UTF-8 */
    int key_count;
    Py_ssize_t events;  /* items of the events list */
} Tape;

typedef struct {
    const unsigned char *s;  /* the text's UTF-8 (its own bytes when ASCII), NUL after its end */
    Py_ssize_t n;
    Py_ssize_t pos;
    int ascii;  /* the whole text is ASCII */
    int depth;  /* collections open */
    Tape *tape;
} Reader;

/* What a reading step answers. */
#define READ 1
#define NOT_OURS 0  /* not ours to read: the caller returns None */
#define NO_MEMORY (-1)

/* The body of each collection's reader `x`, which calls `x_within` one level deeper, or is not ours past MAX_DEPTH. */
#define DEEPER(r, reading) do { \
        if ((r)->depth == MAX_DEPTH) \
            return NOT_OURS; \
        (r)->depth++; \
        int got = (reading); \
        (r)->depth--; \
        return got; \
    } while (0)

/* Eight bytes at a time: a byte of ones, each byte's low seven bits, each byte's high bit. */
#define ONES 0x0101010101010101ULL
#define LOWS 0x7F7F7F7F7F7F7F7FULL
#define HIGHS (~LOWS)
/* The high bit of each byte of `word` that is `byte` (exact in each byte: no sum crosses into the next). */
#define BYTES_OF(word, byte) (~(((((word) ^ ((byte) * ONES)) & LOWS) + LOWS) | ((word) ^ ((byte) * ONES))) & HIGHS)

/* A byte at `i` <= n; the text's end reads as a line's (a NUL within it is refused first). */
#define AT(r, i) ((Py_UCS4)(r)->s[i])
#define CHAR(r, i) ((r)->s[i] ? (Py_UCS4)(r)->s[i] : (Py_UCS4)'\n')

/* ---- the tape (no Python object is touched: the interpreter is let go while it is written) ---- */

static int
emit(Reader *r, int op, Py_ssize_t a, Py_ssize_t b)
{
    Tape *t = r->tape;
    if (t->count == t->capacity) {
        Py_ssize_t capacity = t->capacity ? t->capacity * 2 : 8192;
        Op *grown = PyMem_RawRealloc(t->ops, capacity * sizeof(Op));
        if (grown == NULL)
            return NO_MEMORY;
        t->ops = grown;
        t->capacity = capacity;
    }
    Op *op_at = &t->ops[t->count++];
    op_at->op = op;
    op_at->a = a;
    op_at->b = b;
    return READ;
}

/* UTF-8 `from` (valid: encoded from a str, or made from an escape; cut only at ASCII) as a value:
 * ASCII as it stands (`ascii_op`, a and b its place), any other decoded here, off the interpreter,
 * into the characters of the narrowest str that holds them (decoded in one pass as four bytes a
 * character, then copied narrower), which `made` only copies. (Decoding
 * the values of 100,000 events in Arabic and Latin with macrons, PyUnicode_DecodeUTF8 took
 * 300 M instructions of the loading thread.) */
static int
characters(Reader *r, const unsigned char *from, Py_ssize_t length, int ascii_op, Py_ssize_t a, Py_ssize_t b)
{
    Py_ssize_t ascii = 0;  /* (most values of most texts are ASCII all through: 8 bytes a look) */
    for (uint64_t word; ascii + 8 <= length; ascii += 8) {
        memcpy(&word, from + ascii, 8);
        if (word & HIGHS)
            break;
    }
    while (ascii < length && from[ascii] < 0x80)
        ascii++;
    if (ascii == length)
        return emit(r, ascii_op, a, b);
    Tape *t = r->tape;
    if (length > t->decoded_room) {
        Py_UCS4 *grown = PyMem_RawRealloc(t->decoded, (length + 1024) * sizeof(Py_UCS4));
        if (grown == NULL)
            return NO_MEMORY;
        t->decoded = grown;
        t->decoded_room = length + 1024;
    }
    Py_UCS4 *decoded = t->decoded, widest = 0;
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < length;) {
        uint64_t word;
        if (i + 8 <= length && (memcpy(&word, from + i, 8), !(word & HIGHS))) {  /* eight ASCII at once */
            for (int m = 0; m < 8; m++)
                decoded[count + m] = from[i + m];
            count += 8;
            i += 8;
            continue;
        }
        unsigned char c = from[i];
        if (c < 0x80) {
            decoded[count++] = c;
            i++;
            continue;
        }
        int size = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + size > length || c < 0xC2)
            return NOT_OURS;  /* (never, by how the text was made: yaml-rs's, rather than a wrong character) */
        Py_UCS4 code = c & (0x7F >> size);
        for (int m = 1; m < size; m++)
            code = (code << 6) | (from[i + m] & 0x3F);
        i += size;
        widest = code > widest ? code : widest;
        decoded[count++] = code;
    }
    int kind = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;
    Py_ssize_t at = (t->wide_used + 3) & ~(Py_ssize_t)3, bytes = count * kind;
    if (at + bytes > t->wide_room) {
        Py_ssize_t room = (at + bytes) * 2 + 4096;
        char *grown = PyMem_RawRealloc(t->wide, room);
        if (grown == NULL)
            return NO_MEMORY;
        t->wide = grown;
        t->wide_room = room;
    }
    void *out = t->wide + at;
    if (kind == 4)
        memcpy(out, decoded, bytes);
    else if (kind == 2)
        for (Py_ssize_t k = 0; k < count; k++)
            ((Py_UCS2 *)out)[k] = (Py_UCS2)decoded[k];
    else
        for (Py_ssize_t k = 0; k < count; k++)
            ((Py_UCS1 *)out)[k] = (Py_UCS1)decoded[k];
    t->wide_used = at + bytes;
    return emit(r, kind == 1 ? OP_UCS1 : kind == 2 ? OP_UCS2 : OP_UCS4, at, count);
}

static int
text_of(Reader *r, Py_ssize_t a, Py_ssize_t b)
{
    return r->ascii ? emit(r, OP_TEXT, a, b) : characters(r, r->s + a, b - a, OP_TEXT, a, b);
}

/* Text made piece by piece goes to the arena, from `start` = the arena's `used` when it began. */
static int
put(Reader *r, const unsigned char *from, Py_ssize_t count)
{
    Tape *t = r->tape;
    if (t->used + count > t->room) {
        Py_ssize_t room = (t->used + count) * 2 + 4096;
        char *grown = PyMem_RawRealloc(t->arena, room);
        if (grown == NULL)
            return NO_MEMORY;
        t->arena = grown;
        t->room = room;
    }
    memcpy(t->arena + t->used, from, count);
    t->used += count;
    return READ;
}

static int
put_repeated(Reader *r, unsigned char c, Py_ssize_t count)
{
    for (Py_ssize_t k = 0; k < count; k++)
        if (put(r, &c, 1) < 0)
            return NO_MEMORY;
    return READ;
}

/* The text put in the arena since `start`, as a value. */
static int
taken(Reader *r, Py_ssize_t start)
{
    Tape *t = r->tape;
    return characters(r, (const unsigned char *)t->arena + start, t->used - start, OP_BUFFERED, start, t->used - start);
}

/* The index of the key `text[a:b]` (a word, so ASCII), the same for each time it is written;
 * -1 past MAX_KEYS distinct ones. */
static int
key_index(Reader *r, Py_ssize_t a, Py_ssize_t b)
{
    Tape *t = r->tape;
    Py_ssize_t length = b - a;
    for (int k = 0; k < t->key_count; k++)
        if (t->key_end[k] - t->key_start[k] == length && memcmp(r->s + t->key_start[k], r->s + a, length) == 0)
            return k;
    if (t->key_count == MAX_KEYS)
        return -1;
    t->key_start[t->key_count] = a;
    t->key_end[t->key_count] = b;
    return t->key_count++;
}

/* The key `text[a:b]` of a mapping whose keys so far are marked in `seen`: on the tape, or not
 * ours when the mapping has it already (yaml-rs says so) or the chunk has too many keys. */
static int
new_key(Reader *r, Py_ssize_t a, Py_ssize_t b, uint64_t *seen)
{
    int k = key_index(r, a, b);
    if (k < 0 || seen[k / 64] & (1ULL << (k % 64)))
        return NOT_OURS;
    seen[k / 64] |= 1ULL << (k % 64);
    return emit(r, OP_KEY, k, 0);
}

/* ---- the parse ---------------------------------------------------------------------------------- */

/* Whether UTF-8 `s` (its `n` bytes, from `i`) holds a character the fast readers leave to the
 * precise one: a C0 control but the line breaks, DEL, a C1 control (C2 80-9F), LS or PS (E2 80
 * A8-A9), the non-characters FFFE and FFFF (EF BF BE-BF); and, with `strict` (the chunk reader's
 * own question: characters yaml-rs treats specially), a tab, a carriage return and the BOM
 * (EF BB BF). Eight bytes at a time past those that need no look: printable ASCII, line feeds,
 * and the bytes of other characters than those (a chunk of Arabic titles is mostly such bytes). */
static int
has_unplain_from(const unsigned char *s, Py_ssize_t n, Py_ssize_t i, int strict)
{
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            if (!(word & HIGHS)) {  /* ASCII: each byte's sums stay in it */
                uint64_t below_space = ~(word + 0x60 * ONES) & HIGHS, dels = (word + ONES) & HIGHS;
                if (!((below_space & ~BYTES_OF(word, '\n')) | dels)) {
                    i += 8;
                    continue;
                }
            } else {  /* the same, and a lead byte of the characters above */
                uint64_t below_space = ~((word & LOWS) + 0x60 * ONES) & ~word & HIGHS;
                if (!((below_space & ~BYTES_OF(word, '\n')) | BYTES_OF(word, 0x7F)
                      | BYTES_OF(word, 0xC2) | BYTES_OF(word, 0xE2) | BYTES_OF(word, 0xEF))) {
                    i += 8;
                    continue;
                }
            }
        }
        for (Py_ssize_t end = i + 8 < n ? i + 8 : n; i < end; i++) {
            unsigned char c = s[i];
            if (c == '\t' || c == '\r') {
                if (strict)
                    return 1;
            } else if ((c < 0x20 && c != '\n') || c == 0x7F) {
                return 1;
            } else if (c == 0xC2) {
                if (i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
                    return 1;
            } else if (c == 0xE2) {
                if (i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
                    return 1;
            } else if (c == 0xEF && i + 2 < n) {
                if ((s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
                        || (strict && s[i + 1] == 0xBB && s[i + 2] == 0xBF))
                    return 1;
            }
        }
    }
    return 0;
}

/* Characters a plain scalar may not start with here (YAML's indicators, and ~ for null). */
static int
is_indicator(Py_UCS4 c)
{
    switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#':
    case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@':
    case '`': case '~': case ' ': case '\n':
        return 1;
    }
    return 0;
}

static int
is_letter(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(Py_UCS4 c)
{
    return c >= '0' && c <= '9';
}

static Py_ssize_t
spaces_at(Reader *r, Py_ssize_t i)
{
    Py_ssize_t k = i;
    while (r->s[k] == ' ')
        k++;
    return k - i;
}

static Py_ssize_t
line_end(Reader *r, Py_ssize_t i)
{
    const unsigned char *end = memchr(r->s + i, '\n', r->n - i);
    return end ? end - r->s : r->n;
}

/* From a line's start, past blank lines and whole-line comments: the next line that holds something. */
static Py_ssize_t
next_content_line(Reader *r, Py_ssize_t i)
{
    while (i < r->n) {
        Py_ssize_t k = i + spaces_at(r, i);
        if (k < r->n && AT(r, k) != '\n' && AT(r, k) != '#')
            return i;
        k = line_end(r, k);
        i = k < r->n ? k + 1 : k;
    }
    return i;
}

/* After a value: spaces, maybe a comment (a space before it), then the line's end, passed. */
static int
finish_line(Reader *r)
{
    Py_ssize_t i = r->pos, k = i + spaces_at(r, i);
    if (k < r->n && AT(r, k) == '#') {
        if (r->s[k - 1] != ' ')
            return 0;  /* 'x'#c: a comment needs a space before it */
        k = line_end(r, k);
    }
    if (k < r->n && AT(r, k) != '\n')
        return 0;
    r->pos = k < r->n ? k + 1 : k;
    return 1;
}

/* null, true or false in any case (yaml-rs reads some casings so; all are its business). */
static int
is_null_or_bool(Reader *r, Py_ssize_t a, Py_ssize_t b)
{
    if ((b - a != 4 && b - a != 5) || !AT(r, a) || !strchr("nNtTfF", (int)AT(r, a)))
        return 0;
    char lower[6] = {0};
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = AT(r, i);
        lower[i - a] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return !strcmp(lower, "null") || !strcmp(lower, "true") || !strcmp(lower, "false");
}

/* The scalar `text[a:b]` as yaml-rs resolves a plain one: text, or a whole number written plainly;
 * not ours for anything else it might read otherwise (a float, 0x1F, 1_000, 02000, true, null...). */
static int
resolved(Reader *r, Py_ssize_t a, Py_ssize_t b)
{
    int digits = 1, wordish = 1;
    for (Py_ssize_t i = a; i < b && wordish; i++) {
        Py_UCS4 c = AT(r, i);
        if (!is_digit(c))
            digits = 0;
        if (!(is_digit(c) || is_letter(c) || c == '.' || c == '_' || c == '+' || c == '-'))
            wordish = digits = 0;
    }
    if (digits) {
        if (b - a > 18 || (b - a > 1 && AT(r, a) == '0'))
            return NOT_OURS;
        long long value = 0;
        for (Py_ssize_t i = a; i < b; i++)
            value = value * 10 + (AT(r, i) - '0');
        if ((unsigned long long)value > (unsigned long long)PY_SSIZE_T_MAX)
            return NOT_OURS;  /* (a tape's number is a Py_ssize_t: on a 32-bit build, a larger one is yaml-rs's) */
        return emit(r, OP_NUMBER, (Py_ssize_t)value, 0);
    }
    if (wordish) {
        Py_UCS4 first = AT(r, a);
        if (!is_letter(first)) {  /* 2014-06 and 2014-06-25 are text; other such forms may be numbers */
            Py_ssize_t length = b - a;
            if (!(length == 7 || length == 10))
                return NOT_OURS;
            for (Py_ssize_t i = 0; i < length; i++) {
                Py_UCS4 c = AT(r, a + i);
                if ((i == 4 || i == 7) ? c != '-' : !is_digit(c))
                    return NOT_OURS;
            }
        } else if (is_null_or_bool(r, a, b)) {
            return NOT_OURS;
        }
    }
    return text_of(r, a, b);
}

static int
hex_value(Py_UCS4 c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* "...": on one line, with the escapes \" \\ \/ \n \t and \uXXXX (any other: yaml-rs decides). */
static int
double_quoted(Reader *r)
{
    Py_ssize_t a = r->pos + 1, i = a, escapes = 0;
    for (;; i++) {
        Py_UCS4 c = CHAR(r, i);
        if (c == '"')
            break;
        if (c == '\n')
            return NOT_OURS;  /* a string over lines */
        if (c == '\\') {
            escapes++;
            i++;
            if (CHAR(r, i) == '\n')
                return NOT_OURS;
        }
    }
    r->pos = i + 1;
    if (!escapes)
        return text_of(r, a, i);
    Py_ssize_t start = r->tape->used;
    for (Py_ssize_t k = a; k < i; k++) {
        if (r->s[k] != '\\') {
            Py_ssize_t run = k;
            while (run < i && r->s[run] != '\\')
                run++;
            if (put(r, r->s + k, run - k) < 0)
                return NO_MEMORY;
            k = run - 1;
            continue;
        }
        unsigned char escaped = r->s[++k], one;
        switch (escaped) {
        case '"': case '\\': case '/': one = escaped; break;
        case 'n': one = '\n'; break;
        case 't': one = '\t'; break;
        case 'u': {
            long code = 0;
            for (int d = 1; d <= 4; d++) {
                int digit = hex_value(CHAR(r, k + d));
                if (digit < 0)
                    return NOT_OURS;
                code = code * 16 + digit;
            }
            if (code == 0 || (code >= 0xD800 && code <= 0xDFFF))
                return NOT_OURS;
            unsigned char utf8[3];
            Py_ssize_t count;
            if (code < 0x80) {
                utf8[0] = (unsigned char)code;
                count = 1;
            } else if (code < 0x800) {
                utf8[0] = (unsigned char)(0xC0 | (code >> 6));
                utf8[1] = (unsigned char)(0x80 | (code & 0x3F));
                count = 2;
            } else {
                utf8[0] = (unsigned char)(0xE0 | (code >> 12));
                utf8[1] = (unsigned char)(0x80 | ((code >> 6) & 0x3F));
                utf8[2] = (unsigned char)(0x80 | (code & 0x3F));
                count = 3;
            }
            if (put(r, utf8, count) < 0)
                return NO_MEMORY;
            k += 4;
            continue;
        }
        default:
            return NOT_OURS;
        }
        if (put(r, &one, 1) < 0)
            return NO_MEMORY;
    }
    return taken(r, start);
}

static int
single_quoted(Reader *r)
{
    Py_ssize_t a = r->pos + 1, i = a, doubled = 0;
    for (;; i++) {
        Py_UCS4 c = CHAR(r, i);
        if (c == '\n')
            return NOT_OURS;
        if (c == '\'') {
            if (CHAR(r, i + 1) != '\'')
                break;
            doubled++;
            i++;
        }
    }
    r->pos = i + 1;
    if (!doubled)
        return text_of(r, a, i);
    Py_ssize_t start = r->tape->used;
    for (Py_ssize_t k = a; k < i; k++) {
        if (put(r, r->s + k, 1) < 0)
            return NO_MEMORY;
        if (r->s[k] == '\'')
            k++;
    }
    return taken(r, start);
}

/* A plain scalar's piece on one line, from `a`: its end (spaces trimmed) and where the line's
 * rest starts (a comment, the line's end, in a flow collection also , ] or }); -1 for what a
 * plain scalar cannot hold here (": ", a ':' ending it; in a flow collection also [ {). */
static Py_ssize_t
plain_piece(Reader *r, Py_ssize_t a, int in_flow, Py_ssize_t *rest)
{
    if (!in_flow) {  /* the line at once: its end, then its ':' and '#' (memchr: a description is long) */
        Py_ssize_t eol = line_end(r, a), i = eol;
        const unsigned char *s = r->s, *hit;
        for (const unsigned char *from = s + a; (hit = memchr(from, '#', s + eol - from)); from = hit + 1)
            if (hit[-1] == ' ') {
                i = hit - s;  /* a comment */
                break;
            }
        for (const unsigned char *from = s + a; (hit = memchr(from, ':', s + i - from)); from = hit + 1)
            if (hit + 1 == s + i || hit[1] == ' ' || hit[1] == '\n' || hit[1] == 0)
                return -1;
        Py_ssize_t end = i;
        while (end > a && s[end - 1] == ' ')
            end--;
        *rest = i;
        return end;
    }
    Py_ssize_t i = a, end = a;
    for (;; i++) {
        Py_UCS4 c = CHAR(r, i);
        if (c == '\n' || c == ',' || c == ']' || c == '}')
            break;
        if (c == ':') {
            Py_UCS4 next = CHAR(r, i + 1);
            if (next == ' ' || next == '\n' || next == ',' || next == '[' || next == ']' || next == '{' || next == '}')
                return -1;  /* a key (a: b) or what yaml-rs alone should judge */
        } else if (c == '#') {
            if (AT(r, i - 1) == ' ')
                break;  /* a comment */
        } else if (c == '[' || c == '{') {
            return -1;
        } else if (c == '-' && AT(r, i - 1) == ' ') {
            Py_UCS4 next = CHAR(r, i + 1);
            if (next == ',' || next == '[' || next == ']' || next == '{' || next == '}')
                return -1;  /* "x -]": yaml-rs refuses a '-' there */
        }
        if (c != ' ')
            end = i + 1;
    }
    *rest = i;
    return end;
}

/* Where a plain scalar's next line starts, if the line after `rest` goes on with it (more
 * indented than `indent`, after blank lines maybe); -1 when the scalar ends there. */
static Py_ssize_t
next_piece_line(Reader *r, Py_ssize_t rest, Py_ssize_t indent, Py_ssize_t *blank)
{
    *blank = 0;
    if (CHAR(r, rest) != '\n' || rest >= r->n)
        return -1;
    Py_ssize_t line = rest + 1;
    while (line < r->n) {
        Py_ssize_t s = spaces_at(r, line);
        if (CHAR(r, line + s) != '\n')
            return s > indent && AT(r, line + s) != '#' ? line : -1;
        (*blank)++;
        line = line + s + 1;
    }
    return -1;
}

/* A plain scalar, the value of a key at indentation `indent` (or an item of a list there): on
 * its line, and folded over the more indented lines after it (a line break between two lines
 * is a space; n blank lines between them, n line breaks). */
static int
plain(Reader *r, Py_ssize_t indent)
{
    Py_ssize_t a = r->pos, rest, blank;
    Py_ssize_t end = plain_piece(r, a, 0, &rest);
    if (end < 0)
        return NOT_OURS;
    Py_ssize_t line = CHAR(r, rest) == '#' ? -1 : next_piece_line(r, rest, indent, &blank);
    if (line < 0) {
        int got = resolved(r, a, end);
        if (got == READ)
            r->pos = rest;
        return got;
    }
    Py_ssize_t start = r->tape->used;
    if (put(r, r->s + a, end - a) < 0)
        return NO_MEMORY;
    for (; line >= 0; line = next_piece_line(r, rest, indent, &blank)) {
        Py_ssize_t from = line + spaces_at(r, line);
        if (is_indicator(AT(r, from)))  /* "- x", "[x" and such under a scalar: yaml-rs decides */
            return NOT_OURS;
        Py_ssize_t piece_end = plain_piece(r, from, 0, &rest);
        if (piece_end < 0 || CHAR(r, rest) == '#')  /* (a comment ends it: what follows is yaml-rs's to judge) */
            return NOT_OURS;
        if ((blank ? put_repeated(r, '\n', blank) : put_repeated(r, ' ', 1)) < 0 || put(r, r->s + from, piece_end - from) < 0)
            return NO_MEMORY;
    }
    r->pos = rest;
    return taken(r, start);
}

/* A block scalar (| or >, maybe with -) under a key at indentation `indent`, from its indicator
 * to the line after its last; its header's line is passed too. Keep (+), an indentation
 * indicator, blank lines before its first line, more indented lines in a folded one and a
 * last line without a line break are yaml-rs's to read. */
static int
block_scalar(Reader *r, Py_ssize_t indent)
{
    int folded = AT(r, r->pos) == '>', strip = CHAR(r, r->pos + 1) == '-';
    r->pos += 1 + strip;
    if (CHAR(r, r->pos) != ' ' && CHAR(r, r->pos) != '\n')
        return NOT_OURS;
    if (!finish_line(r) || r->pos >= r->n)
        return NOT_OURS;
    Py_ssize_t m = spaces_at(r, r->pos);  /* the scalar's indentation: its first line's */
    if (m <= indent || CHAR(r, r->pos + m) == '\n')
        return NOT_OURS;
    Py_ssize_t start = r->tape->used;
    Py_ssize_t line = r->pos, breaks = 0;  /* line breaks owed before the next line's text */
    int first = 1;
    while (line < r->n) {
        Py_ssize_t s = spaces_at(r, line), eol = line_end(r, line + s);
        if (eol == line + s) {  /* a blank line */
            if (s > m) {
                if (folded)
                    return NOT_OURS;
                if (put_repeated(r, '\n', breaks) < 0 || put(r, r->s + line + m, s - m) < 0)
                    return NO_MEMORY;
                breaks = 0;
            }
            breaks++;
            line = eol < r->n ? eol + 1 : eol;
            continue;
        }
        if (s < m)
            break;
        if (eol >= r->n || (folded && s > m))
            return NOT_OURS;
        if (!first) {
            if (folded && breaks == 1) {
                breaks = 0;
                if (put_repeated(r, ' ', 1) < 0)
                    return NO_MEMORY;
            } else if (folded) {
                breaks--;
            }
        }
        if (put_repeated(r, '\n', breaks) < 0 || put(r, r->s + line + m, eol - line - m) < 0)
            return NO_MEMORY;
        first = 0;
        breaks = 1;
        line = eol + 1;
    }
    if (!strip && put_repeated(r, '\n', 1) < 0)
        return NO_MEMORY;
    r->pos = line;
    return taken(r, start);
}

static int
quoted(Reader *r)
{
    return AT(r, r->pos) == '"' ? double_quoted(r) : single_quoted(r);
}

/* Where a key written as a word (a letter first) ends (its ':' before a space or the line's end), or -1. */
static Py_ssize_t
key_end(Reader *r, Py_ssize_t i)
{
    Py_ssize_t a = i;
    if (!is_letter(CHAR(r, i)))
        return -1;  /* (yaml-rs reads _1 and _1e3 as numbers) */
    while (is_letter(CHAR(r, i)) || is_digit(CHAR(r, i)) || CHAR(r, i) == '_' || CHAR(r, i) == '-')
        i++;
    if (CHAR(r, i) != ':' || (CHAR(r, i + 1) != ' ' && CHAR(r, i + 1) != '\n') || is_null_or_bool(r, a, i))
        return -1;  /* (a key `true` or `null` is not text to yaml-rs) */
    return i;
}

static int flow_mapping(Reader *r);

/* A scalar inside a flow collection at `i`: quoted, or plain up to , ] } (spaces trimmed). */
static int
flow_scalar(Reader *r, Py_ssize_t *i)
{
    Py_UCS4 c = CHAR(r, *i);
    if (c == '"' || c == '\'') {
        r->pos = *i;
        int got = quoted(r);
        *i = r->pos;
        return got;
    }
    if (c == '{') {
        r->pos = *i;
        int got = flow_mapping(r);
        *i = r->pos;
        return got;
    }
    if (is_indicator(c))
        return NOT_OURS;
    Py_ssize_t rest, end = plain_piece(r, *i, 1, &rest);
    if (end < 0 || CHAR(r, rest) == '#' || CHAR(r, rest) == '\n')
        return NOT_OURS;  /* (a flow collection over lines, or a comment inside one) */
    int got = resolved(r, *i, end);
    *i = rest;
    return got;
}

/* Past a flow collection's opening bracket and the spaces after it: where its first item starts,
 * or -1 when `close` comes at once (the collection is empty; r->pos past it). */
static Py_ssize_t
flow_opened(Reader *r, Py_UCS4 close)
{
    Py_ssize_t i = r->pos + 1;
    i += spaces_at(r, i);
    if (CHAR(r, i) != close)
        return i;
    r->pos = i + 1;
    return -1;
}

/* After an item of a flow collection, at `*i`: 1 when `close` ends the collection (r->pos past it);
 * 0 when a ',' leads to another item (`*i` at it); -1 for anything else, a ',' just before
 * `close` among them (yaml-rs decides). */
static int
after_flow_item(Reader *r, Py_ssize_t *i, Py_UCS4 close)
{
    Py_ssize_t k = *i + spaces_at(r, *i);
    if (CHAR(r, k) == close) {
        r->pos = k + 1;
        return 1;
    }
    if (CHAR(r, k) != ',')
        return -1;
    k++;
    k += spaces_at(r, k);
    if (CHAR(r, k) == close)
        return -1;
    *i = k;
    return 0;
}

/* {key: value, ...} on one line, keys written as words. */
static int
flow_mapping_within(Reader *r)
{
    if (emit(r, OP_MAPPING, 0, 0) < 0)
        return NO_MEMORY;
    Py_ssize_t i = flow_opened(r, '}');
    if (i < 0)
        return READ;
    uint64_t seen[MAX_KEYS / 64] = {0};
    for (;;) {
        Py_ssize_t end = key_end(r, i);
        if (end < 0 || CHAR(r, end + 1) != ' ')
            return NOT_OURS;
        int got = new_key(r, i, end, seen);
        if (got != READ)
            return got;
        i = end + 1;
        i += spaces_at(r, i);
        if ((got = flow_scalar(r, &i)) != READ)
            return got;
        if (emit(r, OP_PUT, 0, 0) < 0)
            return NO_MEMORY;
        int after = after_flow_item(r, &i, '}');
        if (after < 0)
            return NOT_OURS;
        if (after)
            return READ;
    }
}

static int
flow_mapping(Reader *r)
{
    DEEPER(r, flow_mapping_within(r));
}

/* [a, 'b', {c: d}] on one line. */
static int
flow_list_within(Reader *r)
{
    if (emit(r, OP_LIST, 0, 0) < 0)
        return NO_MEMORY;
    Py_ssize_t i = flow_opened(r, ']');
    if (i < 0)
        return READ;
    for (;;) {
        int got = flow_scalar(r, &i);
        if (got != READ)
            return got;
        if (emit(r, OP_APPEND, 0, 0) < 0)
            return NO_MEMORY;
        int after = after_flow_item(r, &i, ']');
        if (after < 0)
            return NOT_OURS;
        if (after)
            return READ;
    }
}

static int
flow_list(Reader *r)
{
    DEEPER(r, flow_list_within(r));
}

/* A value after "key: " or "- " (a key's or list item's at indentation `indent`), with its line passed. */
static int
inline_value(Reader *r, Py_ssize_t indent)
{
    Py_UCS4 c = CHAR(r, r->pos);
    int got;
    if (c == '"' || c == '\'')
        got = quoted(r);
    else if (c == '[')
        got = flow_list(r);
    else if (c == '{')
        got = flow_mapping(r);
    else if (c == '|' || c == '>')
        return block_scalar(r, indent);
    else if (is_indicator(c))
        return NOT_OURS;
    else
        got = plain(r, indent);
    if (got != READ)
        return got;
    return finish_line(r) ? READ : NOT_OURS;
}

static int mapping(Reader *r, Py_ssize_t indent);

/* "- value" lines at indentation `indent`, from the first one's start; an item may be a mapping. */
static int
block_list_within(Reader *r, Py_ssize_t indent)
{
    if (emit(r, OP_LIST, 0, 0) < 0)
        return NO_MEMORY;
    for (;;) {
        Py_ssize_t line = r->pos;
        r->pos = line + indent + 2;
        if (AT(r, line + indent) != '-' || CHAR(r, line + indent + 1) != ' ' || CHAR(r, r->pos) == ' ')
            return NOT_OURS;
        int got = key_end(r, r->pos) >= 0 ? mapping(r, indent + 2) : inline_value(r, indent);
        if (got != READ)
            return got;
        if (emit(r, OP_APPEND, 0, 0) < 0)
            return NO_MEMORY;
        r->pos = next_content_line(r, r->pos);
        if (r->pos >= r->n)
            return READ;
        Py_ssize_t s = spaces_at(r, r->pos);
        if (s > indent)
            return NOT_OURS;
        if (s < indent || AT(r, r->pos + s) != '-')
            return READ;
    }
}

static int
block_list(Reader *r, Py_ssize_t indent)
{
    DEEPER(r, block_list_within(r, indent));
}

/* What follows "key:" with nothing after it on the line: a block list, a mapping, or null. */
static int
below(Reader *r, Py_ssize_t indent)
{
    Py_ssize_t line = next_content_line(r, r->pos);
    if (line >= r->n)
        return emit(r, OP_NONE, 0, 0);
    Py_ssize_t s = spaces_at(r, line);
    Py_UCS4 c = AT(r, line + s);
    if (s >= indent && c == '-') {
        r->pos = line;
        return block_list(r, s);
    }
    if (s > indent && key_end(r, line + s) >= 0) {
        r->pos = line + s;
        return mapping(r, s);
    }
    if (s > indent)
        return NOT_OURS;  /* a scalar starting on the next line, say */
    return emit(r, OP_NONE, 0, 0);
}

/* "key: value" lines at indentation `indent`, from the first key: an event (`depth` 1), or a
 * mapping within one. */
static int
mapping_within(Reader *r, Py_ssize_t indent)
{
    if (emit(r, r->depth <= 1 ? OP_EVENT_MAPPING : OP_MAPPING, 0, 0) < 0)
        return NO_MEMORY;
    uint64_t seen[MAX_KEYS / 64] = {0};
    for (;;) {
        Py_ssize_t a = r->pos, i = key_end(r, a);
        if (i < 0)
            return NOT_OURS;
        int got = new_key(r, a, i, seen);
        if (got != READ)
            return got;
        r->pos = i + 1;
        r->pos += spaces_at(r, r->pos);
        Py_UCS4 c = CHAR(r, r->pos);
        if (c == '\n' || c == '#') {  /* (a '#' here has the space after ':' before it) */
            r->pos = line_end(r, r->pos);
            r->pos = r->pos < r->n ? r->pos + 1 : r->pos;
            got = below(r, indent);
        } else {
            got = inline_value(r, indent);
        }
        if (got != READ)
            return got;
        if (emit(r, OP_PUT, 0, 0) < 0)
            return NO_MEMORY;
        r->pos = next_content_line(r, r->pos);
        if (r->pos >= r->n)
            return READ;
        Py_ssize_t s = spaces_at(r, r->pos);
        if (s < indent)
            return READ;
        if (s > indent)
            return NOT_OURS;
        r->pos += s;
    }
}

static int
mapping(Reader *r, Py_ssize_t indent)
{
    DEEPER(r, mapping_within(r, indent));
}

/* The events: "- key: value" items at the first line's indentation. */
static int
events(Reader *r)
{
    if (emit(r, OP_LIST, 0, 0) < 0)
        return NO_MEMORY;
    Py_ssize_t count = 0;
    r->pos = next_content_line(r, 0);
    Py_ssize_t indent = r->pos < r->n ? spaces_at(r, r->pos) : 0;
    while (r->pos < r->n) {
        Py_ssize_t line = r->pos, s = spaces_at(r, line);
        if (s != indent || AT(r, line + s) != '-' || CHAR(r, line + s + 1) != ' ')
            return NOT_OURS;
        Py_ssize_t key = line + s + 2;
        key += spaces_at(r, key);
        r->pos = key;
        int got;
        if (AT(r, key) == '{') {  /* - {title: ..., start: ...} */
            got = flow_mapping(r);
            if (got == READ && !finish_line(r))
                got = NOT_OURS;
        } else {
            got = mapping(r, key - line);
        }
        if (got != READ)
            return got;
        if (emit(r, OP_APPEND, 0, 0) < 0)
            return NO_MEMORY;
        count++;
        r->pos = next_content_line(r, r->pos);
    }
    r->tape->events = count;
    return count ? READ : NOT_OURS;
}

/* `text`'s UTF-8, NUL after its end, in a buffer of PyMem_RawMalloc's (*out, for the caller to
 * free); its length, or -1: out of memory (*out NULL) or a lone surrogate (*out set). Python's own
 * encoder takes a character at a time: 40% of the reading of a chunk of titles in Arabic, whose
 * characters are mostly ASCII all the same; here four of those are copied at a time. It reads
 * only the text's characters, so it runs with the interpreter let go. */
static Py_ssize_t
utf8_of(PyObject *text, unsigned char **out)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length > (PY_SSIZE_T_MAX - 1) / 4) {
        *out = NULL;
        return -1;
    }
    unsigned char *s = *out = PyMem_RawMalloc(length * (kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4) + 1);
    if (s == NULL)
        return -1;
    Py_ssize_t i = 0;
    unsigned char *at = s;
    while (i < length) {
        if (kind == PyUnicode_2BYTE_KIND) {  /* a run of ASCII, four characters a step */
            const Py_UCS2 *wide = data;
            while (i + 4 <= length) {
                uint64_t four;
                memcpy(&four, wide + i, 8);
                if (four & 0xFF80FF80FF80FF80ULL)
                    break;
                at[0] = (unsigned char)wide[i];
                at[1] = (unsigned char)wide[i + 1];
                at[2] = (unsigned char)wide[i + 2];
                at[3] = (unsigned char)wide[i + 3];
                at += 4;
                i += 4;
            }
            if (i == length)
                break;
        }
        Py_UCS4 c = PyUnicode_READ(kind, data, i++);
        if (c < 0x80) {
            *at++ = (unsigned char)c;
        } else if (c < 0x800) {
            *at++ = (unsigned char)(0xC0 | (c >> 6));
            *at++ = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            if (c >= 0xD800 && c <= 0xDFFF)
                return -1;
            *at++ = (unsigned char)(0xE0 | (c >> 12));
            *at++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *at++ = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            *at++ = (unsigned char)(0xF0 | (c >> 18));
            *at++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            *at++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *at++ = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    *at = 0;
    return at - s;
}

/* Whether UTF-8 `s` holds a tab, a carriage return or a BOM (EF BB BF): what `has_unplain_from`
 * strict looks for besides what a text known to be plain (`has_unplain_characters` false) holds
 * none of. At memchr's speed. */
static int
has_tab_return_or_bom(const unsigned char *s, Py_ssize_t n, int ascii)
{
    if (memchr(s, '\t', n) || memchr(s, '\r', n))
        return 1;
    for (const unsigned char *at = s; !ascii && (at = memchr(at, 0xEF, s + n - at)) != NULL; at++)
        if (at + 2 < s + n && at[1] == 0xBB && at[2] == 0xBF)
            return 1;
    return 0;
}

/* A chunk's text and its tape: what `parse_block_events` hands over for `events_of`. */
typedef struct {
    PyObject *text;  /* (held: an ASCII text's own bytes are read) */
    unsigned char *encoded;  /* any other's UTF-8, made for the parse */
    const unsigned char *s;
    Tape tape;
} Parsed;

#define PARSED_NAME "timeline_app.files._plain_yaml.parsed"  /* (the capsule's) */

static void
parsed_clear(Parsed *p)
{
    PyMem_RawFree(p->encoded);
    PyMem_RawFree(p->tape.ops);
    PyMem_RawFree(p->tape.arena);
    PyMem_RawFree(p->tape.wide);
    PyMem_RawFree(p->tape.decoded);
    Py_CLEAR(p->text);
    p->encoded = NULL;
    p->tape.ops = NULL;
    p->tape.arena = NULL;
    p->tape.wide = NULL;
    p->tape.decoded = NULL;
}

/* `text` parsed onto `p`'s tape, the interpreter let go meanwhile: READ, NOT_OURS (the
 * caller answers None), or NO_MEMORY with MemoryError set. `p` holds `text` either way. */
static int
parse(PyObject *text, int plain, Parsed *p)
{
    memset(p, 0, sizeof(*p));
    p->text = Py_NewRef(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), first = 0;
    for (int comment = 0; first < length; first++) {  /* past blank lines and comments */
        Py_UCS4 c = PyUnicode_READ_CHAR(text, first);
        if (c == '#')
            comment = 1;
        else if (c == '\n')
            comment = 0;
        else if (c != ' ' && !comment)
            break;
    }
    if (first == length || PyUnicode_READ_CHAR(text, first) != '-')
        return NOT_OURS;  /* not a block list: a flow list's chunk, say */
    if (PyUnicode_READ_CHAR(text, length - 1) != '\n')
        return NOT_OURS;  /* a last line without its line break (the end of a file): yaml-rs's to read */
    Reader r;
    r.ascii = PyUnicode_IS_COMPACT_ASCII(text);
    r.pos = 0;
    r.depth = 0;
    r.tape = &p->tape;
    int got;
    Py_BEGIN_ALLOW_THREADS
    /* its UTF-8: an ASCII text's own bytes; any other's encoded for this call only (asked of the
     * text itself, the copy would stay with it as long as the chunk's text is kept) */
    if (r.ascii) {
        r.s = (const unsigned char *)PyUnicode_DATA(text);
        r.n = length;
    } else {
        r.n = utf8_of(text, &p->encoded);
        r.s = p->encoded;
    }
    if (r.n < 0)
        got = p->encoded == NULL ? NO_MEMORY : NOT_OURS;  /* (a lone surrogate: yaml-rs's to refuse) */
    else if (plain ? has_tab_return_or_bom(r.s, r.n, r.ascii) : has_unplain_from(r.s, r.n, 0, 1))
        got = NOT_OURS;
    else
        got = events(&r);
    Py_END_ALLOW_THREADS
    p->s = r.s;
    if (got == NO_MEMORY)
        PyErr_NoMemory();
    return got;
}

/* ---- the objects, made from the tape ------------------------------------------------------------ */

/* The keys of an event and of a source, interned: the one object each, so the dicts made here
 * are searched for them (plain_events.gather) by identity, without comparing letters. Only
 * these: an interned string lives as long as the interpreter (in Python 3.12, for ever), and
 * a file may hold a million keys of its own. */
static const char *known_names[] = {"id", "title", "start", "end", "category", "tags", "description", "sources",
                                    "location", "url", "publisher", "date"};
#define KNOWN_KEYS (sizeof(known_names) / sizeof(known_names[0]))
static PyObject *known_keys[KNOWN_KEYS];

/* The key `s[a:b]` (a word: ASCII), or the interned object of the same text when it is a known key. */
static PyObject *
key_object(const unsigned char *s, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *key = PyUnicode_New(b - a, 127);
    if (key == NULL)
        return NULL;
    memcpy(PyUnicode_1BYTE_DATA(key), s + a, b - a);
    for (size_t k = 0; k < KNOWN_KEYS; k++)
        if (PyUnicode_Compare(key, known_keys[k]) == 0) {
            Py_DECREF(key);
            return Py_NewRef(known_keys[k]);
        }
    return key;
}

/* A str of `count` characters of the narrowest kind for `widest`, copied from `data`. */
static PyObject *
text_object(const void *data, Py_ssize_t count, Py_UCS4 widest)
{
    PyObject *text = PyUnicode_New(count, widest);
    if (text != NULL)
        memcpy(PyUnicode_DATA(text), data, count * PyUnicode_KIND(text));
    return text;
}

/* An event's mapping made with room for the keys an event has (a dict grows once past five:
 * a new table and every key moved, for each of a million events); any other, as usual. */
#if PY_VERSION_HEX < 0x030D0000
#define NEW_EVENT_MAPPING() _PyDict_NewPresized(EVENT_KEYS)
#else
#define NEW_EVENT_MAPPING() PyDict_New()
#endif
#define EVENT_KEYS 10

#define MOST_HELD (2 * MAX_DEPTH + 8)  /* a list, and a mapping and a key at each depth, and a value */

/* The object `op` makes, when it is a scalar's (text or number); NULL without an error for any other. */
static PyObject *
scalar_made(const Parsed *p, const Op *op)
{
    const Tape *t = &p->tape;
    switch (op->op) {
    case OP_TEXT:
        return text_object(p->s + op->a, op->b - op->a, 127);
    case OP_BUFFERED:
        return text_object(t->arena + op->a, op->b, 127);
    case OP_UCS1: case OP_UCS2: case OP_UCS4:
        return text_object(t->wide + op->a, op->b, op->op == OP_UCS1 ? 0xFF : op->op == OP_UCS2 ? 0xFFFF : 0x10FFFF);
    case OP_NUMBER:
        return PyLong_FromLongLong((long long)op->a);
    }
    return NULL;
}

/* The events the tape describes: one op at a time, each object pushed, APPEND and PUT putting
 * the top ones into the collection under them. */
static PyObject *
made(const Parsed *p)
{
    const Tape *t = &p->tape;
    PyObject *keys[MAX_KEYS] = {NULL}, *held[MOST_HELD], *result = NULL;
    int height = 0;
    for (Py_ssize_t k = 0; k < t->count; k++) {
        const Op *op = &t->ops[k];
        PyObject *object;
        switch (op->op) {
        case OP_TEXT: case OP_BUFFERED: case OP_UCS1: case OP_UCS2: case OP_UCS4: case OP_NUMBER:
            object = scalar_made(p, op);
            break;
        case OP_NONE:
            object = Py_NewRef(Py_None);
            break;
        case OP_KEY:
            if (keys[op->a] == NULL
                    && (keys[op->a] = key_object(p->s, t->key_start[op->a], t->key_end[op->a])) == NULL)
                goto done;
            object = Py_NewRef(keys[op->a]);
            break;
        case OP_LIST:
            object = PyList_New(0);
            break;
        case OP_MAPPING:
            object = PyDict_New();
            break;
        case OP_EVENT_MAPPING:
            object = NEW_EVENT_MAPPING();
            break;
        case OP_APPEND: case OP_PUT: {
            int needed = op->op == OP_APPEND ? 2 : 3;
            if (height < needed)
                goto broken;
            PyObject *value = held[--height], *key = op->op == OP_PUT ? held[--height] : NULL;
            int failed = key ? PyDict_SetItem(held[height - 1], key, value) : PyList_Append(held[height - 1], value);
            Py_XDECREF(key);
            Py_DECREF(value);
            if (failed)
                goto done;
            continue;
        }
        default:
            goto broken;
        }
        if (object == NULL)
            goto done;
        if (height == MOST_HELD) {
            Py_DECREF(object);
            goto broken;
        }
        held[height++] = object;
    }
    if (height == 1) {
        result = held[--height];
        goto done;
    }
broken:
    PyErr_SetString(PyExc_SystemError, "_plain_yaml: a tape that does not describe one list");
done:
    while (height > 0)
        Py_DECREF(held[--height]);
    for (int k = 0; k < t->key_count; k++)
        Py_XDECREF(keys[k]);
    return result;
}

/* ---- a chunk's plain columns, made from the tape without its dicts ------------------------------- */

#define NOT_PLAIN ((PyObject *)1)

/* A key's value from op `*k` on, when it is a scalar or a list of scalars (what a plain field can
 * be), `*k` past it; NOT_PLAIN for anything else (a mapping, None, a list holding a collection). */
static PyObject *
field_value(const Parsed *p, Py_ssize_t *k)
{
    const Op *ops = p->tape.ops;
    if (ops[*k].op != OP_LIST) {
        PyObject *value = scalar_made(p, &ops[*k]);
        if (value == NULL && !PyErr_Occurred())
            return NOT_PLAIN;
        ++*k;
        return value;
    }
    PyObject *list = PyList_New(0);
    for (++*k; list != NULL && ops[*k].op != OP_PUT; *k += 2) {
        PyObject *item = *k + 1 < p->tape.count && ops[*k + 1].op == OP_APPEND ? scalar_made(p, &ops[*k]) : NULL;
        if (item == NULL) {
            Py_DECREF(list);
            return PyErr_Occurred() ? NULL : NOT_PLAIN;
        }
        int failed = PyList_Append(list, item);
        Py_DECREF(item);
        if (failed)
            Py_CLEAR(list);
    }
    return list;
}

/* `plain_events.gather(events_of(parsed))`, made from the tape without the items' dicts (making,
 * reading and freeing them was a sixth of a large file's loading thread): each field's column and
 * whether each event has an end, when every event is of the plainest kind; None for any other. */
static PyObject *
gathered_of(PyObject *module, PyObject *capsule)
{
    Parsed *p = PyCapsule_GetPointer(capsule, PARSED_NAME);
    if (p == NULL)
        return NULL;
    const Tape *t = &p->tape;
    int field_of[MAX_KEYS];  /* each key's field, or -1: a key of another kind */
    for (int key = 0; key < t->key_count; key++) {
        field_of[key] = -1;
        for (int field = 0; field < FIELDS; field++)
            if ((Py_ssize_t)strlen(field_names[field]) == t->key_end[key] - t->key_start[key]
                    && memcmp(field_names[field], p->s + t->key_start[key], t->key_end[key] - t->key_start[key]) == 0)
                field_of[key] = field;
    }
    Py_ssize_t n = t->events;
    PyObject *empty_text = PyUnicode_New(0, 0), *empty_tuple = PyTuple_New(0);
    PyObject *columns[FIELDS + 1] = {NULL}, *values[FIELDS] = {NULL}, *result = NULL;
    if (empty_text == NULL || empty_tuple == NULL)
        goto done;
    for (int field = 0; field <= FIELDS; field++)
        if ((columns[field] = PyList_New(n)) == NULL)
            goto done;
    Py_ssize_t k = 1;  /* (past the events list's op) */
    for (Py_ssize_t i = 0; i < n; i++) {
        if (t->ops[k].op != OP_EVENT_MAPPING && t->ops[k].op != OP_MAPPING)
            goto not_plain;
        for (k++; t->ops[k].op != OP_APPEND;) {  /* KEY, its value's ops, PUT; until the event is appended */
            int field = t->ops[k].op == OP_KEY ? field_of[t->ops[k].a] : -1;
            if (field < 0)
                goto not_plain;
            k++;
            PyObject *value = field_value(p, &k);
            if (value == NULL)
                goto done;
            if (value == NOT_PLAIN || t->ops[k].op != OP_PUT) {
                if (value != NOT_PLAIN)
                    Py_DECREF(value);
                goto not_plain;
            }
            k++;
            values[field] = value;  /* (a key is never written twice: the parse refused that) */
        }
        k++;
        for (int field = 0; field < FIELDS; field++) {
            if (!plain_value(field, values[field]))
                goto not_plain;
            if (field == END)
                PyList_SET_ITEM(columns[FIELDS], i, Py_NewRef(values[END] != NULL ? Py_True : Py_False));
            PyList_SET_ITEM(columns[field], i, values[field] != NULL ? values[field]
                                                : Py_NewRef(FIELD_DEFAULT(field, empty_text, empty_tuple)));
            values[field] = NULL;  /* (the column holds it) */
        }
    }
    result = columns_tuple(columns);
    goto done;
not_plain:
    result = Py_NewRef(Py_None);
done:
    for (int field = 0; field < FIELDS; field++)
        Py_XDECREF(values[field]);
    for (int field = 0; field <= FIELDS; field++)
        Py_XDECREF(columns[field]);  /* (a list not yet filled holds NULLs, which it skips) */
    Py_XDECREF(empty_text);
    Py_XDECREF(empty_tuple);
    return result;
}

static PyObject *
count_of(PyObject *module, PyObject *capsule)
{
    Parsed *p = PyCapsule_GetPointer(capsule, PARSED_NAME);
    return p == NULL ? NULL : PyLong_FromSsize_t(p->tape.events);
}

/* ---- what Python calls ------------------------------------------------------------------------- */

/* A parse made by `parse_block_events` given back, its tape and all. */
static void
parsed_dropped(Parsed *p)
{
    parsed_clear(p);
    PyMem_Free(p);
}

static void
parsed_freed(PyObject *capsule)
{
    Parsed *p = PyCapsule_GetPointer(capsule, PARSED_NAME);
    if (p != NULL)
        parsed_dropped(p);
}

static PyObject *
parse_block_events(PyObject *module, PyObject *args)
{
    PyObject *text;
    int plain = 0;
    if (!PyArg_ParseTuple(args, "U|p", &text, &plain))
        return NULL;
    Parsed *p = PyMem_Malloc(sizeof(Parsed));
    if (p == NULL)
        return PyErr_NoMemory();
    int got = parse(text, plain, p);
    if (got != READ) {
        parsed_dropped(p);
        return got == NOT_OURS ? Py_NewRef(Py_None) : NULL;
    }
    PyObject *capsule = PyCapsule_New(p, PARSED_NAME, parsed_freed);
    if (capsule == NULL)
        parsed_dropped(p);
    return capsule;
}

static PyObject *
events_of(PyObject *module, PyObject *capsule)
{
    Parsed *p = PyCapsule_GetPointer(capsule, PARSED_NAME);
    return p == NULL ? NULL : made(p);
}

static PyObject *
read_block_events(PyObject *module, PyObject *args)
{
    PyObject *parsed = parse_block_events(module, args);
    if (parsed == NULL || parsed == Py_None)
        return parsed;
    PyObject *events = events_of(module, parsed);
    Py_DECREF(parsed);
    return events;
}

/* ---- where the events list's items start ---------------------------------------------------- */

typedef struct {
    Py_ssize_t *starts, *lines, *rare;
    Py_ssize_t count, rare_count, capacity;
    Py_ssize_t end, breaks;
    int failed;
} Items;

static int
grow(Items *found)
{
    Py_ssize_t capacity = found->capacity ? found->capacity * 2 : 4096;
    Py_ssize_t *starts = PyMem_RawRealloc(found->starts, capacity * sizeof(Py_ssize_t));
    if (starts != NULL)
        found->starts = starts;
    Py_ssize_t *lines = PyMem_RawRealloc(found->lines, capacity * sizeof(Py_ssize_t));
    if (lines != NULL)
        found->lines = lines;
    Py_ssize_t *rare = PyMem_RawRealloc(found->rare, capacity * sizeof(Py_ssize_t));
    if (rare != NULL)
        found->rare = rare;
    if (starts == NULL || lines == NULL || rare == NULL)
        return -1;
    found->capacity = capacity;
    return 0;
}

/* `list_items.events_list_by_numpy`'s answer, one pass over the characters with the interpreter let go. */
static void
scan_items(int kind, const void *data, Py_ssize_t n, Py_ssize_t body_start, Py_ssize_t indent, Py_ssize_t first_line,
           Items *found)
{
#define C(i) ((i) < n ? PyUnicode_READ(kind, data, (i)) : (Py_UCS4)0x110000)  /* (past the end: no character) */
    Py_ssize_t line = first_line - 1;  /* the line that starts after the break at p */
    for (Py_ssize_t p = body_start - 1; p < n; p++) {
        /* to the next line break at memchr's speed: the next 0x0A byte, if it is a whole '\n' (in a
         * text of 2 or 4 bytes a character, a 0x0A byte may also be part of another) */
        const char *bytes = data, *next;
        while ((next = memchr(bytes + p * kind, '\n', (n - p) * kind)) != NULL) {
            Py_ssize_t at = next - bytes;
            p = at / kind;
            if (at % kind == 0 && PyUnicode_READ(kind, data, p) == '\n')
                break;
            p++;
        }
        if (next == NULL)
            break;
        found->breaks++;
        line++;
        /* does the line after it end the list (content indented less than the items)? */
        int ends = 0;
        if (indent == 0) {
            Py_UCS4 first = C(p + 1), second = C(p + 2);
            ends = (p + 1 < n && first != ' ' && first != '\t' && first != '\n' && first != '#' && first != '-')
                || (first == '-' && p + 2 < n && second != ' ' && second != '\n');
        } else {  /* `\n {0,indent-1}[^ \n#]` */
            for (Py_ssize_t column = 0; column < indent && p + 1 + column < n; column++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, p + 1 + column);
                if (c == ' ')
                    continue;
                ends = c != '\n' && c != '#';
                break;
            }
        }
        if (ends) {
            found->end = p + 1;
            return;
        }
        /* is it an item: `\n<indent>-` then a space, a line break or the text's end? */
        Py_ssize_t dash = p + 1 + indent;
        if (dash >= n || PyUnicode_READ(kind, data, dash) != '-')
            continue;
        int spaces = 1;
        for (Py_ssize_t column = 0; column < indent && spaces; column++)
            spaces = PyUnicode_READ(kind, data, p + 1 + column) == ' ';
        Py_UCS4 after = C(dash + 1);
        if (!spaces || !(dash + 1 >= n || after == ' ' || after == '\n'))
            continue;
        if (found->count == found->capacity && grow(found) < 0) {
            found->failed = 1;
            return;
        }
        Py_UCS4 value = C(dash + 2);
        if (!(after == ' ' && dash + 2 < n && value != '\n' && value != '#' && value != ' '))
            found->rare[found->rare_count++] = found->count;  /* `-` alone, `- # note`: Python finds its line */
        found->starts[found->count] = p + 1;
        found->lines[found->count] = line;
        found->count++;
    }
    found->end = n;
#undef C
}

static PyObject *
list_of(const Py_ssize_t *values, Py_ssize_t count)
{
    PyObject *list = PyList_New(count);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *value = PyLong_FromSsize_t(values[k]);
        if (value == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, k, value);
    }
    return list;
}

static PyObject *
find_items(PyObject *module, PyObject *args)
{
    PyObject *text;
    Py_ssize_t body_start, indent, first_line;
    if (!PyArg_ParseTuple(args, "Unnn", &text, &body_start, &indent, &first_line))
        return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (body_start < 1 || body_start > length || indent < 0 || first_line < 1 || first_line > PY_SSIZE_T_MAX - length) {
        PyErr_SetString(PyExc_ValueError, "find_items(): body_start must follow a line break, indent be >= 0");
        return NULL;
    }
    if (indent > length)
        indent = length;  /* (no item, nor a list's end, lies further: and p + 1 + indent cannot overflow) */
    Items found = {NULL, NULL, NULL, 0, 0, 0, 0, 0, 0};
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_BEGIN_ALLOW_THREADS  /* (the text cannot change: the window goes on meanwhile) */
    scan_items(kind, data, n, body_start, indent, first_line, &found);
    Py_END_ALLOW_THREADS
    PyObject *result = NULL;
    if (found.failed) {
        PyErr_NoMemory();
    } else {
        PyObject *starts = list_of(found.starts, found.count);
        PyObject *lines = starts ? list_of(found.lines, found.count) : NULL;
        PyObject *rare = lines ? list_of(found.rare, found.rare_count) : NULL;
        if (starts != NULL && lines != NULL && rare != NULL)
            result = Py_BuildValue("OOnnO", starts, lines, found.end, found.breaks, rare);
        Py_XDECREF(starts);
        Py_XDECREF(lines);
        Py_XDECREF(rare);
    }
    PyMem_RawFree(found.starts);
    PyMem_RawFree(found.lines);
    PyMem_RawFree(found.rare);
    return result;
}

/* ---- characters the fast readers leave to the precise one, looked for in a file's bytes --------- */

/* `fast_reader.has_unplain_bytes_in_python`'s answer (`has_unplain_from`, not strict). (Python's
 * translate and a regex for each lead byte took 0.07 s of 100,000 events in Arabic and Latin with
 * macrons, whose lead bytes stand everywhere.) */
static PyObject *
has_unplain_bytes(PyObject *module, PyObject *args)
{
    Py_buffer view;
    Py_ssize_t start = 0;
    if (!PyArg_ParseTuple(args, "y*|n:has_unplain_bytes", &view, &start))
        return NULL;
    int found;
    Py_BEGIN_ALLOW_THREADS
    found = has_unplain_from(view.buf, view.len, start < 0 ? 0 : start, 0);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyBool_FromLong(found);
}

static PyMethodDef methods[] = {
    {"read_block_events", read_block_events, METH_VARARGS,
     "read_block_events(text, plain=False) -> list | None\n\n"
     "The events of a chunk written in the plain block style, exactly as yaml-rs reads them;\n"
     "None for anything else (the caller asks yaml-rs). `plain`: the text is known to hold none\n"
     "of the characters fast_reader.has_unplain_characters looks for (only a tab, a carriage\n"
     "return and a BOM are looked for then). events_of(parse_block_events(text, plain))."},
    {"parse_block_events", parse_block_events, METH_VARARGS,
     "parse_block_events(text, plain=False) -> parsed | None\n\n"
     "The parse of read_block_events, with the interpreter let go: None where it would answer None,\n"
     "else what events_of makes its events from (on another thread, say)."},
    {"gathered_of", gathered_of, METH_O,
     "gathered_of(parsed) -> tuple | None\n\n"
     "plain_events.gather(events_of(parsed)), made without the events' dicts."},
    {"count_of", count_of, METH_O,
     "count_of(parsed) -> int\n\nHow many events a parse_block_events' answer holds."},
    {"events_of", events_of, METH_O,
     "events_of(parsed) -> list\n\n"
     "The events a parse_block_events' answer describes: read_block_events' answer."},
    {"find_items", find_items, METH_VARARGS,
     "find_items(text, body_start, indent, first_line) -> (starts, lines, end, breaks, rare)\n\n"
     "Where the events list's items start, and the line of each (list_items.events_list_by_numpy's\n"
     "answer; `rare`: the items whose line Python must still find, `-` alone or `- # note`)."},
    {"has_unplain_bytes", has_unplain_bytes, METH_VARARGS,
     "has_unplain_bytes(data, start=0) -> bool\n\n"
     "Whether UTF-8 `data` (from `start`) holds characters the fast readers leave to the precise one\n"
     "(fast_reader.has_unplain_bytes_in_python's answer)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_plain_yaml",
    "A chunk of events in the plain block style, read in C (see read_block_events).", -1, methods,
};

PyMODINIT_FUNC
PyInit__plain_yaml(void)
{
    for (size_t k = 0; k < KNOWN_KEYS; k++)
        if (known_keys[k] == NULL && (known_keys[k] = PyUnicode_InternFromString(known_names[k])) == NULL)
            return NULL;
    return PyModule_Create(&module);
}
