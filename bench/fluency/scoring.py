"""Scores pause lists, syllable counts and speech rates against the truth files of make_truth.py.

A detected pause matches a truth pause when both edges are within 100 ms (one-to-one, closest first).
A detected filled pause matches a truth filled pause when it covers at least half of it.
"""
TOLERANCE_S = 0.100


def match_pauses(truth, detected, tolerance=TOLERANCE_S):
    """Returns (matches, edge errors in s): matches as (truth index, detected index)."""
    pairs = []
    for i, t in enumerate(truth):
        for j, d in enumerate(detected):
            ds, de = abs(d[0] - t[0]), abs(d[1] - t[1])
            if ds <= tolerance and de <= tolerance:
                pairs.append((ds + de, i, j, ds, de))
    pairs.sort()
    used_t, used_d, matches, errors = set(), set(), [], []
    for _, i, j, ds, de in pairs:
        if i in used_t or j in used_d:
            continue
        used_t.add(i)
        used_d.add(j)
        matches.append((i, j))
        errors += [ds, de]
    return matches, errors


def filled_hits(truth, detected):
    hits = 0
    for s, e in truth:
        if any(min(e, de) - max(s, ds) >= 0.5 * (e - s) for ds, de in detected):
            hits += 1
    return hits


class Tally:
    """Accumulates one method's scores over files."""

    def __init__(self):
        self.truth = self.detected = self.matched = self.matched_loose = 0
        self.edges = []
        self.syllable_errors = []
        self.rate_errors = []
        self.filled_truth = self.filled_hit = 0
        self.audio_s = self.cpu_s = 0.0

    def add_pauses(self, truth, detected):
        truth_pairs = [(p["start_s"], p["end_s"]) for p in truth["pauses"]]
        matches, errors = match_pauses(truth_pairs, detected)
        self.truth += len(truth_pairs)
        self.detected += len(detected)
        self.matched += len(matches)
        self.matched_loose += len(match_pauses(truth_pairs, detected, tolerance=0.25)[0])
        self.edges += errors

    def add_syllables(self, truth, count, rate):
        true_count = truth["syllable_count"]
        self.syllable_errors.append(abs(count - true_count) / true_count * 100)
        true_rate = true_count / (truth["speech_end_s"] - truth["speech_start_s"])
        self.rate_errors.append(abs(rate - true_rate) / true_rate * 100)

    def add_filled(self, truth, detected):
        pairs = [(p["start_s"], p["end_s"]) for p in truth["filled_pauses"]]
        self.filled_truth += len(pairs)
        self.filled_hit += filled_hits(pairs, detected)

    def add_time(self, audio_s, cpu_s):
        self.audio_s += audio_s
        self.cpu_s += cpu_s

    def row(self):
        precision = self.matched / self.detected if self.detected else 0.0
        recall = self.matched / self.truth if self.truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        mean = lambda xs: sum(xs) / len(xs) if xs else None
        edge = mean(self.edges)
        lp = self.matched_loose / self.detected if self.detected else 0.0
        lr = self.matched_loose / self.truth if self.truth else 0.0
        return {
            "f1_loose": 2 * lp * lr / (lp + lr) if lp + lr else 0.0,
            "precision": precision, "recall": recall, "f1": f1,
            "edge_ms": edge * 1000 if edge is not None else None,
            "syllable_err_pct": mean(self.syllable_errors),
            "rate_err_pct": mean(self.rate_errors),
            "filled_recall": self.filled_hit / self.filled_truth if self.filled_truth and self.filled_truth >= 0 else None,
            "x_realtime": self.audio_s / self.cpu_s if self.cpu_s > 0 else None,
        }
