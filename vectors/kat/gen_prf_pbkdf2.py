#!/usr/bin/env python3
"""Generates prf_pbkdf2.json: known answers for the TLS PRFs and PBKDF2, computed by
the installed `openssl kdf` (an implementation independent of keel's).

    python3 vectors/kat/gen_prf_pbkdf2.py > vectors/kat/prf_pbkdf2.json

Inputs come from a seeded PRNG, so a rerun gives the same file. Lengths are chosen
around the hash block sizes (HMAC key hashing) and output block boundaries.
OpenSSL's TLS1-PRF takes one seed: label || seed, as RFC 5246 §5 concatenates them.
"""
import json
import random
import subprocess

rng = random.Random(20240520)


def rand(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def kdf(alg, keylen, opts):
    args = ["openssl", "kdf", "-keylen", str(keylen)]
    for o in opts:
        args += ["-kdfopt", o]
    out = subprocess.check_output(args + [alg], text=True)
    return out.strip().replace(":", "").lower()


def tls_prf(digest, secret, label, seed, n):
    return kdf("TLS1-PRF", n, [f"digest:{digest}", f"hexsecret:{secret.hex()}",
                               f"hexseed:{label.encode().hex()}{seed.hex()}"])


def pbkdf2(digest, password, salt, iterations, n):
    return kdf("PBKDF2", n, [f"digest:{digest}", f"hexpass:{password.hex()}",
                             f"hexsalt:{salt.hex()}", f"iter:{iterations}"])


def main():
    prf_shapes = [  # (secret length, label, seed length, output length)
        (48, "master secret", 64, 48),
        (48, "key expansion", 64, 104),
        (48, "client finished", 32, 12),
        (0, "empty secret", 16, 33),
        (1, "one byte", 0, 1),
        (47, "odd secret", 20, 64),
        (64, "block secret", 13, 65),
        (129, "long secret", 77, 200),
        (200, "", 5, 128),
    ]
    doc = {
        "generator": "vectors/kat/gen_prf_pbkdf2.py",
        "openssl": subprocess.check_output(["openssl", "version"], text=True).strip(),
        "tls12_prf": [],
        "tls10_prf": [],
        "pbkdf2": [],
    }
    for digest in ["SHA256", "SHA384"]:
        for sl, label, seedl, n in prf_shapes:
            secret, seed = rand(sl), rand(seedl)
            doc["tls12_prf"].append(dict(digest=digest, secret=secret.hex(), label=label,
                                         seed=seed.hex(), out=tls_prf(digest, secret, label, seed, n)))
    for sl, label, seedl, n in prf_shapes:
        secret, seed = rand(sl), rand(seedl)
        doc["tls10_prf"].append(dict(digest="MD5-SHA1", secret=secret.hex(), label=label,
                                     seed=seed.hex(), out=tls_prf("MD5-SHA1", secret, label, seed, n)))
    pb_shapes = [  # (password length, salt length, iterations, output length)
        (8, 16, 1, 32), (8, 16, 2, 32), (0, 0, 3, 20), (20, 8, 1000, 64),
        (64, 16, 7, 33), (65, 32, 11, 100), (200, 70, 4096, 32), (13, 100, 1, 1),
    ]
    for digest in ["SHA1", "SHA256", "SHA384", "SHA512"]:
        for pl, sl, it, n in pb_shapes:
            password, salt = rand(pl), rand(sl)
            doc["pbkdf2"].append(dict(digest=digest, password=password.hex(), salt=salt.hex(),
                                      iterations=it, out=pbkdf2(digest, password, salt, it, n)))
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
