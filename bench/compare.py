#!/usr/bin/env python3
"""./run bench: runs keel's Google Benchmark binary, runs `openssl speed` on the same
operations in the same run, and prints the tables of DESIGN.md §9.

Rows come from bench/rows/*.txt, one per line, whitespace separated:

    name    size  benchmark            openssl
    sha256  16K   sha256/16384         evp:sha256
    mlkem768-decaps  -  mlkem768/decaps  -

`benchmark` is the Google Benchmark name of keel's auto-dispatched run. `openssl` is
how to measure the same thing: `evp:ALG` (openssl speed -evp ALG -bytes SIZE, MB/s),
`hmac:ALG` (openssl speed -hmac ALG -bytes SIZE, MB/s), `speed:ALG:OP` (openssl speed ALG,
e.g. ecdhx25519, ed25519, ecdsap256, rsa2048; OP is sign, verify or derive; ops/s) or `-`
(no counterpart: the row goes in the second table, cycles and ops/s).
Best of several runs on both sides, so a noisy neighbour hurts both alike.
"""
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEEL_REPS = 5
OPENSSL_RUNS = 3
OPENSSL_SECONDS = 1


def parse_size(s):
    if s == "-":
        return None
    mult = {"K": 1024, "M": 1024 * 1024}.get(s[-1], 1)
    return int(s[:-1] if s[-1] in "KM" else s) * mult


def load_rows(flt):
    rows = []
    for path in sorted(glob.glob(os.path.join(HERE, "rows", "*.txt"))):
        for line in open(path):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, size, bench, ossl = line.split()
            if flt and not re.search(flt, name):
                continue
            rows.append(dict(name=name, size=size, bench=bench, openssl=ossl))
    return rows


def run_keel(builddir, rows):
    # Escape only what is special in Google Benchmark's (POSIX extended) regex:
    # re.escape also escapes '-', which that regex rejects as an invalid escape.
    names = "|".join(re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", r["bench"]) for r in rows)
    exe = os.path.join(builddir, "bench", "keel_bench")
    out = subprocess.check_output([
        exe, f"--benchmark_filter=^({names})$", "--benchmark_format=json",
        f"--benchmark_repetitions={KEEL_REPS}", "--benchmark_min_time=0.2"])
    best = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b["run_name"]
        cur = best.setdefault(name, dict(mbps=0.0, ops=0.0, cycles=[]))
        cur["mbps"] = max(cur["mbps"], b.get("bytes_per_second", 0.0) / 1e6)
        cur["ops"] = max(cur["ops"], b.get("items_per_second", 0.0))
        if "cycles" in b:
            cur["cycles"].append(b["cycles"])
    return best


def openssl_evp(alg, size, flag="-evp"):
    best = 0.0
    for _ in range(OPENSSL_RUNS):
        out = subprocess.run(
            ["openssl", "speed", "-mr", flag, alg, "-bytes", str(size),
             "-seconds", str(OPENSSL_SECONDS)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        for line in out.splitlines():
            if line.startswith("+F:"):
                best = max(best, float(line.split(":")[-1]) / 1e6)  # bytes/s -> MB/s
    return best


def openssl_speed(alg, op):
    """ops/s from `openssl speed -mr ALG`. Its +F lines end in two numbers: sign/s and
    verify/s for signatures (+F2 RSA, +F4 ECDSA, +F6 EdDSA), ops/s and s/op for key
    agreement (+F5 ECDH, +F8 FFDH)."""
    if op not in ("sign", "verify", "derive"):
        raise SystemExit(f"unknown openssl speed op {op}")
    best = 0.0
    for _ in range(OPENSSL_RUNS):
        out = subprocess.run(["openssl", "speed", "-mr", "-seconds", str(OPENSSL_SECONDS), alg],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        for line in out.splitlines():
            if line.startswith("+F"):
                fields = line.split(":")
                best = max(best, float(fields[-1] if op == "verify" else fields[-2]))
                break
    return best


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0


def main():
    builddir = sys.argv[1]
    flt = sys.argv[2] if len(sys.argv) > 2 else ""
    rows = load_rows(flt)
    if not rows:
        print("no benchmark rows match", repr(flt))
        return 1
    keel = run_keel(builddir, rows)

    print("# name                     size   keel        openssl     ratio")
    for r in rows:
        if r["openssl"] == "-":
            continue
        kind, alg = r["openssl"].split(":", 1)
        k = keel.get(r["bench"])
        if k is None:
            print(f"# missing keel benchmark {r['bench']}", file=sys.stderr)
            continue
        if kind == "evp":
            o = openssl_evp(alg, parse_size(r["size"]))
            kv, unit = k["mbps"], "(MB/s)"
        elif kind == "hmac":
            o = openssl_evp(alg, parse_size(r["size"]), "-hmac")
            kv, unit = k["mbps"], "(MB/s)"
        elif kind == "speed":
            alg, op = alg.split(":")
            o = openssl_speed(alg, op)
            kv, unit = k["ops"], "(ops/s)"
        else:
            raise SystemExit(f"unknown openssl kind {kind} in row {r['name']}")
        ratio = kv / o if o else 0.0
        print(f"{r['name']:<26} {r['size']:<6} {kv:<11.1f} {o:<11.1f} {ratio:<8.2f} {unit}",
              flush=True)

    others = [r for r in rows if r["openssl"] == "-"]
    if others:
        print()
        print("# name                     cycles_median  ops_per_s")
        for r in others:
            k = keel.get(r["bench"])
            if k is None:
                continue
            print(f"{r['name']:<26} {median(k['cycles']):<14.0f} {k['ops']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
