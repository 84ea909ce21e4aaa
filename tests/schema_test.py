#!/usr/bin/python3
"""The JSON Schema for editors agrees with kiosk --check on the bundled and on bad playlists."""
import json
import sys
from pathlib import Path

import jsonschema

root = Path(__file__).resolve().parent.parent
schema = json.loads((root / "slides/playlist.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = 0
for playlist in sorted((root / "slides").glob("*.json")):
    if playlist.name.endswith(".schema.json"):
        continue
    errors = list(validator.iter_errors(json.loads(playlist.read_text())))
    print(f"{playlist.name}: {len(errors)} schema errors")
    for e in errors:
        print(f"  {e.json_path}: {e.message}")
    failures += bool(errors)

bad = [
    {},
    {"slides": []},
    {"slides": [{"text": "x", "duration": 0}]},
    {"slides": [{"text": "x", "duration": -1}]},
    {"slides": [{"duration": 5}]},
    {"slides": [{"text": "x", "align": "right"}]},
    {"slides": [{"text": "x"}], "theme": {"background": "blue"}},
    {"slides": [{"text": "x"}], "transition": 11},
    {"slides": [{"text": 5}]},
]
accepted = [doc for doc in bad if validator.is_valid(doc)]
for doc in accepted:
    print(f"schema accepts a bad playlist: {json.dumps(doc)}")
print(f"{len(bad) - len(accepted)} of {len(bad)} bad playlists rejected")
failures += len(accepted)
sys.exit(1 if failures else 0)
