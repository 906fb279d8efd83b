#!/usr/bin/env python3
"""Builds the pitch ground-truth set: speech whose F0 is known by construction.

Method (analysis-resynthesis, WORLD vocoder through pyworld, Morise et al. 2016):
  1. espeak-ng speaks a Harvard sentence with a seeded voice variant, rate and pitch; resampled to 16 kHz.
  2. WORLD analyses it (Harvest F0, CheapTrick envelope, D4C aperiodicity, 5 ms frames).
  3. A new F0 contour is imposed on the voiced frames: the original contour's shape in semitones, moved to the
     condition's register (and, for "creaky", with low, jittered stretches), then WORLD resynthesises.
  4. Truth: the imposed F0 at 0, 10, 20 ... ms (0 = unvoiced, i.e. WORLD synthesised that frame from noise).
Noise conditions add white Gaussian noise or babble (six other espeak-ng talkers summed) to the clean
"mixed" set at 20/10/5 dB SNR (speech power measured over frames within 40 dB of the loudest).

Deterministic: every random choice comes from a seeded numpy Generator. Output: bench/data/pitch/<condition>/
NAME.wav (16 kHz, 16-bit) and NAME.f0.json ({"hop_s": 0.01, "f0_hz": [Hz | null, ...]}).
Usage: make_data.py [--out DIR] [--fixtures DIR] [--seed N]
  --fixtures writes the small AudioFixtures/pitch subset; --seed N (default 0, the bench's set) moves every seed
  and rotates the sentences, for a second set that checks a change generalises beyond the first set's quirks.
"""
import argparse, json, os, subprocess, tempfile
import numpy as np, pyworld, soundfile, soxr

RATE = 16000
FRAME_MS = 5.0
HOP_S = 0.010
SENTENCES = [
    "The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well.", "These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls.", "The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck.", "The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us.", "A large size in stockings is hard to sell.",
    "The boy was there when the sun rose.", "A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring.", "Kick the ball straight and follow through.",
    "Help the woman get back to her feet.", "A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat.", "The soft cushion broke the man's fall.",
    "The salt breeze came across from the sea.", "The girl at the booth sold fifty bonds.",
]
MALE = ["en-us+m1", "en-us+m3", "en-gb+m2", "en-us+m4", "en-gb+m5"]
FEMALE = ["en-us+f1", "en-us+f2", "en-gb+f3", "en-us+f4", "en-gb+f5"]
# condition: (voices, register median Hz, range clip Hz, sentence indices, creaky)
REGISTERS = {
    "mixed":  (None, None, (60, 400), range(0, 10), False),   # alternating male ~115 Hz / female ~210 Hz
    "male70": (MALE, 72, (52, 110), range(10, 18), False),
    "female": (FEMALE, 220, (150, 360), range(12, 20), False),
    "child":  (FEMALE, 330, (240, 450), range(2, 10), False),
    "creaky": (MALE, 105, (52, 170), range(4, 12), True),
}
NOISES = [("white", 20), ("white", 10), ("white", 5), ("babble", 20), ("babble", 10), ("babble", 5)]


def espeak(text, voice, speed, pitch):
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", tmp.name, text],
                       check=True)
        audio, rate = soundfile.read(tmp.name, dtype="float64")
    return soxr.resample(audio, rate, RATE, quality="VHQ")


def impose(x, median_hz, clip, creaky, rng):
    """WORLD analysis, new F0 on the voiced frames, resynthesis. Returns (signal, f0 per 5 ms frame)."""
    x = np.concatenate([np.zeros(int(0.25 * RATE)), x, np.zeros(int(0.25 * RATE))])
    f0, t = pyworld.harvest(x, RATE, f0_floor=50.0, f0_ceil=500.0, frame_period=FRAME_MS)
    sp = pyworld.cheaptrick(x, f0, t, RATE)
    ap = pyworld.d4c(x, f0, t, RATE)
    voiced = construction_voicing(f0, ap)
    for i in np.flatnonzero(voiced)[1:]:
        if ap[i, 1:20].mean() >= 0.5:      # a closed D4C gap: periodic like the frame before
            ap[i] = ap[i - 1]
    new = np.zeros_like(f0)
    if voiced.any():
        semitones = np.zeros_like(f0)
        semitones[voiced] = 12 * np.log2(f0[voiced] / np.median(f0[voiced]))
        semitones = smooth_runs(semitones, voiced)
        scale = rng.uniform(0.9, 1.3)             # a livelier or flatter speaker than espeak-ng
        new[voiced] = np.clip(median_hz * 2 ** (scale * semitones[voiced] / 12), *clip)
    if creaky:
        # Creaky stretches: the last 150-300 ms of each voiced run longer than 300 ms drops to 52-70 Hz with
        # 10 % frame-to-frame jitter and 6 dB less energy (irregular, low, quiet phonation).
        edges = np.flatnonzero(np.diff(np.concatenate([[0], voiced.astype(int), [0]])))
        for start, end in zip(edges[::2], edges[1::2]):
            length = end - start
            if length * FRAME_MS < 300:
                continue
            creak = int(rng.uniform(150, 300) / FRAME_MS)
            s = end - creak
            base = rng.uniform(55, 68)
            new[s:end] = np.clip(base * (1 + 0.10 * rng.standard_normal(end - s)), 52, 90)
            sp[s:end] *= 10 ** (-6 / 10)
    y = pyworld.synthesize(new, sp, ap, RATE, frame_period=FRAME_MS)
    return y, new


def smooth_runs(contour, voiced):
    """Median (45 ms) then Hann (35 ms) smoothing inside each voiced run: removes Harvest's onset glitches
    (a 77 Hz frame before a 220 Hz vowel is no period anyone could measure) while keeping intonation."""
    from scipy.ndimage import median_filter
    out = contour.copy()
    edges = np.flatnonzero(np.diff(np.concatenate([[0], voiced.astype(int), [0]])))
    kernel = np.hanning(9)[1:-1]
    for start, end in zip(edges[::2], edges[1::2]):
        run = median_filter(contour[start:end], size=9, mode="nearest")
        padded = np.pad(run, len(kernel) // 2, mode="edge")
        out[start:end] = np.convolve(padded, kernel / kernel.sum(), mode="valid")
    return out


def construction_voicing(f0, ap):
    """Frames WORLD will synthesise from a pulse train: Harvest found F0 *and* D4C found the band below 1 kHz
    periodic (D4C's own voicing decision, ap < 0.5). Aperiodic gaps under 40 ms inside a voiced stretch are
    closed (D4C blips) and voiced stretches under 30 ms dropped, so no frame is ambiguous by construction."""
    bins = ap.shape[1]
    low = ap[:, 1:max(2, int(1000 / (RATE / 2) * (bins - 1)))].mean(axis=1)
    voiced = (f0 > 0) & (low < 0.5)
    def runs(mask):
        edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
        return list(zip(edges[::2], edges[1::2]))
    for start, end in runs(~voiced):
        if start > 0 and end < len(voiced) and (end - start) * FRAME_MS < 40 and (f0[start:end] > 0).all():
            voiced[start:end] = True
    for start, end in runs(voiced):
        if (end - start) * FRAME_MS < 30:
            voiced[start:end] = False
    return voiced


def truth_grid(f0_world, n_samples):
    frames = int(np.floor(n_samples / RATE / HOP_S + 1e-9)) + 1
    index = np.minimum(np.round(np.arange(frames) * HOP_S * 1000 / FRAME_MS).astype(int), len(f0_world) - 1)
    return f0_world[index]


def active_power(x):
    frame = int(0.02 * RATE)
    n = len(x) // frame
    power = (x[: n * frame].reshape(n, frame) ** 2).mean(axis=1)
    return power[power > power.max() * 1e-4].mean()


def add_noise(x, kind, snr_db, rng, babble_bank):
    if kind == "white":
        noise = rng.standard_normal(len(x))
    else:
        start = rng.integers(0, len(babble_bank) - len(x))
        noise = babble_bank[start:start + len(x)].copy()
    noise *= np.sqrt(active_power(x) / (noise ** 2).mean() / 10 ** (snr_db / 10))
    return x + noise


def make_babble(rng, seconds):
    talkers = []
    for i in range(6):
        parts = []
        while sum(len(p) for p in parts) < seconds * RATE:
            text = SENTENCES[rng.integers(len(SENTENCES))]
            voice = (MALE + FEMALE)[rng.integers(10)]
            parts.append(espeak(text, voice, int(rng.integers(140, 190)), int(rng.integers(20, 80))))
        talker = np.concatenate(parts)[: int(seconds * RATE)]
        talkers.append(talker / np.sqrt((talker ** 2).mean()))
    return np.sum(talkers, axis=0)


def write(directory, name, x, f0_truth, note):
    os.makedirs(directory, exist_ok=True)
    peak = np.abs(x).max()
    if peak > 0.99:
        x = x * (0.99 / peak)
    soundfile.write(os.path.join(directory, name + ".wav"), x, RATE, subtype="PCM_16")
    truth = {"hop_s": HOP_S, "construction": note,
             "f0_hz": [round(float(v), 3) if v > 0 else None for v in f0_truth]}
    with open(os.path.join(directory, name + ".f0.json"), "w") as handle:
        json.dump(truth, handle)


def build_register(name, rng, seed=0):
    voices, median, clip, sentences, creaky = REGISTERS[name]
    sentences = [(s + 7 * seed) % len(SENTENCES) for s in sentences]
    items = []
    for n, s in enumerate(sentences):
        if voices is None:
            voice_set, median_hz = (MALE, 115) if n % 2 == 0 else (FEMALE, 210)
        else:
            voice_set, median_hz = voices, median
        voice = voice_set[rng.integers(len(voice_set))]
        speech = espeak(SENTENCES[s], voice, int(rng.integers(135, 175)), int(rng.integers(30, 70)))
        y, f0 = impose(speech, median_hz * rng.uniform(0.92, 1.08), clip, creaky, rng)
        items.append((f"{name}-{n:02d}", y, truth_grid(f0, len(y)),
                      f"espeak-ng {voice} '{SENTENCES[s]}' -> WORLD resynthesis, F0 median ~{median_hz:.0f} Hz"
                      + (", creaky stretches" if creaky else "")))
    return items


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(here, "..", "data", "pitch"))
    parser.add_argument("--fixtures", default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    shift = 100 * args.seed

    sets = {name: build_register(name, np.random.default_rng(1000 + shift + i), args.seed)
            for i, name in enumerate(REGISTERS)}
    if args.fixtures:
        # The small committed subset: one file per register plus one noisy copy, trimmed to about 3 s.
        rng = np.random.default_rng(7)
        babble = make_babble(np.random.default_rng(99), 12)
        picks = [("mixed", 0), ("mixed", 1), ("male70", 0), ("child", 0), ("creaky", 1)]
        for register, index in picks:
            name, y, truth, note = sets[register][index]
            write(args.fixtures, name, y, truth, note)
        name, y, truth, note = sets["mixed"][1]
        write(args.fixtures, name + "-white10dB", add_noise(y, "white", 10, rng, babble), truth, note + " + white noise 10 dB SNR")
        return

    for name, items in sets.items():
        for item_name, y, truth, note in items:
            write(os.path.join(args.out, "clean" if name == "mixed" else name), item_name, y, truth, note)
    babble = make_babble(np.random.default_rng(99 + shift), 60)
    for i, (kind, snr) in enumerate(NOISES):
        rng = np.random.default_rng(2000 + shift + i)
        for item_name, y, truth, note in sets["mixed"]:
            write(os.path.join(args.out, f"{kind}-{snr}dB"), item_name, add_noise(y, kind, snr, rng, babble),
                  truth, note + f" + {kind} noise {snr} dB SNR")


if __name__ == "__main__":
    main()
