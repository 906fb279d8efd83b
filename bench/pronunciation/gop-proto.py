#!/usr/bin/env python3
"""Prototype: goodness of pronunciation (Witt & Young 2000) from the frame phone model as extra word
evidence next to the DTW evidence of the shipped system, measured on the pronunciation set.

For each reference word, the expected phones are espeak-ng's phonemes of the word (the reference's
synth.json, which is what espeak-ng gives for the word's text); the learner frames are the word's learner
span from the DTW evidence (`units[].start_s/end_s` of `speakwell-bench-pronunciation evaluate`). The
phones are force-aligned onto those frames by Viterbi over log posteriors (each phone >= 1 frame), and
  gop_k  = mean over phone k's frames of log p(expected phone) - max_c log p(c)      (Hu et al. 2015 form)
  word:  gop_mean (frame-weighted), gop_min (worst phone), lpp (mean log p(expected))
The same is computed on every reference's own word span (sidecar timings) and averaged: `ref_*`, the
model's typical score for that word in native speech; learner minus reference is `d_*`.

Fit-split evidence must not come from a phone model trained on the same voices (it would be near perfect
there): the fit learners get out-of-fold posteriors from models trained without their voice
(--folds DIR with phones-wo-VOICE.json), the test learners from the model trained on the whole fit split.
Usage: gop-proto.py MANIFEST FIT_EVIDENCE TEST_EVIDENCE FULL_MODEL.json FOLDS_DIR OUT_PREFIX (bench/pronunciation/prototype-phone-model runs it all)
"""
import json, os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phone_frames import read_frames, stack, phone_name, LDAProjection

HOP = 0.01


class PhoneModel:
    def __init__(self, path):
        m = json.load(open(path))
        self.context = m["context_frames"]
        self.W = [np.array(l["weights_row_major_input_by_output"], np.float32).reshape(l["inputs"], l["outputs"]) for l in m["layers"]]
        self.b = [np.array(l["bias"], np.float32) for l in m["layers"]]
        self.classes = m["class_labels"]
        self.index = {c: i for i, c in enumerate(self.classes)}
        self.log_priors = np.array(m["log_priors"], np.float32)
        pf = m.get("input_projection_file")
        self.projection = LDAProjection(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Models/pronunciation", pf)) if pf else None

    def log_posteriors(self, values):
        h = stack(self.projection(values) if self.projection else values, self.context)
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            h = h @ W + b
            if i < len(self.W) - 1:
                h = np.maximum(h, 0)
        h = h - h.max(axis=1, keepdims=True)
        return h - np.log(np.exp(h).sum(axis=1, keepdims=True))


def force_align(L, phones):
    """Viterbi of the phone sequence over the frames of L (T x C); returns the phone index of each frame."""
    T, K = len(L), len(phones)
    if T < K:  # too few frames for the phones: stretch the span so each phone gets one frame
        L = L[np.round(np.linspace(0, T - 1, K)).astype(int)]; T = K
    S = L[:, phones]  # T x K
    D = np.full((T, K), -np.inf); B = np.zeros((T, K), np.int8)
    D[0, 0] = S[0, 0]
    for t in range(1, T):
        stay = D[t - 1]; move = np.r_[-np.inf, D[t - 1, :-1]]
        B[t] = move > stay
        D[t] = np.maximum(stay, move) + S[t]
    seg = np.zeros(T, int); k = K - 1
    for t in range(T - 1, -1, -1):
        seg[t] = k
        if t > 0 and B[t, k]:
            k -= 1
    return L, seg


def gop(L, phones):
    if len(phones) == 0 or len(L) == 0:
        return None
    L, seg = force_align(L, phones)
    best = L.max(axis=1)
    per_phone, lpp = [], []
    for k, p in enumerate(phones):
        f = seg == k
        per_phone.append(float(np.mean(L[f, p] - best[f])))
        lpp.append(float(np.mean(L[f, p])))
    frame_gop = L[np.arange(len(L)), np.array(phones)[seg]] - best
    return {"gop_mean": float(frame_gop.mean()), "gop_min": min(per_phone), "lpp": float(np.mean(lpp)),
            "lpp_min": min(lpp)}


def span_frames(frames, start_s, end_s):
    """Rows whose frames start in [start_s, end_s) (the scorer's learner span: start of first to end of last row)."""
    t = frames * HOP
    return np.searchsorted(t, start_s - 1e-6), np.searchsorted(t, end_s - HOP + 1e-6, side="right")


def word_phones(ref_wav, model):
    meta = json.load(open(os.path.splitext(ref_wav)[0] + ".synth.json"))
    out = [[] for _ in meta["words"]]
    for p in meta["phonemes"]:
        n = phone_name(p["phoneme"])
        if n != "_" and n in model.index:
            out[p["word_index"]].append(model.index[n])
    return out


def frames_path(wav, dirs):
    name = os.path.basename(os.path.splitext(wav)[0]) + ".f32"
    for d in dirs:
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    raise FileNotFoundError(name)


def evidence(items, rows, model_for, frame_dirs):
    out = []
    ref_cache = {}
    for r in rows:
        it = items[r["id"]]
        model = model_for(it)
        fr, vals = read_frames(frames_path(it["learner"], frame_dirs))
        L = model.log_posteriors(vals)
        phones = word_phones(it["references"][0], model)
        units = r["evidence"]["units"]
        assert len(units) == len(phones), r["id"]
        # reference GOP per word: each reference's own word span (true sidecar timings)
        refs = []
        for ref in it["references"]:
            key = (ref, id(model))
            if key not in ref_cache:
                rf, rv = read_frames(frames_path(ref, frame_dirs))
                RL = model.log_posteriors(rv)
                words = json.load(open(os.path.splitext(ref)[0] + ".words.json"))
                ref_cache[key] = [gop(RL[slice(*span_frames(rf, w["start_s"], w["end_s"]))], ph) for w, ph in zip(words, phones)]
            refs.append(ref_cache[key])
        for k, (u, ph) in enumerate(zip(units, phones)):
            i0, i1 = span_frames(fr, u["start_s"], u["end_s"])
            g = gop(L[i0:i1], ph) if i1 > i0 else None
            e = {}
            for name in ("gop_mean", "gop_min", "lpp", "lpp_min"):
                rv = [x[k][name] for x in refs if x[k] is not None]
                ref_v = float(np.mean(rv)) if rv else 0.0
                v = g[name] if g else -10.0
                e[name] = v; e["ref_" + name] = ref_v; e["d_" + name] = v - ref_v
            e["phones"] = len(ph)
            out.append(e)
    return out


def main():
    manifest, fit_ev, test_ev, full_model, folds, prefix = sys.argv[1:7]
    items = {i["id"]: i for i in json.load(open(manifest))["items"]}
    D = os.path.dirname(manifest)
    dirs = [os.path.join(D, "frames"), os.path.join(D, "frames-test")]
    full = PhoneModel(full_model)
    fold_models = {}

    def fold_model(it):
        v = it["voice"]
        if v not in fold_models:
            fold_models[v] = PhoneModel(os.path.join(folds, f"phones-wo-{v}.json"))
        return fold_models[v]

    for name, path, chooser in (("fit", fit_ev, fold_model), ("test", test_ev, lambda it: full)):
        rows = [json.loads(l) for l in open(path)]
        rows = [r for r in rows if "evidence" in r]
        ev = evidence(items, rows, chooser, dirs)
        with open(f"{prefix}-{name}.json", "w") as f:
            json.dump(ev, f)
        print(f"{name}: {len(ev)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
