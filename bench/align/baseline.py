#!/usr/bin/env python3
"""Naive anchor for bench/align: the speech extent (frames 6 dB / a fifth of the range above the 10th-percentile
floor, the aligner's own silence rule) cut into words in proportion to their letter counts. Shows what the
DTW alignment adds over knowing only where the speech starts and ends. Writes the driver's JSON-lines format.
Usage: baseline.py MANIFEST OUT.jsonl
"""
import json, re, sys, time
import numpy as np
import soundfile as sf


def main():
    items = json.load(open(sys.argv[1]))["items"]
    with open(sys.argv[2], "w") as out:
        for item in items:
            t0 = time.perf_counter()
            x, sr = sf.read(item["wav"], dtype="float32")
            hop, win = sr // 200, sr // 100
            e = np.array([np.mean(x[i:i + win] ** 2) for i in range(0, len(x) - win, hop)])
            db = 10 * np.log10(np.maximum(e, 1e-12))
            floor, peak = np.percentile(db, 10), np.percentile(db, 97)
            speech = np.where(db > floor + max(6, 0.2 * (peak - floor)))[0]
            start, end = speech[0] * hop / sr, (speech[-1] * hop + win) / sr
            words = [w.strip(".,;:!?\"()") for w in item["text"].split()]
            words = [w for w in words if w]
            letters = np.array([max(1, len(re.sub(r"[^A-Za-z]", "", w))) for w in words], dtype=float)
            edges = start + (end - start) * np.concatenate([[0], np.cumsum(letters) / letters.sum()])
            aligned = [{"word": w, "start_s": float(edges[k]), "end_s": float(edges[k + 1]), "votes": 1}
                       for k, w in enumerate(words)]
            out.write(json.dumps({"id": item["id"], "duration_s": len(x) / sr, "seconds": time.perf_counter() - t0,
                                  "alignment": {"words": aligned, "voices": []}}) + "\n")


if __name__ == "__main__":
    main()
