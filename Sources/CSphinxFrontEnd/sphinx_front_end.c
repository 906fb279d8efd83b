#include <string.h>
#include <sphinxbase/fe.h>
#include <sphinxbase/cmd_ln.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/err.h>
#include "sphinx_front_end.h"

static const arg_t front_end_arguments[] = { waveform_to_cepstral_command_line_macro(), { NULL, 0, NULL, NULL } };

struct speakwell_sphinx_front_end { fe_t *fe; };

speakwell_sphinx_front_end *speakwell_sphinx_front_end_create(void) {
    // pocketsphinx-en-us's feat.params; the rest are libsphinxbase's defaults (pre-emphasis 0.97, 25.6 ms
    // Hamming window, 512-point FFT, 100 frames/s, noise removal on), as PocketSphinx decodes with them.
    char const *argv[] = {
        "-samprate", "16000", "-lowerf", "130", "-upperf", "6800", "-nfilt", "25", "-transform", "dct",
        "-lifter", "22", "-ncep", "13", "-dither", "no", "-remove_silence", "no",
    };
    err_set_logfp(NULL);
    cmd_ln_t *config = cmd_ln_parse_r(NULL, front_end_arguments, sizeof argv / sizeof argv[0], (char **)argv, FALSE);
    if (config == NULL) return NULL;
    fe_t *fe = fe_init_auto_r(config);
    cmd_ln_free_r(config);
    if (fe == NULL) return NULL;
    speakwell_sphinx_front_end *front_end = calloc(1, sizeof *front_end);
    front_end->fe = fe;
    return front_end;
}

void speakwell_sphinx_front_end_free(speakwell_sphinx_front_end *front_end) {
    if (front_end == NULL) return;
    fe_free(front_end->fe);
    free(front_end);
}

int32_t speakwell_sphinx_frame_capacity(size_t count) { return (int32_t)(count / 160 + 2); }

int32_t speakwell_sphinx_cepstra(speakwell_sphinx_front_end *front_end, const int16_t *samples, size_t count,
                                 float *out, int32_t capacity) {
    if (capacity < 1) return -1;
    // fe_start_utt keeps the noise estimate of every earlier utterance (spectral subtraction, -remove_noise):
    // without a new stream a recording's features would depend on what this front end heard before.
    fe_start_stream(front_end->fe);
    if (fe_start_utt(front_end->fe) < 0) return -1;
    mfcc_t **rows = (mfcc_t **)ckd_calloc_2d(capacity + 1, 13, sizeof(mfcc_t));
    int16 const *cursor = samples;
    size_t left = count;
    int32 frames = capacity;
    if (fe_process_frames(front_end->fe, &cursor, &left, rows, &frames, NULL) < 0) { ckd_free_2d(rows); return -1; }
    int32 last = 0;
    if (frames < capacity + 1) fe_end_utt(front_end->fe, rows[frames], &last);
    int32 total = frames + last > capacity ? capacity : frames + last;
    for (int32 i = 0; i < total; ++i) memcpy(out + 13 * i, rows[i], 13 * sizeof(float));
    ckd_free_2d(rows);
    return total;
}
