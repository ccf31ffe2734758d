// SLH-DSA internals (FIPS 205 §4-§9): WOTS+, XMSS, the hypertree and FORS.
//
// Every tree is built bottom-up over whole levels so that independent hashes (the
// chains of up to eight leaves, a level of tree nodes, the FORS leaves) go to
// SlhHash::thash_many together; the SHAKE sets batch them eight lanes at a time.
//
// Constant time: SK.seed only enters hash inputs. Branches and memory indices follow
// the tree indices and the WOTS+/FORS digits, which come from R, the FORS public key
// and the XMSS roots: all of them are recomputable from the signature, so they are
// declassified where they are produced (ct::declassify) and are public from then on.
#include "pq/slhdsa/internal.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "base/ct.h"
#include "base/endian.h"
#include "base/secret.h"
#include "pq/slhdsa/hash.h"

namespace keel::pq::detail {

namespace {

constexpr size_t kMaxLen = 67;  // len for n = 32
constexpr size_t kLeafBatch = 8;

// Algorithm 4, base_2b: out_len base-2^b digits of x, most significant first.
void base_2b(const uint8_t* x, uint32_t b, size_t out_len, uint32_t* out) {
    size_t in = 0;
    uint32_t bits = 0;
    uint64_t total = 0;
    for (size_t o = 0; o < out_len; o++) {
        while (bits < b) {
            total = (total << 8) | x[in++];
            bits += 8;
        }
        bits -= b;
        out[o] = static_cast<uint32_t>(total >> bits) & ((1u << b) - 1);
    }
}

// Algorithm 7 lines 1-9: the len WOTS+ digits of an n-byte message, checksum included.
void wots_digits(const SlhParams& p, const uint8_t* m, uint8_t* digits) {
    const size_t len1 = 2 * p.n;
    uint32_t tmp[kMaxLen];
    base_2b(m, 4, len1, tmp);
    uint32_t csum = 0;
    for (size_t i = 0; i < len1; i++) csum += kWotsW - 1 - tmp[i];
    // len2 * lg_w = 12 bits: shift left by 4 to fill two whole bytes.
    csum <<= 4;
    uint8_t cb[2];
    store_be16(cb, static_cast<uint16_t>(csum));
    base_2b(cb, 4, 3, tmp + len1);
    for (size_t i = 0; i < len1 + 3; i++) digits[i] = static_cast<uint8_t>(tmp[i]);
}

Adrs tree_adrs(uint32_t layer, uint64_t tree) {
    Adrs a;
    a.set_layer(layer);
    a.set_tree(tree);
    return a;
}

// Algorithm 5 on many chains at once: lane i runs hash steps start[i] ..
// start[i] + steps[i] - 1 on x[i*n..] with adrs[i] (its chain address already set).
void chain_many(const SlhHash& hs, Adrs* adrs, uint8_t* x, const uint8_t* start,
                const uint8_t* steps, size_t lanes) {
    const size_t n = hs.params().n;
    std::vector<Adrs> ga(lanes);
    std::vector<uint8_t> gx(lanes * n);
    std::vector<size_t> idx(lanes);
    for (uint32_t s = 0; s + 1 < kWotsW; s++) {
        size_t c = 0;
        for (size_t i = 0; i < lanes; i++) {
            if (start[i] <= s && s < uint32_t{start[i]} + steps[i]) idx[c++] = i;
        }
        if (c == 0) continue;
        for (size_t j = 0; j < c; j++) {
            ga[j] = adrs[idx[j]];
            ga[j].set_hash(s);
            std::memcpy(gx.data() + j * n, x + idx[j] * n, n);
        }
        hs.thash_many(ga.data(), gx.data(), n, n, gx.data(), c);
        for (size_t j = 0; j < c; j++) std::memcpy(x + idx[j] * n, gx.data() + j * n, n);
    }
}

// Algorithm 6 for leaves first .. first + count - 1 (count <= 8) of one XMSS tree:
// out[j*n..] = WOTS+ public key of leaf first + j. When sign_leaf is among them, its
// WOTS+ signature of `digits` (Algorithm 7) is picked off the chains on the way.
void wots_pk_many(const SlhHash& hs, uint32_t layer, uint64_t tree, uint32_t first, size_t count,
                  uint32_t sign_leaf, const uint8_t* digits, uint8_t* wots_sig, uint8_t* out) {
    const SlhParams& p = hs.params();
    const size_t n = p.n, len = p.len(), lanes = count * len;
    Adrs ad[kLeafBatch * kMaxLen];
    uint8_t x[kLeafBatch * kMaxLen * 32];
    const Adrs base = tree_adrs(layer, tree);
    for (size_t j = 0; j < count; j++) {
        for (size_t i = 0; i < len; i++) {
            Adrs& a = ad[j * len + i];
            a = base;
            a.set_type_and_clear(kWotsPrf);
            a.set_keypair(first + static_cast<uint32_t>(j));
            a.set_chain(static_cast<uint32_t>(i));
        }
    }
    hs.prf_many(ad, x, lanes);
    for (size_t l = 0; l < lanes; l++) {
        ad[l].set_type_and_clear(kWotsHash);
        ad[l].set_keypair(first + static_cast<uint32_t>(l / len));
        ad[l].set_chain(static_cast<uint32_t>(l % len));
    }
    const bool signing = digits != nullptr && sign_leaf >= first && sign_leaf < first + count;
    const uint8_t* sx = x + (signing ? (sign_leaf - first) * len * n : 0);
    for (uint32_t s = 0; s + 1 < kWotsW; s++) {
        if (signing) {
            for (size_t i = 0; i < len; i++) {
                if (digits[i] == s) std::memcpy(wots_sig + i * n, sx + i * n, n);
            }
        }
        for (size_t l = 0; l < lanes; l++) ad[l].set_hash(s);
        hs.thash_many(ad, x, n, n, x, lanes);
    }
    if (signing) {
        for (size_t i = 0; i < len; i++) {
            if (digits[i] == kWotsW - 1) std::memcpy(wots_sig + i * n, sx + i * n, n);
        }
    }
    Adrs pk_ad[kLeafBatch];
    for (size_t j = 0; j < count; j++) {
        pk_ad[j] = base;
        pk_ad[j].set_type_and_clear(kWotsPk);
        pk_ad[j].set_keypair(first + static_cast<uint32_t>(j));
    }
    hs.thash_many(pk_ad, x, len * n, len * n, out, count);
    secure_wipe(x, lanes * n);
}

// Algorithms 9-10 in one pass: the whole XMSS tree (layer, tree) bottom-up. Writes its
// root; with digits set also the XMSS signature (WOTS+ signature || AUTH) of leaf idx.
void xmss_tree(const SlhHash& hs, uint32_t layer, uint64_t tree, uint32_t idx,
               const uint8_t* digits, uint8_t* sig, uint8_t* root) {
    const SlhParams& p = hs.params();
    const size_t n = p.n, leaves = size_t{1} << p.hp;
    std::vector<uint8_t> nodes(leaves * n);
    for (size_t first = 0; first < leaves; first += kLeafBatch) {
        size_t c = std::min(kLeafBatch, leaves - first);
        wots_pk_many(hs, layer, tree, static_cast<uint32_t>(first), c, idx, digits, sig,
                     nodes.data() + first * n);
    }
    uint8_t* auth = sig != nullptr ? sig + p.len() * n : nullptr;
    std::vector<Adrs> ad(leaves / 2);
    for (uint32_t z = 1; z <= p.hp; z++) {
        if (auth != nullptr) {
            std::memcpy(auth + (z - 1) * n, nodes.data() + ((idx >> (z - 1)) ^ 1) * n, n);
        }
        size_t cnt = leaves >> z;
        for (size_t i = 0; i < cnt; i++) {
            ad[i] = tree_adrs(layer, tree);
            ad[i].set_type_and_clear(kTree);
            ad[i].set_tree_height(z);
            ad[i].set_tree_index(static_cast<uint32_t>(i));
        }
        hs.thash_many(ad.data(), nodes.data(), 2 * n, 2 * n, nodes.data(), cnt);
    }
    std::memcpy(root, nodes.data(), n);
    secure_wipe(nodes.data(), nodes.size());
}

// Algorithm 12, ht_sign. m is the n-byte FORS public key (public).
void ht_sign(const SlhHash& hs, const uint8_t* m, uint64_t idx_tree, uint32_t idx_leaf,
             uint8_t* sig) {
    const SlhParams& p = hs.params();
    uint8_t root[32];
    std::memcpy(root, m, p.n);
    uint8_t digits[kMaxLen];
    for (uint32_t j = 0; j < p.d; j++) {
        wots_digits(p, root, digits);
        xmss_tree(hs, j, idx_tree, idx_leaf, digits, sig + j * p.xmss_sig_bytes(), root);
        // The root is what the next layer signs; verification recomputes it from the
        // signature, so it is public.
        ct::declassify(root, p.n);
        idx_leaf = static_cast<uint32_t>(idx_tree & ((uint64_t{1} << p.hp) - 1));
        idx_tree >>= p.hp;
    }
}

// Algorithm 11 (WOTS+ part by Algorithm 8), xmss_pkFromSig.
void xmss_pk_from_sig(const SlhHash& hs, uint32_t layer, uint64_t tree, uint32_t idx,
                      const uint8_t* sig, const uint8_t* m, uint8_t* root) {
    const SlhParams& p = hs.params();
    const size_t n = p.n, len = p.len();
    uint8_t digits[kMaxLen], steps[kMaxLen];
    wots_digits(p, m, digits);
    Adrs ad[kMaxLen];
    uint8_t x[kMaxLen * 32];
    std::memcpy(x, sig, len * n);
    const Adrs base = tree_adrs(layer, tree);
    for (size_t i = 0; i < len; i++) {
        ad[i] = base;
        ad[i].set_type_and_clear(kWotsHash);
        ad[i].set_keypair(idx);
        ad[i].set_chain(static_cast<uint32_t>(i));
        steps[i] = static_cast<uint8_t>(kWotsW - 1 - digits[i]);
    }
    chain_many(hs, ad, x, digits, steps, len);
    Adrs pk_ad = base;
    pk_ad.set_type_and_clear(kWotsPk);
    pk_ad.set_keypair(idx);
    uint8_t node[2 * 32];
    hs.thash_many(&pk_ad, x, len * n, 0, node, 1);
    const uint8_t* auth = sig + len * n;
    for (uint32_t k = 0; k < p.hp; k++) {
        Adrs a = base;
        a.set_type_and_clear(kTree);
        a.set_tree_height(k + 1);
        a.set_tree_index(idx >> (k + 1));
        uint8_t buf[2 * 32];
        if (((idx >> k) & 1) == 0) {
            std::memcpy(buf, node, n);
            std::memcpy(buf + n, auth + k * n, n);
        } else {
            std::memcpy(buf, auth + k * n, n);
            std::memcpy(buf + n, node, n);
        }
        hs.thash_many(&a, buf, 2 * n, 0, node, 1);
    }
    std::memcpy(root, node, n);
}

// md -> the k FORS leaf indices (Algorithm 16 line 1).
void fors_indices(const SlhParams& p, const uint8_t* md, uint32_t* indices) {
    base_2b(md, p.a, p.k, indices);
}

Adrs fors_adrs(uint64_t idx_tree, uint32_t idx_leaf, uint32_t type) {
    Adrs a = tree_adrs(0, idx_tree);
    a.set_type_and_clear(type);
    a.set_keypair(idx_leaf);
    return a;
}

// Algorithms 14-16: FORS signature of md, and the FORS public key (Algorithm 17's
// output) from the same trees.
void fors_sign(const SlhHash& hs, const uint8_t* md, uint64_t idx_tree, uint32_t idx_leaf,
               uint8_t* sig, uint8_t* pk) {
    const SlhParams& p = hs.params();
    const size_t n = p.n, t = size_t{1} << p.a;
    uint32_t indices[35];
    fors_indices(p, md, indices);
    std::vector<uint8_t> nodes(t * n);
    std::vector<Adrs> ad(t);
    std::vector<uint8_t> roots(p.k * n);
    for (uint32_t i = 0; i < p.k; i++) {
        uint8_t* out = sig + i * (p.a + 1) * n;
        for (size_t j = 0; j < t; j++) {
            ad[j] = fors_adrs(idx_tree, idx_leaf, kForsPrf);
            ad[j].set_tree_index(static_cast<uint32_t>(i * t + j));
        }
        hs.prf_many(ad.data(), nodes.data(), t);
        std::memcpy(out, nodes.data() + indices[i] * n, n);
        for (size_t j = 0; j < t; j++) {
            ad[j] = fors_adrs(idx_tree, idx_leaf, kForsTree);
            ad[j].set_tree_index(static_cast<uint32_t>(i * t + j));
        }
        hs.thash_many(ad.data(), nodes.data(), n, n, nodes.data(), t);
        for (uint32_t z = 1; z <= p.a; z++) {
            std::memcpy(out + z * n, nodes.data() + ((indices[i] >> (z - 1)) ^ 1) * n, n);
            size_t cnt = t >> z;
            for (size_t j = 0; j < cnt; j++) {
                ad[j] = fors_adrs(idx_tree, idx_leaf, kForsTree);
                ad[j].set_tree_height(z);
                ad[j].set_tree_index(static_cast<uint32_t>(((i * t) >> z) + j));
            }
            hs.thash_many(ad.data(), nodes.data(), 2 * n, 2 * n, nodes.data(), cnt);
        }
        std::memcpy(roots.data() + i * n, nodes.data(), n);
    }
    Adrs pk_ad = fors_adrs(idx_tree, idx_leaf, kForsRoots);
    hs.thash_many(&pk_ad, roots.data(), p.k * n, 0, pk, 1);
    secure_wipe(nodes.data(), nodes.size());
}

// Algorithm 17, fors_pkFromSig, all k trees climbing in lockstep.
void fors_pk_from_sig(const SlhHash& hs, const uint8_t* sig, const uint8_t* md, uint64_t idx_tree,
                      uint32_t idx_leaf, uint8_t* pk) {
    const SlhParams& p = hs.params();
    const size_t n = p.n, t = size_t{1} << p.a, stride = (p.a + 1) * n;
    uint32_t indices[35];
    fors_indices(p, md, indices);
    Adrs ad[35];
    uint8_t nodes[35 * 32], buf[35 * 64];
    for (uint32_t i = 0; i < p.k; i++) {
        ad[i] = fors_adrs(idx_tree, idx_leaf, kForsTree);
        ad[i].set_tree_index(static_cast<uint32_t>(i * t + indices[i]));
    }
    hs.thash_many(ad, sig, n, stride, nodes, p.k);
    for (uint32_t z = 1; z <= p.a; z++) {
        for (uint32_t i = 0; i < p.k; i++) {
            const uint8_t* auth = sig + i * stride + z * n;
            uint8_t* b = buf + i * 2 * n;
            if (((indices[i] >> (z - 1)) & 1) == 0) {
                std::memcpy(b, nodes + i * n, n);
                std::memcpy(b + n, auth, n);
            } else {
                std::memcpy(b, auth, n);
                std::memcpy(b + n, nodes + i * n, n);
            }
            ad[i].set_tree_height(z);
            ad[i].set_tree_index(static_cast<uint32_t>((i * t + indices[i]) >> z));
        }
        hs.thash_many(ad, buf, 2 * n, 2 * n, nodes, p.k);
    }
    Adrs pk_ad = fors_adrs(idx_tree, idx_leaf, kForsRoots);
    hs.thash_many(&pk_ad, nodes, p.k * n, 0, pk, 1);
}

// Algorithm 19 lines 7-11 / Algorithm 20 lines 10-14: split the digest.
void split_digest(const SlhParams& p, const uint8_t* digest, uint64_t* idx_tree,
                  uint32_t* idx_leaf) {
    const size_t md_bytes = (p.k * p.a + 7) / 8;
    const uint32_t tree_bits = p.h - p.hp;
    const size_t tree_bytes = (tree_bits + 7) / 8, leaf_bytes = (p.hp + 7) / 8;
    uint64_t t = 0;
    for (size_t i = 0; i < tree_bytes; i++) t = (t << 8) | digest[md_bytes + i];
    if (tree_bits < 64) t &= (uint64_t{1} << tree_bits) - 1;
    uint32_t l = 0;
    for (size_t i = 0; i < leaf_bytes; i++) l = (l << 8) | digest[md_bytes + tree_bytes + i];
    *idx_tree = t;
    *idx_leaf = l & ((1u << p.hp) - 1);
}

}  // namespace

void slh_keygen_internal(const SlhParams& p, const uint8_t* sk_seed, const uint8_t* sk_prf,
                         const uint8_t* pk_seed, uint8_t* sk_out) {
    const size_t n = p.n;
    SlhHash hs(p, pk_seed, sk_seed);
    uint8_t root[32];
    xmss_tree(hs, p.d - 1, 0, 0, nullptr, nullptr, root);
    std::memmove(sk_out, sk_seed, n);
    std::memmove(sk_out + n, sk_prf, n);
    std::memmove(sk_out + 2 * n, pk_seed, n);
    std::memcpy(sk_out + 3 * n, root, n);
}

void slh_sign_internal(const SlhParams& p, const uint8_t* sk, ByteView prefix, ByteView msg,
                       const uint8_t* addrnd, uint8_t* sig) {
    const size_t n = p.n;
    const uint8_t *sk_seed = sk, *sk_prf = sk + n, *pk_seed = sk + 2 * n, *pk_root = sk + 3 * n;
    slh_prf_msg(p, sk_prf, addrnd != nullptr ? addrnd : pk_seed, prefix, msg, sig);
    // R is the first part of the signature: public from here on.
    ct::declassify(sig, n);
    uint8_t digest[64];
    slh_h_msg(p, sig, pk_seed, pk_root, prefix, msg, digest);
    uint64_t idx_tree;
    uint32_t idx_leaf;
    split_digest(p, digest, &idx_tree, &idx_leaf);
    SlhHash hs(p, pk_seed, sk_seed);
    uint8_t pk_fors[32];
    fors_sign(hs, digest, idx_tree, idx_leaf, sig + n, pk_fors);
    // The FORS public key is what the hypertree signs; verification recomputes it.
    ct::declassify(pk_fors, n);
    ht_sign(hs, pk_fors, idx_tree, idx_leaf, sig + n + p.fors_sig_bytes());
}

bool slh_verify_internal(const SlhParams& p, const uint8_t* pk, ByteView prefix, ByteView msg,
                         const uint8_t* sig) {
    const size_t n = p.n;
    const uint8_t *pk_seed = pk, *pk_root = pk + n;
    uint8_t digest[64];
    slh_h_msg(p, sig, pk_seed, pk_root, prefix, msg, digest);
    uint64_t idx_tree;
    uint32_t idx_leaf;
    split_digest(p, digest, &idx_tree, &idx_leaf);
    SlhHash hs(p, pk_seed, nullptr);
    uint8_t node[32];
    fors_pk_from_sig(hs, sig + n, digest, idx_tree, idx_leaf, node);
    const uint8_t* ht = sig + n + p.fors_sig_bytes();
    for (uint32_t j = 0; j < p.d; j++) {
        xmss_pk_from_sig(hs, j, idx_tree, idx_leaf, ht + j * p.xmss_sig_bytes(), node, node);
        idx_leaf = static_cast<uint32_t>(idx_tree & ((uint64_t{1} << p.hp) - 1));
        idx_tree >>= p.hp;
    }
    return std::memcmp(node, pk_root, n) == 0;
}

}  // namespace keel::pq::detail
