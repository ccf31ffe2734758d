// Generates vectors/kat/slhdsa_sign.json with an independent SLH-DSA implementation,
// @noble/post-quantum (npm). Run once by hand; the test suite only reads the JSON:
//   mkdir /tmp/slhkat && cd /tmp/slhkat && npm init -y && npm i @noble/post-quantum
//   cp <repo>/vectors/kat/gen_slhdsa.mjs . && node gen_slhdsa.mjs > <repo>/vectors/kat/slhdsa_sign.json
import * as slh from '@noble/post-quantum/slh-dsa.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { shake128_32, shake256_64 } from '@noble/hashes/sha3.js';
import { readFileSync } from 'fs';

const version = JSON.parse(readFileSync('node_modules/@noble/post-quantum/package.json', 'utf8')).version;
const hex = (b) => Buffer.from(b).toString('hex');
const pattern = (len, mul, add) => Uint8Array.from({ length: len }, (_, i) => (i * mul + add) & 0xff);

const sets = [
  ['SLH-DSA-SHA2-128s', slh.slh_dsa_sha2_128s], ['SLH-DSA-SHA2-128f', slh.slh_dsa_sha2_128f],
  ['SLH-DSA-SHA2-192s', slh.slh_dsa_sha2_192s], ['SLH-DSA-SHA2-192f', slh.slh_dsa_sha2_192f],
  ['SLH-DSA-SHA2-256s', slh.slh_dsa_sha2_256s], ['SLH-DSA-SHA2-256f', slh.slh_dsa_sha2_256f],
  ['SLH-DSA-SHAKE-128s', slh.slh_dsa_shake_128s], ['SLH-DSA-SHAKE-128f', slh.slh_dsa_shake_128f],
  ['SLH-DSA-SHAKE-192s', slh.slh_dsa_shake_192s], ['SLH-DSA-SHAKE-192f', slh.slh_dsa_shake_192f],
  ['SLH-DSA-SHAKE-256s', slh.slh_dsa_shake_256s], ['SLH-DSA-SHAKE-256f', slh.slh_dsa_shake_256f],
];
// Pre-hash per set: noble requires the pre-hash to be at least as strong as the set,
// so SHA-256/SHAKE128 go to the 128-bit f-sets and SHA-512/SHAKE256 to the rest.
const prehashFor = (name) => {
  const shake = name.includes('SHAKE-');
  if (name.endsWith('128f')) return shake ? ['SHAKE128', shake128_32] : ['SHA-256', sha256];
  return shake ? ['SHAKE256', shake256_64] : ['SHA-512', sha512];
};

const digest = (b) => hex(sha256(b));
const out = {
  note: 'SLH-DSA (FIPS 205) signing known answers made by vectors/kat/gen_slhdsa.mjs with ' +
        '@noble/post-quantum ' + version + ' under node. keygen seed = SK.seed||SK.prf||PK.seed. ' +
        'Each signature is stored as its length, SHA-256 and first 64 bytes. ' +
        'pure_det: pure sign with context, deterministic (addrnd = PK.seed); ' +
        'pure_rand: pure sign with context, addrnd given; prehash_det: HashSLH-DSA with context, deterministic; ' +
        'internal_det: slh_sign_internal(msg as M\', addrnd = PK.seed). s-sets: pure_det only.',
  tests: [],
};
sets.forEach(([name, alg], idx) => {
  const n = alg.lengths.signRand;
  const seed = pattern(3 * n, 7, idx + 1);
  const { publicKey, secretKey } = alg.keygen(seed);
  const msg = pattern(33 + idx, 13, 5);
  const ctx = pattern(idx % 3 === 0 ? 0 : 7 * idx, 3, 1);
  const addrnd = pattern(n, 11, 0x5a);
  const [phName, phFn] = prehashFor(name);
  // The s-sets sign slowly (here and in keel's tests): pure_det only.
  const sigs = { pure_det: alg.sign(msg, secretKey, { context: ctx, extraEntropy: false }) };
  if (name.endsWith('f')) {
    sigs.pure_rand = alg.sign(msg, secretKey, { context: ctx, extraEntropy: addrnd });
    sigs.prehash_det = alg.prehash(phFn).sign(msg, secretKey, { context: ctx, extraEntropy: false });
    sigs.internal_det = alg.internal.sign(msg, secretKey, { extraEntropy: false });
  }
  const t = { parameterSet: name, seed: hex(seed), pk: hex(publicKey), sk: hex(secretKey),
              message: hex(msg), context: hex(ctx), addrnd: hex(addrnd), prehash: phName };
  for (const [k, s] of Object.entries(sigs)) {
    t[k] = { length: s.length, sha256: digest(s), head: hex(s.subarray(0, 64)) };
  }
  out.tests.push(t);
});
console.log(JSON.stringify(out, null, 1));
