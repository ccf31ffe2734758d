#!/usr/bin/env python3
"""DSA known answers from an independent implementation (OpenSSL): for each (L, N)
size, generate parameters and a key, sign a few messages with SHA-256 (and SHA-1 for
1024-bit keys), and write p, q, g, y, message, r, s to dsa.json."""
import json
import os
import re
import subprocess
import tempfile


def run(*args, data=None):
    return subprocess.run(args, input=data, check=True, capture_output=True).stdout


def field(text, name):
    m = re.search(r"^%s:\s*\n((?:\s+[0-9a-f:]+\n)+)" % re.escape(name), text, re.M)
    return re.sub(r"[^0-9a-f]", "", m.group(1)).lstrip("0") or "0"


def der_rs(sig):
    out = run("openssl", "asn1parse", "-inform", "DER", data=sig).decode()
    ints = re.findall(r"INTEGER\s*:([0-9A-F]+)", out)
    return ints[0].lower(), ints[1].lower()


tests = []
with tempfile.TemporaryDirectory() as d:
    for L, N, hashes in [(1024, 160, ["sha1", "sha256"]), (2048, 224, ["sha224", "sha256"]),
                         (2048, 256, ["sha256"]), (3072, 256, ["sha256", "sha512"])]:
        params = os.path.join(d, "p.pem")
        key = os.path.join(d, "k.pem")
        run("openssl", "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt",
            "dsa_paramgen_bits:%d" % L, "-pkeyopt", "dsa_paramgen_q_bits:%d" % N, "-out", params)
        run("openssl", "genpkey", "-paramfile", params, "-out", key)
        text = run("openssl", "pkey", "-in", key, "-text", "-noout").decode()
        for h in hashes:
            for msg in [b"", b"abc", b"keel dsa known answer " * 3]:
                mfile = os.path.join(d, "m")
                open(mfile, "wb").write(msg)
                sig = run("openssl", "dgst", "-" + h, "-sign", key, mfile)
                r, s = der_rs(sig)
                tests.append(dict(L=L, N=N, hash=h, p=field(text, "P"), q=field(text, "Q"),
                                  g=field(text, "G"), y=field(text, "pub"), msg=msg.hex(),
                                  r=r, s=s))
json.dump(dict(source="openssl genpkey DSA + dgst -sign (gen_dsa.py)", tests=tests),
          open(os.path.join(os.path.dirname(__file__) or ".", "dsa.json"), "w"), indent=1)
print(len(tests))
