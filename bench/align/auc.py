#!/usr/bin/env python3
"""Word AUC and omission recall/precision of pronunciation-bench runs (bench/pronunciation/report.py's metrics),
as JSON rows for bench/align/report.py. Usage: auc.py MANIFEST LABEL=RESULTS.jsonl ..."""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pronunciation"))
from report import metrics  # noqa: E402

rows = []
for arg in sys.argv[2:]:
    label, path = arg.split("=", 1)
    m = metrics(sys.argv[1], path)
    rows.append({"label": label, "auc": m["auc"], "omission_recall": m["om_recall"], "omission_precision": m["om_precision"],
                 "items": m["items"]})
print(json.dumps(rows))
