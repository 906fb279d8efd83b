#!/usr/bin/env python3
"""Fits the frame phone classifier (a multilayer perceptron over stacked CMVN MFCC + delta frames) on the
FIT split only: the learners of the fit voices and the references of the fit sentences.

Labels: the espeak-ng phoneme produced at each frame's centre (phone_frames.labels_for); phones with fewer
than 200 fit frames are dropped. Input: the frame and +-CONTEXT neighbours (39 x (2 CONTEXT + 1)), standardised
with the fit mean/SD. Network: HIDDEN ReLU layers, softmax over the phones, Adam, cross-entropy, L2 1e-4,
early stopping on 10 % of the fit frames; fixed seed (deterministic on one thread).
This is the hybrid NN/HMM recipe's frame classifier (Bourlard & Morgan 1994) at a tiny scale; its posteriors
feed goodness of pronunciation (Witt & Young 2000).
Usage: fit-phone-model.py MANIFEST FIT_FRAMES_DIR OUT.json [CONTEXT] [HIDDEN,HIDDEN] [--validate-voice V] [--test-frames DIR]
                          [--extra MANIFEST FRAMES_DIR ...]
  --extra: more training speech (make-set.py --phone-train: the fit sentences in other voices); always trained on,
           never validated on, so a --validate-voice model still has not heard the left-out fit voice
  --validate-voice V: leave the learners of fit voice V out of training and report frame accuracy on them
  --test-frames DIR:  report frame accuracy on the held-out TEST split (test voices and sentences)
  --without-references: leave the fit sentences' reference recordings out of training too (the fold models of model
           v8's calibration, whose evidence includes the references' own goodness: heard in training, it would be
           near perfect on the fit split and nowhere else)
"""
import argparse, json, os, sys, time
import numpy as np
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phone_frames import files_of, load, LDAProjection


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest"); ap.add_argument("frames"); ap.add_argument("out")
    ap.add_argument("context", nargs="?", type=int, default=5)
    ap.add_argument("hidden", nargs="?", default="256,256")
    ap.add_argument("--validate-voice"); ap.add_argument("--test-frames")
    ap.add_argument("--extra", nargs=2, action="append", default=[], metavar=("MANIFEST", "FRAMES_DIR"))
    ap.add_argument("--without-references", action="store_true")
    ap.add_argument("--max-iter", type=int, default=40)
    ap.add_argument("--alpha", type=float, default=1e-4)
    ap.add_argument("--projection", help="input = this LDA projection's output (projection-vN.json) instead of the CMVN frames")
    a = ap.parse_args()
    hidden = tuple(int(h) for h in a.hidden.split(","))
    items = json.load(open(a.manifest))["items"]
    files = files_of(items, "fit")
    projection = LDAProjection(a.projection) if a.projection else None
    X, y, owner = load(files, a.frames, a.context, projection)
    for extra_manifest, extra_frames in a.extra:
        extra_items = json.load(open(extra_manifest))["items"]
        Xe, ye, oe = load(files_of(extra_items, "fit"), extra_frames, a.context, projection)
        X, y, owner = np.concatenate([X, Xe]), np.concatenate([y, ye]), np.concatenate([owner, "extra-" + oe.astype(object)]).astype(str)
        files = {**files, **files_of(extra_items, "fit")}
    names, counts = np.unique(y, return_counts=True)
    classes = sorted(names[counts >= 200])
    keep = np.isin(y, classes)
    X, y, owner = X[keep], y[keep], owner[keep]
    # a perturbed copy of the validation voice (--extra with the fit split's VTLP frames) is left out with it
    train = ~np.isin(owner, [a.validate_voice, "extra-" + a.validate_voice]) if a.validate_voice else np.ones(len(y), bool)
    if a.without_references:
        train &= ~np.char.startswith(owner.astype(str), "ref-")
    mean = X[train].mean(axis=0); sd = X[train].std(axis=0) + 1e-6
    Z = (X - mean) / sd
    t0 = time.time()
    mlp = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver="adam", alpha=a.alpha, batch_size=256,
                        learning_rate_init=1e-3, max_iter=a.max_iter, early_stopping=True, validation_fraction=0.1,
                        n_iter_no_change=4, random_state=0)
    mlp.fit(Z[train], y[train])
    report = {"train_frames": int(train.sum()), "train_accuracy": round(float(mlp.score(Z[train], y[train])), 3),
              "epochs": int(mlp.n_iter_), "seconds": round(time.time() - t0, 1)}
    if a.validate_voice:
        report["validate_voice"] = a.validate_voice
        held = owner == a.validate_voice
        report["validate_accuracy"] = round(float(mlp.score(Z[held], y[held])), 3)
    if a.test_frames:
        Xt, yt, ot = load(files_of(items, "test"), a.test_frames, a.context, projection)
        k = np.isin(yt, classes)
        Zt = (Xt[k] - mean) / sd
        report["test_frames"] = int(k.sum())
        report["test_accuracy"] = round(float(mlp.score(Zt, yt[k])), 3)
        learners = ~np.char.startswith(ot[k].astype(str), "ref-")
        report["test_learner_accuracy"] = round(float(mlp.score(Zt[learners], yt[k][learners])), 3)
    print(json.dumps(report), file=sys.stderr)
    # the standardisation is folded into the first layer: W1' = W1 / sd, b1' = b1 - (mean / sd) W1
    W = [w.astype(np.float64) for w in mlp.coefs_]; b = [v.astype(np.float64) for v in mlp.intercepts_]
    b[0] = b[0] - (mean / sd) @ W[0]; W[0] = W[0] / sd[:, None]
    assert list(mlp.classes_) == classes
    priors = np.array([np.mean(y[train] == c) for c in classes])
    model = {
        "version": os.path.splitext(os.path.basename(a.out))[0].replace("phones-", "pronunciation-phones-"),
        "input": ("output of " + os.path.basename(a.projection)) if a.projection else "cmvn mfcc13 + delta + delta-delta (PronunciationParameters defaults), speech frames only",
        "input_projection_file": os.path.basename(a.projection) if a.projection else None,
        "context_frames": a.context,
        "input_dimension": int(X.shape[1]),
        "layers": [{"inputs": int(w.shape[0]), "outputs": int(w.shape[1]), "activation": "relu" if i < len(W) - 1 else "softmax",
                    "weights_row_major_input_by_output": [float(f"{v:.6g}") for v in w.reshape(-1)],
                    "bias": [float(f"{v:.6g}") for v in bb]} for i, (w, bb) in enumerate(zip(W, b))],
        "class_labels": classes,
        "log_priors": [float(f"{v:.6g}") for v in np.log(priors)],
        "fit": {"split": "fit", "files": len(files), "hidden": list(hidden), "l2": a.alpha, **report},
    }
    with open(a.out, "w") as f:
        json.dump(model, f)
        f.write("\n")
    print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
