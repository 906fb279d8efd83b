#!/usr/bin/env python3
"""Fits the pronunciation calibration model (Models/pronunciation/vN.json) on the FIT split only.

Input: the manifest of make-set.py and the raw evidence JSON lines that `speakwell-bench-pronunciation
evaluate MANIFEST fit KIND OUT` wrote (no calibration). Fits
  - word: logistic P(mispronounced) from the log distance ratios `mean`, `peak` and the relative duration
    `log_duration`, `shortening` = min(0, log_duration) (ok vs mispronounced words),
  - omission: logistic P(omitted) from `log_duration` and `mean` (omitted vs realised words),
  - mispronounced_below: the score threshold with the best F1 on the fit split,
  - omitted_above: the P(omitted) threshold with the best F1 on the fit split,
  - insertion_distance_ratio: the candidate threshold with the best F1 against truth insertions,
  - single_reference_spread: median reference-to-reference spread (used with one reference).
With PHONE_MODEL_FILE (v2) the word logistic also takes the goodness of pronunciation `gop_min` and `gop_mean`
(chosen on the fit split: gop-eval.py; adding `gop_mean` and `lpp` to the omission logistic left its fit F1
unchanged, 0.809 vs 0.816, so omission keeps the distance and duration terms).
Deterministic (L-BFGS, fixed data order). With `aligned` (v3) the word logistic also takes `aligned_gop_min`, `aligned_gop_mean` and the omission logistic
`omission_llr`, from the whole-utterance forced alignment.
With `variants` (v5: implies `aligned`) the word logistic also takes `variant_llr`: how much better the word's best
error variant (PronunciationVariants: the typical errors of Vietnamese learners as extra paths of the forced
alignment) explains the frames than its expected phones, nats per phone, clipped like `omission_llr`.
With `insertions` (v6: implies `variants`) an inserted-word candidate (a stretch no reference has a counterpart for)
is kept when the forced alignment's filler beats the expected phones there by more than `insertion_filler_llr_above`
nats (the best F1 on the fit split), and `correctness` counts the inserted words as errors.
With VARIANT_MIN_FRAMES (v7: after `insertions`; the evidence made with PR_VARIANT_FRAMES set to the same) the model
file records `variant_minimum_phone_frames`, so the scorer compares the error variants the way the evidence did.
With `relative` (v8: after VARIANT_MIN_FRAMES; the evidence has the references' own forced-alignment evidence,
`ref_*`) the forced-alignment terms are measured against the references' (ReferenceWordEvidence): `omission_llr` and
`variant_llr` (clipped) lose the references' positive part, `gop_mean`, `gop_min`, `aligned_gop_mean` and
`aligned_gop_min` their negative part, as PronunciationScorer.relativeToReferences does, and an insertion candidate is
confirmed by its gaps' filler ratios less the references' own at the same gaps (`filler_llr_relative`); the model file
records `reference_relative_evidence`.
With `tempering=FLOOR` (v12: after `relative`; the evidence made with PR_TEMPER_FLOOR set to the same) the model file
records `posterior_tempering_floor`, so the scorer tempers the phone posteriors of a reading the way the evidence did.
Usage: fit-calibration.py MANIFEST EVIDENCE KIND VERSION OUT.json [PROJECTION_FILE [PHONE_MODEL_FILE [aligned|variants|insertions [VARIANT_MIN_FRAMES [relative [tempering=FLOOR]]]]]]
"""
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression

from evaluation import load_rows, word_table, insertion_matches, relative_to_references, best_f1_threshold, OMISSION_LLR_CLIP

def main():
    manifest, evidence, kind, version, out = sys.argv[1:6]
    projection_file = sys.argv[6] if len(sys.argv) > 6 else None
    phone_model_file = sys.argv[7] if len(sys.argv) > 7 else None
    insertions = len(sys.argv) > 8 and sys.argv[8] == "insertions"
    variants = insertions or (len(sys.argv) > 8 and sys.argv[8] == "variants")
    aligned = variants or (len(sys.argv) > 8 and sys.argv[8] == "aligned")
    variant_frames = int(sys.argv[9]) if insertions and len(sys.argv) > 9 else None
    relative = variant_frames is not None and len(sys.argv) > 10 and sys.argv[10] == "relative"
    tempering = float(sys.argv[11][len("tempering="):]) if relative and sys.argv[11:12] and sys.argv[11].startswith("tempering=") else None
    items, rows = load_rows(manifest, evidence)
    table = word_table(items, rows)
    if relative:
        for w in table:
            relative_to_references(w)
    mean = np.array([w["mean"] for w in table]); peak = np.array([w["peak"] for w in table])
    dur = np.array([w["log_duration"] for w in table]); status = np.array([w["status"] for w in table])
    sel = (status == "ok") | (status == "mispronounced")
    word_names = ["mean", "peak", "log_duration", "shortening"]
    omission_names = ["log_duration", "mean"]
    X = np.c_[mean, peak, dur, np.minimum(dur, 0)]
    Xo = np.c_[dur, mean]
    if phone_model_file:
        # goodness of pronunciation (out-of-fold values: `evaluate` with PR_PHONE_FOLDS); a word espeak-ng gave
        # no known phones has none, and the scorer then leaves the terms out (= 0)
        g = {n: np.array([w.get(n, 0.0) for w in table]) for n in ("gop_mean", "gop_min", "lpp")}
        word_names += ["gop_min", "gop_mean"]
        X = np.c_[X, g["gop_min"], g["gop_mean"]]
    if aligned:
        # v3: the whole-utterance forced alignment (UtteranceForcedAlignment): goodness on the aligned phones beside
        # the DTW-span goodness, and the omission log ratio (clipped to +-OMISSION_LLR_CLIP nats per phone, as the
        # scorer does) in the omission logistic (chosen on the fit split, out-of-fold: docs/pronunciation.md)
        a = {n: np.array([w.get(n, 0.0) for w in table]) for n in ("aligned_gop_min", "aligned_gop_mean")}
        llr = np.array([w.get("omission_llr", 0.0) for w in table])
        llr = llr if relative else np.clip(llr, -OMISSION_LLR_CLIP, OMISSION_LLR_CLIP)
        word_names += ["aligned_gop_min", "aligned_gop_mean"]
        X = np.c_[X, a["aligned_gop_min"], a["aligned_gop_mean"]]
        omission_names += ["omission_llr"]
        Xo = np.c_[Xo, llr]
    if variants:
        v = np.array([w.get("variant_llr", 0.0) for w in table])
        v = v if relative else np.clip(v, -OMISSION_LLR_CLIP, OMISSION_LLR_CLIP)
        word_names += ["variant_llr"]
        X = np.c_[X, v]
    X = X[sel]; y = (status[sel] == "mispronounced").astype(int)
    word = LogisticRegression(C=1.0, max_iter=1000).fit(X, y)
    yo = (status == "omitted").astype(int)
    omission = LogisticRegression(C=1.0, max_iter=1000).fit(Xo, yo)
    best_om = best_f1_threshold(omission.predict_proba(Xo)[:, 1], yo)
    # threshold on the realised-word score with the best F1 for "mispronounced"
    score = 100 * (1 - word.predict_proba(X)[:, 1])
    best = (0, 50.0)
    for t in np.arange(5, 95, 0.5):
        pred = score < t
        tp = np.sum(pred & (y == 1)); fp = np.sum(pred & (y == 0)); fn = np.sum(~pred & (y == 1))
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if f1 > best[0]: best = (f1, float(t))
    # insertion threshold
    cands, truths = insertion_matches(items, rows, filler="filler_llr_relative" if relative else "filler_llr")
    best_ins = (0, 1.5)
    for t in np.arange(0.8, 3.0, 0.05):
        tp = sum(1 for c in cands if c["ratio"] >= t and c["hit"]); fp = sum(1 for c in cands if c["ratio"] >= t and not c["hit"])
        found = sum(1 for tr in truths if any(c["ratio"] >= t and c["hit"] == tr for c in cands))
        f1 = 2 * tp / max(1, tp + fp + truths.__len__()) if truths else 0
        if f1 > best_ins[0]: best_ins = (f1, float(round(t, 2)))
    best_filler = None
    if insertions:
        # v6: candidates confirmed by the forced alignment's filler (no filler gap overlapping = not confirmed)
        def f1_at(t):
            tp = sum(1 for c in cands if (c.get("filler_llr") if c.get("filler_llr") is not None else -1e9) > t and c["hit"])
            fp = sum(1 for c in cands if (c.get("filler_llr") if c.get("filler_llr") is not None else -1e9) > t and not c["hit"])
            return 2 * tp / max(1, tp + fp + len(truths))
        best_filler = max(((f1_at(t), float(t)) for t in range(0, 101, 5)), key=lambda x: (x[0], -x[1]))
    spreads = [s for r in rows for s in r.get("reference_spread", [])]
    model = {
        "version": version,
        "features": kind,
        "word": {"intercept": float(word.intercept_[0]), "weights": {n: float(v) for n, v in zip(word_names, word.coef_[0])}},
        "omission": {"intercept": float(omission.intercept_[0]), "weights": {n: float(v) for n, v in zip(omission_names, omission.coef_[0])}},
        "mispronounced_below": best[1],
        "omitted_above": best_om[1],
        "single_reference_spread": {"mean": float(np.median([s["mean"] for s in spreads])) if spreads else 1.0,
                                    "peak": float(np.median([s["peak"] for s in spreads])) if spreads else 1.0},
        "insertion_distance_ratio": best_ins[1],
        **({"omission_llr_clip": OMISSION_LLR_CLIP} if aligned else {}),
        **({"insertion_filler_llr_above": best_filler[1], "correctness_counts_insertions": True} if insertions else {}),
        **({"variant_minimum_phone_frames": variant_frames} if variant_frames else {}),
        **({"reference_relative_evidence": True} if relative else {}),
        **({"posterior_tempering_floor": tempering} if tempering is not None else {}),
        "projection_file": projection_file,
        "phone_model_file": phone_model_file,
        "overall_weights": {"accuracy": 0.5, "completeness": 0.25, "fluency": 0.1, "intonation": 0.1, "rhythm": 0.05},
        "fit": {"split": "fit", "items": len(rows), "ok_words": int(np.sum(status == "ok")),
                "mispronounced_words": int(np.sum(status == "mispronounced")), "omitted_words": int(np.sum(status == "omitted")),
                "inserted_words": len(truths), "word_f1_at_threshold": round(best[0], 3), "insertion_f1": round(best_ins[0], 3),
                "omission_f1": round(best_om[0], 3),
                **({"insertion_filler_f1": round(best_filler[0], 3)} if insertions else {})},
    }
    with open(out, "w") as f:
        json.dump(model, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {out}", file=sys.stderr)

if __name__ == "__main__":
    main()
