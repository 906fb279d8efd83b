#!/usr/bin/env python3
"""Model v19: BASE (v11) whose inserted words must also sound wrong to PocketSphinx's human-trained model.

An inserted-word candidate (a stretch the references have no counterpart for) is kept by BASE when the forced
alignment's filler beats the expected phones there (`insertion_filler_llr_above`, relative to the references when
BASE says so). On voices made from people the espeak-ng classifier's expected phones explain little anywhere and the
filler wins where nothing was inserted (1.6-1.8 false insertions per correct Festival reading; docs/pronunciation.md).
v19 also asks the human-trained model: the candidate's mean forced minus free path score per frame
(`human_goodness` of each candidate in EVIDENCE, `evaluate` with PR_HUMAN_MODEL=1) must be below
`insertion_human_goodness_below`; an unmeasured candidate is judged by the filler alone. The threshold is the one of
-0.5, -0.75, ... -5 with the best insertion F1 over every (MANIFEST, EVIDENCE) pair given, pooled: a truth insertion
is found when a kept candidate overlaps it, a kept candidate is right when it overlaps a truth insertion (as
report.py counts them). Everything else of BASE is kept. Rule written first: bench/pronunciation/prereg-v19.md.
Usage: fit-insertion-gate.py BASE.json VERSION OUT.json MANIFEST EVIDENCE [MANIFEST EVIDENCE ...]
"""
import json, sys
import numpy as np

from evaluation import write_model, load_rows, overlaps


def candidates(manifest, evidence, filler_key):
    """Per reading: its truth insertions and its candidates (filler ratio, human goodness, truth insertions hit)."""
    items, rows = load_rows(manifest, evidence)
    readings = []
    for r in rows:
        truth = [w for w in items[r["id"]]["words"] if w["status"] == "inserted"]
        found = [(c.get(filler_key), c.get("human_goodness"),
                  [k for k, t in enumerate(truth) if overlaps(c["start_s"], c["end_s"], t["start_s"], t["end_s"])])
                 for c in r["evidence"]["insertions"]]
        readings.append((len(truth), found))
    return readings


def counts(readings, above, below):
    """(truth insertions, truth insertions found, candidates kept, kept candidates that are right)."""
    truths = hits = kept = right = 0
    for n, found in readings:
        keep = [f for f in found if (f[0] if f[0] is not None else -np.inf) > above and (below is None or f[1] is None or f[1] < below)]
        truths += n
        hits += len({k for f in keep for k in f[2]})
        kept += len(keep)
        right += sum(1 for f in keep if f[2])
    return truths, hits, kept, right


def f1(c):
    truths, hits, kept, right = c
    recall, precision = hits / max(1, truths), right / max(1, kept)
    return 2 * recall * precision / max(1e-12, recall + precision), recall, precision


def main():
    base_path, version, out = sys.argv[1:4]
    pairs = sys.argv[4:]
    assert pairs and len(pairs) % 2 == 0, __doc__
    base = json.load(open(base_path))
    above = base["insertion_filler_llr_above"]
    filler_key = "filler_llr_relative" if base.get("reference_relative_evidence") else "filler_llr"
    sets = [candidates(pairs[k], pairs[k + 1], filler_key) for k in range(0, len(pairs), 2)]
    pooled = [r for s in sets for r in s]
    thresholds = [round(-0.5 - 0.25 * k, 2) for k in range(19)]
    scored = [(f1(counts(pooled, above, t))[0], t) for t in thresholds]
    best = max(scored, key=lambda s: (s[0], s[1]))[1]   # ties: the threshold that removes least
    model = dict(base)
    model["version"] = version
    model["insertion_human_goodness_below"] = best
    per_set = {}
    for k, s in enumerate(sets):
        without, with_gate = f1(counts(s, above, None)), f1(counts(s, above, best))
        per_set[pairs[2 * k]] = {"filler only": [round(x, 3) for x in without], "with the human model": [round(x, 3) for x in with_gate]}
    model["fit"] = {**base.get("fit", {}), "insertion_gate": {
        "sets": list(per_set), "thresholds": thresholds, "f1_pooled": {str(t): round(f, 3) for f, t in scored},
        "per_set_f1_recall_precision": per_set}}
    write_model(out, model)
    print(f"wrote {out}: insertion_human_goodness_below {best}", file=sys.stderr)
    for name, v in per_set.items():
        print(f"  {name}: F1, recall, precision {v['filler only']} -> {v['with the human model']}", file=sys.stderr)


if __name__ == "__main__":
    main()
