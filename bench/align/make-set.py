#!/usr/bin/env python3
"""Builds the alignment benchmark set (deterministic; output in bench/data/align/).

Every item is a sentence of bench/pronunciation/sentences.txt synthesised by tools/espeak-synth (libespeak-ng),
whose word times come from espeak-ng's own word events: the truth is exact by construction.
Splits:
  tune  voices the aligner's settings were chosen on (en-us+m2, en-gb-x-gbclan+f1), and 10 dB SNR copies;
  test  voices the aligner never saw while it was tuned (en-gb-x-rp+m3, en-029+f4, en-us+klatt,
        en-gb-scotland), rates 130-220 wpm, base pitch 35-65, 0.1-0.8 s lead/trail silence, every third
        item with extra pauses between words (--wordgap), and a copy of each at 10 dB SNR (white or pink).
Usage: make-set.py [--out DIR]
"""
import argparse, importlib.util, json, os, random, shutil, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TUNE_VOICES = [("en-us", "m2"), ("en-gb-x-gbclan", "f1")]
TEST_VOICES = [("en-gb-x-rp", "m3"), ("en-029", "f4"), ("en-us", "klatt"), ("en-gb-scotland", None)]


def _pronunciation_set():
    spec = importlib.util.spec_from_file_location("pronunciation_make_set", os.path.join(HERE, "..", "pronunciation", "make-set.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_noise(src, dst, snr_db, colour, rng):
    """A copy of src at dst with the pronunciation set's noise (same draws from rng, same scaling)."""
    shutil.copyfile(src, dst)
    _pronunciation_set().add_noise(dst, snr_db, colour, rng)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "bench/data/align"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    synth = subprocess.run([os.path.join(ROOT, "tools/espeak-synth/build"), os.path.join(args.out, "bin")],
                           check=True, capture_output=True, text=True).stdout.strip()
    with open(os.path.join(ROOT, "bench/pronunciation/sentences.txt")) as f:
        sentences = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    rng = random.Random(20261123)
    items = []
    for split, voices, per_sentence in (("tune", TUNE_VOICES, 1), ("test", TEST_VOICES, 2)):
        for i, text in enumerate(sentences):
            for k in range(per_sentence):
                voice, variant = voices[(i * per_sentence + k) % len(voices)]
                rate, pitch = rng.randint(130, 220), rng.randint(35, 65)
                lead, trail = rng.uniform(0.1, 0.8), rng.uniform(0.1, 0.8)
                gap = rng.choice([4, 8, 15]) if (i + k) % 3 == 0 else 0
                name = f"{split}-s{i:02d}-{voice}{'+' + variant if variant else ''}-{rate}"
                wav, js = os.path.join(args.out, name + ".wav"), os.path.join(args.out, name + ".json")
                cmd = [synth, "--voice", voice, "--rate", str(rate), "--pitch", str(pitch), "--wordgap", str(gap),
                       "--trim", "--lead", f"{lead:.3f}", "--trail", f"{trail:.3f}", "--wav", wav, "--json", js, text]
                if variant:
                    cmd[1:1] = ["--variant", variant]
                subprocess.run(cmd, check=True, capture_output=True)
                with open(js) as f:
                    truth = json.load(f)
                words = [{"word": w["word"], "start_s": w["start_s"], "end_s": w["end_s"]} for w in truth["words"]]
                base = {"split": split, "text": text, "voice": f"{voice}{'+' + variant if variant else ''}",
                        "rate_wpm": rate, "wordgap": gap, "words": words}
                items.append(dict(base, id=name, wav=wav, noise=None))
                if split == "tune":
                    # Noisy tune copies draw from their own generator, so the test set stays as it was.
                    tune_rng = random.Random(7000 + i)
                    noisy = os.path.join(args.out, name + ".snr10.wav")
                    add_noise(wav, noisy, 10.0, tune_rng.choice(["white", "pink"]), tune_rng)
                    items.append(dict(base, id=name + ".snr10", wav=noisy, noise=[10.0, "tune"]))
                if split == "test":
                    snr, colour = 10.0, rng.choice(["white", "pink"])
                    noisy = os.path.join(args.out, name + ".snr10.wav")
                    add_noise(wav, noisy, snr, colour, rng)
                    items.append(dict(base, id=name + ".snr10", wav=noisy, noise=[snr, colour]))
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump({"items": items}, f, indent=1)
    print(f"{len(items)} items in {args.out}")


if __name__ == "__main__":
    main()
