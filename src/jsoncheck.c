/* jsoncheck.c -- where JSON text breaks, and what was expected.  See jsoncheck.h.
 *
 * A pushdown automaton over the bytes, one state per place in the grammar
 * (a value, a key, a colon, what follows a value) and a stack of the open
 * containers; no values are built.  Strings and numbers are scanned as
 * leniently as cJSON reads them (control characters pass, escapes are checked
 * by their letter), so both break at the same place.  Nesting
 * deeper than the stack is reported at the bracket that goes too deep. */
#include "jsoncheck.h"

#include <string.h>

#define MAX_DEPTH 512

enum state { VALUE, VALUE_OR_CLOSE, KEY, KEY_OR_CLOSE, COLON, AFTER };

typedef struct check {
    const char *s;
    size_t len, i;
    char stack[MAX_DEPTH];
    size_t depth;
    const char *expected;
} check;

static void skip_blanks(check *c) {
    while (c->i < c->len &&
           (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r'))
        c->i++;
}

static int fail(check *c, const char *expected) {
    c->expected = expected;
    return -1;
}

/* A string from its opening quote; c->i ends after the closing one.  As
 * lenient as cJSON (control characters pass, an escape's letter is
 * checked, \u's digits not), so that the place reported is where cJSON
 * broke too. */
static int string(check *c) {
    for (c->i++; c->i < c->len; c->i++) {
        if (c->s[c->i] == '"') return c->i++, 0;
        if (c->s[c->i] != '\\') continue;
        if (++c->i < c->len && (!c->s[c->i] || !strchr("\"\\/bfnrtu", c->s[c->i])))
            return fail(c, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
    }
    return fail(c, "a closing '\"' (the text ends inside a string)");
}

/* A number as cJSON reads one: a run of digits, signs, points and
 * exponents holding a digit. */
static int number(check *c) {
    int digit = 0;
    for (; c->i < c->len && strchr("0123456789+-.eE", c->s[c->i]) && c->s[c->i]; c->i++)
        digit |= c->s[c->i] >= '0' && c->s[c->i] <= '9';
    return digit ? 0 : fail(c, "a digit");
}

static int literal(check *c, const char *word, const char *expected) {
    size_t n = strlen(word), same = 0;
    while (same < n && c->i + same < c->len && c->s[c->i + same] == word[same]) same++;
    if (same < n) return fail(c, same >= 2 ? word : expected);
    c->i += n;
    return 0;
}

/* One scalar or an opening bracket at c->i; *st is the state after it. */
static int value(check *c, enum state *st, const char *expected) {
    if (c->i >= c->len) return fail(c, expected);
    char ch = c->s[c->i];
    *st = AFTER;
    if (ch == '{' || ch == '[') {
        if (c->depth == MAX_DEPTH) return fail(c, "less nesting (over 512 levels)");
        c->stack[c->depth++] = ch;
        c->i++;
        *st = ch == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        return 0;
    }
    if (ch == '"') return string(c);
    if (ch == '-' || (ch >= '0' && ch <= '9')) return number(c);
    if (ch == 't') return literal(c, "true", expected);
    if (ch == 'f') return literal(c, "false", expected);
    if (ch == 'n') return literal(c, "null", expected);
    return fail(c, expected);
}

static int close_or(check *c, char open, enum state *st) {
    if (c->i < c->len && c->s[c->i] == (open == '{' ? '}' : ']')) {
        c->depth--, c->i++;
        *st = AFTER;
        return 1;
    }
    return 0;
}

/* What may follow a value: ',' or the container's close, or the end. */
static int after(check *c, enum state *st) {
    if (!c->depth) return c->i >= c->len ? 1 : fail(c, "the end of the text after one JSON value");
    char open = c->stack[c->depth - 1];
    if (close_or(c, open, st)) return 0;
    if (c->i < c->len && c->s[c->i] == ',') {
        c->i++;
        *st = open == '{' ? KEY : VALUE;
        return 0;
    }
    return fail(c, open == '{' ? "',' or '}' after a member of the object"
                               : "',' or ']' after an item of the array");
}

static int step(check *c, enum state *st) {
    skip_blanks(c);
    switch (*st) {
    case VALUE:
        return value(c, st, "a value (an object, array, string, number, true, false or null)");
    case VALUE_OR_CLOSE:
        if (close_or(c, '[', st)) return 0;
        return value(c, st, "a value or ']'");
    case KEY_OR_CLOSE:
        if (close_or(c, '{', st)) return 0;
        /* fall through */
    case KEY:
        if (c->i < c->len && c->s[c->i] == '"') {
            *st = COLON;
            return string(c);
        }
        return fail(c, *st == KEY ? "a key in double quotes (no ',' before '}')"
                                  : "a key in double quotes or '}'");
    case COLON:
        if (c->i < c->len && c->s[c->i] == ':') {
            c->i++;
            *st = VALUE;
            return 0;
        }
        return fail(c, "':' after the key");
    case AFTER: return after(c, st);
    }
    return -1;
}

size_t skein__json_check(const char *s, size_t len, const char **expected) {
    check c = {.s = s, .len = len};
    enum state st = VALUE;
    int rc;
    while ((rc = step(&c, &st)) == 0) {
    }
    *expected = rc > 0 ? NULL : c.expected;
    if (rc > 0) return len;
    return c.i < len ? c.i : len;
}
