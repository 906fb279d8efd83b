#!/usr/bin/env python3
"""Prints the bench/align table from the aligner's JSON lines (speakwell-bench-align) and the manifest truth.

Boundary error: |aligned - true| for every word start and end. Median and p95 are over placed words; the
within-50/100 ms fractions count an unplaced word's two boundaries as misses.
Usage: report.py MANIFEST RESULTS.jsonl [LABEL=RESULTS.jsonl ...] [--auc AUC.json] [--real MANIFEST RESULTS.jsonl]
"""
import json, sys
import numpy as np


def load(path):
    with open(path) as f:
        return {r["id"]: r for r in (json.loads(l) for l in f if l.strip())}


def stats(items, results):
    errors, missed, words, unplaced, audio, seconds, failed = [], 0, 0, 0, 0.0, 0.0, 0
    for item in items:
        r = results.get(item["id"])
        if r is None or "alignment" not in r:
            failed += 1
            missed += 2 * len(item["words"]); words += len(item["words"]); unplaced += len(item["words"])
            continue
        audio += r["duration_s"]; seconds += r["seconds"]
        aligned = r["alignment"]["words"]
        assert [w["word"] for w in aligned] == [w["word"] for w in item["words"]], item["id"]
        for a, t in zip(aligned, item["words"]):
            words += 1
            if a["start_s"] is None:
                unplaced += 1; missed += 2
                continue
            errors += [abs(a["start_s"] - t["start_s"]) * 1000, abs(a["end_s"] - t["end_s"]) * 1000]
    e = np.array(errors) if errors else np.array([np.nan])
    total = len(errors) + missed
    return dict(n=len(items), words=words, median=float(np.median(e)), p95=float(np.percentile(e, 95)),
                w50=float(np.sum(e <= 50)) / total, w100=float(np.sum(e <= 100)) / total,
                unplaced=unplaced, failed=failed, xrt=audio / seconds if seconds else float("nan"))


def main():
    manifest = json.load(open(sys.argv[1]))["items"]
    runs = []
    auc = None
    args = sys.argv[2:]
    if "--auc" in args:
        k = args.index("--auc"); auc = json.load(open(args[k + 1])); args = args[:k] + args[k + 2:]
    real = None
    if "--real" in args:
        k = args.index("--real"); real = (json.load(open(args[k + 1]))["items"], load(args[k + 2])); args = args[:k] + args[k + 3:]
    for a in args:
        label, path = a.split("=", 1) if "=" in a else ("aligner", a)
        runs.append((label, load(path)))
    groups = [
        ("test, clean", lambda i: i["split"] == "test" and not i["noise"]),
        ("test, 10 dB SNR", lambda i: i["split"] == "test" and i["noise"]),
        ("test, all", lambda i: i["split"] == "test"),
    ]
    for v in sorted({i["voice"] for i in manifest if i["split"] == "test"}):
        groups.append((f"  test {v}", lambda i, v=v: i["split"] == "test" and i["voice"] == v))
    groups.append(("tune voices (not a target)", lambda i: i["split"] == "tune"))
    print(f"{'method':<22} {'set':<28} {'items':>5} {'words':>5} {'median ms':>9} {'p95 ms':>7} {'<=50ms':>7} {'<=100ms':>8} {'unplaced':>8} {'x realtime':>10}")
    for r, (label, results) in enumerate(runs):
        for name, keep in groups:
            if r > 0 and name.startswith("  "):
                continue  # per-voice rows for the first (shipped) method only
            s = stats([i for i in manifest if keep(i)], results)
            print(f"{label:<22} {name:<28} {s['n']:>5} {s['words']:>5} {s['median']:>9.1f} {s['p95']:>7.1f} "
                  f"{100 * s['w50']:>6.1f}% {100 * s['w100']:>7.1f}% {s['unplaced']:>8} {s['xrt']:>10.1f}")
    if real:
        print()
        print("human speech (AudioFixtures/real), no true timings: difference from PocketSphinx forced alignment (agreement, not accuracy)")
        for item in real[0]:
            s = stats([item], real[1])
            print(f"{'shipped':<22} {item['id']:<28} {s['n']:>5} {s['words']:>5} {s['median']:>9.1f} {s['p95']:>7.1f} "
                  f"{100 * s['w50']:>6.1f}% {100 * s['w100']:>7.1f}% {s['unplaced']:>8} {s['xrt']:>10.1f}")
    if auc:
        print()
        print(f"{'pronunciation word AUC (test split, 3 refs)':<48} {'AUC':>6} {'omission R/P':>13}")
        for row in auc:
            print(f"{row['label']:<48} {row['auc']:>6.3f} {row['omission_recall']:>6.2f}/{row['omission_precision']:.2f}")
        base = auc[0]["auc"]
        for row in auc[1:]:
            target = "" if "no target" in row["label"] else " (target >= -0.020)"
            print(f"  AUC change with {row['label']}: {row['auc'] - base:+.3f}{target}")


if __name__ == "__main__":
    main()
