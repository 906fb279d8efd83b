#!/usr/bin/env python3
"""Fits the speaker-independent frame projection (Models/pronunciation/projection-v1.json) on the FIT split.

Frames: CMVN MFCC + deltas + delta-deltas of every fit-split recording (learners of FIT_VOICES and the
references), dumped by `speakwell-bench-pronunciation dump-frames`. Labels: the phoneme espeak-ng was
producing at each frame's centre (its phoneme events, shifted for sox tempo), pauses as "_".
Context: the frame and +-CONTEXT neighbours stacked. Linear discriminant analysis (Fisher 1936; as in
HLDA/LDA front ends of speech recognisers) finds the directions that separate phones while shrinking
the spread of one phone across voices, rates, pitch and noise, which is what the DTW distance should
measure. Deterministic (sklearn LDA, eigen solver with shrinkage).
Usage: fit-projection.py MANIFEST FRAMES_DIR OUT.json [CONTEXT] [COMPONENTS]
"""
import json, os, sys
import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phone_frames import load  # noqa: E402  (the frame files' format and stacking, in one place)


def labels_for(synth_json, frames, tempo, hop=0.01, centre=0.0125):
    meta = json.load(open(synth_json))
    ph = meta["phonemes"]
    starts = np.array([p["start_s"] / tempo for p in ph])
    names = [p["phoneme"].replace("ˈ", "").replace("ˌ", "") for p in ph]
    t = frames * hop + centre
    k = np.searchsorted(starts, t, side="right") - 1
    return [names[i] if i >= 0 else "_" for i in k]


def main():
    manifest, frames_dir, out = sys.argv[1:4]
    context = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    components = int(sys.argv[5]) if len(sys.argv) > 5 else 32
    items = json.load(open(manifest))["items"]
    files = {}
    for it in items:
        if it["split"] != "fit":
            continue
        files[it["learner"]] = (it["tempo"], None)
        for r in it["references"]:
            files[r] = (1.0, None)
    # Its own labels: the projection was fitted with every frame after the last phone start labelled by that phone.
    X, y, _ = load(files, frames_dir, context, labeller=labels_for)
    names, counts = np.unique(y, return_counts=True)
    keep = set(names[counts >= 200])
    sel = np.array([l in keep for l in y])
    X, y = X[sel], y[sel]
    lda = LinearDiscriminantAnalysis(solver="eigen", shrinkage=0.01, n_components=min(components, len(keep) - 1))
    lda.fit(X, y)
    acc = float(lda.score(X, y))
    W = lda.scalings_[:, :lda.n_components]
    mean = X.mean(axis=0)  # centring does not change distances; it keeps projected values small
    Y = (X - mean) @ W
    classes = sorted(keep)
    class_means = np.stack([Y[y == c].mean(axis=0) for c in classes])
    priors = np.array([np.mean(y == c) for c in classes])
    model = {
        "version": os.path.splitext(os.path.basename(out))[0].replace("projection-", "pronunciation-projection-"),
        "input": "cmvn mfcc13 + delta + delta-delta (PronunciationParameters defaults)",
        "context_frames": context,
        "input_dimension": int(X.shape[1]),
        "output_dimension": int(W.shape[1]),
        "mean": [float(v) for v in mean],
        "matrix_row_major_input_by_output": [float(v) for v in W.reshape(-1)],
        "class_labels": classes,
        "class_means_row_major": [float(v) for v in class_means.reshape(-1)],
        "log_priors": [float(v) for v in np.log(priors)],
        "fit": {"frames": int(len(y)), "classes": sorted(keep), "training_frame_accuracy": round(acc, 3),
                "files": len(files)},
    }
    with open(out, "w") as f:
        json.dump(model, f)
        f.write("\n")
    print(f"wrote {out}: {len(y)} frames, {len(keep)} phone classes, frame accuracy {acc:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
