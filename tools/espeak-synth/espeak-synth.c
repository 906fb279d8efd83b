/*
 * espeak-synth: synthesise text (or [[phoneme]] input) with libespeak-ng and
 * write a 16-bit mono WAV plus a JSON file with exact word / phoneme /
 * sentence timings taken from espeak-ng's own events (sample positions).
 *
 * Build:  gcc -O2 -Wall -o espeak-synth espeak-synth.c -lespeak-ng -lm
 *
 * Usage:  espeak-synth [options] --wav OUT.wav --json OUT.json [TEXT...]
 *   --voice NAME        espeak-ng voice, e.g. en-us, en-gb, en-gb-x-rp, en-029 (default en-us)
 *   --variant NAME      voice variant, e.g. m3, f2, f4, klatt (appended as NAME+VARIANT)
 *   --rate WPM          speaking rate in words per minute (default 175)
 *   --pitch N           base pitch 0..100 (default 50)
 *   --range N           pitch range 0..100 (default 50)
 *   --amplitude N       amplitude 0..200 (default 100)
 *   --wordgap N         extra pause between words, units of 10 ms at default rate (default 0)
 *   --text-file FILE    read the text from FILE ("-" = stdin) instead of arguments
 *   --words "w1 w2 .."  labels for the whitespace-separated input tokens (use with
 *                       [[phoneme]] input to name the intended words)
 *   --threshold-db DB   frame energy threshold for trimming silence (default -45 dBFS)
 *   --trim              cut leading/trailing silence: the output starts at the first
 *                       and ends at the last sample of the first/last active frame
 *   --lead S            after --trim (or not), prepend S seconds of digital silence
 *   --trail S           append S seconds of digital silence
 *   --ipa / --no-ipa    phoneme events as IPA (default) or as espeak mnemonics
 *
 * Text containing [[...]] is read as espeak phoneme mnemonics (espeakPHONEMES),
 * which synthesises deliberate mispronunciations.
 *
 * Word timing.  espeak-ng emits espeakEVENT_WORD at the exact output sample where
 * a word starts.  A word's region runs to the next word event, or to the end of
 * the speech.  Inside that region the word ends at the last 10 ms frame (hop
 * 10 ms, starting at the word event) whose RMS is above --threshold-db, refined
 * to the last sample whose magnitude exceeds that level.  The first word, and any
 * word that follows a trimmed gap of >= 20 ms, starts at its first active frame
 * (refined to the first sample above the level), so pauses are measured from the
 * audio on both sides.  Event text positions (1-based character offsets) are
 * mapped back to whitespace-separated input tokens; several events in one token
 * (e.g. "well-known") merge into one word.
 *
 * Syllable count = number of phoneme events that are vowel nuclei: the IPA name,
 * after dropping stress/length marks, starts with a vowel symbol (syllabic
 * consonants carrying U+0329 also count).  In mnemonic mode the first character
 * is one of "aeiouAEIOUV03@".
 */
#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ buffers */
static short *g_samples = NULL;
static size_t g_nsamples = 0, g_capsamples = 0;

typedef struct {
    int type;
    int text_position;
    int length;
    long sample;
    char str[9];
} Ev;
static Ev *g_events = NULL;
static size_t g_nevents = 0, g_capevents = 0;

static void die(const char *msg) {
    fprintf(stderr, "espeak-synth: %s\n", msg);
    exit(2);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n);
    if (!q) die("out of memory");
    return q;
}

static int synth_cb(short *wav, int numsamples, espeak_EVENT *events) {
    if (wav && numsamples > 0) {
        if (g_nsamples + (size_t)numsamples > g_capsamples) {
            while (g_nsamples + (size_t)numsamples > g_capsamples)
                g_capsamples = g_capsamples ? g_capsamples * 2 : 1 << 16;
            g_samples = xrealloc(g_samples, g_capsamples * sizeof(short));
        }
        memcpy(g_samples + g_nsamples, wav, (size_t)numsamples * sizeof(short));
        g_nsamples += (size_t)numsamples;
    }
    for (espeak_EVENT *e = events; e && e->type != espeakEVENT_LIST_TERMINATED; e++) {
        if (g_nevents == g_capevents) {
            g_capevents = g_capevents ? g_capevents * 2 : 256;
            g_events = xrealloc(g_events, g_capevents * sizeof(Ev));
        }
        Ev *d = &g_events[g_nevents++];
        d->type = e->type;
        d->text_position = e->text_position;
        d->length = e->length;
        d->sample = e->sample;
        memset(d->str, 0, sizeof d->str);
        if (e->type == espeakEVENT_PHONEME) memcpy(d->str, e->id.string, 8);
    }
    return 0;
}

/* ------------------------------------------------------------------- tokens */
typedef struct {
    long cstart, cend; /* 1-based code-point positions, inclusive start, exclusive end */
    char *raw;         /* token as typed */
    char *label;       /* word label (punctuation / [[ ]] stripped, or from --words) */
    long start, end;   /* samples; -1 when not spoken */
    long event;        /* first event sample */
    long bound;        /* sample where the word's phonemes begin (event, or split point) */
    int spoken;        /* 0 no, 1 own word event, 2 split out of a multi-word event */
} Tok;

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

static char *strip_label(const char *s) {
    size_t n = strlen(s);
    char *out = xrealloc(NULL, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '[' || c == ']') continue;
        out[k++] = (char)c;
    }
    out[k] = 0;
    /* strip leading/trailing ASCII punctuation (keep inner apostrophes / hyphens) */
    size_t a = 0, b = k;
    while (a < b && strchr(".,;:!?\"()'`-", out[a])) a++;
    while (b > a && strchr(".,;:!?\"()'`-", out[b - 1])) b--;
    memmove(out, out + a, b - a);
    out[b - a] = 0;
    return out;
}

static Tok *tokenize(const char *text, size_t *ntok) {
    Tok *t = NULL;
    size_t n = 0, cap = 0;
    long cp = 0; /* code points consumed so far */
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, len = strlen(text);
    while (i < len) {
        while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r')) {
            i++;
            cp++;
        }
        if (i >= len) break;
        size_t bs = i;
        long cs = cp + 1;
        while (i < len && !(p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r')) {
            if (!is_cont(p[i])) cp++;
            i++;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            t = xrealloc(t, cap * sizeof(Tok));
        }
        Tok *k = &t[n++];
        k->cstart = cs;
        k->cend = cp + 1;
        k->raw = xrealloc(NULL, i - bs + 1);
        memcpy(k->raw, text + bs, i - bs);
        k->raw[i - bs] = 0;
        k->label = strip_label(k->raw);
        k->start = k->end = k->event = k->bound = -1;
        k->spoken = 0;
    }
    *ntok = n;
    return t;
}

/* ----------------------------------------------------------------- energy */
static double g_thr_amp;   /* amplitude corresponding to threshold, in sample units */
static double g_thr_ms;    /* mean-square threshold */
static long g_frame;       /* samples per 10 ms */

static int frame_active(long a, long b) {
    if (b <= a) return 0;
    double s = 0;
    for (long i = a; i < b; i++) s += (double)g_samples[i] * g_samples[i];
    return s / (double)(b - a) > g_thr_ms;
}

/* last active sample+1 in [a,b), or -1 */
static long active_end(long a, long b) {
    long last_frame = -1;
    for (long f = a; f < b; f += g_frame) {
        long fe = f + g_frame < b ? f + g_frame : b;
        if (frame_active(f, fe)) last_frame = f;
    }
    if (last_frame < 0) return -1;
    long fe = last_frame + g_frame < b ? last_frame + g_frame : b;
    for (long i = fe - 1; i >= last_frame; i--)
        if (fabs((double)g_samples[i]) >= g_thr_amp) return i + 1;
    return fe;
}

/* first active sample in [a,b), or -1 */
static long active_start(long a, long b) {
    for (long f = a; f < b; f += g_frame) {
        long fe = f + g_frame < b ? f + g_frame : b;
        if (frame_active(f, fe)) {
            for (long i = f; i < fe; i++)
                if (fabs((double)g_samples[i]) >= g_thr_amp) return i;
            return f;
        }
    }
    return -1;
}

/* ------------------------------------------------------------------- output */
static void json_str(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", f);
        else if (*p == '\t') fputs("\\t", f);
        else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
        else fputc(*p, f);
    }
    fputc('"', f);
}

static void put_le(FILE *f, uint32_t v, int bytes) {
    for (int i = 0; i < bytes; i++) fputc((v >> (8 * i)) & 0xff, f);
}

static void write_wav(const char *path, const short *s, size_t n, int rate) {
    FILE *f = fopen(path, "wb");
    if (!f) die("cannot open WAV output");
    uint32_t data = (uint32_t)(n * 2);
    fwrite("RIFF", 1, 4, f);
    put_le(f, 36 + data, 4);
    fwrite("WAVEfmt ", 1, 8, f);
    put_le(f, 16, 4);
    put_le(f, 1, 2);            /* PCM */
    put_le(f, 1, 2);            /* mono */
    put_le(f, (uint32_t)rate, 4);
    put_le(f, (uint32_t)rate * 2, 4);
    put_le(f, 2, 2);
    put_le(f, 16, 2);
    fwrite("data", 1, 4, f);
    put_le(f, data, 4);
    for (size_t i = 0; i < n; i++) put_le(f, (uint16_t)s[i], 2);
    if (fclose(f) != 0) die("write error");
}

/* vowel nucleus test */
static int is_nucleus(const char *ph, int ipa) {
    if (!ipa) {
        const char *p = ph;
        while (*p == '\'' || *p == ',' || *p == '%' || *p == '=') p++;
        return *p && strchr("aeiouAEIOUV03@", *p) != NULL;
    }
    /* skip stress marks U+02C8 (CB 88), U+02CC (CB 8C) and ASCII marks */
    const unsigned char *p = (const unsigned char *)ph;
    for (;;) {
        if (p[0] == 0xCB && (p[1] == 0x88 || p[1] == 0x8C)) p += 2;
        else if (*p == '\'' || *p == ',') p++;
        else break;
    }
    if (!*p) return 0;
    if (strstr((const char *)p, "\xCC\xA9")) return 1; /* U+0329 syllabic */
    if (strchr("aeiouy", *p)) return 1;
    static const char *vowels[] = {
        "\xC9\x91", /* ɑ */ "\xC9\x90", /* ɐ */ "\xC9\x92", /* ɒ */ "\xC3\xA6", /* æ */
        "\xC9\x94", /* ɔ */ "\xC9\x99", /* ə */ "\xC9\x9A", /* ɚ */ "\xC9\x9B", /* ɛ */
        "\xC9\x9C", /* ɜ */ "\xC9\x9D", /* ɝ */ "\xC9\x9E", /* ɞ */ "\xC9\xAA", /* ɪ */
        "\xC9\xA8", /* ɨ */ "\xCA\x8A", /* ʊ */ "\xCA\x89", /* ʉ */ "\xCA\x8C", /* ʌ */
        "\xC9\xAF", /* ɯ */ "\xC9\xA4", /* ɤ */ "\xC3\xB8", /* ø */ "\xC5\x93", /* œ */
        "\xC9\xB6", /* ɶ */ "\xCA\x8F", /* ʏ */ "\xE1\xB5\xBB", /* ᵻ */ "\xE1\xB5\xBF", /* ᵿ */
        "\xC9\xB5", /* ɵ */ NULL};
    for (int i = 0; vowels[i]; i++)
        if (strncmp((const char *)p, vowels[i], strlen(vowels[i])) == 0) return 1;
    return 0;
}

static int set_voice_by_language(const char *lang, const char *variant) {
    const espeak_VOICE **list = espeak_ListVoices(NULL);
    const espeak_VOICE *best = NULL;
    int best_pri = 1000;
    for (int i = 0; list && list[i]; i++) {
        const espeak_VOICE *v = list[i];
        if (!v->identifier || !strncmp(v->identifier, "mb/", 3) || !strncmp(v->identifier, "!v/", 3)) continue;
        /* languages: sequence of (priority byte, NUL-terminated name), ends with 0 */
        for (const char *l = v->languages; l && *l; l += strlen(l + 1) + 2) {
            int pri = (unsigned char)l[0];
            if (!strcmp(l + 1, lang) && pri < best_pri) {
                best = v;
                best_pri = pri;
            }
        }
    }
    if (!best) return -1;
    /* select by the identifier's basename, which SetVoiceByName matches */
    const char *base = strrchr(best->identifier, '/');
    base = base ? base + 1 : best->identifier;
    char id[256];
    if (variant && *variant) snprintf(id, sizeof id, "%s+%s", base, variant);
    else snprintf(id, sizeof id, "%s", base);
    return espeak_SetVoiceByName(id) == EE_OK ? 0 : -1;
}

/* number of phonemes espeak-ng gives a word on its own */
static int phoneme_count(const char *word) {
    if (strstr(word, "[[")) return 0;
    const void *p = word;
    int n = 0;
    while (p) {
        const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, ('|' << 8));
        if (!ph) break;
        int in = 0;
        for (const char *c = ph; *c; c++) {
            if (*c == '|' || *c == ' ' || *c == '\'' || *c == ',') { in = 0; continue; }
            if (*c == '_') { in = 0; continue; }
            if (!in) n++;
            in = 1;
        }
    }
    return n;
}

static char *read_all(FILE *f) {
    size_t cap = 4096, n = 0;
    char *b = xrealloc(NULL, cap);
    size_t r;
    while ((r = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) b = xrealloc(b, cap *= 2);
    }
    b[n] = 0;
    return b;
}

static void usage(void) {
    fprintf(stderr,
            "usage: espeak-synth [--voice V] [--variant VAR] [--rate WPM] [--pitch N] [--range N]\n"
            "                    [--amplitude N] [--wordgap N] [--words LABELS] [--threshold-db DB]\n"
            "                    [--trim] [--lead S] [--trail S] [--ipa|--no-ipa]\n"
            "                    --wav OUT.wav --json OUT.json (TEXT... | --text-file FILE)\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *voice = "en-us", *variant = NULL, *wav_path = NULL, *json_path = NULL;
    const char *text_file = NULL, *labels = NULL;
    int rate = 175, pitch = 50, range = 50, amplitude = 100, wordgap = 0, ipa = 1, trim = 0;
    double thr_db = -45.0, lead = 0, trail = 0;
    char *text = NULL;
    size_t textcap = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEXT() (i + 1 < argc ? argv[++i] : (usage(), (char *)NULL))
        if (!strcmp(a, "--voice")) voice = NEXT();
        else if (!strcmp(a, "--variant")) variant = NEXT();
        else if (!strcmp(a, "--rate")) rate = atoi(NEXT());
        else if (!strcmp(a, "--pitch")) pitch = atoi(NEXT());
        else if (!strcmp(a, "--range")) range = atoi(NEXT());
        else if (!strcmp(a, "--amplitude")) amplitude = atoi(NEXT());
        else if (!strcmp(a, "--wordgap")) wordgap = atoi(NEXT());
        else if (!strcmp(a, "--wav")) wav_path = NEXT();
        else if (!strcmp(a, "--json")) json_path = NEXT();
        else if (!strcmp(a, "--text-file")) text_file = NEXT();
        else if (!strcmp(a, "--words")) labels = NEXT();
        else if (!strcmp(a, "--threshold-db")) thr_db = atof(NEXT());
        else if (!strcmp(a, "--trim")) trim = 1;
        else if (!strcmp(a, "--lead")) lead = atof(NEXT());
        else if (!strcmp(a, "--trail")) trail = atof(NEXT());
        else if (!strcmp(a, "--ipa")) ipa = 1;
        else if (!strcmp(a, "--no-ipa")) ipa = 0;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) usage();
        else if (a[0] == '-' && a[1] == '-' && a[2]) usage();
        else {
            size_t l = strlen(a), cur = text ? strlen(text) : 0;
            if (cur + l + 2 > textcap) text = xrealloc(text, textcap = cur + l + 2 + 64);
            if (cur) text[cur++] = ' ';
            memcpy(text + cur, a, l + 1);
        }
    }
    if (text_file) {
        FILE *f = strcmp(text_file, "-") ? fopen(text_file, "rb") : stdin;
        if (!f) die("cannot open text file");
        free(text);
        text = read_all(f);
        if (f != stdin) fclose(f);
    }
    if (!text || !*text || !wav_path || !json_path) usage();
    /* normalise line breaks/tabs to spaces (keeps code point positions) */
    for (char *p = text; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';

    int options = espeakINITIALIZE_PHONEME_EVENTS | (ipa ? espeakINITIALIZE_PHONEME_IPA : 0) |
                  espeakINITIALIZE_DONT_EXIT;
    int sr = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, options);
    if (sr <= 0) die("espeak_Initialize failed");
    espeak_SetSynthCallback(synth_cb);

    char vname[256];
    if (variant && *variant) snprintf(vname, sizeof vname, "%s+%s", voice, variant);
    else snprintf(vname, sizeof vname, "%s", voice);
    /* same order as the espeak-ng command line: by name, then by voice file; then a
       non-MBROLA voice whose language is VOICE (e.g. "en-gb" -> gmw/en, which fails
       by name when an MBROLA voice without its data claims the language) */
    if (espeak_SetVoiceByName(vname) != EE_OK && espeak_SetVoiceByFile(vname) != EE_OK &&
        set_voice_by_language(voice, variant) != 0) {
        fprintf(stderr, "espeak-synth: unknown voice '%s'\n", vname);
        return 2;
    }
    espeak_SetParameter(espeakRATE, rate, 0);
    espeak_SetParameter(espeakPITCH, pitch, 0);
    espeak_SetParameter(espeakRANGE, range, 0);
    espeak_SetParameter(espeakVOLUME, amplitude, 0);
    espeak_SetParameter(espeakWORDGAP, wordgap, 0);

    unsigned int flags = espeakCHARS_UTF8 | espeakPHONEMES;
    if (espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, NULL, NULL) != EE_OK)
        die("espeak_Synth failed");
    espeak_Synchronize();

    g_frame = sr / 100;
    g_thr_amp = pow(10.0, thr_db / 20.0) * 32768.0;
    g_thr_ms = g_thr_amp * g_thr_amp;
    long N = (long)g_nsamples;

    /* tokens and word events */
    size_t ntok;
    Tok *tok = tokenize(text, &ntok);
    if (labels) {
        size_t nl;
        Tok *lt = tokenize(labels, &nl);
        if (nl != ntok) {
            fprintf(stderr, "espeak-synth: --words has %zu labels for %zu input tokens\n", nl, ntok);
            return 2;
        }
        for (size_t i = 0; i < ntok; i++) {
            free(tok[i].label);
            tok[i].label = lt[i].raw;
        }
    }
    for (size_t e = 0; e < g_nevents; e++) {
        if (g_events[e].type != espeakEVENT_WORD) continue;
        long pos = g_events[e].text_position;
        for (size_t k = 0; k < ntok; k++) {
            if (pos >= tok[k].cstart && pos < tok[k].cend) {
                if (!tok[k].spoken) {
                    tok[k].spoken = 1;
                    tok[k].event = g_events[e].sample;
                }
                break;
            }
        }
    }
    /* speech extent */
    long sp_start = active_start(0, N), sp_end = active_end(0, N);
    if (sp_start < 0) sp_start = sp_end = 0;

    /* spoken tokens in event order */
    size_t nw = 0;
    size_t *wi = xrealloc(NULL, (ntok + 1) * sizeof(size_t));
    for (size_t k = 0; k < ntok; k++)
        if (tok[k].spoken) wi[nw++] = k;
    long prev_end = -1;
    for (size_t j = 0; j < nw; j++) {
        Tok *t = &tok[wi[j]];
        long a = t->event < 0 ? 0 : t->event;
        long lim = (j + 1 < nw) ? tok[wi[j + 1]].event : sp_end;
        if (lim < a) lim = a;
        long st = a;
        if (j == 0 || (prev_end >= 0 && a - prev_end >= sr / 50)) {
            long s2 = active_start(a, lim);
            if (s2 >= 0) st = s2;
        }
        if (st < sp_start) st = sp_start;
        long en = active_end(st, lim);
        if (en < 0) en = lim > st ? lim : st;
        t->start = st;
        t->end = en;
        t->bound = a;
        prev_end = en;
    }
    /* espeak-ng speaks some word pairs as one dictionary entry ("in the" -> InDI2) and
       emits one word event for both.  Split such groups at phoneme boundaries, using
       each token's own phoneme count (espeak_TextToPhonemes of the token alone);
       if the counts do not add up, split in proportion to them. */
    for (size_t j = 0; j < nw; j++) {
        size_t k = wi[j], k2 = (j + 1 < nw) ? wi[j + 1] : ntok;
        size_t m = 0;
        for (size_t q = k + 1; q < k2; q++)
            if (tok[q].label[0]) m++;
        if (m == 0) continue;
        long lim = (j + 1 < nw) ? tok[wi[j + 1]].event : sp_end;
        long ph[512];
        int nph = 0;
        for (size_t e = 0; e < g_nevents && nph < 512; e++) {
            Ev *ev = &g_events[e];
            if (ev->type != espeakEVENT_PHONEME || ev->sample < tok[k].bound || ev->sample >= lim) continue;
            if (!ev->str[0] || ev->str[0] == '_') continue;
            ph[nph++] = ev->sample;
        }
        size_t grp[64];
        int cnt[64], total = 0, ng = 0;
        for (size_t q = k; q < k2 && ng < 64; q++) {
            if (q != k && !tok[q].label[0]) continue;
            grp[ng] = q;
            cnt[ng] = phoneme_count(tok[q].label);
            total += cnt[ng];
            ng++;
        }
        if (nph < ng || total <= 0) continue;
        int cum = 0;
        for (int g = 1; g < ng; g++) {
            cum += cnt[g - 1];
            int idx = (total == nph) ? cum : (int)lround((double)nph * cum / total);
            if (idx < g) idx = g;
            if (idx > nph - (ng - g)) idx = nph - (ng - g);
            Tok *t = &tok[grp[g]];
            t->spoken = 2;
            t->bound = t->start = ph[idx];
            t->event = tok[k].event;
        }
        long group_end = tok[k].end;
        for (int g = 0; g < ng; g++) {
            Tok *t = &tok[grp[g]];
            t->end = (g + 1 < ng) ? tok[grp[g + 1]].start : group_end;
        }
    }
    nw = 0;
    for (size_t k = 0; k < ntok; k++)
        if (tok[k].spoken) wi[nw++] = k;

    /* trimming / padding */
    long cut0 = 0, cut1 = N;
    if (trim) {
        cut0 = sp_start;
        cut1 = sp_end;
    }
    long padl = lround(lead * sr), padt = lround(trail * sr);
    long shift = padl - cut0;
    size_t outn = (size_t)(padl + (cut1 - cut0) + padt);
    short *out = xrealloc(NULL, (outn ? outn : 1) * sizeof(short));
    memset(out, 0, outn * sizeof(short));
    memcpy(out + padl, g_samples + cut0, (size_t)(cut1 - cut0) * sizeof(short));
    write_wav(wav_path, out, outn, sr);

    /* JSON */
    FILE *f = fopen(json_path, "wb");
    if (!f) die("cannot open JSON output");
    double dsr = (double)sr;
#define T(x) ((double)((x) + shift) / dsr)
    fprintf(f, "{\n  \"tool\": \"espeak-synth\",\n  \"espeak_ng_version\": ");
    const char *path_data = NULL;
    json_str(f, espeak_Info(&path_data));
    fprintf(f, ",\n  \"text\": ");
    json_str(f, text);
    fprintf(f, ",\n  \"phoneme_input\": %s", strstr(text, "[[") ? "true" : "false");
    fprintf(f, ",\n  \"voice\": ");
    json_str(f, vname);
    espeak_VOICE *cv = espeak_GetCurrentVoice();
    fprintf(f, ",\n  \"voice_name\": ");
    json_str(f, cv && cv->name ? cv->name : "");
    fprintf(f, ",\n  \"voice_identifier\": ");
    json_str(f, cv && cv->identifier ? cv->identifier : "");
    fprintf(f, ",\n  \"rate_wpm\": %d,\n  \"pitch\": %d,\n  \"pitch_range\": %d,\n  \"amplitude\": %d,\n  \"wordgap\": %d", rate,
            pitch, range, amplitude, wordgap);
    fprintf(f, ",\n  \"sample_rate_hz\": %d,\n  \"channels\": 1,\n  \"samples\": %zu,\n  \"duration_s\": %.6f", sr,
            outn, outn / dsr);
    fprintf(f, ",\n  \"threshold_dbfs\": %.1f,\n  \"trimmed\": %s", thr_db, trim ? "true" : "false");
    double sps = (sp_end > sp_start) ? T(sp_start) : padl / dsr;
    double spe = (sp_end > sp_start) ? T(sp_end) : padl / dsr;
    fprintf(f, ",\n  \"speech_start_s\": %.6f,\n  \"speech_end_s\": %.6f", sps, spe);
    fprintf(f, ",\n  \"leading_silence_s\": %.6f,\n  \"trailing_silence_s\": %.6f", sps, outn / dsr - spe);
    fprintf(f, ",\n  \"words\": [");
    for (size_t j = 0; j < nw; j++) {
        Tok *t = &tok[wi[j]];
        fprintf(f, "%s\n    {\"word\": ", j ? "," : "");
        json_str(f, t->label);
        fprintf(f, ", \"token\": ");
        json_str(f, t->raw);
        fprintf(f, ", \"token_index\": %zu, \"start_s\": %.6f, \"end_s\": %.6f, \"event_s\": %.6f, \"timing\": \"%s\"}",
                wi[j], T(t->start), T(t->end), T(t->event), t->spoken == 2 ? "split" : "event");
    }
    fprintf(f, "\n  ],\n  \"unspoken_tokens\": [");
    int first = 1;
    for (size_t k = 0; k < ntok; k++)
        if (!tok[k].spoken) {
            fprintf(f, "%s", first ? "" : ", ");
            json_str(f, tok[k].raw);
            first = 0;
        }
    fprintf(f, "],\n  \"phonemes\": [");
    int nph = 0, nsyl = 0;
    for (size_t e = 0; e < g_nevents; e++) {
        Ev *ev = &g_events[e];
        if (ev->type != espeakEVENT_PHONEME) continue;
        int nuc = is_nucleus(ev->str, ipa);
        nsyl += nuc;
        /* which word does it belong to (by sample position) */
        long widx = -1;
        for (size_t j = 0; j < nw; j++)
            if (tok[wi[j]].bound <= ev->sample) widx = (long)j;
        fprintf(f, "%s\n    {\"phoneme\": ", nph ? "," : "");
        json_str(f, ev->str[0] ? ev->str : "_"); /* IPA names of pauses are empty */
        fprintf(f, ", \"start_s\": %.6f, \"word_index\": %ld, \"nucleus\": %s}", T(ev->sample), widx,
                nuc ? "true" : "false");
        nph++;
    }
    fprintf(f, "\n  ],\n  \"phoneme_alphabet\": \"%s\",\n  \"syllable_count\": %d,\n  \"sentences\": [", ipa ? "ipa" : "espeak",
            nsyl);
    first = 1;
    for (size_t e = 0; e < g_nevents; e++) {
        Ev *ev = &g_events[e];
        if (ev->type != espeakEVENT_SENTENCE && ev->type != espeakEVENT_END) continue;
        fprintf(f, "%s\n    {\"event\": \"%s\", \"t_s\": %.6f, \"text_position\": %d}", first ? "" : ",",
                ev->type == espeakEVENT_SENTENCE ? "sentence_start" : "clause_end", T(ev->sample), ev->text_position);
        first = 0;
    }
    fprintf(f, "\n  ]\n}\n");
    if (fclose(f) != 0) die("write error");
    espeak_Terminate();
    return 0;
}
