/* skein.h -- the public interface of libskein, a multilingual news story engine.
 *
 * skein reads news articles one at a time, in stream order, and links each to a
 * story: the group of articles that report the same news.  The library is a
 * single pass over the stream with bounded memory: stories that stay idle for
 * longer than a window of stream time are closed, handed to the caller, and
 * forgotten.
 *
 * Conventions
 *   - Every function that can fail returns an int status: SKEIN_OK (0) or a
 *     negative skein_status.  skein_strerror() names it.
 *   - Handles are opaque; `_new` allocates, `_free` releases and accepts NULL.
 *   - Strings are UTF-8.  Pointers passed in are borrowed for the duration of
 *     the call unless a comment says otherwise; the library copies what it keeps.
 *   - The library never prints and never exits.
 *   - An engine, a store handle and a skein_tokens are not thread-safe: use
 *     one per thread, or lock around it.  Everything else (parsing JSON,
 *     telling a story, evaluation, the option table) may run on any number
 *     of threads at once; the JSON parses share one lock (cJSON keeps its
 *     last error in a global).
 */
#ifndef SKEIN_H
#define SKEIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SKEIN_VERSION "0.1.0"

/* Status codes.  Zero is success, every error is negative. */
typedef enum skein_status {
    SKEIN_OK = 0,
    SKEIN_ENOMEM = -1,     /* out of memory */
    SKEIN_EINVAL = -2,     /* invalid argument or option */
    SKEIN_EPARSE = -3,     /* input is not valid JSON / not an object */
    SKEIN_EUTF8 = -4,      /* input is not valid UTF-8 */
    SKEIN_ETOOBIG = -5,    /* line or field over its size cap */
    SKEIN_ENOID = -6,      /* article has no usable "id" */
    SKEIN_EEMPTY = -7,     /* article has neither title nor text */
    SKEIN_EDUP = -8,       /* an article with this id was already seen */
    SKEIN_EIO = -9,        /* reading or writing a file failed */
    SKEIN_EDB = -10,       /* the store's database reported an error */
    SKEIN_EFIELD = -11,    /* a field has the wrong type or an unusable value */
    SKEIN_EINTERNAL = -12, /* a library (ICU, CLD2...) failed unexpectedly */
    SKEIN_ENOTFOUND = -13, /* no such story (or article) */
    SKEIN_EBUSY = -14,     /* the store is being written by another handle */
    SKEIN_EFORMAT = -15 /* a file is not of the kind its name says (binary data, a page in .txt) */
} skein_status;

/* Returns a static, human-readable name for a status code.  Never NULL. */
const char *skein_strerror(int status);

/* Why a call failed, for callers that want more than the status: filled by
 * the calls that take one (NULL: not wanted). */
typedef struct skein_error {
    int code;            /* the status the call returned; SKEIN_OK when it did not fail */
    char message[256];   /* the cause in words ("" when skein_strerror(code) says all) */
    const char *field;   /* the input's field at fault (static), or NULL */
    size_t line, column; /* where in the input, from 1; 0 when not known */
    size_t offset;       /* the byte that place starts at */
    size_t item;         /* which article of a document (from 1); 0 when not known */
} skein_error;

/* Returns the library version string, e.g. "0.1.0".  Static. */
const char *skein_version(void);

/* "No time given" for skein_article.published and time fields below. */
#define SKEIN_NO_TIME INT64_MIN

/* An article as the caller hands it over.  All strings are borrowed and may be
 * NULL except `id`.  `lang` is an ISO 639-1 code ("en", "ar"...); when NULL or
 * empty the language is detected.  `published` is Unix seconds or SKEIN_NO_TIME.
 * Strings end in NUL and must be UTF-8. */
typedef struct skein_article {
    const char *id;
    const char *title;
    const char *text;
    const char *lang;
    const char *source;
    const char *url;
    int64_t published;
} skein_article;

/* ---- Reading articles ------------------------------------------------------ */

/* An article parsed from JSON; owns its strings.  Embed it, fill it with
 * skein_json_article_parse, release it with skein_json_article_release. */
typedef struct skein_json_article {
    skein_article a; /* strings point into `owned` */
    void *owned;
} skein_json_article;

/* Parses one JSON object into an article.  Accepts skein's fields (id,
 * title, text, lang, source, url, published) and crawler records as they
 * are: news-please's (maintext, description, language, source_domain,
 * date_publish) and trafilatura's (raw_text, hostname, date, "source" as
 * the page's address, "source-hostname").  The outlet (a.source) is a host
 * name: an address given for it is cut to its host.  Numbers are accepted
 * for id; a record without an id (absent or null) gets the one
 * skein_article_make_id gives, so the same record read twice is a
 * duplicate.  Dates: ISO 8601, RFC 822, English, Unix seconds or
 * milliseconds.
 * On failure returns SKEIN_EPARSE (not JSON / not an object), SKEIN_EUTF8,
 * SKEIN_ENOID or SKEIN_EFIELD, and fills `err` (may be NULL): the field at
 * fault (a date skein cannot read names the field and its value), or for
 * input that is no JSON object what it looks like instead (binary data, an
 * HTML page, an array, an object spread over lines) or where the JSON
 * breaks (line, column, byte) and what was expected there. */
int skein_json_article_parse(const char *json, size_t len, skein_json_article *out,
                             skein_error *err);
void skein_json_article_release(skein_json_article *ja);

/* Writes into id[cap] the id skein gives an article that has none: its
 * address (a->url, absolute http or https, without its fragment), else
 * "text:" and a 64-bit hash of its title and text in hex.  The same
 * article always gets the same id.  Returns SKEIN_OK, SKEIN_ENOID (no
 * address, title or text), SKEIN_ETOOBIG (the address does not fit cap;
 * id is "") or SKEIN_EINVAL.  Thread-safe. */
int skein_article_make_id(const skein_article *a, char *id, size_t cap);

/* The articles of one JSON document, as a posted body or a .json file holds
 * them: one object, an array of objects, or JSON lines (blank lines
 * skipped).  Owns its articles. */
typedef struct skein_json_batch {
    skein_json_article *items;
    size_t n;
} skein_json_batch;

/* Parses doc[0..len) into *out: all its articles (at most `max`), or none.
 * On failure the first unusable article refuses the document, and `err`
 * (may be NULL) says which (item: its number; line: its line in JSON
 * lines) and why, with the line and column of a JSON error in the
 * document; SKEIN_EEMPTY when it holds no article, SKEIN_ETOOBIG for more
 * than `max`.  Release *out with skein_json_batch_release (accepts it
 * either way). */
int skein_json_batch_parse(const char *doc, size_t len, size_t max, skein_json_batch *out,
                           skein_error *err);
void skein_json_batch_release(skein_json_batch *b);

/* Pages are read up to this many bytes, after inflating gzip; the rest is
 * cut.  A reader of files needs no more than this many bytes of a plain
 * page (and one more to know it was cut). */
#define SKEIN_HTML_MAX_BYTES ((size_t)8 * 1024 * 1024)

/* An article read from a web page; owns its strings.  Embed it, fill it
 * with skein_html_article_parse, release it with skein_html_article_release.
 * a.id and a.url are the page's canonical address (NULL when neither the
 * page nor the caller gives one: set a.id before adding the article). */
typedef struct skein_html_article {
    skein_article a;       /* strings point into `owned`; a.text is "" when none was found */
    const char *site_name; /* the outlet's name as the page gives it ("Reuters"), or NULL */
    const char *charset;   /* the charset the bytes were read in ("utf-8", "windows-1256"...) */
    int cut;               /* 1 when the page was over SKEIN_HTML_MAX_BYTES and only its start
                              was read */
    void *owned;
} skein_html_article;

/* Reads one web page as fetched -- its bytes, gzipped or not, in any
 * charset -- into an article: the main text (navigation, share bars,
 * related links, cookie banners, captions and comments left out;
 * paragraphs separated by '\n'), the headline (the site's name cut), the
 * publication time, the language (ISO 639-1: the markup's unless the text
 * is reliably another; else detected), the outlet (`source`, a host name such as
 * "reuters.com") and the canonical address.  `url` (may be NULL) is where
 * the page was fetched: it resolves relative links and names the outlet
 * when the page does not.  `content_type` (may be NULL) is the HTTP
 * Content-Type header's value, for its charset.  Strings are valid UTF-8.
 * Returns SKEIN_OK, SKEIN_EINVAL, SKEIN_EPARSE (gzip magic but not gzip
 * data), SKEIN_ENOMEM or SKEIN_EINTERNAL; then `err` (may be NULL) says
 * why in its message and there is nothing to release.  A page over
 * SKEIN_HTML_MAX_BYTES (after inflating) is cut, read, and flagged:
 * out->cut, and err->message says so while err->code is SKEIN_OK.  No
 * network access, no DTD, no entity expansion.  The caller keeps `html`;
 * the article owns copies.  Thread-safe: any number of calls at once. */
int skein_html_article_parse(const char *html, size_t len, const char *url,
                             const char *content_type, skein_html_article *out, skein_error *err);
/* Frees what the article owns and zeroes it.  Accepts NULL and a released
 * article. */
void skein_html_article_release(skein_html_article *ha);

/* Parses an ISO 8601 date or date-time ("2021-12-03", "2021-12-03T12:00:00Z",
 * "2021-12-03 12:00:00", "+03:00" offsets, fractions) into Unix seconds. */
int skein_parse_time(const char *s, int64_t *out);

/* ---- Options ----------------------------------------------------------- */

/* Every option of the linker and the teller, described once: type, name,
 * default, lowest value (AT_LEAST: that value or more; ABOVE: more than it),
 * highest value, what it does.  The struct below, skein_options_default(),
 * the checks of skein_engine_new(), checkpoints, the store's record of the
 * options it was made with, and `skein cluster`'s flags (--name-with-dashes)
 * and --help lines all derive from this list.  The defaults are meant for
 * any stream, not one data set. */
#define SKEIN_UNBOUNDED 1.7976931348623157e308 /* any finite number */
#define SKEIN_MAX_INT 2147483647.0
#define SKEIN_MAX_SIZE 9007199254740992.0 /* 2^53: every size a double holds exactly */
#define SKEIN_OPTIONS(X)                                                                           \
    X(double, threshold, 0.31, AT_LEAST, 0, 1, "similarity needed to join a story")                \
    X(double, cross_threshold, 0.25, AT_LEAST, 0, 1,                                               \
      "the same against stories in other languages, scored on years, numbers, name keys "          \
      "and lexicon concepts only; 0: never")                                                       \
    X(double, split_threshold, 0.30, AT_LEAST, 0, 1,                                               \
      "a story of 10 articles or more is split in two when its articles (64 of them evenly "       \
      "spread when it is larger, the others going to the side they are nearer), compared pair "    \
      "by pair, form two groups of 5 or more alike under this on average (looked at when it "      \
      "reaches 16, 32, 64, ... articles and when it closes grown a quarter since; not with a "     \
      "store); 0: never")                                                                          \
    X(double, merge_threshold, 0.33, AT_LEAST, 0, 1,                                               \
      "a story grown to 2^k articles merges with the open story its centroid is most alike when "  \
      "at least this alike, the smaller one's articles moving (not with a store); 0: never")       \
    X(double, w_body, 1.0, AT_LEAST, 0, SKEIN_UNBOUNDED, "weight of the body-term cosine")         \
    X(double, w_title, 0.5, AT_LEAST, 0, SKEIN_UNBOUNDED, "weight of the title-term cosine")       \
    X(double, w_names, 1.0, AT_LEAST, 0, SKEIN_UNBOUNDED, "weight of the name cosine")             \
    X(double, w_years, 0.5, AT_LEAST, 0, SKEIN_UNBOUNDED,                                          \
      "weight of the year cosine (19xx, 20xx)")                                                    \
    X(double, w_numbers, 0.3, AT_LEAST, 0, SKEIN_UNBOUNDED,                                        \
      "weight of the cosine of other numbers")                                                     \
    X(double, w_keys, 1.0, AT_LEAST, 0, SKEIN_UNBOUNDED,                                           \
      "weight of the interlingual name and place keys (across languages)")                         \
    X(double, w_lex, 0.5, AT_LEAST, 0, 1,                                                          \
      "across languages, how much agreement of the lexicon's English concepts scales the "         \
      "score: 1 - w_lex with none, 1 + w_lex with twice the typical")                              \
    X(double, time_scale_days, 90.0, AT_LEAST, 0, SKEIN_UNBOUNDED,                                 \
      "time term: similarity times (1 + boost) / (1 + (gap/scale)^2) when both sides are "         \
      "dated; 0 turns it off")                                                                     \
    X(double, time_boost, 0.15, AT_LEAST, 0, 1,                                                    \
      "the boost of the time term for reports close in time")                                      \
    X(double, window_days, 30.0, ABOVE, 0, SKEIN_UNBOUNDED,                                        \
      "a story idle this long in stream time is closed")                                           \
    X(double, event_gap_hours, 36.0, ABOVE, 0, SKEIN_UNBOUNDED,                                    \
      "within a story, an event ends where reports pause this long")                               \
    X(int, top_features, 200, AT_LEAST, 1, SKEIN_MAX_INT,                                          \
      "features kept per story centroid and subspace")                                             \
    X(int, index_features, 24, AT_LEAST, 1, SKEIN_MAX_INT,                                         \
      "strongest features of a story posted to the index")                                         \
    X(int, max_candidates, 10, AT_LEAST, 1, SKEIN_MAX_INT,                                         \
      "stories scored per article, best by shared features")                                       \
    X(int, max_active, 100000, AT_LEAST, 1, SKEIN_MAX_INT,                                         \
      "stories kept in memory at most; oldest closed first")                                       \
    X(size_t, max_text_bytes, 262144, AT_LEAST, 1, SKEIN_MAX_SIZE,                                 \
      "longer texts are cut (on a character boundary)")

#define SKEIN__OPTION_FIELD(type, name, def, low, min, max, help) type name;
typedef struct skein_options {
    SKEIN_OPTIONS(SKEIN__OPTION_FIELD)
} skein_options;
#undef SKEIN__OPTION_FIELD

/* Fills `opt` with the defaults. */
void skein_options_default(skein_options *opt);

/* One option as SKEIN_OPTIONS describes it. */
typedef enum skein_option_type {
    SKEIN_OPTION_DOUBLE,
    SKEIN_OPTION_INT,
    SKEIN_OPTION_SIZE
} skein_option_type;
typedef struct skein_option_info {
    const char *name; /* the field's name, e.g. "cross_threshold" */
    skein_option_type type;
    double def, min, max; /* max SKEIN_UNBOUNDED: any finite number */
    int above;            /* 1: the value must be more than min, not min itself */
    const char *help;
} skein_option_info;

/* The options in skein_options order; *n (may be NULL) gets their count.
 * The list is static. */
const skein_option_info *skein_option_list(size_t *n);

/* An option's bounds in words ("0 to 1", "at least 0", "more than 0") into
 * buf[0..n); returns what snprintf returns. */
int skein_option_bounds(const skein_option_info *o, char *buf, size_t n);

/* Option `name` of `o` as a number, and set from one (ints and sizes must be
 * whole).  SKEIN_EINVAL for an unknown name or a value out of its bounds
 * (the option is then unchanged). */
int skein_option_get(const skein_options *o, const char *name, double *v);
int skein_option_set(skein_options *o, const char *name, double v);

/* SKEIN_OK when every option is within its bounds and the weights leave
 * something to compare (w_body + w_names > 0); else SKEIN_EINVAL, with the
 * option at fault and why in `err` (may be NULL). */
int skein_options_check(const skein_options *o, skein_error *err);

/* ---- What the pipeline sees of one text (debugging tools) --------------- */

/* Detects the language of a UTF-8 text.  Writes an ISO 639-1 code (or "und")
 * into `code` (at least 8 bytes).  `reliable` (may be NULL) is set to 1 when
 * the detector is confident. */
int skein_detect_language(const char *text, size_t len, char code[8], int *reliable);

/* One token of an analysed text: the normalised surface form and its stem.
 * Both strings are owned by the skein_tokens that holds them. */
typedef struct skein_token {
    const char *norm;
    const char *stem;
    int stopword; /* 1 when the token is on the language's stopword list */
} skein_token;

typedef struct skein_tokens skein_tokens;

/* Normalises, word-breaks and stems `text` as the linker does for language
 * `lang` (NULL: detect).  On success *out owns its tokens; free it with
 * skein_tokens_free(). */
int skein_analyze(const char *text, size_t len, const char *lang, skein_tokens **out);
size_t skein_tokens_count(const skein_tokens *t);
const skein_token *skein_tokens_get(const skein_tokens *t, size_t i);
const char *skein_tokens_lang(const skein_tokens *t);
void skein_tokens_free(skein_tokens *t);

/* ---- What an article says (notes) ---------------------------------------- */

/* What a name names; "other" when skein cannot tell. */
typedef enum skein_kind {
    SKEIN_KIND_OTHER,
    SKEIN_KIND_PERSON,
    SKEIN_KIND_ORG,
    SKEIN_KIND_PLACE
} skein_kind;
/* "other", "person", "org", "place" (static; "other" for any other value). */
const char *skein_kind_name(skein_kind k);

/* How a quote's speaker was found: a verb of saying next to a name, a
 * pronoun or title word pointing back to the last person, a colon after a
 * name ("X: ..."), a quote continuing the one before, the name the text
 * was about with nothing else tying it to the quote; or not at all. */
typedef enum skein_attribution {
    SKEIN_BY_NONE,
    SKEIN_BY_VERB,
    SKEIN_BY_PRONOUN,
    SKEIN_BY_COLON,
    SKEIN_BY_CONTINUED,
    SKEIN_BY_CONTEXT
} skein_attribution;
/* "none", "verb", "pronoun", "colon", "continued", "context" (static). */
const char *skein_attribution_name(skein_attribution a);

/* Bytes [start, end) of the article's text as the caller gave it
 * (skein_article.text), or of its title when `title` is 1. */
typedef struct skein_span {
    uint32_t start, end;
    uint32_t title;
} skein_span;

/* One name of an article: its mentions with the same spelling. */
typedef struct skein_name_note {
    const char *name; /* as written (a possessive 's cut off) */
    skein_kind kind;
    uint32_t count; /* mentions */
    uint32_t words;
    int weak;          /* in a script without case: only may be a name */
    const char *place; /* the gazetteer's id ("RU"), or NULL */
    uint64_t keys[4];  /* interlingual keys of its words, the last word's last */
    uint32_t nkeys;
    uint64_t alt;               /* the last word's key without an Arabic clitic, or 0 */
    const skein_span *mentions; /* `count` spans, in the order of the text */
} skein_name_note;

/* One quote of an article. */
typedef struct skein_quote_note {
    const char *text;    /* the words inside the marks */
    const char *speaker; /* the fullest spelling of the speaker's name, or NULL */
    int32_t name;        /* the speaker's entry in the notes' names, or -1 */
    skein_attribution by;
    skein_span span;  /* of `text` */
    float confidence; /* 0..1: how sure the speaker is (or that none is named) */
} skein_quote_note;

/* A quote's speaker with less confidence than this is told as uncertain
 * (the story page marks it, the coverage matrix leaves it out). */
#define SKEIN_SPEAKER_SURE 0.5f

/* One number of an article, normalised ("94000" for "94,000", "94 ألف"). */
typedef struct skein_number_note {
    const char *value;
    const char *text; /* as written, with the word it counts */
    uint32_t count;
} skein_number_note;

/* What one article says.  A skein_notes is one block of memory that owns
 * all it points to: skein_engine_extract makes one (skein_notes_free), a
 * story's members hold the engine's. */
/* One of the first sentences of an article's text (blanks folded), a
 * candidate for its story's lead. */
typedef struct skein_sentence_note {
    const char *text;
    skein_span span;
} skein_sentence_note;

#define SKEIN_LEAD_SENTENCES 4 /* sentences kept per article */
#define SKEIN_SKETCH 16        /* min-hashes of an article's text */

typedef struct skein_notes {
    const skein_name_note *names;
    size_t nnames;
    const skein_quote_note *quotes;
    size_t nquotes;
    const skein_number_note *numbers;
    size_t nnumbers;
    const skein_sentence_note *sentences; /* the text's first sentences, at most
                                           * SKEIN_LEAD_SENTENCES */
    size_t nsentences;
    /* min-hashes of the text's word shingles: two articles agreeing on most
     * are copies of one text (all zero: too short to tell) */
    uint64_t sketch[SKEIN_SKETCH];
} skein_notes;

/* Releases notes made by skein_engine_extract or skein_notes_copy.  Accepts NULL. */
void skein_notes_free(skein_notes *n);

/* A copy of `n` in one new block (free with skein_notes_free); NULL on ENOMEM. */
skein_notes *skein_notes_copy(const skein_notes *n);

/* The notes as one JSON object ("Article notes" in the README).  On success
 * *json is new (free() it). */
int skein_notes_json(const skein_notes *n, char **json);

/* ---- The engine ----------------------------------------------------------- */

typedef struct skein_engine skein_engine;

/* One member of a story as reported to the caller.  Strings are owned by the
 * engine and valid only during the callback (or until the next engine call). */
typedef struct skein_member {
    const char *id;
    const char *lang;
    const char *source; /* NULL when the article gave none */
    const char *title;
    int64_t published;        /* SKEIN_NO_TIME when unknown */
    const skein_notes *notes; /* what the article says; NULL when not extracted */
} skein_member;

/* A story as reported to the caller; see skein_member for lifetime. */
typedef struct skein_story {
    uint64_t id;       /* story ids count up from 1 in stream order */
    const char *title; /* headline: the most central member's title */
    size_t size;
    const skein_member *members; /* `size` entries, in arrival order */
    int64_t first_seen;          /* earliest / latest member time, SKEIN_NO_TIME */
    int64_t last_seen;
    const char *report; /* the whole story told, as one JSON object: headline(s),
                           events, names, quotes, coverage, growth, articles (README,
                           "Story records"); NULL when not told */
} skein_story;

/* How a story is told (skein_story_tell). */
typedef struct skein_tell_options {
    const char *lang;       /* the reader's language for the headline (ISO 639-1); NULL:
                               the story's majority language */
    int64_t now;            /* stream time the growth score is taken at; SKEIN_NO_TIME:
                               the story's last_seen */
    double event_gap_hours; /* an event ends where reports pause this long */
} skein_tell_options;
void skein_tell_options_default(skein_tell_options *o);

/* Tells story `s` from its members' notes: the headline (the most central
 * title, in o->lang when a member has it), events (bursts of reports),
 * names (one entry per name across spellings and scripts, with aliases and
 * counts), quotes by speaker, the coverage matrix of outlets against names,
 * quotes and numbers, and the growth score.  `o` may be NULL for the
 * defaults.  On success *json is a new JSON object (free() it). */
int skein_story_tell(const skein_story *s, const skein_tell_options *o, char **json);

/* Growth score of a story at stream time `now` (SKEIN_NO_TIME: its
 * last_seen): its articles of the last 6 hours over the number its own past
 * rate would give in 6 hours, plus one.  A new story of 10 articles in 6
 * hours scores 10, a steady one about 1, a quiet one 0 (no dated article in
 * the last 6 hours). */
double skein_story_growth(const skein_story *s, int64_t now);

/* Called for each story the engine closes: when it idles out of the window,
 * when memory caps force it out, and for all open stories at skein_engine_flush. */
typedef void (*skein_story_fn)(const skein_story *story, void *ud);

/* Creates an engine.  `opt` may be NULL for the defaults.  Returns NULL on
 * failure, with `err` (may be NULL) filled: SKEIN_EINVAL naming the option
 * out of its bounds, SKEIN_ENOMEM, SKEIN_EINTERNAL (ICU could not open its
 * data).  The engine copies `opt`. */
skein_engine *skein_engine_new(const skein_options *opt, skein_error *err);

/* Releases an engine and everything it owns.  Accepts NULL.  Open stories are
 * dropped without a callback: call skein_engine_flush first to get them. */
void skein_engine_free(skein_engine *e);

/* Sets the callback for closed stories (NULL: closed stories are dropped).
 * Set it before adding articles: articles are read for names, quotes and
 * numbers (skein_member.notes) only while a callback is set. */
void skein_engine_on_story(skein_engine *e, skein_story_fn fn, void *ud);

/* Called when a second look at a story moves an article that had joined it
 * into another: a split (option split_threshold) into a new story, or a
 * merge (merge_threshold) into the story it has become one with.  `id` is
 * the article's, `story` the story it is in now.  The article being added
 * is not reported (skein_engine_add's *story_id says where it went). */
typedef void (*skein_move_fn)(const char *id, uint64_t story, void *ud);
void skein_engine_on_move(skein_engine *e, skein_move_fn fn, void *ud);

/* Adds one article.  On success *story_id (may be NULL) is the story it joined
 * or opened.  Errors: SKEIN_ENOID, SKEIN_EEMPTY, SKEIN_EUTF8, SKEIN_EDUP,
 * SKEIN_ETOOBIG; the engine is unchanged by a rejected article. */
int skein_engine_add(skein_engine *e, const skein_article *a, uint64_t *story_id);

/* Why the last call on `e` that took an article failed, in words: which
 * field, what is wrong with it ("\"text\" is not valid UTF-8 at byte 57");
 * "" after a success.  Valid until the next call on `e`. */
const char *skein_engine_errmsg(const skein_engine *e);

/* Closes every open story, in story-id order, through the callback. */
int skein_engine_flush(skein_engine *e);

/* Number of stories currently open (in memory). */
size_t skein_engine_open_stories(const skein_engine *e);

/* What one article says, without linking it: its names, quotes (with
 * speakers and spans) and numbers, as skein_member.notes holds them.  On
 * success *notes is new (skein_notes_free).  Errors as skein_engine_add. */
int skein_engine_extract(skein_engine *e, const skein_article *a, skein_notes **notes);

/* Per-stage time and counts since the engine was created.  Times of the
 * stages done per article (clean .. features) are summed over the threads
 * of skein_engine_prepare, so they are CPU time, not time by the clock.
 * sec_tell is the telling of stories (closed ones by the engine; with a
 * store, the open ones it writes at each commit too); sec_store the store's
 * own work (skein_store_stage_stats). */
typedef struct skein_stats {
    uint64_t articles;
    uint64_t stories;
    double sec_clean, sec_langid, sec_analyze, sec_features, sec_link;
    double sec_extract, sec_tell, sec_store;
} skein_stats;
void skein_engine_get_stats(const skein_engine *e, skein_stats *out);

/* Starts doing ahead, on `threads` worker threads, what skein_engine_add
 * does for each of the n articles a[] alone: checks, cleaning, language,
 * analysis, features, extraction; returns at once.  The skein_engine_add
 * calls with the same pointers, in the same order, then only link them;
 * what they return and the stories are the same as without this call,
 * whatever the number of threads.  Meanwhile this thread may go on adding
 * the articles of the prepare before (the one started before this one):
 * so linking one batch overlaps preparing the next.  A start first waits
 * for the prepare running, and drops what was not added of the one before
 * it (done as it comes instead).  The array a may go at once; the articles
 * must stay unchanged until added, or until skein_engine_prepare_wait
 * returned.  The engine is for
 * one thread at a time as ever (the workers are its own); the stats are
 * complete once the last prepare was waited for.
 * SKEIN_OK, SKEIN_EINVAL, SKEIN_ENOMEM, SKEIN_EINTERNAL (nothing started). */
int skein_engine_prepare_start(skein_engine *e, const skein_article *const *a, size_t n,
                               unsigned threads);
/* Waits for the prepare running, if any (its articles may then be freed),
 * preparing on the calling thread what the workers have not taken yet (so
 * the wait costs the caller CPU, not idle time);
 * drops what the batch before left not added (a duplicate the store turned
 * away), so that no later article at the same address is taken for it. */
void skein_engine_prepare_wait(skein_engine *e);
/* skein_engine_prepare_start, then skein_engine_prepare_wait. */
int skein_engine_prepare(skein_engine *e, const skein_article *const *a, size_t n,
                         unsigned threads);

/* Learns document frequencies from an article without linking it, so that
 * later skein_engine_similarity calls weigh terms as a stream would. */
int skein_engine_observe(skein_engine *e, const skein_article *a);

/* Similarity in [0,1] of `b` to a story made of `a` alone, with the engine's
 * options and the document frequencies it has learned so far. */
int skein_engine_similarity(skein_engine *e, const skein_article *a, const skein_article *b,
                            double *score);

/* Similarity in [0,1] of two articles as the linker would score the second
 * against a story made of the first alone, with default options and document
 * frequencies learned from the two articles only.  Result in *score. */
int skein_similarity(const skein_article *a, const skein_article *b, double *score);

/* ---- Evaluation ----------------------------------------------------------- */

/* Clustering quality of `pred` against `gold`: arrays of `n` labels, the i-th
 * entries describing the same item.  Labels are compared as strings. */
typedef struct skein_cluster_scores {
    double pair_p, pair_r, pair_f1;
    double b3_p, b3_r, b3_f1;
    size_t items, pred_clusters, gold_clusters;
} skein_cluster_scores;
int skein_eval_clusters(const char *const *gold, const char *const *pred, size_t n,
                        skein_cluster_scores *out);

/* Pair-score quality: `scores` in [0,1] against human `labels` (1 = same story
 * ... 4 = different).  Pearson is of score vs -label; AUC and accuracy treat
 * label <= 1.5 as same and label >= 3 as different (others ignored). */
typedef struct skein_pair_scores {
    double pearson, auc, best_accuracy, best_threshold;
    size_t pairs, same, different;
} skein_pair_scores;
int skein_eval_pairs(const double *scores, const double *labels, size_t n, skein_pair_scores *out);

/* ---- Names: the trained tagger -------------------------------------------- */

/* Names of people, organisations, places and other names ("German", events,
 * works) in a text, as the trained tagger (one model per language: see
 * skein_namer_has) finds them over the analyzer's tokens. */
typedef struct skein_name {
    size_t off, len; /* bytes of the text, from the name's first word to its last */
    skein_kind kind; /* SKEIN_KIND_OTHER for the other names */
} skein_name;

typedef struct skein_namer skein_namer;

/* A namer (an analyzer and a tagger's scratch): NULL on failure, with `err`
 * (may be NULL) filled.  One namer per thread; the models are shared,
 * read-only. */
skein_namer *skein_namer_new(skein_error *err);
void skein_namer_free(skein_namer *nm);
/* 1 when a model for `lang` (ISO 639-1) is compiled in. */
int skein_namer_has(const char *lang);
/* The names in valid UTF-8 text[0..len) of language `lang`: *names points to
 * *n spans owned by the namer, valid until its next call.  No model for the
 * language: no names, SKEIN_OK. */
int skein_namer_find(skein_namer *nm, const char *text, size_t len, const char *lang,
                     const skein_name **names, size_t *n);

/* How the tagger does on a CoNLL file of gold names (token TAB tag lines,
 * blank lines between sentences, -DOCSTART- between documents; files without
 * documents, or with fewer than ten, are cut into pseudo-documents of
 * `doc_sentences` sentences).
 * With every > 0 only documents whose number % every == part are scored (a
 * held-out part).  Per document, names are compared as sets of (name, kind)
 * (the name as the analyzer folds it); spans must match exactly.  When the
 * file has no gold "other" names, predicted ones are left out. */
typedef struct skein_ner_options {
    size_t every, part;
    size_t doc_sentences; /* 0: 10 */
    int extract;          /* 1: score the names skein_engine_extract gives (the tagger and the
                             rules around it: what the product shows); 0: the tagger alone */
} skein_ner_options;

typedef struct skein_ner_prf {
    double p, r, f1;
    size_t gold, pred, hit;
} skein_ner_prf;

typedef struct skein_ner_scores {
    skein_ner_prf doc;         /* typed names per document */
    skein_ner_prf span;        /* typed spans */
    skein_ner_prf doc_kind[4]; /* per skein_kind */
    size_t docs, sentences, tokens;
    int misc_scored;    /* 0 when "other" names were left out */
    double tag_seconds; /* time in the tagger alone (not the analyzer) */
} skein_ner_scores;

int skein_eval_ner(const char *path, const char *lang, const skein_ner_options *opt,
                   skein_ner_scores *out);

/* ---- Store ---------------------------------------------------------------- */

/* A SQLite file (WAL), or a PostgreSQL database shared by several machines,
 * that keeps everything: each article as it came (so the stream can be
 * replayed), the story it joined and what it says, every story told (open
 * ones as they grow, closed ones for good) with its events, names and
 * quotes, and checkpoints of the engine.  Any number of handles may read one
 * store while one handle ingests. */
typedef struct skein_store skein_store;

#define SKEIN_STORE_READONLY 1 /* skein_store_new: reads only (no migration) */

/* Opens (creating and migrating to the current schema if needed) the store
 * at `path`: a file, or a PostgreSQL connection URI (postgresql://... or
 * postgres://..., as libpq reads it).  NULL on failure, with `err` (may be
 * NULL) filled: SKEIN_EDB when the file is not a store, the database cannot
 * be reached or was written by a newer skein (the message says which, with
 * the database's words). */
skein_store *skein_store_new(const char *path, int flags, skein_error *err);

/* `path` as messages may show it: a connection URI's password replaced by
 * "***".  Writes into buf (n bytes, cut to fit) and returns it. */
const char *skein_store_where(const char *path, char *buf, size_t n);

/* A note the store keeps for every handle to read, such as where its writer
 * answers ("writer" -> "http://10.0.0.5:8080"); `value` NULL removes it.
 * Committed at once, or with the articles waiting for their commit.
 * SKEIN_EINVAL on a read-only handle. */
int skein_store_set_note(skein_store *s, const char *key, const char *value);
/* The note `key` into *value (new: free() it); SKEIN_ENOTFOUND when none. */
int skein_store_get_note(skein_store *s, const char *key, char **value);
/* How many seconds a PostgreSQL streaming replica is behind its primary (0
 * when it has replayed all it received, on a primary, and for a SQLite
 * file); SKEIN_EDB when the database cannot say. */
int skein_store_lag(skein_store *s, double *seconds);

/* Commits what was added (skein_store_commit), writes a checkpoint when
 * articles were added since the last, and closes.  Accepts NULL. */
void skein_store_free(skein_store *s);

/* Readies the store to take articles.  The engine goes on where the store
 * left off: it is restored from the last checkpoint, then every article
 * committed after it is linked again, so a stream split across runs (or cut
 * by a crash) gives the same stories, with the same ids, as one run.
 * `opt` NULL: the options the store was made with (the defaults for a new
 * store); otherwise they must be those (SKEIN_EINVAL).  *replayed (may be
 * NULL) gets the number of articles linked again.  SKEIN_EINVAL too for a
 * store migrated from schema 1 or 2, which kept no article texts. */
int skein_store_start(skein_store *s, const skein_options *opt, uint64_t *replayed);

/* Called for each story the engine closes while articles are added (told:
 * report set), after it is written.  Not called while replaying. */
void skein_store_on_story(skein_store *s, skein_story_fn fn, void *ud);

/* Links one article and writes it, with the story it joined.  It is durable,
 * and may be acknowledged, only once skein_store_commit returns SKEIN_OK.
 * Errors as skein_engine_add (SKEIN_EDUP also for any id the store holds);
 * a rejected article changes nothing. */
int skein_store_add(skein_store *s, const skein_article *a, uint64_t *story);

/* Tells again the open stories that changed, writes them, writes a
 * checkpoint when one is due, and commits.  On SKEIN_EDB nothing since the
 * last commit is kept and the store refuses more articles: close it and
 * start again (the engine is restored from what was committed). */
int skein_store_commit(skein_store *s);

/* Writes a checkpoint of the engine now (with a commit).  One is also due
 * every `n` articles (skein_store_checkpoint_every; default
 * SKEIN_STORE_CHECKPOINT_EVERY) and
 * written by skein_store_free; a restart replays at most that many. */
#define SKEIN_STORE_CHECKPOINT_EVERY 20000
int skein_store_checkpoint(skein_store *s);
void skein_store_checkpoint_every(skein_store *s, uint64_t n);

/* Closes every open story (the end of a finite stream) and commits. */
int skein_store_close_stories(skein_store *s);

/* Why the last call on `s` failed, in words (SQLite's message for
 * SKEIN_EDB, with what was being done); "" before any failure.  Valid until
 * the next call on `s`. */
const char *skein_store_errmsg(const skein_store *s);

/* Calls `fn` for every story in the store, in id order.  The story and its
 * strings are valid during the call only. */
int skein_store_each_story(skein_store *s, skein_story_fn fn, void *ud);

/* Calls `fn` once for story `id`; SKEIN_ENOTFOUND when the store has none. */
int skein_store_get_story(skein_store *s, uint64_t id, skein_story_fn fn, void *ud);

/* The latest last_seen of the stored stories (SKEIN_NO_TIME when none is
 * dated): the store's "now" for growth scores. */
int skein_store_latest(skein_store *s, int64_t *t);

/* ---- Store queries (the HTTP API's answers, as JSON) ---------------------- */

/* Which stories skein_store_query and skein_store_top list.  NULL strings,
 * zero counts and SKEIN_NO_TIME times do not filter. */
typedef struct skein_story_query {
    const char *lang;   /* stories with articles in this language */
    int64_t since;      /* last article at or after (SKEIN_NO_TIME: any) */
    int64_t until;      /* first article at or before (SKEIN_NO_TIME: any) */
    const char *q;      /* words, all of which must occur in a title, name or quote */
    size_t limit;       /* a page: at most this many (0: 50; capped at 1000) */
    const char *cursor; /* a page: "next" of the previous page */
    int order;          /* SKEIN_ORDER_RECENT (0) or SKEIN_ORDER_IMPORTANT */
} skein_story_query;

/* The orders of skein_store_query: the last article's time; or importance,
 * the weight a story is stored with (distinct texts, outlets with a text of
 * their own, languages, growth when told, and a day of recency worth twice
 * the texts; README, "Ranking"), each summary's "why" saying it in words. */
enum { SKEIN_ORDER_RECENT = 0, SKEIN_ORDER_IMPORTANT = 1 };

/* A page of stories, most recent first (or in q->order):
 * {"stories":[summary...],"next":cursor|null}.  A summary: story, title,
 * size, first_seen, last_seen, languages, sources, events (first_seen,
 * last_seen, size), growth, open, why (its importance in words).  SKEIN_EINVAL for a malformed
 * cursor, SKEIN_EFIELD for a search (q) of more than 16 words (each with a letter or digit).
 * *json is new (free() it). */
int skein_store_query(skein_store *s, const skein_story_query *q, char **json);

/* The n stories growing fastest at the store's latest time (at most 1000;
 * ties by size, then id), with q's filters (limit and cursor unused), as
 * {"stories":[summary...],"next":null}, growth taken at that time;
 * SKEIN_EFIELD as skein_store_query. */
int skein_store_top(skein_store *s, const skein_story_query *q, size_t n, char **json);

/* People, places and organisations across stories.  A search (q: any part
 * of any spelling, case-folded, or a key; NULL or "": all) gives at most
 * `limit` entries (0: 50), most stories first:
 * {"names":[{"key","name","kind","stories","articles","mentions",
 * "spellings":[{"name","count"}]}]}.  One name by its key: {"key","name",
 * "kind","spellings","stories":[{"story","title","size","last_seen",
 * "articles","mentions"}] (latest first),"quotes":[{"text","speaker","story",
 * "article","outlet","lang","published","confidence"}] (oldest first)};
 * SKEIN_ENOTFOUND for a key no story has.  *json is new (free() it). */
int skein_store_names_json(skein_store *s, const char *q, size_t limit, char **json);
int skein_store_name_json(skein_store *s, const char *key, char **json);

/* One story told (the story record), its coverage matrix alone, or one
 * article as stored (with its text and notes).  SKEIN_ENOTFOUND. */
int skein_store_story_json(skein_store *s, uint64_t id, char **json);
int skein_store_coverage_json(skein_store *s, uint64_t id, char **json);
int skein_store_article_json(skein_store *s, const char *id, char **json);

/* Counts for monitoring. */
typedef struct skein_store_stats {
    uint64_t articles, stories, open_stories, seq_checkpoint;
} skein_store_stats;
int skein_store_get_stats(skein_store *s, skein_store_stats *out);

/* The engine's per-stage times (skein_stats) with the store's: telling the
 * open stories written at commits in sec_tell, its own writing and commits
 * in sec_store.  SKEIN_OK, or SKEIN_EINVAL before skein_store_start. */
int skein_store_stage_stats(skein_store *s, skein_stats *out);

/* skein_engine_prepare_start and skein_engine_prepare_wait for the store's
 * engine: the skein_store_add calls with the same articles, in order, then
 * only link and write them.  SKEIN_EINVAL before skein_store_start. */
int skein_store_prepare_start(skein_store *s, const skein_article *const *a, size_t n,
                              unsigned threads);
void skein_store_prepare_wait(skein_store *s);

/* ---- Following feeds --------------------------------------------------------- */

/* How a watcher fetches; skein_watch_config_default fills the defaults.
 * Strings are borrowed for the call to skein_watcher_new. */
typedef struct skein_watch_config {
    int allow_private;   /* 1: loopback and private networks may be fetched (default 0) */
    double host_delay;   /* seconds between two requests to one host (default 5) */
    double timeout;      /* seconds one request may take in all (default 30) */
    double interval;     /* seconds between two polls of a feed: the back-off's unit (900) */
    const char *contact; /* how site owners reach the operator, put in the User-Agent; or NULL */
    /* One line for each failure (a feed, an item's page), without a
     * newline; NULL: none.  Called on the polling thread. */
    void (*log)(const char *line, void *ud);
    void *log_ud;
    /* Called with 1 before and 0 after each use of the store, for callers
     * whose store other threads write too (NULL: none). */
    void (*lock)(int on, void *ud);
    void *lock_ud;
    /* The store to use, asked (with lock_ud) right after each lock(1), for
     * callers whose store may be replaced meanwhile (NULL: always the one
     * given to skein_watcher_new).  It may return NULL: no store now, that
     * use fails and the feed is polled again later. */
    skein_store *(*store)(void *ud);
} skein_watch_config;
void skein_watch_config_default(skein_watch_config *c);

/* What one poll of a feed did. */
typedef struct skein_poll_stats {
    size_t items;     /* items the feed holds */
    size_t added;     /* articles added to the store */
    size_t seen;      /* items seen before, not fetched again */
    size_t fallbacks; /* items whose page failed: the feed's description was kept */
    size_t failed;    /* items neither page nor description could give */
    int not_modified; /* 1: the feed answered 304 */
    int backing_off;  /* 1: not polled, the feed failed lately (see the log) */
} skein_poll_stats;

/* Follows feeds into store `s`, which skein_store_start readied; the store
 * must outlive the watcher.  Fetches with libcurl, politely and safely:
 * http(s) only, no loopback, private, link-local or cloud-metadata address
 * (checked after the name is resolved and on every redirect) unless
 * allow_private, robots.txt obeyed, one request to a host every host_delay
 * seconds, bodies capped after inflating.  NULL on failure, with `err` (may
 * be NULL) filled.  One thread uses a watcher at a time. */
typedef struct skein_watcher skein_watcher;
skein_watcher *skein_watcher_new(skein_store *s, const skein_watch_config *c, skein_error *err);
void skein_watcher_free(skein_watcher *w);

/* Polls the feed at `url` (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed) once:
 * a conditional request with the validators the store kept; each item not
 * seen before has its page fetched and read (skein_html_article_parse),
 * else its description kept, and is added to the store and committed, and
 * marked seen.  A feed that failed lately is not polled until its back-off
 * (interval doubled with each failure in a row, at most a day, or longer
 * when the server asked so with Retry-After) is over.
 * Returns SKEIN_OK (*st, may be NULL, says what was done), or why the feed
 * failed: SKEIN_EINVAL (address refused), SKEIN_EIO (network, HTTP status),
 * SKEIN_ETOOBIG, SKEIN_EPARSE (not a feed), SKEIN_EDB, SKEIN_ENOMEM; then
 * `err` (may be NULL) says why, naming the address. */
int skein_watcher_poll(skein_watcher *w, const char *url, skein_poll_stats *st, skein_error *err);

#ifdef __cplusplus
}
#endif
#endif /* SKEIN_H */
