#!/usr/bin/env python3
"""Learners that are not espeak-ng: the eighth and ninth sets' sentences read by Flite's voices (Debian flite: kal16,
a diphone voice cut from one American speaker's recordings, and awb, rms and slt, statistical parametric voices
trained on CMU ARCTIC's Scottish male, American male and American female speakers), against the eighth and ninth
sets' espeak-ng references (m1, f2, m3, with their word timings). Every model here was fitted on espeak-ng speech
only: this asks what the omission decision and the false alarms do on voices from recordings of people.

Per sentence and voice: one correct reading and one with a word left out of the text (an omission; each word of the
sentence as likely, seeded per sentence and voice), at a duration stretch of 0.85-1.2 (seeded). Flite is given
text only, so there are no mispronunciations and the readings say the words as Flite's lexicon does; no
insertions either (the learner's word timings, which insertion scoring needs, are not known). The truth is exact:
the omitted word is not in the text Flite read.

With --fit: the 48 fit-only sentences of --fit2 instead, against --fit2's references, every item a fit item (for
fitting on voices that are not espeak-ng; the test readings' sentences stay unheard).

Usage: make-flite-set.py OUTDIR [--fit]   (needs bench/data/pronunciation-set8 and -set9, or with --fit
        bench/data/pronunciation-fit2; writes OUTDIR/manifest.json in make-set.py's item format, split "test" or
        "fit", kinds "correct" and "errors")
"""
import json, os, random, re, subprocess, sys

from evaluation import sentences_with_references

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VOICES = ["kal16", "awb", "rms", "slt"]
SETS = [("pronunciation-set8", "sentences-set8.txt", "a", "s"), ("pronunciation-set9", "sentences-set9.txt", "b", "s")]
FIT_SETS = [("pronunciation-fit2", "sentences-fit2.txt", "c", "x")]


def words_of(sentence):
    return re.findall(r"[A-Za-z']+", sentence)


def main():
    out, fit = sys.argv[1], "--fit" in sys.argv[2:]
    split = "fit" if fit else "test"
    os.makedirs(out, exist_ok=True)
    items = []
    for data, sentence_file, prefix, sentence_prefix in FIT_SETS if fit else SETS:
        for sid, sentence, words, references in sentences_with_references(data, sentence_file, sentence_prefix):
            for voice in VOICES:
                rng = random.Random(f"{prefix}{sid}-{voice}")
                for kind in ("correct", "errors"):
                    omitted = rng.randrange(len(words)) if kind == "errors" else None
                    said = [w for k, w in enumerate(words_of(sentence)) if k != omitted]
                    stretch = round(rng.uniform(0.85, 1.2), 3)
                    item_id = f"{prefix}{sid}-{voice}-{kind}"
                    raw, wav = os.path.join(out, item_id + ".raw.wav"), os.path.join(out, item_id + ".wav")
                    subprocess.run(["flite", "-voice", voice, "--setf", f"duration_stretch={stretch}",
                                    "-t", " ".join(said) + ".", "-o", raw], check=True)
                    subprocess.run(["sox", "-R", raw, "-r", "16000", "-c", "1", wav, "pad", "0.3", "0.3"], check=True)
                    os.remove(raw)
                    truth = [{"word": w, "status": "omitted" if k == omitted else "ok"} for k, w in enumerate(words)]
                    items.append({"id": item_id, "split": split, "sentence": prefix + sid, "voice": voice, "kind": kind,
                                  "group": f"{prefix}{sid}-{voice}", "learner": os.path.relpath(wav, ROOT),
                                  "references": references, "duration_stretch": stretch, "errors": int(kind == "errors"),
                                  "words": truth})
        print(f"{data}: {len(items)} items so far", file=sys.stderr)
    json.dump({"reference_voices": ["m1", "f2", "m3"], "fit_voices": [], "test_voices": VOICES, "items": items},
              open(os.path.join(out, "manifest.json"), "w"), indent=1)
    print(f"{len(items)} learner items in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
