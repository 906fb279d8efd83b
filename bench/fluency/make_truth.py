"""Builds the fluency truth set: espeak-ng passages with pauses, short gaps and filled pauses of known
position, in clean, noisy (20/10/5 dB SNR), reverberant and quiet (-30 dB) copies.

How the truth is known by construction:
- each chunk of text (a sentence, or part of one) is synthesised on its own by tools/espeak-synth with
  `--trim`, so it starts and ends at its first/last sample above -45 dBFS; punctuation is dropped, so
  espeak-ng adds no pauses of its own inside a chunk (checked below: any silence >= 150 ms inside a chunk
  is reported, and one >= 250 ms would be added to the truth);
- chunks are joined with silences drawn by the script: none, short gaps of 150-220 ms (must NOT count as
  pauses), pauses of 0.3-1 s and long pauses of 1-2.5 s, inside and between sentences;
- filled pauses are espeak-ng phoneme input ("uh" = [[V:]] or [[@:]], "um" = [[Vm]] or [[@m]]) with a
  nearly flat pitch (--range 8), time-stretched by sox `tempo` to 0.35-0.8 s;
- the syllable count is the number of vowel nuclei among the phonemes espeak-ng actually synthesised
  (espeak-synth's phoneme events), summed over chunks; filled pauses are not syllables;
- SNR is speech power (over the word intervals) to noise power; noise is white or pink (alternating).

Usage: make_truth.py OUTDIR [--fixtures]   (--fixtures: the small AudioFixtures/fluency subset)
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RATE = 16000

VOICES = [("en-us", None, 175), ("en", None, 150), ("en-gb-x-rp", "f2", 200), ("en-029", None, 130),
          ("en-gb-scotland", "m3", 230), ("en-us", "f4", 160), ("en", "klatt", 185), ("en-us", "m3", 140),
          ("en-gb-x-rp", None, 210), ("en-us", "f2", 120), ("en-029", "f2", 170), ("en", "f4", 190)]
FILLERS = [("uh", "[[V:]]"), ("uh", "[[@:]]"), ("um", "[[Vm]]"), ("um", "[[@m]]")]


def build_tool(work):
    tool = os.path.join(work, "espeak-synth")
    source = os.path.join(ROOT, "tools", "espeak-synth", "espeak-synth.c")
    if not os.path.exists(tool) or os.path.getmtime(tool) < os.path.getmtime(source):
        subprocess.run(["gcc", "-O2", "-o", tool, source, "-lespeak-ng", "-lm"], check=True)
    return tool


def synth(tool, work, text, voice, variant, rate, extra=()):
    wav, js, wav16 = (os.path.join(work, n) for n in ("c.wav", "c.json", "c16.wav"))
    cmd = [tool, "--voice", voice, "--rate", str(rate), "--trim", "--wav", wav, "--json", js, *extra]
    if variant:
        cmd += ["--variant", variant]
    subprocess.run(cmd + [text], check=True, capture_output=True)
    subprocess.run(["sox", "-V1", "-R", wav, "-r", str(RATE), "-e", "floating-point", "-b", "32", wav16, "rate", "-v"], check=True)
    audio, _ = sf.read(wav16, dtype="float32")
    return audio, json.load(open(js))


def stretch(work, audio, seconds):
    src, dst = os.path.join(work, "s.wav"), os.path.join(work, "t.wav")
    sf.write(src, audio, RATE, subtype="FLOAT")
    factor = (len(audio) / RATE) / seconds
    subprocess.run(["sox", "-V1", "-R", src, dst, "tempo", "-s", f"{factor:.4f}"], check=True)
    out, _ = sf.read(dst, dtype="float32")
    # tempo leaves a little low-level fade at the ends; trim to the same -45 dBFS rule as espeak-synth.
    return trim(out)


def frame_db(audio):
    n = len(audio) // 160
    frames = audio[: n * 160].reshape(n, 160)
    return 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-20)


def trim(audio, threshold_db=-45.0):
    above = np.nonzero(np.abs(audio) > 10 ** (threshold_db / 20))[0]
    return audio[above[0]: above[-1] + 1] if len(above) else audio[:0]


def longest_internal_silence(audio):
    quiet = frame_db(audio) < -45
    best = run = 0
    for q in quiet:
        run = run + 1 if q else 0
        best = max(best, run)
    return best * 0.01


def gap(rng, kind):
    if kind == "none":
        return 0.0
    if kind == "short":
        return rng.uniform(0.15, 0.22)
    if kind == "pause":
        return rng.uniform(0.30, 1.0)
    return rng.uniform(1.0, 2.5)


def make_passage(tool, work, rng, sentences, index, target_seconds, filler_rate=0.12):
    voice, variant, rate = VOICES[index % len(VOICES)]
    pieces = []          # (kind, audio, info)
    total = 0.0
    order = sentences[:]
    rng.shuffle(order)
    for sentence in order:
        words = [w.strip(".,;:!?\"") for w in sentence.split()]
        words = [w for w in words if w]
        cuts = sorted(rng.sample(range(2, len(words) - 1), k=min(rng.choice([0, 1, 1, 2]), max(0, len(words) - 4))))
        bounds = [0] + cuts + [len(words)]
        for c in range(len(bounds) - 1):
            chunk = " ".join(words[bounds[c]: bounds[c + 1]])
            within = c > 0
            if pieces:
                r = rng.random()
                if within:
                    kind = "none" if r < 0.35 else "short" if r < 0.6 else "pause" if r < 0.92 else "long"
                else:
                    kind = "short" if r < 0.15 else "pause" if r < 0.7 else "long"
                if rng.random() < filler_rate:
                    filler, phonemes = rng.choice(FILLERS)
                    audio, _ = synth(tool, work, phonemes, voice, variant, rate, ["--range", "8"])
                    audio = stretch(work, audio, rng.uniform(0.35, 0.8))
                    pieces.append(("gap", rng.choice([0.0, gap(rng, "pause")]), None))
                    pieces.append(("filled", audio, {"word": filler}))
                    kind = rng.choice(["none", "pause"])
                pieces.append(("gap", gap(rng, kind), None))
            audio, info = synth(tool, work, chunk, voice, variant, rate)
            pieces.append(("chunk", audio, info))
            total += len(audio) / RATE
        if total >= target_seconds:
            break
    return voice + (f"+{variant}" if variant else ""), rate, pieces


def assemble(rng, pieces):
    lead, trail = rng.uniform(0.3, 1.0), rng.uniform(0.3, 1.0)
    parts = [np.zeros(int(lead * RATE), np.float32)]
    t = len(parts[0])
    sounding = []        # (start, end, kind)
    words, syllables, texts, warnings = [], 0, [], []
    pending_gap = 0
    for kind, payload, info in pieces:
        if kind == "gap":
            n = int(round(payload * RATE))
            parts.append(np.zeros(n, np.float32))
            t += n
            continue
        start = t
        parts.append(payload)
        t += len(payload)
        sounding.append((start / RATE, t / RATE, kind))
        if kind == "chunk":
            syllables += info["syllable_count"]
            texts.append(info["text"])
            for w in info["words"]:
                words.append({"word": w["word"], "start_s": round(start / RATE + w["start_s"], 4),
                              "end_s": round(start / RATE + w["end_s"], 4)})
            inner = longest_internal_silence(payload)
            if inner >= 0.15:
                warnings.append(f"chunk '{info['text']}' has an internal silence of {inner:.2f} s")
        else:
            words.append({"word": info["word"], "start_s": round(start / RATE, 4), "end_s": round(t / RATE, 4)})
    parts.append(np.zeros(int(trail * RATE), np.float32))
    audio = np.concatenate(parts)
    duration = len(audio) / RATE
    pauses, short_gaps, filled = [], [], []
    for (s0, e0, k0), (s1, e1, k1) in zip(sounding, sounding[1:]):
        g = s1 - e0
        if g >= 0.25:
            pauses.append({"start_s": round(e0, 4), "end_s": round(s1, 4), "kind": "silent"})
        elif g >= 0.1:
            short_gaps.append({"start_s": round(e0, 4), "end_s": round(s1, 4)})
    for s, e, k in sounding:
        if k == "filled":
            filled.append({"start_s": round(s, 4), "end_s": round(e, 4), "kind": "filled"})
    truth = {
        "kind": "fluency-passage",
        "text": " ".join(texts),
        "duration_s": round(duration, 4),
        "sample_rate_hz": RATE,
        "leading_silence_s": round(sounding[0][0], 4),
        "trailing_silence_s": round(duration - sounding[-1][1], 4),
        "speech_start_s": round(sounding[0][0], 4),
        "speech_end_s": round(sounding[-1][1], 4),
        "pauses": pauses,
        "filled_pauses": filled,
        "short_gaps": short_gaps,
        "syllable_count": syllables,
        "words": words,
        "warnings": warnings,
    }
    active = np.zeros(len(audio), bool)
    for s, e, _ in sounding:
        active[int(s * RATE): int(e * RATE)] = True
    return audio, truth, active


def pink(rng_np, n):
    spectrum = rng_np.standard_normal(n // 2 + 1) + 1j * rng_np.standard_normal(n // 2 + 1)
    f = np.arange(n // 2 + 1, dtype=np.float64)
    f[0] = 1
    noise = np.fft.irfft(spectrum / np.sqrt(f), n)
    return noise / np.std(noise)


def conditions(audio, active, index, seed, work):
    speech_power = float(np.mean(audio[active].astype(np.float64) ** 2))
    rng_np = np.random.default_rng(seed)
    colour = "white" if index % 2 == 0 else "pink"
    base = rng_np.standard_normal(len(audio)) if colour == "white" else pink(rng_np, len(audio))
    out = {"clean": audio}
    for snr in (20, 10, 5):
        noise = base * np.sqrt(speech_power / 10 ** (snr / 10))
        out[f"snr{snr}"] = (audio + noise).astype(np.float32)
    src, dst = os.path.join(work, "r.wav"), os.path.join(work, "rv.wav")
    sf.write(src, audio, RATE, subtype="FLOAT")
    # Moderate room: reverberance 40 %, HF damping 50 %, room scale 60 %; wet-dry mix; tail cut at length.
    subprocess.run(["sox", "-V1", "-R", src, dst, "reverb", "40", "50", "60"], check=True)
    wet, _ = sf.read(dst, dtype="float32")
    out["reverb"] = wet[: len(audio)] * 0.7
    out["quiet"] = (audio * 10 ** (-30 / 20)).astype(np.float32)
    return out, colour


def main():
    outdir = sys.argv[1]
    fixtures = "--fixtures" in sys.argv
    os.makedirs(outdir, exist_ok=True)
    sentences = [l.strip() for l in open(os.path.join(HERE, "passages.txt")) if l.strip() and not l.startswith("#")]
    with tempfile.TemporaryDirectory() as work:
        tool = build_tool(work)
        count = 1 if fixtures else 12
        for index in range(count):
            seed = 1000 + index if not fixtures else 9000 + index
            rng = random.Random(seed)
            target = 14 if fixtures else rng.uniform(30, 85)
            voice, rate, pieces = make_passage(tool, work, rng, sentences, index, target, 0.3 if fixtures else 0.12)
            audio, truth, active = assemble(rng, pieces)
            name = f"passage{index + 1:02d}" if not fixtures else f"fluency{index + 1}"
            variants, colour = conditions(audio, active, index, seed, work)
            truth.update({"voice": voice, "rate_wpm": rate, "noise": colour, "seed": seed})
            truth["conditions"] = {}
            for condition, signal in variants.items():
                if fixtures and condition not in ("clean", "snr10", "quiet"):
                    continue
                peak = float(np.max(np.abs(signal)))
                if peak > 0.99:
                    signal = signal * (0.99 / peak)
                ext = "flac" if fixtures else "wav"
                file = f"{name}.{condition}.{ext}"
                sf.write(os.path.join(outdir, file), signal, RATE, subtype="PCM_16")
                truth["conditions"][condition] = file
            with open(os.path.join(outdir, f"{name}.truth.json"), "w") as f:
                json.dump(truth, f, indent=1)
            print(f"{name}: {voice} {rate} wpm, {truth['duration_s']:.1f} s, {len(truth['pauses'])} pauses, "
                  f"{len(truth['short_gaps'])} short gaps, {len(truth['filled_pauses'])} filled, "
                  f"{truth['syllable_count']} syllables; {len(truth['warnings'])} warnings", file=sys.stderr)
            for w in truth["warnings"]:
                print("  " + w, file=sys.stderr)


if __name__ == "__main__":
    main()
