#!/usr/bin/env python3
"""Model v21: BASE (v20) with v19's check on inserted words and a check by PocketSphinx's human-trained model on
omitted words.

A word BASE's omission trees call omitted stays omitted only if its goodness under the human-trained model
(`human_goodness`, nats per frame: forced minus free path score over the word's frames) is below
`omission_human_goodness_below`; a word that model hears well is scored as said. On voices made from people the
espeak-ng classifier's evidence calls 3 to 5 said words omitted for every real omission (docs/pronunciation.md,
"Model v20"); PocketSphinx, trained on people, hears most of them said, while a word really left out has to be
squeezed into its neighbours' frames and sounds far worse than any phones there.

The threshold: of -0.5, -0.75, ... -6, the one with the best omission F1 pooled over the PEOPLE fit sets, among those
that keep the espeak-ng POOL's omission recall at least 0.95 (in sample: BASE's trees were fitted on it); ties go to
the higher threshold (fewer words overruled). Every set is (MANIFEST, EVIDENCE, DUMP) as for fit-human-trees.py.
The insertion check is copied from INSERTION_MODEL (v19.json). Rule written first: bench/pronunciation/prereg-v21.md.
Usage: fit-omission-check.py BASE.json INSERTION_MODEL.json VERSION OUT.json POOL_MANIFEST POOL_EVIDENCE POOL_DUMP
                             MANIFEST EVIDENCE DUMP [MANIFEST EVIDENCE DUMP ...]
"""
import json, sys
import numpy as np

from evaluation import write_model, omission_evidence, f1_score

THRESHOLDS = [round(-0.5 - 0.25 * k, 2) for k in range(23)]
POOL_RECALL = 0.95


def omission_decisions(model, manifest, evidence, dump):
    """Per word of the set: omitted in truth, called omitted by MODEL's trees, and its human goodness (NaN: unmeasured)."""
    table, truth, p = omission_evidence(model, manifest, evidence, dump)
    goodness = np.array([np.nan if w.get("human_goodness") is None else w["human_goodness"] for w in table], float)
    return truth.astype(bool), p > model["omitted_above"], goodness


def counts(sets, below):
    """(omitted words, found, called omitted) over SETS with the check at BELOW (None: no check)."""
    truths = found = called = 0
    for truth, flagged, goodness in sets:
        keep = flagged if below is None else flagged & ~(goodness >= below)
        truths += truth.sum(); found += (keep & truth).sum(); called += keep.sum()
    return int(truths), int(found), int(called)


def recall_precision(c):
    truths, found, called = c
    return found / max(1, truths), found / max(1, called)


def main():
    base_path, insertion_path, version, out = sys.argv[1:5]
    triples = sys.argv[5:]
    assert len(triples) >= 6 and len(triples) % 3 == 0, __doc__
    base, insertion = json.load(open(base_path)), json.load(open(insertion_path))
    sets = [omission_decisions(base, *triples[k:k + 3]) for k in range(0, len(triples), 3)]
    pool, people = sets[0], sets[1:]
    table = {}
    for below in THRESHOLDS:
        pool_recall, _ = recall_precision(counts([pool], below))
        table[below] = (f1_score(*recall_precision(counts(people, below))), pool_recall)
    allowed = [b for b in THRESHOLDS if table[b][1] >= POOL_RECALL]
    assert allowed, "no threshold keeps the pool's recall; the check cannot be used"
    best = max(allowed, key=lambda b: (round(table[b][0], 12), b))
    model = dict(base)
    model["version"] = version
    model["insertion_human_goodness_below"] = insertion["insertion_human_goodness_below"]
    model["omission_human_goodness_below"] = best
    per_set = {}
    for k, s in enumerate(sets):
        per_set[triples[3 * k]] = {"trees only": [round(x, 3) for x in recall_precision(counts([s], None))],
                                   "with the human model": [round(x, 3) for x in recall_precision(counts([s], best))]}
    model["fit"] = {**base.get("fit", {}), "omission_check": {
        "sets": list(per_set), "pool": triples[0], "pool_recall_at_least": POOL_RECALL,
        "people_f1_and_pool_recall": {str(b): [round(f, 3), round(r, 3)] for b, (f, r) in table.items()},
        "per_set_recall_precision": per_set}}
    write_model(out, model)
    print(f"wrote {out}: omission_human_goodness_below {best}, insertion_human_goodness_below "
          f"{model['insertion_human_goodness_below']}", file=sys.stderr)
    for name, v in per_set.items():
        print(f"  {name}: omission recall, precision {v['trees only']} -> {v['with the human model']}", file=sys.stderr)


if __name__ == "__main__":
    main()
