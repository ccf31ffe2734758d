#!/usr/bin/env python3
"""Runs every test Meson registered in a build directory and prints the one line CI
reads: "N passed, N failed".

Counts are GoogleTest cases. A binary that crashes or exits non-zero without a
GoogleTest failure (a valgrind report in the ct suite, a sanitizer abort) counts as
one failed case. A test in suite expect_valgrind_error (the ct canary) counts as one
passed case exactly when it exits with valgrind's error code 42.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

PASSED = re.compile(r"^\[  PASSED  \] (\d+) tests?\.", re.M)
FAILED = re.compile(r"^\[  FAILED  \] (\d+) tests?, listed below", re.M)
VALGRIND_ERROR_EXIT = 42


def suites(t):
    return [s.split(":")[-1] for s in t["suite"]]


def run_one(t, builddir):
    env = dict(os.environ)
    env.update(t.get("env") or {})
    start = time.monotonic()
    try:
        # Like `meson test`, run from the build directory unless told otherwise.
        p = subprocess.run(t["cmd"], env=env, cwd=t.get("workdir") or builddir,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=t.get("timeout") or 600)
        out, rc = p.stdout.decode(errors="replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode(errors="replace") + "\nTIMEOUT\n", -1
    except OSError as e:
        out, rc = f"cannot run {t['cmd']}: {e}\n", -1
    secs = time.monotonic() - start

    passed = sum(int(m) for m in PASSED.findall(out))
    failed = sum(int(m) for m in FAILED.findall(out))
    if "expect_valgrind_error" in suites(t):
        ok = rc == VALGRIND_ERROR_EXIT
        return t["name"], (1 if ok else 0), (0 if ok else 1), secs, out, ok
    if rc != 0 and failed == 0:
        failed = 1
    if rc == 0 and passed == 0 and failed == 0:
        failed = 1  # a test binary that ran nothing is a broken registration
        out += "\nno GoogleTest cases ran\n"
    return t["name"], passed, failed, secs, out, rc == 0 and failed == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("builddir")
    ap.add_argument("--exclude-suite", action="append", default=[])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    tests = json.loads(subprocess.check_output(
        ["meson", "introspect", "--tests", args.builddir]))
    tests = [t for t in tests
             if not any(s in args.exclude_suite for s in suites(t))]
    # Longest (valgrind) first so the pool drains evenly.
    tests.sort(key=lambda t: "ct" not in suites(t))

    total_pass = total_fail = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for name, p, f, secs, out, ok in pool.map(lambda t: run_one(t, args.builddir), tests):
            total_pass += p
            total_fail += f
            status = "ok  " if ok else "FAIL"
            print(f"{status} {name:<40} {p:5d} passed {f:3d} failed  {secs:6.1f}s", flush=True)
            if not ok:
                tail = "\n".join(out.splitlines()[-60:])
                print("---- output (last 60 lines) ----\n" + tail + "\n----", flush=True)

    print(f"{total_pass} passed, {total_fail} failed")
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
