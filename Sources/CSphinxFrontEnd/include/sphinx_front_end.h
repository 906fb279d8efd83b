#ifndef SPEAKWELL_SPHINX_FRONT_END_H
#define SPEAKWELL_SPHINX_FRONT_END_H
#include <stddef.h>
#include <stdint.h>

/// CMU Sphinx's MFCC front end (libsphinxbase), configured as PocketSphinx's en-us acoustic model was trained
/// (its feat.params), without silence removal, so that frame k covers samples [160 k, 160 k + 410).
typedef struct speakwell_sphinx_front_end speakwell_sphinx_front_end;

/// NULL when libsphinxbase refuses the configuration.
speakwell_sphinx_front_end *speakwell_sphinx_front_end_create(void);
void speakwell_sphinx_front_end_free(speakwell_sphinx_front_end *front_end);

/// Number of 13-coefficient frames `count` samples give (a bound for the output of ..._cepstra).
int32_t speakwell_sphinx_frame_capacity(size_t count);

/// Cepstra of 16 kHz samples into `out` (row-major, 13 per frame, at most `capacity` frames); returns the
/// number of frames written, or -1 on failure.
int32_t speakwell_sphinx_cepstra(speakwell_sphinx_front_end *front_end, const int16_t *samples, size_t count,
                                 float *out, int32_t capacity);
#endif
