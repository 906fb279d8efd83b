#!/usr/bin/env python3
"""Scores Speakwell's pitch tracker and the anchors on the ground-truth set made by make_data.py.

Every tracker is run on the same 16 kHz files, with the same 50-600 Hz range, scored on the same 10 ms grid
(frame i at i * 10 ms; an anchor's frame nearest to that time, within 5 ms, else unvoiced):
  speakwell  PitchTracker defaults (voicing threshold 0.45, silence 0.03; docs/pitch.md)
  praat-ac   Sound.to_pitch_ac(0.01, 50, 600), Praat defaults: voicing threshold 0.45, silence 0.03,
             octave 0.01, octave-jump 0.35, voiced/unvoiced 0.14
  praat-cc   Sound.to_pitch_cc(0.01, 50, 600), the same defaults
  pyin       librosa.pyin(fmin=50, fmax=600, frame_length=1024, hop_length=160): voicing = its HMM's voiced_flag
  yin        librosa.yin(fmin=50, fmax=600, frame_length=1024, hop_length=160): no voicing decision (all voiced)
Metrics over all frames of a condition: GPE = voiced-in-both frames more than 20 % off; FPE = standard deviation
of the error in cents over the other voiced-in-both frames; VDE = frames whose voiced/unvoiced decision differs
from the truth. "x RT" = audio seconds per processing second on one core (tracker call only; loading excluded).
Usage: evaluate.py DATA_DIR DRIVER [FIXTURES_DIR]
"""
import glob, json, os, subprocess, sys, time
import numpy as np, soundfile

HOP = 0.010
FLOOR, CEILING = 50.0, 600.0
TRACKERS = ["speakwell", "praat-ac", "praat-cc", "pyin", "yin"]
ORDER = ["clean", "white-20dB", "white-10dB", "white-5dB", "babble-20dB", "babble-10dB", "babble-5dB",
         "male70", "female", "child", "creaky"]


def on_grid(times, f0, frames):
    """Anchor frames (times, Hz with 0/nan unvoiced) to the 10 ms grid by nearest frame within 5 ms."""
    out = np.zeros(frames)
    f0 = np.nan_to_num(np.asarray(f0, dtype=float))
    times = np.asarray(times)
    if len(times) == 0:
        return out
    for i in range(frames):
        j = int(np.argmin(np.abs(times - i * HOP))) if len(times) < 3 else int(np.clip(np.searchsorted(times, i * HOP), 1, len(times) - 1))
        if len(times) >= 3 and abs(times[j - 1] - i * HOP) < abs(times[j] - i * HOP):
            j -= 1
        if abs(times[j] - i * HOP) <= HOP / 2 + 1e-9:
            out[i] = f0[j]
    return out


def run_anchors(path, frames):
    import parselmouth, librosa
    y, rate = soundfile.read(path, dtype="float64")
    sound = parselmouth.Sound(y, sampling_frequency=rate)
    results, seconds = {}, {}
    start = time.perf_counter()
    pitch = sound.to_pitch_ac(time_step=HOP, pitch_floor=FLOOR, pitch_ceiling=CEILING)
    seconds["praat-ac"] = time.perf_counter() - start
    results["praat-ac"] = on_grid(pitch.xs(), pitch.selected_array["frequency"], frames)
    start = time.perf_counter()
    pitch = sound.to_pitch_cc(time_step=HOP, pitch_floor=FLOOR, pitch_ceiling=CEILING)
    seconds["praat-cc"] = time.perf_counter() - start
    results["praat-cc"] = on_grid(pitch.xs(), pitch.selected_array["frequency"], frames)
    start = time.perf_counter()
    f0, flag, _ = librosa.pyin(y, fmin=FLOOR, fmax=CEILING, sr=rate, frame_length=1024, hop_length=160)
    seconds["pyin"] = time.perf_counter() - start
    results["pyin"] = on_grid(np.arange(len(f0)) * 160 / rate, np.where(flag, f0, 0), frames)
    start = time.perf_counter()
    f0 = librosa.yin(y, fmin=FLOOR, fmax=CEILING, sr=rate, frame_length=1024, hop_length=160)
    seconds["yin"] = time.perf_counter() - start
    results["yin"] = on_grid(np.arange(len(f0)) * 160 / rate, f0, frames)
    return results, seconds


def load_truth(path):
    with open(path[:-4] + ".f0.json") as handle:
        return np.array([v if v is not None else 0.0 for v in json.load(handle)["f0_hz"]])


def scores(truth, estimate):
    both = (truth > 0) & (estimate > 0)
    ratio = estimate[both] / truth[both]
    gross = np.abs(ratio - 1) > 0.2
    cents = 1200 * np.log2(ratio[~gross])
    return {"gpe": 100 * gross.mean() if both.any() else 0.0,
            "fpe": float(np.std(cents)) if len(cents) else 0.0,
            "vde": 100 * np.mean((truth > 0) != (estimate > 0))}


def main():
    data, driver = sys.argv[1], sys.argv[2]
    fixtures = sys.argv[3] if len(sys.argv) > 3 else None
    import librosa
    warm = np.random.default_rng(0).standard_normal(16000)
    librosa.pyin(warm, fmin=FLOOR, fmax=CEILING, sr=16000, frame_length=1024, hop_length=160)  # JIT warm-up
    librosa.yin(warm, fmin=FLOOR, fmax=CEILING, sr=16000, frame_length=1024, hop_length=160)

    conditions = sorted(d for d in os.listdir(data) if os.path.isdir(os.path.join(data, d)))
    conditions = [c for c in ORDER if c in conditions] + [c for c in conditions if c not in ORDER]
    rows, totals = [], {t: [0.0, 0.0] for t in TRACKERS}
    for condition in conditions:
        files = sorted(glob.glob(os.path.join(data, condition, "*.wav")))
        ours = {}
        output = subprocess.run([driver] + files, check=True, capture_output=True, text=True).stdout
        for line in output.splitlines():
            record = json.loads(line)
            if "file" in record:
                ours[record["file"]] = record
        truth_all, est_all = [], {t: [] for t in TRACKERS}
        for path in files:
            truth = load_truth(path)
            frames = len(truth)
            cache = path[:-4] + ".anchors.npz"
            if os.environ.get("PITCH_BENCH_CACHE") and os.path.exists(cache):   # tuning only: no anchor timing
                stored = np.load(cache)
                estimates = {t: stored[t] for t in stored.files if t != "seconds"}
                seconds = dict(zip(TRACKERS[1:], stored["seconds"]))
            else:
                estimates, seconds = run_anchors(path, frames)
                np.savez(cache, seconds=np.array([seconds[t] for t in TRACKERS[1:]]), **estimates)
            mine = np.array(ours[path]["f0_hz"])[:frames]
            estimates["speakwell"] = np.pad(mine, (0, frames - len(mine)))
            seconds["speakwell"] = ours[path]["seconds"]
            duration = ours[path]["duration_s"]
            truth_all.append(truth)
            for tracker in TRACKERS:
                est_all[tracker].append(estimates[tracker])
                totals[tracker][0] += duration
                totals[tracker][1] += seconds[tracker]
        truth = np.concatenate(truth_all)
        row = {t: scores(truth, np.concatenate(est_all[t])) for t in TRACKERS}
        rows.append((condition, len(files), len(truth), row))

    print(f"Pitch bench: {data} (one core; same 50-600 Hz range and 10 ms grid for every tracker)")
    header = f"{'condition':<12} {'frames':>6}  " + "  ".join(f"{t:>20}" for t in TRACKERS) + "  target"
    print(header)
    print(f"{'':<12} {'':>6}  " + "  ".join(f"{'GPE%  FPEct  VDE%':>20}" for _ in TRACKERS))
    met_all = True
    for condition, count, frames, row in rows:
        cells = "  ".join(f"{row[t]['gpe']:5.2f} {row[t]['fpe']:6.1f} {row[t]['vde']:5.2f}".rjust(20) for t in TRACKERS)
        best_gpe = min(row["praat-ac"]["gpe"], row["pyin"]["gpe"])
        best_vde = min(row["praat-ac"]["vde"], row["pyin"]["vde"])
        met = row["speakwell"]["gpe"] <= best_gpe and row["speakwell"]["vde"] <= best_vde
        met_all &= met
        print(f"{condition:<12} {frames:>6}  {cells}  {'met' if met else 'MISSED'}")
    speed = {t: totals[t][0] / totals[t][1] for t in TRACKERS}
    print(f"{'x realtime':<12} {'':>6}  " + "  ".join(f"{speed[t]:20.0f}" for t in TRACKERS))
    ratio = speed["speakwell"] / speed["praat-ac"]
    print(f"{'vs praat-ac':<12} {'':>6}  " + "  ".join(f"{speed[t] / speed['praat-ac']:19.2f}x" for t in TRACKERS))
    print(f"accuracy target (GPE and VDE <= best of praat-ac and pyin, every condition): {'met' if met_all else 'MISSED'}")
    print(f"speed target (>= 3x praat-ac on one core): {'met' if ratio >= 3 else 'MISSED'} ({ratio:.2f}x; aim 5x)")
    allocation = [json.loads(l) for l in output.splitlines() if "allocation_check" in l]
    if allocation:
        check = allocation[-1]["allocation_check"]
        print(f"allocations in {check['frames']} per-frame calls: {check['allocations_in_frame_calls']}; "
              f"in one whole track() call ({check['track_frames']} frames): {check['allocations_in_track_call']}")
    if fixtures:
        agreement(fixtures, driver)


def agreement(fixtures, driver):
    """Speakwell against Praat ac on real human recordings (no truth: agreement only)."""
    human = sorted(glob.glob(os.path.join(fixtures, "real", "*.wav")))
    if not human:
        return
    import parselmouth
    output = subprocess.run([driver, "--repeat", "1"] + human, check=True, capture_output=True, text=True).stdout
    print("agreement with praat-ac on real recordings (praat-ac as reference):")
    for line in output.splitlines():
        record = json.loads(line)
        if "file" not in record:
            continue
        mine = np.array(record["f0_hz"])
        y, rate = soundfile.read(record["file"], dtype="float64")
        if y.ndim > 1:
            y = y.mean(axis=1)
        pitch = parselmouth.Sound(y, sampling_frequency=rate).to_pitch_ac(time_step=HOP, pitch_floor=FLOOR, pitch_ceiling=CEILING)
        praat = on_grid(pitch.xs(), pitch.selected_array["frequency"], len(mine))
        s = scores(praat, mine)
        print(f"  {os.path.basename(record['file'])}: GPE {s['gpe']:.2f} %, FPE {s['fpe']:.1f} ct, VDE {s['vde']:.2f} %")


if __name__ == "__main__":
    main()
