#!/usr/bin/env python3
"""Scores Drift, detect-secrets and gitleaks on the seeded secret corpus and compares them on a
real tree. Called by bench/secrets-compare.sh; standard library only.

Seeded corpus (test-fixtures/secrets/generate.mjs, labels.json with 1-based lines): a tool finds a
labelled secret when it reports a finding on the secret's file and line (a multi-line gitleaks
finding counts on every line it spans). Reported lines are then sorted into true positives, hits
on decoy lines, lines inside the body of a labelled key block (the label is on the header line;
these count neither way) and other, unlabelled lines. Counts are of distinct file:line places, so
two rules on one line are one report. precision = TP / (TP + decoys hit + unlabelled).

Real tree: counts per tool, overlap on file:line between the tools, and a fixed sample of the
places one tool reports and another does not.

Only file, line and rule ids are read from the tools' outputs: detect-secrets' hashed_secret and
gitleaks' Secret and Match (redacted by the shell script anyway) are dropped on reading, and no
line of a scanned file is ever printed or written.
"""

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict

TOOLS = ("drift", "detect-secrets", "gitleaks")
SAMPLE = 25
SAMPLE_SEED = 20240611


# ------------------------------------------------------------------------------ reading


def norm_path(path):
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def finding(file, line, rule, end=None):
    return {"file": norm_path(file), "line": int(line), "end": int(end if end is not None else line), "rule": rule}


def read_drift(path):
    """JSON lines of `drift secrets --json --all --status any`; lines there are 0-based.
    Returns (open findings, findings of any other status)."""
    reported, other = [], []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            raw = raw.strip()
            if not raw:
                continue
            row = json.loads(raw)
            item = finding(row["file"], row["line"] + 1, row["pattern"])
            item["status"] = row.get("status", "open")
            (reported if item["status"] == "open" else other).append(item)
    return reported, other


def read_gitleaks(path):
    """gitleaks JSON report; keeps RuleID, File, StartLine and EndLine only."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read().strip()
    rows = json.loads(text) if text else []
    return [finding(r["File"], r["StartLine"], r["RuleID"], max(r["StartLine"], r["EndLine"])) for r in rows]


def read_detect_secrets(path):
    """detect-secrets baseline JSON; keeps filename, line_number and type only."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for file, rows in data.get("results", {}).items():
        for r in rows:
            out.append(finding(r.get("filename", file), r["line_number"], r["type"]))
    return out


def read_tools(drift, gitleaks, detect_secrets):
    reported, drift_other = read_drift(drift)
    return {"drift": reported, "detect-secrets": read_detect_secrets(detect_secrets), "gitleaks": read_gitleaks(gitleaks)}, drift_other


def places(findings):
    """Distinct file:line places: {(file, line): {"end": last line, "rules": sorted rule ids}}."""
    out = {}
    for f in findings:
        key = (f["file"], f["line"])
        slot = out.setdefault(key, {"end": f["line"], "rules": set()})
        slot["end"] = max(slot["end"], f["end"])
        slot["rules"].add(f["rule"])
    return {k: {"end": v["end"], "rules": sorted(v["rules"])} for k, v in out.items()}


def where(key):
    return f"{key[0]}:{key[1]}"


# ------------------------------------------------------------------------ seeded corpus


def key_bodies(labels, root):
    """Lines that belong to a labelled key block after its header line: (file, line) -> header key.
    PEM blocks run to their -----END line, PuTTY files to their Private-MAC line."""
    body = {}
    if not root:
        return body
    for s in labels["secrets"]:
        if not s["kind"].startswith("private-key"):
            continue
        path = os.path.join(root, s["file"])
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().split("\n")
        except OSError:
            continue
        putty = lines[s["line"] - 1].startswith("PuTTY-User-Key-File")
        for n in range(s["line"] + 1, len(lines) + 1):
            body[(s["file"], n)] = (s["file"], s["line"])
            text = lines[n - 1]
            if ("Private-MAC" in text) if putty else ("-----END" in text):
                break
    return body


def score_seeded(labels, tools, drift_other, root):
    secrets = {(s["file"], s["line"]): s for s in labels["secrets"]}
    decoys = {(d["file"], d["line"]): d for d in labels["decoys"]}
    bodies = key_bodies(labels, root)
    kinds = Counter(s["kind"] for s in labels["secrets"])
    result = {
        "secrets": len(secrets),
        "kinds": len(kinds),
        "decoys": len(decoys),
        "files": len({s["file"] for s in labels["secrets"]} | {d["file"] for d in labels["decoys"]}),
        "tools": {},
    }
    for tool, findings in tools.items():
        found = {}
        decoy_hits, body_hits, unlabelled = [], [], []
        for key, place in sorted(places(findings).items()):
            covered = [(key[0], n) for n in range(key[1], place["end"] + 1) if (key[0], n) in secrets]
            if covered:
                for k in covered:
                    found.setdefault(k, place["rules"])
            elif key in bodies:
                body_hits.append({"at": where(key), "rules": place["rules"], "key_at": where(bodies[key])})
            elif key in decoys:
                decoy_hits.append({"at": where(key), "rules": place["rules"], "decoy": decoys[key]["what"]})
            else:
                unlabelled.append({"at": where(key), "rules": place["rules"]})
        tp = len(found)
        reported = tp + len(decoy_hits) + len(unlabelled)
        missed = [s for k, s in sorted(secrets.items()) if k not in found]
        found_kinds = Counter(secrets[k]["kind"] for k in found)
        entry = {
            "findings": len(findings),
            "places": len(places(findings)),
            "true_positives": tp,
            "recall": tp / len(secrets) if secrets else None,
            "decoys_reported": len(decoy_hits),
            "unlabelled": len(unlabelled),
            "key_body_lines": len(body_hits),
            "precision": tp / reported if reported else None,
            "kinds_found": len(found_kinds),
            "kinds_missed": sorted(k for k in kinds if found_kinds[k] < kinds[k]),
            "missed": [{"at": f"{s['file']}:{s['line']}", "kind": s["kind"]} for s in missed],
            "decoy_hits": decoy_hits,
            "unlabelled_findings": unlabelled,
            "key_body_findings": body_hits,
            "rules_on_secrets": {
                f"{s['file']}:{s['line']}": found[(s["file"], s["line"])] for s in labels["secrets"] if (s["file"], s["line"]) in found
            },
        }
        if tool == "drift":
            # Labelled secrets that Drift reports only as suppressed or placeholder.
            not_open = places(drift_other)
            entry["not_open_findings"] = len(drift_other)
            entry["not_open_by_status"] = dict(Counter(f["status"] for f in drift_other))
            entry["missed_but_not_open"] = [
                {"at": f"{s['file']}:{s['line']}", "kind": s["kind"], "rules": not_open[(s["file"], s["line"])]["rules"],
                 "status": sorted({f["status"] for f in drift_other if (f["file"], f["line"]) == (s["file"], s["line"])})}
                for s in missed if (s["file"], s["line"]) in not_open
            ]
        result["tools"][tool] = entry
    per_kind = {}
    for kind in sorted(kinds):
        at = [(s["file"], s["line"]) for s in labels["secrets"] if s["kind"] == kind]
        per_kind[kind] = {"secrets": len(at)}
        for tool in tools:
            hits = result["tools"][tool]["rules_on_secrets"]
            per_kind[kind][tool] = sum(1 for k in at if where(k) in hits)
    result["per_kind"] = per_kind
    result["missed_by_all"] = [k for k, v in per_kind.items() if all(v[t] == 0 for t in tools)]
    return result


# -------------------------------------------------------------------------- real corpus


def compare_real(root, tools):
    by_tool = {t: places(f) for t, f in tools.items()}
    result = {"root": root, "tools": {}, "overlap": {}, "disagreements": {}}
    for tool, found in by_tool.items():
        rules = Counter(f["rule"] for f in tools[tool])
        result["tools"][tool] = {
            "findings": len(tools[tool]),
            "places": len(found),
            "files": len({k[0] for k in found}),
            "top_rules": rules.most_common(15),
        }
    keys = {t: set(v) for t, v in by_tool.items()}
    names = list(by_tool)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            result["overlap"][f"{a} & {b}"] = len(keys[a] & keys[b])
    result["overlap"]["all three"] = len(set.intersection(*keys.values())) if keys else 0
    for a in names:
        others = set().union(*(keys[b] for b in names if b != a))
        result["overlap"][f"{a} only"] = len(keys[a] - others)
    rng = random.Random(SAMPLE_SEED)
    for a in names:
        for b in names:
            if a == b:
                continue
            diff = sorted(keys[a] - keys[b])
            picked = sorted(rng.sample(diff, SAMPLE)) if len(diff) > SAMPLE else diff
            result["disagreements"][f"{a} not {b}"] = {
                "count": len(diff),
                "sample": [{"at": where(k), "rules": by_tool[a][k]["rules"]} for k in picked],
            }
    return result


# ------------------------------------------------------------------------------ output


def pct(x):
    return "-" if x is None else f"{100 * x:5.1f}%"


def secs(times, corpus, tool):
    steps = times.get(corpus, {}).get(tool)
    if not steps:
        return "-"
    total = sum(steps.values())
    if len(steps) == 1:
        return f"{total:.2f} s"
    return f"{total:.2f} s (" + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()) + ")"


def print_seeded(s, times):
    print(f"\nSeeded corpus: {s['secrets']} labelled secrets of {s['kinds']} kinds and {s['decoys']} decoys in {s['files']} files")
    head = f"{'tool':<15}{'found':>6}{'recall':>9}{'decoys hit':>12}{'unlabelled':>12}{'in key body':>13}{'precision':>11}{'kinds missed':>14}  time"
    print(head)
    print("-" * len(head))
    for tool, t in s["tools"].items():
        print(
            f"{tool:<15}{t['true_positives']:>6}{pct(t['recall']):>9}{t['decoys_reported']:>12}{t['unlabelled']:>12}"
            f"{t['key_body_lines']:>13}{pct(t['precision']):>11}{len(t['kinds_missed']):>8}/{s['kinds']:<5}  {secs(times, 'seeded', tool)}"
        )
    drift = s["tools"].get("drift", {})
    if drift.get("not_open_findings"):
        print(f"drift also listed {drift['not_open_findings']} findings that are not open {drift['not_open_by_status']};"
              f" {len(drift['missed_but_not_open'])} of them on a labelled secret")
    tools = list(s["tools"])
    rows = [(k, v) for k, v in s["per_kind"].items() if any(v[t] < v["secrets"] for t in tools)]
    if rows:
        print(f"\nKinds some tool misses (found/planted; {len(s['missed_by_all'])} kinds are missed by all three):")
        width = max(len(k) for k, _ in rows) + 2
        print(f"{'kind':<{width}}" + "".join(f"{t:>16}" for t in tools))
        for kind, v in rows:
            print(f"{kind:<{width}}" + "".join(f"{str(v[t]) + '/' + str(v['secrets']):>16}" for t in tools))
    for tool, t in s["tools"].items():
        if t["decoy_hits"]:
            print(f"\n{tool}: decoy lines reported ({len(t['decoy_hits'])})")
            for d in t["decoy_hits"]:
                print(f"  {d['at']}  {', '.join(d['rules'])}  [{d['decoy']}]")
        if t["unlabelled_findings"]:
            print(f"\n{tool}: unlabelled lines reported ({len(t['unlabelled_findings'])})")
            for d in t["unlabelled_findings"]:
                print(f"  {d['at']}  {', '.join(d['rules'])}")


def print_real(r, times):
    print(f"\nReal corpus: {r['root']}")
    head = f"{'tool':<15}{'findings':>10}{'lines':>8}{'files':>8}  time"
    print(head)
    print("-" * len(head))
    for tool, t in r["tools"].items():
        print(f"{tool:<15}{t['findings']:>10}{t['places']:>8}{t['files']:>8}  {secs(times, 'real', tool)}")
    print("\nOverlap (distinct file:line):")
    for k, v in r["overlap"].items():
        print(f"  {k:<30}{v:>8}")
    for tool, t in r["tools"].items():
        print(f"\n{tool}: most frequent rules: " + ", ".join(f"{rule} {n}" for rule, n in t["top_rules"][:8]))
    for k, d in r["disagreements"].items():
        if not d["count"]:
            continue
        shown = f"{len(d['sample'])} of {d['count']}" if len(d["sample"]) < d["count"] else str(d["count"])
        print(f"\nReported by {k} ({shown}):")
        for item in d["sample"]:
            print(f"  {item['at']}  {', '.join(item['rules'])}")


def read_times(path):
    out = defaultdict(lambda: defaultdict(dict))
    if path:
        with open(path, encoding="utf-8") as fh:
            for raw in fh:
                parts = raw.rstrip("\n").split("\t")
                if len(parts) == 4:
                    tool, corpus, step, seconds = parts
                    out[corpus][tool][step] = float(seconds)
    return {c: {t: dict(s) for t, s in v.items()} for c, v in out.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--labels", required=True, help="labels.json of the seeded corpus")
    p.add_argument("--seeded-root", help="the seeded corpus (to find the extent of key blocks)")
    for corpus in ("seeded", "real"):
        p.add_argument(f"--{corpus}-drift", help="`drift secrets --json --all --status any` output")
        p.add_argument(f"--{corpus}-gitleaks", help="gitleaks JSON report")
        p.add_argument(f"--{corpus}-detect-secrets", help="detect-secrets JSON output")
    p.add_argument("--real-root", help="the real tree (only its path is reported)")
    p.add_argument("--times", help="TSV of tool, corpus, step, seconds")
    p.add_argument("--versions", action="append", default=[], help="NAME=VERSION, repeatable")
    p.add_argument("--out", required=True, help="JSON report to write")
    a = p.parse_args()

    with open(a.labels, encoding="utf-8") as fh:
        labels = json.load(fh)
    times = read_times(a.times)
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "versions": dict(v.split("=", 1) for v in a.versions),
        "seconds": times,
    }
    seeded_tools, drift_other = read_tools(a.seeded_drift, a.seeded_gitleaks, a.seeded_detect_secrets)
    report["seeded"] = score_seeded(labels, seeded_tools, drift_other, a.seeded_root)
    if a.real_drift:
        real_tools, _ = read_tools(a.real_drift, a.real_gitleaks, a.real_detect_secrets)
        report["real"] = compare_real(a.real_root, real_tools)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2)
        fh.write("\n")
    print_seeded(report["seeded"], times)
    if "real" in report:
        print_real(report["real"], times)
    print(f"\nReport: {a.out}")


if __name__ == "__main__":
    sys.exit(main())
