#!/usr/bin/env python3
"""Builds the bench/batch test sitting (deterministic; default 2,000 items) in OUTDIR.

Every good item is a 15-60 s "answer" made of the AudioFixtures recordings that hold speech
(sentences, passage, real human recordings, pronunciation learners and models, fluency passage):
each source is first varied by sox (speed -12..+12 %, pitch -300..+300 cents, tempo 0.85-1.15) into a
pool of clips at 16 kHz; an item joins clips from that pool with 0.2-1.6 s silences, a per-clip gain of
-14..+2 dB, 0.1-1.0 s leading/trailing silence and (for most items) white or pink noise at 15-40 dB
SNR, then is written as FLAC, WAV, Ogg Vorbis or MP3 at 16, 22.05, 44.1 or 48 kHz (mono, some stereo).
Every item is scored against one reference: AudioFixtures/pronunciation/ref-f2.wav and its words
sidecar (copied next to the manifest).

About 2 % of the items are bad, of four kinds, each with the error code the product must give:
  truncated            a WAV cut off after 40-70 % of its data         -> truncated
  silent               15-30 s of digital silence or noise at -75 dBFS -> silent
  short                0.1-0.25 s of speech                            -> tooShort
  notaudio             text bytes in a file named .wav                 -> unsupportedContainer
OUTDIR/truth.csv lists every item with its expected outcome (`ok` or the error code) and its duration.
OUTDIR/manifest.csv is the `speakwell batch` manifest (id,audio,reference; paths relative to it).

Usage: make-batch.py OUTDIR [--items N] [--seed S]
"""
import argparse
import csv
import os
import random
import shutil
import subprocess
import tempfile

import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "AudioFixtures")
RATE = 16000
REFERENCE = "pronunciation/ref-f2"
SOURCES = [
    "sentences/s01.wav", "sentences/s02.wav", "sentences/s03.wav", "sentences/s04.wav",
    "sentences/s05.wav", "sentences/s06.wav", "sentences/s07.wav", "sentences/s08.wav",
    "passage/passage.wav", "passage/passage.snr20.flac",
    "real/goforward.wav", "real/librivox-0880.wav",
    "pronunciation/learner-correct.wav", "pronunciation/learner-errors.wav", "pronunciation/ref-m1.wav",
    "fluency/fluency1.clean.flac",
]
VARIANTS_PER_SOURCE = 4
# (container, subtype, share): what exam platforms hand over; FLAC first.
CONTAINERS = [("flac", "FLAC", "PCM_16", 0.50), ("wav", "WAV", "PCM_16", 0.25),
              ("ogg", "OGG", "VORBIS", 0.15), ("mp3", "MP3", "MPEG_LAYER_III", 0.10)]
RATES = [(16000, 0.6), (22050, 0.1), (44100, 0.15), (48000, 0.15)]
BAD_KINDS = [("truncated", "truncated"), ("silent", "silent"), ("short", "tooShort"),
             ("notaudio", "unsupportedContainer")]


def pick(rng, table):
    """One entry of a table whose last column is its share."""
    x, total = rng.random(), 0.0
    for entry in table:
        total += entry[-1]
        if x < total:
            return entry
    return table[-1]


def make_pool(work, rng):
    """sox variants of every source, 16 kHz mono float arrays."""
    pool = []
    for source in SOURCES:
        for variant in range(VARIANTS_PER_SOURCE):
            effects = []
            if variant == 1:
                effects += ["speed", f"{rng.uniform(0.88, 1.12):.3f}"]
            elif variant == 2:
                effects += ["pitch", f"{rng.uniform(-300, 300):.0f}"]
            elif variant == 3:
                effects += ["tempo", "-s", f"{rng.uniform(0.85, 1.15):.3f}", "pitch", f"{rng.uniform(-150, 150):.0f}"]
            out = os.path.join(work, f"pool-{len(pool)}.wav")
            subprocess.run(["sox", "-V1", "-D", "-R", os.path.join(FIXTURES, source), "-b", "32", "-e", "floating-point",
                            out, "remix", "-", *effects, "rate", "-h", str(RATE)], check=True)
            samples, rate = sf.read(out, dtype="float32")
            assert rate == RATE
            pool.append(samples)
    return pool


def noise(rng_np, count, pink):
    white = rng_np.standard_normal(count).astype(np.float32)
    if not pink:
        return white
    # Voss-McCartney-ish pink: sum of white noise held over octave-spaced lengths.
    out = np.zeros(count, dtype=np.float32)
    for octave in range(8):
        hold = 1 << octave
        steps = rng_np.standard_normal(count // hold + 1).astype(np.float32)
        out += np.repeat(steps, hold)[:count]
    return out / np.sqrt(8)


def answer(rng, rng_np, pool, seconds):
    """A 16 kHz answer of about `seconds`: clips, silences, gains, optional noise."""
    parts = [np.zeros(int(rng.uniform(0.1, 1.0) * RATE), dtype=np.float32)]
    length = len(parts[0])
    target = int(seconds * RATE)
    while length < target:
        clip = pool[rng.randrange(len(pool))]
        gain = 10 ** (rng.uniform(-14, 2) / 20)
        parts.append(clip * gain)
        parts.append(np.zeros(int(rng.uniform(0.2, 1.6) * RATE), dtype=np.float32))
        length += len(parts[-2]) + len(parts[-1])
    signal = np.concatenate(parts)[:target]
    fade = min(len(signal), int(0.3 * RATE))
    signal[-fade:] *= np.linspace(1, 0, fade, dtype=np.float32)
    signal = np.concatenate([signal, np.zeros(int(rng.uniform(0.1, 1.0) * RATE), dtype=np.float32)])
    if rng.random() < 0.8:
        speech_power = float(np.mean(signal[np.abs(signal) > 1e-4] ** 2)) if np.any(np.abs(signal) > 1e-4) else 1e-6
        snr = rng.uniform(15, 40)
        n = noise(rng_np, len(signal), pink=rng.random() < 0.5)
        signal = signal + n * np.sqrt(speech_power / 10 ** (snr / 10))
    peak = float(np.max(np.abs(signal)))
    if peak > 0.98:
        signal *= 0.98 / peak
    return signal


def resample(signal, rate, work):
    if rate == RATE:
        return signal
    src, dst = os.path.join(work, "rs-in.wav"), os.path.join(work, "rs-out.wav")
    sf.write(src, signal, RATE, subtype="FLOAT")
    subprocess.run(["sox", "-V1", "-D", "-R", src, dst, "rate", "-h", str(rate)], check=True)
    out, _ = sf.read(dst, dtype="float32")
    return out


def write_good(path_stem, signal, rng, work):
    ext, container, subtype, _ = pick(rng, CONTAINERS)
    rate = pick(rng, RATES)[0]
    data = resample(signal, rate, work)
    if rng.random() < 0.15:
        data = np.stack([data, data * 0.9], axis=1)
    path = f"{path_stem}.{ext}"
    channels = 1 if data.ndim == 1 else data.shape[1]
    # In blocks: libsndfile's Vorbis encoder puts a whole write on the stack and overflows it on a minute of audio.
    with sf.SoundFile(path, "w", rate, channels, format=container, subtype=subtype) as handle:
        for start in range(0, len(data), 8192):
            handle.write(data[start:start + 8192])
    return path


def write_bad(kind, path_stem, rng, rng_np, pool):
    if kind == "truncated":
        signal = answer(rng, rng_np, pool, rng.uniform(15, 40))
        path = f"{path_stem}.wav"
        sf.write(path, signal, RATE, subtype="PCM_16")
        size = os.path.getsize(path)
        with open(path, "r+b") as handle:
            handle.truncate(44 + int((size - 44) * rng.uniform(0.4, 0.7)) // 2 * 2)
        return path, len(signal) / RATE
    if kind == "silent":
        count = int(rng.uniform(15, 30) * RATE)
        signal = np.zeros(count, dtype=np.float32)
        if rng.random() < 0.5:
            signal = noise(rng_np, count, pink=False) * 10 ** (-75 / 20) / 3
        path = f"{path_stem}.wav"
        sf.write(path, signal, RATE, subtype="PCM_16")
        return path, count / RATE
    if kind == "short":
        clip = pool[rng.randrange(len(pool))]
        count = int(rng.uniform(0.1, 0.25) * RATE)
        start = len(clip) // 3
        path = f"{path_stem}.wav"
        sf.write(path, clip[start:start + count], RATE, subtype="PCM_16")
        return path, count / RATE
    path = f"{path_stem}.wav"
    with open(path, "w") as handle:
        handle.write("this is the student's essay, uploaded into the speaking section by mistake.\n" * rng.randint(1, 40))
    return path, 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20260409)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rng_np = np.random.default_rng(args.seed)
    audio_dir = os.path.join(args.out, "audio")
    os.makedirs(audio_dir, exist_ok=True)
    for suffix in (".wav", ".words.json"):
        shutil.copyfile(os.path.join(FIXTURES, REFERENCE + suffix), os.path.join(args.out, "reference" + suffix))

    bad_count = max(len(BAD_KINDS), round(args.items * 0.02))
    bad_slots = rng.sample(range(args.items), bad_count)
    bad_kind = {slot: BAD_KINDS[i % len(BAD_KINDS)] for i, slot in enumerate(sorted(bad_slots))}
    with tempfile.TemporaryDirectory() as work:
        pool = make_pool(work, rng)
        rows = []
        for index in range(args.items):
            item_id = f"item-{index:05d}"
            stem = os.path.join(audio_dir, item_id)
            if index in bad_kind:
                kind, code = bad_kind[index]
                path, seconds = write_bad(kind, stem, rng, rng_np, pool)
                rows.append((item_id, path, code, kind, seconds))
            else:
                signal = answer(rng, rng_np, pool, rng.uniform(15, 59))
                path = write_good(stem, signal, rng, work)
                rows.append((item_id, path, "ok", "good", len(signal) / RATE))
            if (index + 1) % 250 == 0:
                print(f"  {index + 1}/{args.items} items", flush=True)
    with open(os.path.join(args.out, "manifest.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "audio", "reference"])
        for item_id, path, *_ in rows:
            writer.writerow([item_id, os.path.relpath(path, args.out), "reference.wav"])
    with open(os.path.join(args.out, "truth.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "expected", "kind", "duration_s"])
        for item_id, _, code, kind, seconds in rows:
            writer.writerow([item_id, code, kind, f"{seconds:.3f}"])


if __name__ == "__main__":
    main()
