/* serve_webhook.c -- the events of `skein serve --webhook URL`.
 *
 * One thread looks at the store and delivers, so nothing here ever holds
 * up a request or a commit: it reads through a read-only handle of its own
 * and knows of commits only by looking (every WEBHOOK_TICK_MS, or at once
 * after webhook_notify).  A look does nothing when the store's article
 * count has not moved; else the stories with ids above the highest seen
 * are new (ids count up from 1 in stream order) -- story.created -- and
 * the fastest growing ones (skein_store_top) that reached --webhook-growth
 * since the last look are story.growing (a story that falls below may
 * cross again later).
 *
 * What is seen is kept in memory only.  On start, and when a standby
 * becomes the writer, the thread takes the store as it is then without
 * sending anything: a restart or a takeover sends no event twice, and
 * skips the events of what was committed while no writer of this server
 * was looking (and those still queued in the server that stopped).  Only
 * a server that writes the store sends: a standby's thread waits.
 *
 * Each event goes to each address in a POST of JSON, signed with
 * HMAC-SHA256 (OpenSSL) of the body under the key (--webhook-secret-file,
 * else the token): X-Skein-Signature: sha256=HEX.  A failure (no answer, a
 * 5xx, 408 or 429) is tried again WEBHOOK_ATTEMPTS times in all, 1, 2, 4,
 * 8 and 16 seconds apart, with a line on stderr each time; another answer
 * is final.  Deliveries may arrive out of order: the body says when. */
#include "serve_webhook.h"

#include "serve_http.h"
#include "story_json.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WEBHOOK_TICK_MS 1000
#define MAX_JOBS 10000    /* deliveries waiting; more are dropped, with a line */
#define MAX_PER_LOOK 1000 /* story.created events of one look */
#define TOP_STORIES 1000  /* stories whose growth is read at a look */
#define TIMEOUT_S 10

typedef struct job {
    char *body;
    char event[16];
    uint64_t story;
    size_t url;
    unsigned attempts;
    double due; /* monotonic seconds */
} job;

struct webhook {
    server *sv;
    const char *urls[WEBHOOK_MAX_URLS];
    size_t n_urls;
    char key[MAX_TOKEN];
    size_t keylen;
    double growth;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, kicked; /* under mu */
    /* the thread's own */
    skein_store *st;
    int primed;
    uint64_t articles, last_story;
    uint64_t *above;
    size_t n_above;
    job *jobs;
    size_t n_jobs;
    CURL *curl;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "skein serve: webhook: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static double mono(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- options ------------------------------------------------------------------- */

int webhook_option(webhook_opts *o, int ch, const char *arg) {
    char *end = NULL;
    switch (ch) {
    case WH_URL:
        if (strncmp(arg, "http://", 7) && strncmp(arg, "https://", 8)) {
            fprintf(stderr, "skein serve: --webhook '%s': want an http:// or https:// address\n",
                    arg);
            return -1;
        }
        if (o->n == WEBHOOK_MAX_URLS) {
            fprintf(stderr, "skein serve: at most %d --webhook addresses\n", WEBHOOK_MAX_URLS);
            return -1;
        }
        o->urls[o->n++] = arg;
        return 0;
    case WH_SECRET_FILE: o->secret_file = arg; return 0;
    case WH_GROWTH:
        errno = 0;
        o->growth = strtod(arg, &end);
        if (errno || end == arg || *end || !(o->growth > 0) || o->growth > 1e6) {
            fprintf(stderr, "skein serve: --webhook-growth '%s': want a number above 0\n", arg);
            return -1;
        }
        return 0;
    default: return -1;
    }
}

/* The key from FILE: its first line, 8 or more bytes, and short enough to
 * be taken whole (a key cut short would sign what no receiver checks). */
static int read_key(webhook *w, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "skein serve: cannot read --webhook-secret-file %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    size_t n = fread(w->key, 1, sizeof(w->key) - 1, f);
    fclose(f);
    w->key[n] = 0;
    size_t got = n;
    n = strcspn(w->key, "\r\n");
    w->key[n] = 0;
    if (n == got && got == sizeof(w->key) - 1) { /* no line end within the buffer: cut */
        fprintf(stderr, "skein serve: the key in %s is longer than %zu bytes\n", path,
                sizeof(w->key) - 2);
        return -1;
    }
    if (n < 8) {
        fprintf(stderr, "skein serve: the key in %s must be a line of at least 8 characters\n",
                path);
        return -1;
    }
    w->keylen = n;
    return 0;
}

/* ---- events --------------------------------------------------------------------- */

static void queue(webhook *w, const char *event, uint64_t story, const char *body) {
    for (size_t u = 0; u < w->n_urls; u++) {
        if (w->n_jobs == MAX_JOBS) {
            say("%zu deliveries are waiting; %s of story %llu to %s is dropped", w->n_jobs, event,
                (unsigned long long)story, w->urls[u]);
            continue;
        }
        char *b = strdup(body);
        job *j = realloc(w->jobs, (w->n_jobs + 1) * sizeof(*j));
        if (!b || !j) {
            free(b);
            if (j) w->jobs = j;
            say("out of memory: %s of story %llu is dropped", event, (unsigned long long)story);
            continue;
        }
        w->jobs = j;
        j = &w->jobs[w->n_jobs++];
        memset(j, 0, sizeof(*j));
        j->body = b, j->story = story, j->url = u, j->due = 0;
        snprintf(j->event, sizeof(j->event), "%s", event);
    }
}

/* {"event", "story": {id, title, size, outlets, sources, langs, growth, url,
 * api}, "at"}: from a story record or a list's summary. */
static void story_event(webhook *w, const char *event, const cJSON *s) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "story");
    if (!cJSON_IsNumber(id)) return;
    uint64_t sid = (uint64_t)id->valuedouble;
    cJSON *o = cJSON_CreateObject(), *st = cJSON_AddObjectToObject(o, "story");
    cJSON_AddStringToObject(o, "event", event);
    cJSON_AddNumberToObject(st, "id", (double)sid);
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(s, "title");
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(s, "size");
    const cJSON *sources = cJSON_GetObjectItemCaseSensitive(s, "sources");
    const cJSON *growth = cJSON_GetObjectItemCaseSensitive(s, "growth");
    cJSON_AddItemToObject(st, "title",
                          cJSON_IsString(title) ? cJSON_CreateString(title->valuestring)
                                                : cJSON_CreateNull());
    cJSON_AddNumberToObject(st, "size", cJSON_IsNumber(size) ? size->valuedouble : 0);
    cJSON_AddNumberToObject(st, "outlets", (double)cJSON_GetArraySize(sources));
    cJSON_AddItemToObject(st, "sources",
                          sources ? cJSON_Duplicate(sources, 1) : cJSON_CreateArray());
    cJSON *langs = cJSON_AddArrayToObject(st, "langs"), *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(s, "languages"))
        cJSON_AddItemToArray(langs, cJSON_CreateString(l->string));
    if (cJSON_IsNumber(growth)) cJSON_AddNumberToObject(st, "growth", growth->valuedouble);
    char u[400], at[32];
    snprintf(u, sizeof(u), "%s/#/story/%llu", w->sv->address, (unsigned long long)sid);
    cJSON_AddStringToObject(st, "url", u);
    snprintf(u, sizeof(u), "%s/v1/stories/%llu", w->sv->address, (unsigned long long)sid);
    cJSON_AddStringToObject(st, "api", u);
    format_time((int64_t)time(NULL), at, sizeof(at));
    cJSON_AddStringToObject(o, "at", at);
    char *body = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (body)
        queue(w, event, sid, body);
    else
        say("out of memory: %s of story %llu is dropped", event, (unsigned long long)sid);
    free(body);
}

/* The next story has no record (not told, or not yet): when one of the
 * next few has, the missing ones are passed over (1) so that one story
 * cannot stop the events of all later ones; else 0 (the end, for now). */
static int skip_unreadable(webhook *w) {
    for (uint64_t id = w->last_story + 2; id <= w->last_story + 16; id++) {
        char *json = NULL;
        int rc = skein_store_story_json(w->st, id, &json);
        free(json);
        if (rc == SKEIN_OK) {
            say("stories %llu to %llu have no record: no story.created for them",
                (unsigned long long)w->last_story + 1, (unsigned long long)id - 1);
            w->last_story = id - 1;
            return 1;
        }
        if (rc != SKEIN_ENOTFOUND) return 0;
    }
    return 0;
}

/* story.created for the stories above the highest seen. */
static void look_created(webhook *w, int send) {
    size_t sent = 0;
    for (;;) {
        char *json = NULL;
        int rc = skein_store_story_json(w->st, w->last_story + 1, &json);
        if (rc == SKEIN_ENOTFOUND && skip_unreadable(w)) continue;
        if (rc) {
            if (rc != SKEIN_ENOTFOUND)
                say("cannot read story %llu: %s", (unsigned long long)w->last_story + 1,
                    skein_store_errmsg(w->st));
            return;
        }
        w->last_story++;
        cJSON *s = send && sent < MAX_PER_LOOK ? cJSON_Parse(json) : NULL;
        if (s)
            story_event(w, "story.created", s), sent++;
        else if (send && sent == MAX_PER_LOOK)
            say("over %d stories new at once: story %llu has no story.created", MAX_PER_LOOK,
                (unsigned long long)w->last_story);
        cJSON_Delete(s);
        free(json);
    }
}

static int was_above(const webhook *w, uint64_t id) {
    for (size_t i = 0; i < w->n_above; i++)
        if (w->above[i] == id) return 1;
    return 0;
}

/* story.growing for the stories whose growth reached the threshold since
 * the last look. */
static void look_growing(webhook *w, int send) {
    if (!(w->growth > 0)) return;
    skein_story_query q = {NULL, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL, 0, NULL, SKEIN_ORDER_RECENT};
    char *json = NULL;
    if (skein_store_top(w->st, &q, TOP_STORIES, &json)) {
        say("cannot read the growing stories: %s", skein_store_errmsg(w->st));
        return;
    }
    cJSON *doc = cJSON_Parse(json), *s;
    free(json);
    size_t n = 0;
    uint64_t *now = calloc(TOP_STORIES, sizeof(*now));
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(doc, "stories")) {
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(s, "growth");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "story");
        if (!now || !cJSON_IsNumber(g) || !cJSON_IsNumber(id) || g->valuedouble < w->growth ||
            n == TOP_STORIES)
            continue;
        uint64_t sid = (uint64_t)id->valuedouble;
        if (send && !was_above(w, sid)) story_event(w, "story.growing", s);
        now[n++] = sid;
    }
    cJSON_Delete(doc);
    if (!now) return;
    free(w->above);
    w->above = now, w->n_above = n;
}

/* One look at the store: its state taken (first) or its news queued. */
static void look(webhook *w) {
    if (atomic_load(&w->sv->role) != ROLE_WRITER) {
        w->primed = 0; /* a standby (again): take the store afresh when writing */
        return;
    }
    if (!w->st && !(w->st = skein_store_new(w->sv->db, SKEIN_STORE_READONLY, NULL))) return;
    skein_store_stats k;
    if (skein_store_get_stats(w->st, &k)) {
        say("cannot read the store: %s", skein_store_errmsg(w->st));
        skein_store_free(w->st); /* opened again at the next look */
        w->st = NULL;
        return;
    }
    if (w->primed && k.articles == w->articles) return;
    int send = w->primed;
    if (!w->primed) w->last_story = k.stories ? k.stories - 1 : 0;
    w->articles = k.articles;
    look_created(w, send);
    look_growing(w, send);
    w->primed = 1;
}

/* ---- delivery -------------------------------------------------------------------- */

static size_t discard(char *p, size_t size, size_t n, void *ud) {
    (void)p, (void)ud;
    return size * n;
}

static int cut_short(void *ud, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d) {
    (void)a, (void)b, (void)c, (void)d;
    webhook *w = ud;
    pthread_mutex_lock(&w->mu);
    int stop = w->stop;
    pthread_mutex_unlock(&w->mu);
    return stop;
}

static void signature(const webhook *w, const char *body, char *out, size_t n) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    size_t k = (size_t)snprintf(out, n, "X-Skein-Signature: sha256=");
    if (!HMAC(EVP_sha256(), w->key, (int)w->keylen, (const unsigned char *)body, strlen(body), md,
              &len))
        len = 0;
    for (unsigned i = 0; i < len && k + 3 <= n; i++)
        k += (size_t)snprintf(out + k, n - k, "%02x", md[i]);
}

/* One attempt: the HTTP status (0: no answer, cause in err). */
static long attempt(webhook *w, const job *j, char *err) {
    char sig[128], ev[64];
    signature(w, j->body, sig, sizeof(sig));
    snprintf(ev, sizeof(ev), "X-Skein-Event: %s", j->event);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    h = curl_slist_append(h, sig);
    h = curl_slist_append(h, ev);
    h = curl_slist_append(h, "Expect:");
    CURL *c = w->curl;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, w->urls[j->url]);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, j->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(j->body));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "skein-webhook");
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, cut_short);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, w);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
    err[0] = 0;
    long code = 0;
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    else if (!err[0])
        snprintf(err, CURL_ERROR_SIZE, "%s", curl_easy_strerror(rc));
    curl_slist_free_all(h);
    return code;
}

/* Tries job i: 1 when it is done with (delivered or given up). */
static int deliver_one(webhook *w, job *j) {
    char err[CURL_ERROR_SIZE];
    long code = attempt(w, j, err);
    if (code >= 200 && code < 300) return 1;
    j->attempts++;
    int again = code == 0 || code >= 500 || code == 408 || code == 429;
    char what[CURL_ERROR_SIZE + 32];
    if (code)
        snprintf(what, sizeof(what), "HTTP %ld", code);
    else
        snprintf(what, sizeof(what), "%s", err);
    if (!again || j->attempts >= WEBHOOK_ATTEMPTS) {
        say("%s of story %llu to %s: %s; attempt %u of %d, given up", j->event,
            (unsigned long long)j->story, w->urls[j->url], what, j->attempts, WEBHOOK_ATTEMPTS);
        return 1;
    }
    double wait = (double)(1u << (j->attempts - 1));
    say("%s of story %llu to %s: %s; attempt %u of %d, again in %.0f s", j->event,
        (unsigned long long)j->story, w->urls[j->url], what, j->attempts, WEBHOOK_ATTEMPTS, wait);
    j->due = mono() + wait;
    return 0;
}

/* Sends what is due, in queue order; returns when the next is due (or 0). */
static double deliver(webhook *w) {
    double next = 0;
    size_t kept = 0;
    for (size_t i = 0; i < w->n_jobs; i++) {
        job *j = &w->jobs[i];
        int stop;
        pthread_mutex_lock(&w->mu);
        stop = w->stop;
        pthread_mutex_unlock(&w->mu);
        if (!stop && j->due <= mono() && deliver_one(w, j)) {
            free(j->body);
            continue;
        }
        if (!next || j->due < next) next = j->due;
        w->jobs[kept++] = *j;
    }
    w->n_jobs = kept;
    return next;
}

/* ---- the thread -------------------------------------------------------------------- */

static void *run(void *p) {
    webhook *w = p;
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        pthread_mutex_unlock(&w->mu);
        look(w);
        double next = deliver(w);
        pthread_mutex_lock(&w->mu);
        double until = mono() + WEBHOOK_TICK_MS / 1000.0;
        if (next && next < until) until = next;
        /* the wait's clock is the real one: the remaining time, from now */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        double left = until - mono();
        if (left < 0) left = 0;
        ts.tv_sec += (time_t)left;
        ts.tv_nsec += (long)((left - (double)(time_t)left) * 1e9);
        if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        while (!w->stop && !w->kicked && left > 0)
            if (pthread_cond_timedwait(&w->cv, &w->mu, &ts) == ETIMEDOUT) break;
        w->kicked = 0;
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

webhook *webhook_start(const webhook_opts *o, server *sv) {
    webhook *w = calloc(1, sizeof(*w));
    if (!w) return NULL;
    w->sv = sv;
    w->growth = o->growth;
    w->n_urls = o->n;
    memcpy(w->urls, o->urls, o->n * sizeof(o->urls[0]));
    if (o->secret_file) {
        if (read_key(w, o->secret_file)) return free(w), NULL;
    } else if (sv->has_token) {
        w->keylen = strlen(sv->token);
        memcpy(w->key, sv->token, w->keylen + 1);
    } else {
        fprintf(stderr, "skein serve: --webhook signs its events: give --webhook-secret-file "
                        "FILE or --token-file FILE\n");
        return free(w), NULL;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) || !(w->curl = curl_easy_init())) {
        fprintf(stderr, "skein serve: --webhook: libcurl cannot start\n");
        return free(w), NULL;
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, run, w)) {
        fprintf(stderr, "skein serve: cannot start the webhook thread\n");
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        curl_easy_cleanup(w->curl);
        return free(w), NULL;
    }
    return w;
}

void webhook_notify(webhook *w) {
    if (!w) return;
    pthread_mutex_lock(&w->mu);
    w->kicked = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

void webhook_stop(webhook *w) {
    if (!w) return;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    if (w->n_jobs) say("stopping: %zu deliveries not made", w->n_jobs);
    for (size_t i = 0; i < w->n_jobs; i++) free(w->jobs[i].body);
    free(w->jobs);
    free(w->above);
    skein_store_free(w->st);
    curl_easy_cleanup(w->curl);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
}
