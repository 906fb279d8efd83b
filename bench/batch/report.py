#!/usr/bin/env python3
"""Prints the bench/batch table from the runs that bench/batch/run made.

For each configuration: items in the manifest, hours of audio scored (sum of `audio.duration_s` over
the result documents in results.jsonl), wall seconds of `speakwell batch` (for postgres-2p: from the
batch's start to its exit, the worker processes already running), x realtime (audio / wall),
x realtime per core (over the cores the run was pinned to), scaling efficiency (x realtime per core
against sqlite-1w's), failures and whether they are exactly the generator's bad items with the
expected error codes, CPU seconds of the speakwell processes (audio / CPU s: robust to other
engineers' jobs on a shared machine), peak RSS, and the load average before and after.

Usage: report.py SITTING RUNS CONFIG...
"""
import csv
import json
import os
import sys


def read_env(path):
    values = {}
    with open(path) as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value.strip('"')
    return values


def numbers(text):
    return [float(x) for x in text.split()] if text else []


def check(sitting, out):
    """(audio seconds scored, failures, failures matching truth?, explanation)."""
    truth = {}
    with open(os.path.join(sitting, "truth.csv")) as handle:
        for row in csv.DictReader(handle):
            truth[row["id"]] = row["expected"]
    audio_s, seen, failed = 0.0, set(), {}
    with open(os.path.join(out, "results.jsonl")) as handle:
        for line in handle:
            item = json.loads(line)
            if item["id"] in seen:
                return audio_s, len(failed), False, f"{item['id']} appears twice"
            seen.add(item["id"])
            if "error" in item:
                failed[item["id"]] = item["error"]["code"]
            else:
                audio_s += item["audio"]["duration_s"]
    problems = []
    if seen != set(truth):
        problems.append(f"{len(set(truth) - seen)} items missing, {len(seen - set(truth))} unknown")
    expected_bad = {k: v for k, v in truth.items() if v != "ok"}
    wrong = sorted(k for k in set(failed) | set(expected_bad) if failed.get(k) != expected_bad.get(k))
    for item in wrong[:5]:
        problems.append(f"{item}: expected {truth.get(item)}, got {failed.get(item, 'ok')}")
    if len(wrong) > 5:
        problems.append(f"... {len(wrong) - 5} more")
    return audio_s, len(failed), not problems, "; ".join(problems)


def main():
    sitting, runs, configs = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(os.path.join(sitting, "truth.csv")) as handle:
        truth = list(csv.DictReader(handle))
    bad = sum(1 for row in truth if row["expected"] != "ok")
    kinds = {}
    for row in truth:
        if row["expected"] != "ok":
            kinds[row["expected"]] = kinds.get(row["expected"], 0) + 1
    print(f"sitting: {len(truth)} items, {bad} bad by construction "
          f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); one reference (ref-f2.wav + words sidecar)")
    print()
    header = ["configuration", "cores", "items", "audio h", "wall s", "x realtime", "x RT/core", "scaling eff.",
              "failures", "= truth", "CPU s", "audio s/CPU s", "peak RSS MB", "load before/after"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    base_per_core = None
    notes = []
    for name in configs:
        env = read_env(os.path.join(runs, name, "timing.env"))
        audio_s, failures, exact, why = check(sitting, os.path.join(runs, name, "out"))
        cores, wall = int(env["cores"]), float(env["wall_s"])
        rt = audio_s / wall
        per_core = rt / cores
        if name == "sqlite-1w":
            base_per_core = per_core
        efficiency = f"{per_core / base_per_core * 100:.0f} %" if base_per_core else "n/a"
        cpu = float(env["batch_cpu_s"]) + sum(numbers(env.get("worker_cpu_s", "")))
        rss = [float(env["batch_rss_kb"])] + numbers(env.get("worker_rss_kb", ""))
        rss_text = " + ".join(f"{kb / 1024:.0f}" for kb in rss)
        print(f"| {name} | {cores} | {len(truth)} | {audio_s / 3600:.2f} | {wall:.1f} | {rt:.0f} | {per_core:.0f} | "
              f"{efficiency} | {failures} | {'yes' if exact else 'NO'} | {cpu:.1f} | {audio_s / cpu:.0f} | "
              f"{rss_text} | {env['load_before']} / {env['load_after']} |")
        if not exact:
            notes.append(f"{name}: failures differ from the truth: {why}")
    print()
    print("x realtime = audio scored / wall; per core = over the cores the run was pinned to (taskset);")
    print("scaling eff. = x RT/core against sqlite-1w; CPU s = user+sys of the speakwell processes (PostgreSQL's own")
    print("CPU not included); peak RSS: batch process (+ each worker process for postgres-2p).")
    for note in notes:
        print(note)
    return 1 if notes else 0


if __name__ == "__main__":
    sys.exit(main())
