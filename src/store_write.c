/* store_write.c -- a story told, written into the store: its record, its
 * list entries, its coverage, its events, names and quotes as rows, and
 * what search finds it by.
 *
 * The engine hands over the story told as a typed record (tell.h); the
 * record's JSON, the list entries and the coverage are printed from it here
 * and never read back.  A closed story is written for good; an open one is
 * written again at each commit that changed it. */
#include "store.h"

#include "tell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ",en,ar,": the story's languages, for LIKE filters. */
static int langs_of(const skein__told *t, sbuf *b) {
    skein__sbuf_reset(b);
    int rc = skein__sbuf_addc(b, ',');
    for (size_t i = 0; i < t->nlanguages; i++)
        rc |= skein__sbuf_adds(b, t->languages[i].lang) | skein__sbuf_addc(b, ',');
    return rc;
}

static int add_line(sbuf *b, const char *s) {
    return s ? skein__sbuf_adds(b, s) | skein__sbuf_addc(b, '\n') : 0;
}

/* What search finds a story by: titles, names and their aliases, speakers,
 * quotes. */
static int search_body(const skein__told *t, sbuf *b) {
    skein__sbuf_reset(b);
    int rc = skein__sbuf_adds(b, "");
    for (size_t i = 0; i < t->s->size; i++) rc |= add_line(b, t->s->members[i].title);
    for (size_t i = 0; i < t->nnames; i++)
        for (size_t k = 0; k < t->names[i].naliases; k++)
            rc |= add_line(b, t->names[i].aliases[k].name);
    for (size_t i = 0; i < t->nquotes; i++) rc |= add_line(b, t->quotes[i].text);
    return rc;
}

static int write_events(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nevents; i++) {
        skein__stmt *st = s->st_event;
        skein__db_bind_int64(st, 1, (int64_t)id);
        skein__db_bind_int64(st, 2, (int64_t)i + 1);
        skein__bind_text(st, 3, t->events[i].title);
        skein__db_bind_int64(st, 4, (int64_t)t->events[i].size);
        skein__bind_time(st, 5, t->events[i].first);
        skein__bind_time(st, 6, t->events[i].last);
        rc = skein__store_step(s, st);
    }
    return rc;
}

static int write_names(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nnames; i++) {
        const skein__told_name *n = &t->names[i];
        skein__stmt *st = s->st_name;
        char *aliases = skein__told_aliases_json(n);
        if (!aliases) return SKEIN_ENOMEM;
        skein__db_bind_int64(st, 1, (int64_t)id);
        skein__bind_text(st, 2, n->name ? n->name : "");
        skein__bind_text(st, 3, skein_kind_name(n->kind));
        skein__db_bind_int64(st, 4, (int64_t)n->articles);
        skein__db_bind_int64(st, 5, (int64_t)n->mentions);
        skein__bind_text(st, 6, aliases);
        free(aliases);
        if (skein__name_bind(st, 7, n)) return SKEIN_ENOMEM;
        rc = skein__store_step(s, st);
    }
    return rc;
}

static int write_quotes(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nquotes; i++) {
        const skein__told_quote *q = &t->quotes[i];
        const skein_member *m = &t->s->members[q->member];
        skein__stmt *st = s->st_quote;
        skein__db_bind_int64(st, 1, (int64_t)id);
        skein__bind_text(st, 2, q->speaker);
        skein__bind_text(st, 3, q->text);
        skein__bind_text(st, 4, m->id);
        skein__bind_text(st, 5, skein__member_lang(m));
        skein__bind_text(st, 6, t->outlets[t->outlet_of[q->member]]);
        skein__db_bind_double(st, 7, round(q->confidence * 1000) / 1000);
        rc = skein__store_step(s, st);
    }
    return rc;
}

static int write_parts(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (int i = 0; i < 3 && !rc; i++) {
        skein__db_bind_int64(s->st_del[i], 1, (int64_t)id);
        rc = skein__store_step(s, s->st_del[i]);
    }
    if (!rc) rc = write_events(s, id, t);
    if (!rc) rc = write_names(s, id, t);
    if (!rc) rc = write_quotes(s, id, t);
    return rc;
}

/* Writes story `st`, told as `t` and printed as `report`, open or closed,
 * with its parts. */
static int write_story(skein_store *s, const skein_story *st, const skein__told *t,
                       const char *report, int open) {
    char *summary = skein__told_summary_json(t, open, 1),
         *bare = skein__told_summary_json(t, open, 0);
    char *coverage = skein__told_coverage_json(t);
    sbuf langs, body;
    skein__sbuf_init(&langs), skein__sbuf_init(&body);
    int rc =
        !summary || !bare || !coverage || !report || langs_of(t, &langs) || search_body(t, &body)
            ? skein__store_fail(s, SKEIN_ENOMEM, "writing a story")
            : SKEIN_OK;
    skein__stmt *q = s->st_story;
    skein__db_bind_int64(q, 1, (int64_t)st->id);
    skein__bind_text(q, 2, t->title ? t->title : st->title);
    skein__db_bind_int64(q, 3, (int64_t)st->size);
    skein__bind_time(q, 4, st->first_seen);
    skein__bind_time(q, 5, st->last_seen);
    skein__bind_text(q, 6, report);
    skein__db_bind_int64(q, 7, open);
    skein__bind_text(q, 8, langs.buf);
    skein__db_bind_int64(q, 9, st->last_seen == SKEIN_NO_TIME ? -INT64_MAX : st->last_seen);
    skein__bind_text(q, 10, summary);
    skein__bind_text(q, 11, coverage);
    skein__bind_text(q, 12, bare);
    skein__db_bind_int64(q, 13, skein__story_weight(t));
    if (!rc)
        rc = skein__store_step(s, q);
    else
        skein__db_reset(q), skein__db_clear_bindings(q);
    if (!rc) rc = write_parts(s, st->id, t);
    if (!rc) {
        skein__db_bind_int64(s->st_search, 1, (int64_t)st->id);
        skein__bind_text(s->st_search, 2, body.buf);
        rc = skein__store_step(s, s->st_search);
    }
    free(summary), free(bare), free(coverage);
    skein__sbuf_release(&langs), skein__sbuf_release(&body);
    return rc;
}

/* The engine closed a story and told it: write it for good. */
void skein__store_on_closed(const skein_story *st, const skein__told *t, void *ud) {
    skein_store *s = ud;
    int rc = t ? write_story(s, st, t, st->report, 0)
               : skein__store_fail(s, SKEIN_ENOMEM, "telling a story");
    if (rc && !s->rc_cb) s->rc_cb = rc;
    if (!rc && s->on_story && !s->replaying) s->on_story(st, s->on_story_ud);
}

/* An open story changed: tell it and write it.  Growth is taken at its own
 * last article (queries take it again at their time), so what is written
 * depends on the stream alone, not on where commits fell. */
void skein__store_on_changed(const skein_story *st, void *ud) {
    skein_store *s = ud;
    skein_tell_options o;
    skein_tell_options_default(&o);
    o.event_gap_hours = s->opt.event_gap_hours;
    skein__told t;
    double t0 = skein__now();
    int rc = skein__story_tell(st, &o, &t);
    char *report = rc ? NULL : skein__told_json(&t);
    s->sec_tell += skein__now() - t0;
    if (!rc) rc = report ? write_story(s, st, &t, report, 1) : SKEIN_ENOMEM;
    free(report);
    skein__told_release(&t);
    if (rc && !s->rc_cb) s->rc_cb = rc;
}
