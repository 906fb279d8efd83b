#!/usr/bin/env python3
"""Writes the small pronunciation fixture set committed in AudioFixtures/pronunciation/ (deterministic).

  ref-m1.wav / ref-f2.wav (+ .words.json sidecars, + .f0.json from Praat): the model sentence by two voices.
  learner-correct.wav: another voice (m5, 190 wpm) saying it correctly.
  learner-errors.wav: the same voice at 150 wpm with "thin" -> "tin" (/th/->/t/), "ships" -> "ship" (final
  consonant deletion) and "about" omitted.
Each learner has NAME.truth.json with per-word status and learner times (from espeak-ng word events).
A teacher with another accent (--accent writes only these): ACCENT_SENTENCE read in espeak-ng's Received Pronunciation
(en-gb-x-rp: r-less, /əʊ/) by ref-rp-m1.wav / ref-rp-f2.wav and, correctly, by learner-rp-correct.wav (m5, 190 wpm,
the same accent), while the scorer asks espeak-ng for en-us phonemes.
Usage: bench/pronunciation/make-fixtures.py [--accent]  (needs espeak-ng, sox, and the bench venv for parselmouth)
"""
import json, os, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib
ms = importlib.import_module("make-set".replace("-", "_")) if False else None
import runpy
mod = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-set.py"), run_name="make_set")
ROOT = mod["ROOT"]
OUT = os.path.join(ROOT, "AudioFixtures", "pronunciation")
SENTENCE = "The thin man thought about the three big ships."
ACCENT_SENTENCE = "Her brother parked the car near the old water tower."


class Args:
    synth = None


def say(synth, language, voice, rate, pitch, lead, words, toks, tmp, base):
    """One reading by phoneme input; writes BASE.wav and BASE.f0.json, returns espeak-ng's word events."""
    subprocess.run([synth, "--voice", language, "--variant", voice, "--rate", str(rate), "--pitch", str(pitch),
                    "--words", " ".join(words), "--trim", "--lead", str(lead), "--trail", "0.3" if lead == 0.3 else "0.4",
                    "--wav", tmp, "--json", tmp + ".json", " ".join(f"[[{t}]]" for t in toks)], check=True, capture_output=True)
    meta = json.load(open(tmp + ".json"))
    mod["sox"](tmp, base + ".wav", [])
    json.dump(mod["f0_track"](base + ".wav"), open(base + ".f0.json", "w"))
    return [{"word": w["word"], "start_s": round(w["start_s"], 4), "end_s": round(w["end_s"], 4)} for w in meta["words"]]


def accent(synth, tmp):
    mod["word_phonemes"].__globals__["LANGUAGE"] = "en-gb-x-rp"
    words, toks = mod["word_phonemes"](ACCENT_SENTENCE)
    for voice in ["m1", "f2"]:
        timed = say(synth, "en-gb-x-rp", voice, 165, 50, 0.3, words, toks, tmp, os.path.join(OUT, f"ref-rp-{voice}"))
        json.dump(timed, open(os.path.join(OUT, f"ref-rp-{voice}.words.json"), "w"))
    timed = say(synth, "en-gb-x-rp", "m5", 190, 40, 0.5, words, toks, tmp, os.path.join(OUT, "learner-rp-correct"))
    json.dump({"text": ACCENT_SENTENCE, "voice": "en-gb-x-rp+m5", "rate_wpm": 190,
               "words": [dict(w, status="ok") for w in timed], "references": ["ref-rp-m1.wav", "ref-rp-f2.wav"]},
              open(os.path.join(OUT, "learner-rp-correct.truth.json"), "w"), indent=1)
    mod["word_phonemes"].__globals__["LANGUAGE"] = "en-us"


def main():
    os.makedirs(OUT, exist_ok=True)
    args = Args()
    args.synth = os.path.join(OUT, ".espeak-synth")
    subprocess.run(["gcc", "-O2", "-Wall", "-o", args.synth, os.path.join(ROOT, "tools/espeak-synth/espeak-synth.c"),
                    "-lespeak-ng", "-lm"], check=True)
    tmp = os.path.join(OUT, ".tmp.wav")
    accent(args.synth, tmp)
    if "--accent" in sys.argv[1:]:
        for p in [tmp, tmp + ".json", args.synth]:
            os.remove(p)
        print("wrote the accent fixtures in", OUT)
        return
    words, toks = mod["word_phonemes"](SENTENCE)
    for voice in ["m1", "f2"]:
        base = os.path.join(OUT, f"ref-{voice}")
        meta = mod["synth"](args, voice, 165, 50, toks, words, tmp, "/dev/null", 0.3, 0.3) if False else None
        subprocess.run([args.synth, "--voice", "en-us", "--variant", voice, "--rate", "165", "--words", " ".join(words),
                        "--trim", "--lead", "0.3", "--trail", "0.3", "--wav", tmp, "--json", tmp + ".json",
                        " ".join(f"[[{t}]]" for t in toks)], check=True, capture_output=True)
        meta = json.load(open(tmp + ".json"))
        mod["sox"](tmp, base + ".wav", [])
        json.dump([{"word": w["word"], "start_s": round(w["start_s"], 4), "end_s": round(w["end_s"], 4)} for w in meta["words"]],
                  open(base + ".words.json", "w"))
        json.dump(mod["f0_track"](base + ".wav"), open(base + ".f0.json", "w"))
    plans = {
        "learner-correct": (190, {}, set()),
        "learner-errors": (150, {"thin": "t'In", "ships": "S'Ip"}, {"about"}),
    }
    for name, (rate, subs, omit) in plans.items():
        tokens, labels, truth = [], [], []
        for w, t in zip(words, toks):
            if w in omit:
                truth.append({"word": w, "status": "omitted", "start_s": None, "end_s": None}); continue
            tokens.append(subs.get(w, t)); labels.append(w)
            truth.append({"word": w, "status": "mispronounced" if w in subs else "ok"})
        subprocess.run([args.synth, "--voice", "en-us", "--variant", "m5", "--rate", str(rate), "--pitch", "40",
                        "--words", " ".join(labels), "--trim", "--lead", "0.5", "--trail", "0.4", "--wav", tmp,
                        "--json", tmp + ".json", " ".join(f"[[{t}]]" for t in tokens)], check=True, capture_output=True)
        meta = json.load(open(tmp + ".json"))
        base = os.path.join(OUT, name)
        mod["sox"](tmp, base + ".wav", [])
        spoken = iter(meta["words"])
        for t in truth:
            if t["status"] != "omitted":
                w = next(spoken); t["start_s"] = round(w["start_s"], 4); t["end_s"] = round(w["end_s"], 4)
        json.dump({"text": SENTENCE, "voice": "en-us+m5", "rate_wpm": rate, "words": truth,
                   "references": ["ref-m1.wav", "ref-f2.wav"]}, open(base + ".truth.json", "w"), indent=1)
        json.dump(mod["f0_track"](base + ".wav"), open(base + ".f0.json", "w"))
    for p in [tmp, tmp + ".json", args.synth]:
        os.remove(p)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
