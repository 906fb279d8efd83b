"""Frame data of the pronunciation set for the phone model: CMVN MFCC + deltas dumped by
`speakwell-bench-pronunciation dump-frames` and the espeak-ng phoneme produced at each frame's centre."""
import json, os
import numpy as np


def read_frames(path):
    raw = open(path, "rb").read()
    rows, dim = np.frombuffer(raw[:8], dtype=np.int32)
    frames = np.frombuffer(raw[8:8 + 4 * rows], dtype=np.int32)
    values = np.frombuffer(raw[8 + 4 * rows:], dtype=np.float32).reshape(rows, dim)
    return frames, values


def stack(values, context):
    n = len(values)
    idx = np.clip(np.arange(n)[:, None] + np.arange(-context, context + 1)[None, :], 0, n - 1)
    return values[idx].reshape(n, -1)


def phone_name(p):
    return p.replace("ˈ", "").replace("ˌ", "")


def labels_for(synth_json, frames, tempo, hop=0.01, centre=0.0125):
    meta = json.load(open(synth_json))
    ph = meta["phonemes"]
    starts = np.array([p["start_s"] / tempo for p in ph])
    names = [phone_name(p["phoneme"]) for p in ph]
    t = frames * hop + centre
    k = np.searchsorted(starts, t, side="right") - 1
    # after the last word's end the phone is over: pause
    end = max(w["end_s"] for w in meta["words"]) / tempo if meta["words"] else 0
    return [names[i] if (i >= 0 and ti <= end) else "_" for i, ti in zip(k, t)]


def files_of(items, split, voices=None):
    """{wav: (tempo, voice)} of the learners (optionally of some voices) and the references of a split."""
    out = {}
    for it in items:
        if it["split"] != split:
            continue
        if voices is None or it["voice"] in voices:
            out[it["learner"]] = (it["tempo"], it["voice"])
        if voices is None:
            for r in it["references"]:
                out[r] = (1.0, "ref-" + os.path.basename(r).split("-ref-")[1][:-4])
    return out


class LDAProjection:
    """The shipped frame projection (Models/pronunciation/projection-vN.json): +-context stack, minus mean, times W."""
    def __init__(self, path):
        m = json.load(open(path))
        self.context = m["context_frames"]
        self.mean = np.array(m["mean"], np.float32)
        self.W = np.array(m["matrix_row_major_input_by_output"], np.float32).reshape(m["input_dimension"], m["output_dimension"])

    def __call__(self, values):
        return (stack(values, self.context) - self.mean) @ self.W


def load(files, frames_dir, context, projection=None, labeller=None):
    """Stacked +-context rows of every file (of the projected frames when `projection` is given), their labels
    (`labeller`, default `labels_for`) and owners. `files`: wav path -> (tempo, owner)."""
    labeller = labeller or labels_for
    X, y, owner = [], [], []
    for wav in sorted(files):
        base = os.path.splitext(wav)[0]
        path = os.path.join(frames_dir, os.path.basename(base) + ".f32")
        if not os.path.exists(path):
            continue
        frames, values = read_frames(path)
        X.append(stack(projection(values) if projection else values, context))
        y += labeller(base + ".synth.json", frames, files[wav][0])
        owner += [files[wav][1]] * len(frames)
    return np.concatenate(X).astype(np.float32), np.array(y), np.array(owner)
