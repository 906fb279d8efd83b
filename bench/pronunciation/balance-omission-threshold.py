#!/usr/bin/env python3
"""The omission threshold of a model whose omission trees were fitted on independent sets (v32), over probabilities
that no tree was fitted on: where the issue's two omission targets (recall >= 0.95, precision >= 0.90) hold with the
largest common margin, and how many sets meet the target at each threshold.

Why: v32's threshold was where the most sets meet the target out of fold, ties to the best F1. Session 33 used this
to weigh a threshold chosen for balance instead (0.17 against 0.26): the count of sets meeting the target is flat over
0.12-0.28, and the lower threshold costs people's voices (docs/pronunciation-history.md, "Sets 29-32, and a balanced
threshold"); it was not shipped.
Probabilities that no tree was fitted on: for each --out-of-fold set, trees with the model's terms and v10's settings
fitted without it (`out_of_fold_by_set`, the folders after --always in every fold's training data, as
fit-omission-trees-sets.py fits them); for each --held-out set, the model's own trees. Over all of them pooled, for
each threshold 0.05, 0.06 ... 0.94: recall R and precision P of `p > threshold`; the chosen threshold maximises
min(R - 0.95, P - 0.90) (ties to the lower threshold). Prints the table and the choice; each set's folder needs
`out/test-v26.jsonl`. Deterministic (fixed random_state, one thread).
Usage: balance-omission-threshold.py MODEL.json --out-of-fold DIR... [--always DIR...] --held-out DIR...
"""
import json, sys

from evaluation import (set_table, omitted_truth, out_of_fold_by_set, omission_probability, threshold_sweep,
                        OMISSION_LLR_CLIP, TARGET_RECALL, TARGET_PRECISION)


def folders(arguments, flag):
    """The arguments after `flag` up to the next `--` flag."""
    if flag not in arguments:
        return []
    rest = arguments[arguments.index(flag) + 1:]
    return rest[:next((i for i, a in enumerate(rest) if a.startswith("--")), len(rest))]


def main():
    arguments = sys.argv[1:]
    if not arguments or "--out-of-fold" not in arguments:
        sys.exit(__doc__)
    model = json.load(open(arguments[0]))
    clip = model.get("omission_llr_clip", OMISSION_LLR_CLIP)
    tables = [set_table(d, clip) for d in folders(arguments, "--out-of-fold")]
    extra = [set_table(d, clip) for d in folders(arguments, "--always")]
    held_out = [set_table(d, clip) for d in folders(arguments, "--held-out")]
    probabilities = out_of_fold_by_set(tables, model["omission"]["features"], clip, extra)
    probabilities += [omission_probability(model["omission"], t, clip) for t in held_out]
    truths = [omitted_truth(t) for t in tables + held_out]
    best = None
    print("| threshold | recall | precision | smaller margin | sets meeting the target |\n|---|---|---|---|---|")
    for threshold, r, q, met in threshold_sweep(probabilities, truths):
        margin = min(r - TARGET_RECALL, q - TARGET_PRECISION)
        print(f"| {threshold:.2f} | {r:.4f} | {q:.4f} | {margin:+.4f} | {met} of {len(truths)} |")
        if best is None or margin > best[0]:
            best = (margin, threshold)
    left_out = int(sum(t.sum() for t in truths))
    print(f"omitted_above {best[1]:.2f} (smaller margin {best[0]:+.4f}, {len(truths)} sets, {left_out} left-out words)")


if __name__ == "__main__":
    main()
