"""Shared helpers of the pronunciation bench: joins evidence/sections with the truth labels of make-set.py."""
import json
import numpy as np


def load_rows(manifest_path, evidence_path):
    items = {i["id"]: i for i in json.load(open(manifest_path))["items"]}
    rows = [json.loads(l) for l in open(evidence_path)]
    rows = [r for r in rows if "evidence" in r]
    return items, rows


def word_table(items, rows):
    """One entry per reference word per item: truth status + raw evidence (+ calibrated score/status)."""
    out = []
    for r in rows:
        truth = [w for w in items[r["id"]]["words"] if w["status"] != "inserted"]
        units = r["evidence"]["units"]
        words = [w for w in r["section"]["words"] if w["status"] != "inserted"] if "section" in r else [None] * len(units)
        assert len(truth) == len(units), r["id"]
        for t, u, w in zip(truth, units, words):
            e = {"id": r["id"], "status": t["status"], "error": t.get("error"), **u}
            if w is not None:
                e["score"] = w["score"]; e["pred"] = w["status"]
            out.append(e)
    return out


def overlaps(a0, a1, b0, b1):
    return min(a1, b1) - max(a0, b0) > 0


def insertion_matches(items, rows, key=None, filler="filler_llr"):
    """Insertion candidates (evidence) or predicted inserted words (section) with the truth insertion they hit;
    `filler`: which filler ratio of the evidence to report as `filler_llr` (`filler_llr_relative`: model v8's)."""
    cands, truths = [], []
    for r in rows:
        ins = [w for w in items[r["id"]]["words"] if w["status"] == "inserted"]
        for k, w in enumerate(ins):
            truths.append((r["id"], k))
        if key == "section":
            found = [{"start_s": w["start_s"], "end_s": w["end_s"], "ratio": 1e9} for w in r["section"]["words"] if w["status"] == "inserted"]
        else:
            found = r["evidence"]["insertions"]
        for c in found:
            hit = next(((r["id"], k) for k, w in enumerate(ins) if overlaps(c["start_s"], c["end_s"], w["start_s"], w["end_s"])), False)
            cands.append({"ratio": c["ratio"], "filler_llr": c.get(filler), "hit": hit})
    return cands, truths
