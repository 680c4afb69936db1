#!/usr/bin/env python3
"""Self-check for the secret pattern pack (stdlib only).

    python3 test-fixtures/secrets/check-pack.py [--pack PATH] [--corpus DIR] [-v]

1. Schema: required keys in the documented order, enum values, unique lower-kebab-case ids,
   lower-case keywords of >= 3 characters, exactly one `secret` group, no look-around,
   back-references, atomic groups or possessive quantifiers, nothing outside the syntax that
   Python `re` and the Rust `regex` crate share.
2. Corpus: runs every pattern the way the engine does (keyword gate on the lower-cased file,
   then each line on its own, `min_entropy` on the captured secret, one finding per line and
   span: the most confident) and checks that every labelled secret is found by the pattern of
   its kind, that the match contains one of the pattern's keywords and starts with its prefix,
   and that no other pattern wins the span. Overlapping findings on a line are ranked like the
   engine does (crates/drift-analysis/src/security/secrets.rs): confidence plus 0.05 for the
   prefix, 0.05 above 4.5 bits of entropy, 0.03 past 30 characters, minus 0.1 below 3 bits
   without a prefix, capped at 0.99; then specific before generic, then pack order. Placeholder
   and test-path handling are the engine's and are not applied here.
   Decoy lines that any pattern matches are listed, generic rules apart from the others.

Without --corpus the corpus is generated into a temporary directory with node.
Exit status 1 when the schema is broken or a labelled secret is missed.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import warnings
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_PACK = os.path.join(ROOT, "crates", "drift-analysis", "src", "security", "packs", "secrets.toml")

KEY_ORDER = ["id", "name", "provider", "category", "severity", "keywords", "regex",
             "prefix", "min_entropy", "cwe", "confidence", "file_requires"]
REQUIRED = {"id", "name", "provider", "category", "severity", "keywords", "regex", "cwe", "confidence"}
CATEGORIES = ["cloud", "vcs", "payment", "registry", "database", "private_key", "messaging", "auth",
              "ai", "saas", "infrastructure", "framework", "generic"]
SEVERITIES = {"critical", "high", "medium", "low"}
KNOWN_CWES = {798, 321, 547}

# Syntax that one of the two engines rejects or reads differently.
FORBIDDEN = [
    (r"\(\?=|\(\?!|\(\?<=|\(\?<!", "look-around"),
    (r"\(\?>", "atomic group"),
    (r"\(\?P=|\\k<|\\[1-9]", "back-reference"),
    (r"(?<!\\)(?:[*+?}])\+", "possessive quantifier"),
    (r"\\[ZzAGQE]", "anchor or quoting escape outside the common subset"),
    (r"\(\?[a-z]*[xmsL]", "flag other than i"),
    (r"\\[pP]\{", "Unicode class"),
]


def entropy(s):
    if not s:
        return 0.0
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def unescaped_class_problems(regex):
    """Inside [...] the Rust crate reads an unescaped '[' as a nested class and '&&', '--', '~~'
    as set operations; Python warns about them. Report any."""
    problems, i, depth = [], 0, 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if depth == 0 and c == "[":
            depth, start = 1, i
            i += 1
            if i < len(regex) and regex[i] == "^":
                i += 1
            if i < len(regex) and regex[i] == "]":
                i += 1
            continue
        if depth == 1:
            if c == "[":
                problems.append(f"unescaped '[' inside a class at {i}")
            elif c == "]":
                depth = 0
            elif regex[i:i + 2] in ("&&", "--", "~~", "||"):
                problems.append(f"'{regex[i:i + 2]}' inside a class at {i}")
        i += 1
    return problems


def check_schema(raw, patterns):
    errors = []
    # key order as written in the file
    order_re = re.compile(r"^([a-z_]+)\s*=", re.M)
    blocks = re.split(r"^\[\[pattern\]\]\s*$", raw, flags=re.M)[1:]
    if len(blocks) != len(patterns):
        errors.append(f"found {len(blocks)} [[pattern]] headers but {len(patterns)} tables")
    for block, p in zip(blocks, patterns):
        keys = order_re.findall(block)
        expected = [k for k in KEY_ORDER if k in p]
        if keys != expected:
            errors.append(f"{p.get('id')}: keys {keys} not in the documented order {expected}")
    seen = set()
    for p in patterns:
        pid = p.get("id", "<no id>")
        missing = REQUIRED - set(p)
        if missing:
            errors.append(f"{pid}: missing {sorted(missing)}")
            continue
        extra = set(p) - set(KEY_ORDER)
        if extra:
            errors.append(f"{pid}: unknown keys {sorted(extra)}")
        if not re.fullmatch(r"[a-z0-9]+(?:[-.][a-z0-9]+)*", pid):
            errors.append(f"{pid}: id is not lower-kebab-case")
        if pid in seen:
            errors.append(f"{pid}: duplicate id")
        seen.add(pid)
        if p["category"] not in CATEGORIES:
            errors.append(f"{pid}: category {p['category']!r}")
        if p["severity"] not in SEVERITIES:
            errors.append(f"{pid}: severity {p['severity']!r}")
        if p["provider"] != p["provider"].lower() or not p["provider"]:
            errors.append(f"{pid}: provider must be lower-case")
        kws = p["keywords"]
        if not isinstance(kws, list) or not kws:
            errors.append(f"{pid}: keywords must be a non-empty list")
        else:
            for k in kws:
                if not isinstance(k, str) or k != k.lower() or len(k) < 3:
                    errors.append(f"{pid}: keyword {k!r} must be lower-case and >= 3 chars")
            if len(set(kws)) != len(kws):
                errors.append(f"{pid}: duplicate keywords")
        if not isinstance(p["cwe"], list) or not p["cwe"] or not set(p["cwe"]) <= KNOWN_CWES:
            errors.append(f"{pid}: cwe {p['cwe']!r}")
        if not (0.4 <= p["confidence"] <= 0.99):
            errors.append(f"{pid}: confidence {p['confidence']} outside 0.4..0.99")
        if "min_entropy" in p and not (0 < p["min_entropy"] <= 6):
            errors.append(f"{pid}: min_entropy {p['min_entropy']}")
        if "prefix" in p and (not isinstance(p["prefix"], str) or not p["prefix"]):
            errors.append(f"{pid}: empty prefix")
        rx = p["regex"]
        if len(rx) > 320:
            errors.append(f"{pid}: regex is {len(rx)} chars (keep under ~300)")
        if rx.count("(?P<secret>") != 1:
            errors.append(f"{pid}: needs exactly one (?P<secret>...) group")
        others = [g for g in re.findall(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>", rx) if g != "secret"]
        if others:
            errors.append(f"{pid}: extra named groups {others}")
        if "(?<" in rx.replace("(?P<", ""):
            errors.append(f"{pid}: use (?P<name>...) groups only")
        for pat, what in FORBIDDEN:
            if re.search(pat, rx):
                errors.append(f"{pid}: {what}")
        if re.search(r"\(\?[a-z]+\)", rx) and not rx.startswith(("(?i)",)):
            errors.append(f"{pid}: global flags only at the start; prefer scoped (?i:...)")
        for prob in unescaped_class_problems(rx):
            errors.append(f"{pid}: {prob}")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                p["_re"] = re.compile(rx)
            except (re.error, FutureWarning, DeprecationWarning) as e:
                errors.append(f"{pid}: does not compile in Python: {e}")
    return errors


def generate_corpus():
    node = shutil.which("node")
    if not node:
        sys.exit("node not found: pass --corpus DIR (see README.md)")
    tmp = tempfile.mkdtemp(prefix="drift-secrets-")
    subprocess.run([node, os.path.join(HERE, "generate.mjs"), tmp], check=True, stdout=subprocess.DEVNULL)
    return tmp


def weighed(p, secret):
    """The engine's confidence for a value of `p` (see the module docstring)."""
    pem = p["id"].startswith("private-key") and "BEGIN" in p["regex"]
    c = p["confidence"]
    if "prefix" in p and secret.startswith(p["prefix"]):
        c += 0.05
    h = 6.0 if pem else entropy(secret)  # the engine measures a PEM block's body
    if h > 4.5:
        c += 0.05
    elif h < 3.0 and "prefix" not in p and not pem:
        c -= 0.1
    if len(secret) > 30:
        c += 0.03
    return round(min(max(c, 0.0), 0.99), 4)


def scan(patterns, corpus):
    """{(file, line): [finding]} where a finding is
    (pattern, start, end, secret, match text, confidence, pack index)."""
    findings = defaultdict(list)
    for dirpath, _, names in os.walk(corpus):
        for name in names:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, corpus).replace(os.sep, "/")
            if rel == "labels.json":
                continue
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            lower = text.lower()
            active = [(i, p) for i, p in enumerate(patterns)
                      if "_re" in p and any(k in lower for k in p["keywords"])]
            for n, line in enumerate(text.split("\n"), 1):
                for i, p in active:
                    for m in p["_re"].finditer(line):
                        s = m.group("secret")
                        if not s or entropy(s) < p.get("min_entropy", 0):
                            continue
                        findings[(rel, n)].append(
                            (p, m.start("secret"), m.end("secret"), s, m.group(0), weighed(p, s), i))
    return findings


def kept(found):
    """The findings of one line that survive overlap resolution."""
    order = sorted(found, key=lambda f: (-f[5], f[0]["category"] == "generic", f[1], f[6]))
    out = []
    for f in order:
        if not any(o[1] < f[2] and f[1] < o[2] for o in out):
            out.append(f)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pack", default=DEFAULT_PACK)
    ap.add_argument("--corpus", help="generated corpus directory (default: generate one)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list unlabelled lines with findings")
    args = ap.parse_args()

    with open(args.pack, "rb") as fh:
        raw = fh.read().decode()
    patterns = tomllib.loads(raw)["pattern"]
    by_id = {p["id"]: p for p in patterns}
    errors = check_schema(raw, patterns)
    for e in errors:
        print("SCHEMA", e)

    corpus = args.corpus or generate_corpus()
    with open(os.path.join(corpus, "labels.json")) as fh:
        labels = json.load(fh)
    findings = scan(patterns, corpus)

    # ---- keyword and prefix invariants over every finding of the corpus
    invariant = []
    for (rel, n), found in findings.items():
        for p, _, _, s, whole, _, _ in found:
            if not any(k in whole.lower() for k in p["keywords"]):
                invariant.append(f"{rel}:{n}: {p['id']} matched without any of its keywords")
            if "prefix" in p and not s.startswith(p["prefix"]):
                invariant.append(f"{rel}:{n}: {p['id']} secret does not start with prefix {p['prefix']!r}")
    for e in invariant:
        print("INVARIANT", e)

    # ---- labelled secrets
    missed, shadowed, unknown = [], [], []
    kinds_found = set()
    for s in labels["secrets"]:
        key = (s["file"], s["line"])
        if s["kind"] not in by_id:
            unknown.append(f"{s['file']}:{s['line']}: kind {s['kind']} is not a pattern id")
            continue
        own = [f for f in findings.get(key, []) if f[0]["id"] == s["kind"]]
        if not own:
            missed.append(f"{s['file']}:{s['line']}: {s['kind']} not matched")
            continue
        kinds_found.add(s["kind"])
        survivors = kept(findings[key])
        if not any(k[0]["id"] == s["kind"] for k in survivors):
            f = max(own, key=lambda f: f[5])
            w = next(k for k in survivors if k[1] < f[2] and f[1] < k[2])
            shadowed.append(f"{s['file']}:{s['line']}: {s['kind']} ({f[5]}) loses to {w[0]['id']} ({w[5]})")
    for e in unknown + missed:
        print("MISSED", e)
    for e in shadowed:
        print("SHADOWED", e)

    # ---- decoys
    decoy_hits = {"generic": [], "specific": []}
    for d in labels["decoys"]:
        for p, _, _, s, _, _, _ in findings.get((d["file"], d["line"]), []):
            kind = "generic" if p["category"] == "generic" else "specific"
            decoy_hits[kind].append(f"{d['file']}:{d['line']} ({d['what']}): {p['id']} -> {s[:60]!r}")
    for kind in ("specific", "generic"):
        for e in decoy_hits[kind]:
            print(f"DECOY-HIT[{kind}]", e)

    # ---- findings on lines that carry no label
    labelled = {(s["file"], s["line"]) for s in labels["secrets"]} | {(d["file"], d["line"]) for d in labels["decoys"]}
    stray = [(k, f) for k, fs in findings.items() if k not in labelled for f in fs]
    if args.verbose:
        for (rel, n), f in sorted(stray, key=lambda x: x[0]):
            print(f"UNLABELLED {rel}:{n}: {f[0]['id']} -> {f[3][:60]!r}")

    # ---- summary
    cats = Counter(p["category"] for p in patterns)
    print()
    print(f"pack: {args.pack}")
    print(f"patterns: {len(patterns)}")
    print("families per category: " + ", ".join(f"{c} {cats[c]}" for c in CATEGORIES if cats[c]))
    print(f"schema errors: {len(errors)}; keyword/prefix invariant violations: {len(invariant)}")
    print(f"labelled secrets matched by their kind: {len(labels['secrets']) - len(missed) - len(unknown)}"
          f"/{len(labels['secrets'])} ({len(kinds_found)} distinct pattern ids; "
          f"{len(set(by_id) - kinds_found)} pack ids without a corpus secret)")
    print(f"secrets whose span another pattern wins: {len(shadowed)}")
    n_hit = len({e.split(' (')[0] for e in decoy_hits['specific'] + decoy_hits['generic']})
    print(f"decoys: {len(labels['decoys'])}; lines hit: {n_hit} "
          f"(non-generic findings {len(decoy_hits['specific'])}, generic findings {len(decoy_hits['generic'])})")
    print(f"findings on unlabelled lines: {len(stray)}" + ("" if args.verbose else " (-v lists them)"))
    if not args.corpus:
        shutil.rmtree(corpus, ignore_errors=True)
    return 1 if errors or missed or unknown or invariant else 0


if __name__ == "__main__":
    sys.exit(main())
