#!/usr/bin/env bash
# The curated piglit list (Tests/Piglit/ci-tests.txt) on VirglGL through its glvnd EGL vendor (in-process host),
# checked against the baseline Tests/Piglit/virglgl-fails.txt (Mesa's *-fails.txt style: `test,Fail|Crash|Skip|Timeout`).
# Every test not in the baseline must pass; a baselined test must give exactly its baselined result — one that
# starts passing must be taken off the list (the run says which). `--update` rewrites the baseline from this run
# (keep the comments by cause by hand). Results: out/piglit/ci (piglit's format) and out/piglit/ci-report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE=${1:-}
OUT=out/piglit
mkdir -p "$OUT"
LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
grep -v '^#' Tests/Piglit/ci-tests.txt | grep -v '^$' > "$LIST"
echo "test-piglit: $(wc -l < "$LIST") tests on VirglGL (in-process)"
PIGLIT_TIMEOUT=${PIGLIT_TIMEOUT:-120} scripts/piglit-run.sh virglgl "$OUT/ci" --test-list "$LIST" quick >"$OUT/ci-run.log" 2>&1 || {
  tail -20 "$OUT/ci-run.log" >&2; echo "test-piglit: piglit itself failed" >&2; exit 1; }
python3 - "$OUT/ci" Tests/Piglit/virglgl-fails.txt "$LIST" "$OUT/ci-report.md" "$UPDATE" <<'PY'
import bz2, json, sys
results_dir, baseline_path, list_path, report_path, update = sys.argv[1:6]
with bz2.open(results_dir + "/results.json.bz2", "rt") as f:
    tests = json.load(f)["tests"]
got = {n: t["result"] for n, t in tests.items()}

def cause(test):
    """The first thing in a test's output that says why it did not pass, for the baseline's comment."""
    t = tests.get(test, {})
    text = (t.get("out") or "") + "\n" + (t.get("err") or "")
    for marker in ("VirglGL:", "ERROR:", "error:", "Probe", "Failed", "Test requires", "Fatal error"):
        for line in text.splitlines():
            if marker in line:
                return " ".join(line.split())[:110]
    return "no message"
wanted = [l.strip() for l in open(list_path) if l.strip()]
names = {"pass": "Pass", "fail": "Fail", "crash": "Crash", "skip": "Skip", "timeout": "Timeout", "warn": "Fail",
         "incomplete": "Crash", "dmesg-warn": "Fail", "dmesg-fail": "Fail"}
baseline = {}
for line in open(baseline_path):
    line = line.split("#", 1)[0].strip()
    if line:
        test, _, status = line.rpartition(",")
        baseline[test] = status
problems, counts = [], {}
for test in wanted:
    status = names.get(got.get(test, "incomplete"), "Crash")
    counts[status] = counts.get(status, 0) + 1
    expected = baseline.get(test, "Pass")
    if status != expected:
        if expected != "Pass" and status == "Pass":
            problems.append(f"{test}: now passes (baseline {expected}): take it off {baseline_path}")
        else:
            problems.append(f"{test}: {status}, expected {expected}")
stale = sorted(set(baseline) - set(wanted))
problems += [f"{t}: in the baseline but not in the list" for t in stale]
summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
with open(report_path, "w") as f:
    f.write(f"# piglit CI list on VirglGL\n\n{len(wanted)} tests: {summary}\n\n" + "".join(f"- {p}\n" for p in problems))
if update == "--update":
    by_cause = {}
    for test in wanted:
        status = names.get(got.get(test, "incomplete"), "Crash")
        if status != "Pass":
            by_cause.setdefault(cause(test), []).append(f"{test},{status}")
    with open(baseline_path, "w") as f:
        f.write("# Expected non-passing results of Tests/Piglit/ci-tests.txt on VirglGL (scripts/test-piglit.sh),\n"
                "# grouped by the cause the test printed (most frequent first). Fix the cause, then take the tests off.\n")
        for reason, entries in sorted(by_cause.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            f.write(f"\n# {reason}\n" + "".join(e + "\n" for e in entries))
    print(f"test-piglit: baseline rewritten ({summary})")
    sys.exit(0)
print(f"test-piglit: {summary}")
if problems:
    print("\n".join(problems), file=sys.stderr)
    print(f"test-piglit: {len(problems)} differences from the baseline", file=sys.stderr)
    sys.exit(1)
print("test-piglit: every result matches the baseline")
PY
