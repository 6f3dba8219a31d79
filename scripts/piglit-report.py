#!/usr/bin/env python3
"""Compares piglit results of several drivers: piglit-report.py OUT_DIR NAME=RESULTS_DIR [NAME=RESULTS_DIR ...]

Writes OUT_DIR/report.md (totals per driver, pass counts per test group side by side) and OUT_DIR/report.html
(the same, plus every test whose result differs between drivers). Reads a finished run (results.json.bz2) or a
cut-off one (tests/*.json). Only tests present in every run are compared, and the report says how many that is."""
import bz2, glob, html, json, os, sys
from collections import Counter, defaultdict

STATUSES = ["pass", "fail", "crash", "skip", "timeout", "incomplete"]

def load(path):
    results = {}
    final = os.path.join(path, "results.json.bz2")
    if os.path.exists(final):
        with bz2.open(final, "rt") as f:
            tests = json.load(f)["tests"]
        results = {name: t["result"] for name, t in tests.items()}
    else:
        for part in glob.glob(os.path.join(path, "tests", "*.json")):
            try:
                with open(part) as f:
                    for name, t in json.load(f).items():
                        results[name] = t["result"]
            except (json.JSONDecodeError, KeyError):
                pass  # a file being written when the run was cut off
    # warn and dmesg-* count as what they mostly are
    return {n: {"warn": "fail", "dmesg-warn": "fail", "dmesg-fail": "fail"}.get(r, r) for n, r in results.items()}

def group(name, depth=2):
    return "@".join(name.split("@")[:depth])

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = sys.argv[1]
    runs = []
    for arg in sys.argv[2:]:
        name, _, path = arg.partition("=")
        runs.append((name, load(path)))
    common = set.intersection(*(set(r) for _, r in runs))
    names = [n for n, _ in runs]
    os.makedirs(out, exist_ok=True)
    totals = {n: Counter(r[t] for t in common) for n, r in runs}
    groups = defaultdict(lambda: {n: Counter() for n in names})
    for t in common:
        for n, r in runs:
            groups[group(t)][n][r[t]] += 1
    md = ["# piglit: " + " vs ".join(names), "",
          f"{len(common)} tests ran on every driver (of {', '.join(f'{n}: {len(r)}' for n, r in runs)}).", "",
          "| driver | " + " | ".join(STATUSES) + " |", "|---|" + "---|" * len(STATUSES)]
    for n in names:
        md.append(f"| {n} | " + " | ".join(str(totals[n][s]) for s in STATUSES) + " |")
    md += ["", "## Passes per group", "", "| group | tests | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for g in sorted(groups):
        count = sum(groups[g][names[0]].values())
        md.append(f"| {g} | {count} | " + " | ".join(str(groups[g][n]["pass"]) for n in names) + " |")
    differ = sorted(t for t in common if len({r[t] for _, r in runs}) > 1)
    md += ["", f"{len(differ)} tests differ between drivers; report.html lists them."]
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    colour = {"pass": "#9f9", "fail": "#f99", "crash": "#f6f", "skip": "#ccc", "timeout": "#fc6", "incomplete": "#fc6"}
    rows = "".join("<tr><td>" + html.escape(t) + "</td>" + "".join(
        f'<td style="background:{colour.get(r[t], "#fff")}">{r[t]}</td>' for _, r in runs) + "</tr>\n" for t in differ)
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    summary = "".join("<tr><td>" + html.escape(n) + "</td>" + "".join(f"<td>{totals[n][s]}</td>" for s in STATUSES) + "</tr>" for n in names)
    with open(os.path.join(out, "report.html"), "w") as f:
        f.write(f"<!doctype html><meta charset=utf-8><title>piglit: {' vs '.join(names)}</title>"
                f"<style>td,th{{padding:2px 6px;font:13px monospace}}</style>"
                f"<h1>piglit: {html.escape(' vs '.join(names))}</h1><p>{len(common)} tests ran on every driver.</p>"
                f"<table border=1><tr><th>driver</th>{''.join(f'<th>{s}</th>' for s in STATUSES)}</tr>{summary}</table>"
                f"<h2>{len(differ)} tests that differ</h2><table border=1><tr><th>test</th>{head}</tr>\n{rows}</table>")
    print("\n".join(md[:4 + len(names) + 2]))

if __name__ == "__main__":
    main()
