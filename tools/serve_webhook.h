/* serve_webhook.h -- `skein serve --webhook URL`: JSON events POSTed when a
 * story is created or its growth crosses a threshold, signed, from a
 * thread of their own (serve_webhook.c). */
#ifndef SKEIN_SERVE_WEBHOOK_H
#define SKEIN_SERVE_WEBHOOK_H

#include "serve_routes.h"

#include <getopt.h>
#include <stddef.h>

#define WEBHOOK_MAX_URLS 8
#define WEBHOOK_ATTEMPTS 6 /* tries of one event to one address: 1, 2, 4, 8, 16 s apart */

/* The options (getopt_long values; cmd_serve.c takes them). */
enum { WH_URL = 340, WH_SECRET_FILE, WH_GROWTH };
#define WEBHOOK_LONG_OPTIONS                                                                       \
    {"webhook", required_argument, 0, WH_URL},                                                     \
        {"webhook-secret-file", required_argument, 0, WH_SECRET_FILE}, {                           \
        "webhook-growth", required_argument, 0, WH_GROWTH                                          \
    }

typedef struct webhook_opts {
    const char *urls[WEBHOOK_MAX_URLS];
    size_t n;
    const char *secret_file; /* NULL: sign with the server's token */
    double growth;           /* story.growing when a story's growth reaches it; 0: never */
} webhook_opts;

/* One option (a WH_* value and its argument): 0, or -1 with the fault
 * printed. */
int webhook_option(webhook_opts *o, int ch, const char *arg);

typedef struct webhook webhook;

/* Starts the thread that sends o's events for server `sv` (kept; it must
 * outlive the webhook): NULL with the cause on stderr when there is no key
 * to sign with or the thread cannot start.  Events are sent only while sv
 * is the store's writer. */
webhook *webhook_start(const webhook_opts *o, server *sv);

/* Has the thread look at the store now rather than at its next tick (after
 * a commit, say).  Accepts NULL; never blocks on the network. */
void webhook_notify(webhook *w);

/* Stops the thread (an attempt under way is cut short; events not yet
 * delivered are dropped) and frees.  Accepts NULL. */
void webhook_stop(webhook *w);

#endif
