#!/usr/bin/python3
"""The JSON Schema for editors and `kiosk --check` agree, document by document.

Usage: schema_test.py KIOSK   (ctest passes the binary it built)

Every document below, and one at each side of every number bound the schema states, goes
through both: the schema's verdict (valid or not) must equal kiosk's (no errors and no
warnings, or not: kiosk only warns about unknown keys, the schema underlines them). A few
rules span several keys and a schema cannot say them; those documents are listed apart
and must pass the schema and fail kiosk --check, so nobody takes the schema for the
authority. The keys and bounds themselves have one source, NumberRules() and KnownKeys()
in kiosk/model/playlist.cpp: playlist_test holds the schema's numbers to them.
"""
import json
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import jsonschema

root = Path(__file__).resolve().parent.parent
schema = json.loads((root / "slides/playlist.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

if len(sys.argv) != 2:
    sys.exit("usage: schema_test.py KIOSK")
kiosk = sys.argv[1]
tmp = Path(tempfile.mkdtemp(prefix="kiosk-schema-"))


def write_png(path, width=4, height=3):
    """A small valid RGB PNG (kiosk --check reads every picture a playlist names)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\0" + b"\x80\x40\x20" * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" +
                     chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                     chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


for name in ("a.png", "b.JPG.png", "bg.png", "logo.png"):
    write_png(tmp / name)


def check(doc):
    """kiosk --check --json on doc: (clean, messages)."""
    path = tmp / "p.json"
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc)
    run = subprocess.run([kiosk, "--check", "--json", str(path)], capture_output=True,
                         text=True, timeout=60)
    report = json.loads(run.stdout)
    if run.returncode != (0 if report["ok"] else 1):
        raise SystemExit(f"kiosk exit {run.returncode} does not match ok={report['ok']}")
    return report["errors"] == 0 and report["warnings"] == 0, [
        d["text"] for d in report["diagnostics"]]


def slides(**slide):
    return [{"text": "x", **slide}]


# Documents whose verdict both must share (good and bad).
docs = [
    {"slides": slides()},
    {"slides": slides(title="t", kicker="k", align="center", duration=30)},
    {"$schema": "./playlist.schema.json", "lang": "de", "duration": 20, "transition": 0.8,
     "progress": True, "counter": False, "error_mark": True,
     "theme": {"background": "#121e2f", "foreground": "#fff", "accent": "#f5b72c80",
               "font": "DejaVu Sans", "margin": 0.06, "align": "left", "max_text_size": 0.085,
               "min_text_size": 0.0417, "uniform_size": True},
     "slides": [{"title": "only a title"}, {"text": "only text"}]},
    {},
    {"slides": []},
    {"slides": {}},
    {"slides": [None]},
    {"slides": ["text"]},
    {"slides": [{"duration": 5}]},
    {"slides": [{"kicker": "k"}]},
    {"slides": [{"text": 5}]},
    {"slides": [{"title": None}]},
    {"slides": slides(duration="10")},
    {"slides": slides(duration=None)},
    {"slides": slides(align="right")},
    {"slides": slides(align="Center")},
    {"slides": slides(align=1)},
    {"slides": slides(), "transition": "1"},
    {"slides": slides(), "progress": "yes"},
    {"slides": slides(), "counter": 1},
    {"slides": slides(), "error_mark": None},
    {"slides": slides(), "theme": []},
    {"slides": slides(), "theme": {"uniform_size": "true"}},
    {"slides": slides(), "theme": {"font": 3}},
    {"slides": slides(), "theme": {"font_file": 3}},
    # Colours.
    *[{"slides": slides(), "theme": {key: value}}
      for key in ("background", "foreground", "accent")
      for value in ("#abc", "#AABBCC", "#aabbccdd", "blue", "#abcd", "#abcde", "#ggg", "abc",
                    "#aabbccd", " #abc", "#abc ", 5, "f" * 50000)],
    # Language tags.
    *[{"slides": slides(), "lang": lang}
      for lang in ("de", "DE", "de-DE", "de_de", "de-", "d", "../x", "de DE", "", 5,
                   "deutschland")],
    # Wall-clock sync and a standing announcement.
    *[{"slides": slides(), "sync": sync}
      for sync in ("clock", "off", "Clock", "ntp", "", True, None, 1)],
    *[{"slides": slides(), "announcement": text}
      for text in ("Workshop 3 jetzt in Raum B", "", "ä" * 5000, "ä" * 5001, 5, None, ["a"])],
    # Time rules and the zone.
    *[{"slides": slides(), "timezone": zone}
      for zone in ("Europe/Berlin", "UTC", 5, None)],
    *[{"slides": slides(when=when)} for when in (
        {}, {"times": ["09:00-12:00", "22:00-02:00"]}, {"weekdays": ["mon-fri", "Samstag"]},
        {"dates": ["2015-05-29", "2016-02-27/2016-03-01"]},
        {"from": "2015-05-29T18:00", "until": "2015-05-31"},
        {"times": []}, {"weekdays": []}, {"dates": []}, {"times": "09:00-12:00"},
        {"times": ["9"]}, {"weekdays": ["mon,tue"]}, {"dates": ["29.05.2015"]},
        {"from": 2015}, {"until": "morgen"}, {"tage": ["mon"]}, "always", None)],
    {"slides": slides(), "when": {"weekdays": ["sat", "so"]}},
    {"slides": slides(), "when": []},
    # Unknown keys, at every level, also with control characters in them.
    {"slides": slides(), "titel": 1},
    {"slides": slides(titel="t")},
    {"slides": slides(), "theme": {"colour": "#fff"}},
    {"slides": slides(**{"\u001b[2Jkey\n": 1})},
    # Pictures: files next to the playlist (made above).
    {"slides": [{"image": "a.png"}]},
    {"slides": [{"qr": "https://example.org"}]},
    {"slides": [{"qr": {"text": "x", "caption": "Programm", "position": "below"}}]},
    {"slides": slides(image={"file": "a.png", "fit": "cover", "focus": [0, 1],
                             "position": "left"})},
    {"slides": slides(background="bg.png")},
    {"slides": slides(background="#123")},
    {"slides": slides(background={"file": "bg.png", "fit": "contain", "overlay": "#0008"})},
    {"slides": slides(), "theme": {"background": "bg.png", "logo": "logo.png"}},
    {"slides": slides(), "theme": {"background": {"file": "bg.png"},
                                   "logo": {"file": "logo.png", "corner": "bottom-left"}}},
    *[{"slides": slides(image=value)}
      for value in ("", 5, None, {}, {"file": ""}, {"file": "a.png", "fit": "fill"},
                    {"file": "a.png", "focus": [0.5]}, {"file": "a.png", "focus": [2, 0]},
                    {"file": "a.png", "focus": "center"}, {"file": "a.png", "position": "top"},
                    {"file": "a.png", "x": 1})],
    *[{"slides": slides(background=value)}
      for value in ("blue", "#12", "bg.gif", 7, {"overlay": "#000"},
                    {"file": "bg.png", "overlay": "dark"}, {"file": "bg.png", "position": "left"})],
    *[{"slides": [{"qr": value}]}
      for value in ("", "a" * 2331, "a" * 2332, 1, {}, {"caption": "c"}, {"text": ""},
                    {"text": "t", "position": "middle"}, {"text": "t", "caption": 1})],
    {"slides": [{"image": "a.png", "qr": "x"}]},
    {"slides": [{"background": "bg.png"}]},
    *[{"slides": slides(), "theme": {"logo": value}}
      for value in ("", [], {"size": 0.1}, {"file": "logo.png", "corner": "top"},
                    {"file": "logo.png", "corner": "top-left"}, {"file": "logo.png", "x": 1})],
]

# Each side of every number bound in the schema.
def number_bounds(properties, where):
    for key, prop in properties.items():
        if prop.get("type") != "number":
            continue
        lo = prop.get("minimum", prop.get("exclusiveMinimum"))
        hi = prop["maximum"]
        exclusive = "exclusiveMinimum" in prop
        for value in (lo, lo + 1e-9, lo - 1e-9, lo - 1, hi, hi - 1e-9, hi + 1e-9, hi + 1, 1e-6):
            yield where(key, value)
        if not exclusive:
            yield where(key, lo)


top = schema["properties"]
theme = schema["$defs"]["theme"]["properties"]
slide = schema["$defs"]["slide"]["properties"]
# transition 0 keeps the cross-key rule (transition <= duration) out of the bound checks.
docs += list(number_bounds(top, lambda k, v: {"slides": slides(), "transition": 0, k: v}))
docs += list(number_bounds(slide, lambda k, v: {"slides": slides(**{k: v}), "transition": 0}))
logo = schema["$defs"]["logo"]["properties"]
docs += list(number_bounds(logo, lambda k, v: {"slides": slides(), "theme": {
    "logo": {"file": "logo.png", k: v}}}))
docs += list(number_bounds(theme, lambda k, v: {"slides": slides(), "theme": {
    k: v, **({"min_text_size": 1e-12} if k == "max_text_size" else {}),
    **({"max_text_size": 0.5} if k == "min_text_size" else {})}}))

# Rules across keys that a schema cannot state: the schema passes them, kiosk must not.
kiosk_only = [
    {"slides": slides(duration=1), "transition": 2},
    {"slides": slides(), "duration": 3, "transition": 4},
    {"slides": slides(), "theme": {"min_text_size": 0.2, "max_text_size": 0.1}},
    {"slides": [{"text": ""}]},
    {"slides": [{"text": "", "title": ""}]},
    {"slides": [{"text": "a\u0000b"}]},
    '{"slides": [{"text": "a", "text": "b"}]}',  # a duplicate key
    {"slides": [{"qr": "\u00e4" * 2000}]},  # 2000 characters, but 4000 bytes: too many for a QR code
    {"slides": [{"image": "missing.png"}]},  # kiosk --check reads every picture
    {"slides": slides(), "timezone": "Europe/Bärlin"},  # the tz database decides
    {"slides": slides(when={"times": ["25:00-26:00"]})},
    {"slides": slides(when={"times": ["10:00-10:00"]})},
    {"slides": slides(when={"weekdays": ["funday"]})},
    {"slides": slides(when={"dates": ["2015-02-29"]})},
    {"slides": slides(when={"dates": ["2015-06-03/2015-06-01"]})},
    {"slides": slides(when={"from": "2015-05-30", "until": "2015-05-29"})},
]

failures = 0
for doc in docs:
    schema_ok = validator.is_valid(doc)
    kiosk_ok, messages = check(doc)
    if schema_ok != kiosk_ok:
        failures += 1
        shown = json.dumps(doc)
        print(f"DISAGREE schema {'accepts' if schema_ok else 'rejects'}, kiosk "
              f"{'accepts' if kiosk_ok else 'rejects'}: {shown[:200]}")
        for m in messages:
            print(f"  kiosk: {m[:200]}")
for doc in kiosk_only:
    schema_ok = validator.is_valid(json.loads(doc) if isinstance(doc, str) else doc)
    kiosk_ok, _ = check(doc)
    if not schema_ok or kiosk_ok:
        failures += 1
        print(f"expected schema to accept and kiosk to reject: {str(doc)[:200]}")

for playlist in sorted((root / "slides").glob("*.json")):
    if playlist.name.endswith(".schema.json"):
        continue
    doc = json.loads(playlist.read_text())
    if not validator.is_valid(doc) or not check(playlist.read_text())[0]:
        failures += 1
        print(f"{playlist.name}: not clean for both")

print(f"{len(docs)} documents through both, {len(kiosk_only)} kiosk-only rules, "
      f"{failures} disagreements")
sys.exit(1 if failures else 0)
