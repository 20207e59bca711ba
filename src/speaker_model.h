/* speaker_model.h -- the trained speaker model (speaker_model.c, written by
 * scripts/train_speaker.c; used by extract_speakers.c). */
#ifndef SKEIN_SPEAKER_MODEL_H
#define SKEIN_SPEAKER_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* The layout of features the model was trained on (skein__speaker_layout),
 * their number, one weight each, and the probability a speaker needs. */
extern const uint64_t skein__speaker_model_layout;
extern const size_t skein__speaker_model_nfeatures;
extern const float skein__speaker_model_weights[];
extern const float skein__speaker_model_threshold;

/* The layout of the features this build computes. */
uint64_t skein__speaker_layout(void);

#endif
