/* quote_match.h -- when a found quote is a gold one, and its speaker the
 * gold speaker: for `skein eval --quotes` and the speaker model's trainer.
 *
 *   - text: equal once both are cut to letters and digits (case folded for
 *     ASCII), or one holds the other and is at least 80% of its length;
 *   - speaker: both unknown, or both known and their last words (a
 *     generational suffix, "Jr." or "III", left out) agree, ASCII
 *     case aside and apostrophes made straight (a transcript's "PENCE:",
 *     O'Donnell and O’Donnell), on all but the last two letters for
 *     inflected names (Кравцова, Кравцов). */
#ifndef SKEIN_QUOTE_MATCH_H
#define SKEIN_QUOTE_MATCH_H

int quote_text_match(const char *gold, const char *found);
int quote_speaker_match(const char *gold, const char *found); /* either may be NULL */

#endif
