#!/usr/bin/env python3
"""Drift's dead-code list next to knip, ts-prune, Go's deadcode and vulture. Called by
bench/deadcode-compare.sh; standard library only.

  deadcode_compare.py ts-config ROOT
      writes ROOT/knip.json and ROOT/tsconfig.json for an npm package whose sources are in
      ROOT/src: knip's entry files are the sources of the files package.json's `exports`,
      `main` and `module` name (dist/x.mjs -> src/x.ts or src/x/index.ts), and the package's own
      name maps to src/ (a self import such as `@trpc/server/vendor/x`).

  deadcode_compare.py report --work DIR --out JSON --lists DIR
      reads the raw outputs the shell script left in --work, turns every list into
      `file<TAB>name` lines (written to --lists), compares them and writes the JSON report.

Names compared: Drift's qualified name (`Class.method`, Go's `Type.Method`) against knip's and
ts-prune's export names (top-level only) and deadcode's `Type.Method` with type parameters
dropped; against vulture, which names no class, Drift's plain name. A file/name pair is counted
once (two overloads or two object-literal methods called `next` in one file are one pair).

knip and ts-prune report every kind of export: only those declared as functions (`function`,
or a `const` whose value is an arrow function or a function expression) are compared, the rest
are counted by kind. Every pair one side reports and the other does not is written out with
evidence for sorting it by hand:
  only the peer: what Drift says of it (an entry point, not a function it knows, called by whom,
    or no callers but kept off its list);
  only Drift: how the function is written (`method`, `object member` of an object literal,
    `nested`, `function`); `value_reference`, the first place its name is used as a value
    (passed, assigned, put in a map, a list or a struct: what callbacks-as-edges should count);
    for object members `member_call`, the first `x.name(...)` call in the tree; and
    `template_mention`, the first template action naming it (html/template calls by name).
These are hints from the look of the source lines, not proofs: name collisions give false ones.
"""

import os
import sys

# bench/select.py would shadow the standard `select` module that subprocess imports.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
from collections import Counter  # noqa: E402

# ----------------------------------------------------------------------------- TypeScript setup


def ts_config(root):
    package = json.load(open(os.path.join(root, "package.json")))
    targets = set()

    def walk(value):
        if isinstance(value, str):
            targets.add(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)

    walk(package.get("exports", {}))
    for key in ("main", "module"):
        if isinstance(package.get(key), str):
            targets.add(package[key])
    entries = set()
    for target in targets:
        target = target[2:] if target.startswith("./") else target
        top, _, stem = target.partition("/")
        if top not in ("dist", "build", "lib") or not stem:
            continue
        for flavour in ("esm/", "cjs/", "modern/", "legacy/"):
            if stem.startswith(flavour):
                stem = stem[len(flavour):]
        for ext in (".d.mts", ".d.cts", ".d.ts", ".mjs", ".cjs", ".js"):
            if stem.endswith(ext):
                stem = stem[: -len(ext)]
                break
        for candidate in (f"src/{stem}.ts", f"src/{stem}.tsx", f"src/{stem}/index.ts"):
            if os.path.exists(os.path.join(root, candidate)):
                entries.add(candidate)
                break
    if not entries:
        sys.exit(f"deadcode_compare.py: no entry file under {root}/src for package.json's exports")
    name = package["name"]
    knip = {
        "entry": sorted(entries),
        "project": ["src/**/*.{ts,tsx}"],
        # Dead code, not needless `export` keywords: an export its own file uses is used.
        "ignoreExportsUsedInFile": True,
    }
    tsconfig = {
        "compilerOptions": {
            "target": "ES2022",
            "module": "ESNext",
            "moduleResolution": "Bundler",
            "strict": True,
            "skipLibCheck": True,
            "noEmit": True,
            "jsx": "react-jsx",
            "baseUrl": ".",
            "paths": {f"{name}/*": ["./src/*"], name: ["./src/index.ts"]},
        },
        "include": ["src"],
    }
    json.dump(knip, open(os.path.join(root, "knip.json"), "w"), indent=1)
    json.dump(tsconfig, open(os.path.join(root, "tsconfig.json"), "w"), indent=1)
    print(f"knip entries: {', '.join(sorted(entries))}", file=sys.stderr)


# ----------------------------------------------------------------------------- reading outputs


def jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


class Source:
    """The scanned tree's text, read on demand."""

    def __init__(self, root):
        self.root = root
        self.cache = {}

    def lines(self, rel):
        if rel not in self.cache:
            try:
                with open(os.path.join(self.root, rel), encoding="utf-8", errors="replace") as f:
                    self.cache[rel] = f.read().split("\n")
            except OSError:
                self.cache[rel] = []
        return self.cache[rel]

    def files(self, exts):
        for base, dirs, names in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in (".drift", "node_modules", ".git")]
            for name in names:
                if name.endswith(exts):
                    yield os.path.relpath(os.path.join(base, name), self.root)


FUNCTION_VALUE = r"(async\s+)?(function\b|\(|<|[A-Za-z_$][\w$]*\s*=>)"


def ts_kind(source, rel, line, name):
    """What a reported export is: function, class, type, value or re-export (declared in
    another file). `line` is 1-based."""
    lines = source.lines(rel)
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    n = re.escape(name)
    if re.match(rf"^export\s+(default\s+)?(declare\s+)?(async\s+)?function\b", text):
        return "function"
    if re.match(rf"^export\s+(declare\s+)?(const|let|var)\s+{n}\b[^=]*=\s*{FUNCTION_VALUE}", text):
        return "function"
    if re.match(r"^export\s+(default\s+)?(declare\s+)?(abstract\s+)?class\b", text):
        return "class"
    if re.match(r"^export\s+(declare\s+)?(type|interface|enum|const\s+enum|namespace|module)\b", text):
        return "type"
    if re.match(r"^export\s+(declare\s+)?(const|let|var)\b", text):
        return "value"
    # `export { name }` or a re-export: a function only if this file declares it.
    for other in lines:
        if re.match(rf"^\s*(async\s+)?function\*?\s+{n}\b", other) or re.match(
            rf"^\s*(const|let|var)\s+{n}\b[^=]*=\s*{FUNCTION_VALUE}", other
        ):
            return "function"
    return "re-export"


def read_knip(path, source):
    """knip's JSON reporter: unused exports (`exports`, `nsExports`) and types, per file."""
    data = json.load(open(path))
    items, kinds = [], Counter()
    for issue in data.get("issues", []):
        rel = issue["file"]
        for key in ("exports", "nsExports", "types", "nsTypes", "enumMembers"):
            for entry in issue.get(key, []) or []:
                if isinstance(entry, dict) and "name" in entry and "line" in entry:
                    kind = "type" if key in ("types", "nsTypes") else (
                        "enum member" if key == "enumMembers" else ts_kind(source, rel, entry["line"], entry["name"]))
                    kinds[kind] += 1
                    if kind == "function":
                        items.append((rel, entry["name"], entry["line"]))
    return items, kinds


def read_ts_prune(path, source):
    """ts-prune: `file:line - name` and `... (used in module)`, which is no dead code."""
    items, kinds = [], Counter()
    for line in open(path):
        m = re.match(r"^(.+?):(\d+) - (\S+)( \(used in module\))?\s*$", line.rstrip("\n"))
        if not m:
            continue
        rel, number, name, in_module = m.group(1).lstrip("/"), int(m.group(2)), m.group(3), m.group(4)
        if in_module:
            kinds["used in its own module"] += 1
            continue
        kind = ts_kind(source, rel, number, name)
        kinds[kind] += 1
        if kind == "function":
            items.append((rel, name, number))
    return items, kinds


def read_go_deadcode(path):
    """`deadcode -json`: packages with their unreachable funcs; `(*T).M` / `T[K].M` -> `T.M`."""
    items, kinds = [], Counter()
    for package in json.load(open(path)) or []:
        for func in package.get("Funcs") or []:
            name = re.sub(r"\[[^\]]*\]", "", func["Name"])
            name = re.sub(r"^\(\*?([^)]*)\)\.", r"\1.", name)
            kinds["generated" if func.get("Generated") else ("method" if "." in name else "function")] += 1
            items.append((func["Position"]["File"], name, func["Position"]["Line"]))
    return items, kinds


def read_vulture(path):
    """vulture: `file:line: unused function 'name' (60% confidence)`; functions and methods."""
    items, kinds = [], Counter()
    for line in open(path):
        m = re.match(r"^(.+?):(\d+): unused (\w+) '([^']+)'", line)
        if not m:
            continue
        kinds[m.group(3)] += 1
        if m.group(3) in ("function", "method"):
            items.append((os.path.normpath(m.group(1)), m.group(4), int(m.group(2))))
    return items, kinds


# ----------------------------------------------------------------------------- comparing

LANGUAGE_EXTS = {"typescript": (".ts", ".tsx", ".mts", ".cts"), "go": (".go",), "python": (".py",)}
TEMPLATE_EXTS = (".html", ".tmpl", ".gohtml", ".tpl", ".jinja", ".j2")


def shape(source, language, function, is_method):
    """How Drift's function is written: `method` (of a class or a Go type), `object member` (a
    method or a function-valued property of an object literal, which the object's receiver
    calls), `nested` (declared inside another function) or `function`."""
    lines = source.lines(function["file"])
    line = function["startLine"]
    text = lines[line] if 0 <= line < len(lines) else ""
    if is_method:
        return "method"
    if language == "typescript":
        if re.match(r"^\s*(async\s+)?(\*\s*)?(get\s+|set\s+)?(\[[^\]]+\]|[\w$]+)\s*(<[^>]*>)?\(", text) and not re.match(
            r"^\s*(export\s+)?(async\s+)?function\b", text
        ):
            return "object member"
        if re.match(r"^\s*[\w$]+\s*:\s*(async\s+)?(function\b|\(|[\w$]+\s*=>)", text):
            return "object member"
    indent = len(text) - len(text.lstrip())
    return "nested" if indent > 0 else "function"


def value_reference(source, language, function, kind):
    """The first place, outside its definition, where Drift's function is named without being
    called: passed as an argument, assigned, put in a map, a list or a struct (the look of the
    line decides; comments skipped). Where it can be named: its own file for a TypeScript
    function (Drift lists no exported one), its package directory for an unexported Go name,
    the tree otherwise. A hint for callbacks-as-edges, not a proof."""
    name = function["name"]
    if kind == "object member" or not re.match(r"^[A-Za-z_$][\w$]*$", name):
        return None
    own_file, own_line = function["file"], function["startLine"] + 1
    exts = LANGUAGE_EXTS[language]
    if language == "typescript":
        files = [own_file]
    elif language == "go" and not name[0].isupper():
        directory = os.path.dirname(own_file)
        files = [f for f in source.files(exts) if os.path.dirname(f) == directory]
    else:
        files = sorted(source.files(exts))
    # A method is named after a `.` (`h.showPage`, `self.handle_401`), a function bare.
    lead = r"\." if kind == "method" else r"(?<![\w$.])"
    pattern = re.compile(rf"{lead}{re.escape(name)}(?![\w$])")
    comment = ("#",) if language == "python" else ("//", "/*", "*")
    for rel in files:
        for number, text in enumerate(source.lines(rel), 1):
            if name not in text or text.strip().startswith(comment):
                continue
            if rel == own_file and number == own_line:
                continue
            for m in pattern.finditer(text):
                before, after = text[: m.start()], text[m.end():]
                if before.count('"') % 2 or before.count("'") % 2 or before.count("`") % 2:
                    continue  # inside a string
                if re.match(r"\s*(\?\.)?(\(|<[^>]*>\s*\(|\[[^\]]*\]\s*\()", after):
                    continue  # a call
                if re.search(r"\b(function|func|def)\s*(\([^)]*\)\s*)?$", before):
                    continue  # a definition
                if re.match(r"\s*\??:(?!:)", after) and not before.rstrip().endswith(("?", "case")):
                    continue  # an object key or a label
                if re.match(r"\s*(=(?!=)|:=)", after):
                    continue  # assigned to, not read
                if re.search(r"\b(import|from|export)\b", text) and language in ("typescript", "python"):
                    continue
                return f"{rel}:{number}"
    return None


def member_call(source, language, function):
    """The first call `x.name(...)` in the tree outside the definition: how an object's member
    (or a method) is called through a receiver Drift cannot type."""
    name = function["name"]
    if not re.match(r"^[A-Za-z_$][\w$]*$", name):
        return None
    pattern = re.compile(rf"\.{re.escape(name)}\s*(\?\.)?(<[^>]*>)?\(")
    for rel in sorted(source.files(LANGUAGE_EXTS[language])):
        for number, text in enumerate(source.lines(rel), 1):
            if name in text and pattern.search(text) and not (rel == function["file"] and number == function["startLine"] + 1):
                return f"{rel}:{number}"
    return None


def template_mention(source, name):
    """The first template action (`{{ ... }}` in an html or tmpl file) naming `name`: a call
    the code cannot show (html/template calls methods and FuncMap functions by name)."""
    pattern = re.compile(rf"{{{{[^}}]*(?<![\w$]){re.escape(name)}(?![\w$])")
    for rel in sorted(source.files(TEMPLATE_EXTS)):
        for number, text in enumerate(source.lines(rel), 1):
            if name in text and pattern.search(text):
                return f"{rel}:{number}"
    return None


class Drift:
    """One `drift` run: dead code, entry points and the function table of one project."""

    def __init__(self, work, tag, languages):
        keep = lambda f: f["language"] in languages  # noqa: E731
        self.dead = [d for d in jsonl(os.path.join(work, f"{tag}.drift-dead.jsonl")) if keep(d["function"])]
        self.entries = [e for e in jsonl(os.path.join(work, f"{tag}.drift-entry.jsonl")) if keep(e)]
        self.functions = [f for f in jsonl(os.path.join(work, f"{tag}.drift-functions.jsonl")) if keep(f)]
        meta = json.load(open(os.path.join(work, f"{tag}.drift-meta.json")))
        self.resolution = meta.get("resolution")
        self.files = meta.get("files")


def compare(name, drift, peer_items, peer_kinds, key, source, language, extra, cli, root):
    def drift_key(f):
        return (f["file"], f["qualifiedName"] if key == "qualified" else f["name"])

    drift_pairs = {}
    for d in drift.dead:
        drift_pairs.setdefault(drift_key(d["function"]), d)
    peer_pairs = {}
    for rel, nm, line in peer_items:
        peer_pairs.setdefault((rel, nm), line)
    both = sorted(set(drift_pairs) & set(peer_pairs))
    only_drift = sorted(set(drift_pairs) - set(peer_pairs))
    only_peer = sorted(set(peer_pairs) - set(drift_pairs))

    entries = {}
    for e in drift.entries:
        entries.setdefault(drift_key(e), e)
    functions = {}
    for f in drift.functions:
        functions.setdefault(drift_key(f), f)
    by_line = {(f["file"], f["startLine"]): f for f in drift.functions}

    def drift_view(pair):
        if pair in entries:
            e = entries[pair]
            return f"entry point ({e.get('entryPoint')}), {e.get('callerCount', 0)} callers"
        if pair not in functions:
            return "not a function Drift knows in this file"
        f = functions[pair]
        ident = f"{f['file']}::{f['qualifiedName']}"
        try:
            out = subprocess.run(cli + ["--root", root, "callers", ident, "--json"], capture_output=True, text=True, timeout=60)
            callers = [json.loads(line)["function"]["id"] for line in out.stdout.splitlines() if line.strip()]
        except (subprocess.SubprocessError, ValueError, KeyError):
            callers = None
        if callers:
            return f"called by {len(callers)}: {', '.join(callers[:3])}"
        return "no callers, kept off the list (hook, override, decorated or a name used on an untyped receiver)"

    rows_drift = []
    for pair in only_drift:
        d = drift_pairs[pair]
        f = d["function"]
        kind = shape(source, language, f, by_line.get((f["file"], f["startLine"]), {}).get("isMethod", False))
        rows_drift.append({
            "file": pair[0], "name": pair[1], "line": f["startLine"] + 1, "confidence": d["confidence"], "shape": kind,
            "value_reference": value_reference(source, language, f, kind),
            "member_call": member_call(source, language, f) if kind == "object member" else None,
            "template_mention": template_mention(source, f["name"]),
        })
    rows_peer = [{"file": p[0], "name": p[1], "line": peer_pairs[p], "drift": drift_view(p)} for p in only_peer]
    result = {
        "comparison": name,
        **extra,
        "drift_resolution_rate": drift.resolution,
        "drift_items": len(drift.dead),
        "peer_kinds": dict(peer_kinds.most_common()),
        "counts": {
            "drift": len(drift_pairs), "peer": len(peer_pairs), "both": len(both),
            "only_drift": len(only_drift), "only_peer": len(only_peer),
            "only_drift_used_as_value": sum(1 for r in rows_drift if r["value_reference"]),
            "only_drift_object_members": sum(1 for r in rows_drift if r["shape"] == "object member"),
            "only_drift_object_members_called_by_name": sum(1 for r in rows_drift if r["member_call"]),
        },
        "both": [f"{f}\t{n}" for f, n in both],
        "only_drift": rows_drift,
        "only_peer": rows_peer,
    }
    return result, drift_pairs, peer_pairs


def write_list(path, pairs):
    with open(path, "w") as f:
        for rel, name in sorted(pairs):
            f.write(f"{rel}\t{name}\n")


def report(args):
    work = args.work
    meta = json.load(open(os.path.join(work, "meta.json")))
    cli = meta["drift_cli"]
    os.makedirs(args.lists, exist_ok=True)
    results = []

    def run(slug, name, tag, language, peer, key, root, extra):
        source = Source(root)
        drift = Drift(work, tag, {language})
        items, kinds = peer
        result, drift_pairs, peer_pairs = compare(name, drift, items, kinds, key, source, language, extra, cli, root)
        write_list(os.path.join(args.lists, f"{tag}.drift.tsv"), drift_pairs)
        write_list(os.path.join(args.lists, f"{slug}.tsv"), peer_pairs)
        result["lists"] = {"drift": os.path.join(args.lists, f"{tag}.drift.tsv"), "peer": os.path.join(args.lists, f"{slug}.tsv")}
        results.append(result)

    ts, go, py = meta["ts"], meta["go"], meta["py"]
    if ts:
        source = Source(ts["root"])
        common = {"project": ts["project"], "files": ts["files"]}
        run("ts.knip", "knip", "ts", "typescript",
            read_knip(os.path.join(work, "ts.knip.json"), source), "qualified", ts["root"],
            {**common, "tool": f"knip {meta['versions']['knip']}", "command": ts["knip_command"]})
        run("ts.knip-all", "knip --include-entry-exports", "ts", "typescript",
            read_knip(os.path.join(work, "ts.knip-all.json"), source), "qualified", ts["root"],
            {**common, "tool": f"knip {meta['versions']['knip']}", "command": ts["knip_all_command"]})
        run("ts.ts-prune", "ts-prune", "ts", "typescript",
            read_ts_prune(os.path.join(work, "ts.ts-prune.txt"), source), "qualified", ts["root"],
            {**common, "tool": f"ts-prune {meta['versions']['ts-prune']}", "command": ts["ts_prune_command"]})
    if go:
        run("go.deadcode", "deadcode", "go", "go", read_go_deadcode(os.path.join(work, "go.deadcode.json")),
            "qualified", go["root"],
            {"project": go["project"], "files": go["files"], "tool": f"deadcode {meta['versions']['deadcode']}", "command": go["command"]})
    if py:
        run("py.vulture", "vulture", "py", "python", read_vulture(os.path.join(work, "py.vulture.txt")),
            "simple", py["root"],
            {"project": py["project"], "files": py["files"], "tool": f"vulture {meta['versions']['vulture']}", "command": py["command"]})

    out = {"drift_version": meta["versions"]["drift"], "versions": meta["versions"], "seconds": meta.get("seconds", {}),
           "comparisons": results}
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)

    print(f"\nDrift {meta['versions']['drift']}: dead-code --all against each peer, as file/name pairs")
    header = f"{'project':<22} {'peer':<34} {'drift':>5} {'peer':>5} {'both':>5} {'only drift':>10} {'only peer':>9}   of only drift: used as a value / object members (called by name)"
    print(header)
    print("-" * len(header))
    for r in results:
        c = r["counts"]
        print(f"{r['project']:<22} {r['comparison'][:34]:<34} {c['drift']:>5} {c['peer']:>5} {c['both']:>5} {c['only_drift']:>10} {c['only_peer']:>9}   "
              f"{c['only_drift_used_as_value']} / {c['only_drift_object_members']} ({c['only_drift_object_members_called_by_name']})")
    for r in results:
        others = {k: v for k, v in r["peer_kinds"].items() if k not in ("function", "method")}
        if others:
            print(f"  {r['comparison']}: not compared (not functions): {', '.join(f'{v} {k}' for k, v in others.items())}")
    print(f"report: {args.out}\nlists: {args.lists}/*.tsv")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ts-config")
    p.add_argument("root")
    p = sub.add_parser("report")
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--lists", required=True)
    args = parser.parse_args()
    if args.command == "ts-config":
        ts_config(args.root)
    else:
        report(args)


if __name__ == "__main__":
    main()
