#!/usr/bin/env python3
"""A model that is another model with settings added and nothing refitted (v23 = v11 + word_phones_from_references).

Usage: derive-model.py BASE.json VERSION OUT.json KEY=JSON_VALUE ...
Writes BASE with `version` = VERSION, each KEY set to its JSON value, and `fit.derived` naming the base and the
settings, in the formatting of the fit scripts (indent 1, sorted keys).
"""
import json
from evaluation import write_model
import sys


def main():
    if len(sys.argv) < 5 or any("=" not in a for a in sys.argv[4:]):
        sys.exit(__doc__)
    base_path, version, out = sys.argv[1:4]
    settings = {k: json.loads(v) for k, v in (a.split("=", 1) for a in sys.argv[4:])}
    with open(base_path) as f:
        model = json.load(f)
    base_version = model["version"]
    model.update(settings)
    model["version"] = version
    model["fit"] = {**model.get("fit", {}), "derived": {"from": base_version, "settings": settings}}
    write_model(out, model)
    print(f"wrote {out}: {base_version} + {settings}", file=sys.stderr)


if __name__ == "__main__":
    main()
