// ML-KEM public API (mlkem.h): input checks of FIPS 203 §7, backend dispatch, and the
// TLS key-exchange functions of the pure ML-KEM groups.
#include "pq/mlkem/mlkem.h"

#include <cstring>

#include "base/cpu.h"
#include "base/ct.h"
#include "crypto/sha3/sha3.h"
#include "pq/mlkem/internal/kem.h"

namespace keel::pq::mlkem {

namespace detail {

std::span<const PolyBackend* const> backends() {
    static const auto list = [] {
        struct List {
            const PolyBackend* items[2];
            size_t n = 0;
        } l;
        l.items[l.n++] = &kPortable;
        if (cpu::has(cpu::kAvx2)) l.items[l.n++] = &kAvx2;
        return l;
    }();
    return {list.items, list.n};
}

const PolyBackend& best() {
    static const PolyBackend* const be = backends().back();
    return *be;
}

}  // namespace detail

namespace {

Result<void> check_len(ByteView v, size_t want, const char* what) {
    if (v.size() != want) {
        return Error(Errc::malformed, std::string("ML-KEM: wrong ") + what + " length");
    }
    return ok();
}

}  // namespace

namespace detail {

Result<void> check_ek(const PolyBackend& be, ParamSet ps, ByteView ek) {
    const Params p = params(ps);
    KEEL_TRY(check_len(ek, p.ek_size(), "encapsulation key"));
    if (!ek_in_range(be, p, ek.data())) {
        return Error(Errc::invalid_argument, "ML-KEM: encapsulation key coefficient >= q");
    }
    return ok();
}

Result<KeyPair> keygen_from_seed(const PolyBackend& be, ParamSet ps, ByteView seed) {
    KEEL_TRY(check_len(seed, kSeedSize, "seed"));
    const Params p = params(ps);
    KeyPair kp{Bytes(p.ek_size()), SecretBytes(p.dk_size())};
    keygen(be, p, seed.data(), seed.data() + 32, kp.ek.data(), kp.dk.data());
    return kp;
}

Result<Encapsulation> encaps_internal(const PolyBackend& be, ParamSet ps, ByteView ek,
                                      std::span<const uint8_t, 32> m) {
    const Params p = params(ps);
    KEEL_TRY(check_ek(be, ps, ek));
    Encapsulation out{Bytes(p.ct_size()), {}};
    encaps(be, p, ek.data(), m.data(), out.c.data(), out.k.data());
    return out;
}

Result<Secret<kSharedSecretSize>> decaps(const PolyBackend& be, ParamSet ps, ByteView dk,
                                         ByteView c) {
    const Params p = params(ps);
    KEEL_TRY(check_len(c, p.ct_size(), "ciphertext"));
    KEEL_TRY(mlkem::check_dk(ps, dk));
    Secret<kSharedSecretSize> k;
    decaps(be, p, dk.data(), c.data(), k.data());
    return k;
}

Result<Secret<kSharedSecretSize>> decaps_seed(const PolyBackend& be, ParamSet ps, ByteView seed,
                                              ByteView c) {
    const Params p = params(ps);
    KEEL_TRY(check_len(c, p.ct_size(), "ciphertext"));
    auto kp = keygen_from_seed(be, ps, seed);
    if (!kp) return kp.error();
    Secret<kSharedSecretSize> k;
    decaps(be, p, kp->dk.data(), c.data(), k.data());
    return k;
}

}  // namespace detail

Result<void> check_ek(ParamSet ps, ByteView ek) {
    return detail::check_ek(detail::best(), ps, ek);
}

Result<void> check_dk(ParamSet ps, ByteView dk) {
    const Params p = params(ps);
    KEEL_TRY(check_len(dk, p.dk_size(), "decapsulation key"));
    // §7.3: H(ek) stored in dk must equal H of the ek stored in dk. Both are public.
    const uint8_t* ek = dk.data() + 384 * p.k;
    const auto h = crypto::Sha3_256::hash(ByteView(ek, p.ek_size()));
    if (std::memcmp(h.data(), ek + p.ek_size(), 32) != 0) {
        return Error(Errc::invalid_argument, "ML-KEM: decapsulation key hash check failed");
    }
    return ok();
}

KeyPair keygen_internal(ParamSet ps, std::span<const uint8_t, 32> d,
                        std::span<const uint8_t, 32> z) {
    const Params p = params(ps);
    KeyPair kp{Bytes(p.ek_size()), SecretBytes(p.dk_size())};
    detail::keygen(detail::best(), p, d.data(), z.data(), kp.ek.data(), kp.dk.data());
    return kp;
}

Result<KeyPair> keygen_from_seed(ParamSet ps, ByteView seed) {
    return detail::keygen_from_seed(detail::best(), ps, seed);
}

Result<KeyPair> keygen(ParamSet ps, crypto::Rng& rng) {
    Secret<kSeedSize> seed;
    KEEL_TRY(rng.generate(seed.span()));
    return keygen_internal(ps, seed.view().first<32>(), seed.view().subspan<32, 32>());
}

Result<Encapsulation> encaps_internal(ParamSet ps, ByteView ek, std::span<const uint8_t, 32> m) {
    return detail::encaps_internal(detail::best(), ps, ek, m);
}

Result<Encapsulation> encaps(ParamSet ps, ByteView ek, crypto::Rng& rng) {
    Secret<32> m;
    KEEL_TRY(rng.generate(m.span()));
    return encaps_internal(ps, ek, m.span());
}

Result<Secret<kSharedSecretSize>> decaps(ParamSet ps, ByteView dk, ByteView c) {
    return detail::decaps(detail::best(), ps, dk, c);
}

Result<Secret<kSharedSecretSize>> decaps_seed(ParamSet ps, ByteView seed, ByteView c) {
    return detail::decaps_seed(detail::best(), ps, seed, c);
}

// ---- TLS key exchange (crypto/kx/kx.h) ----------------------------------------------

crypto::NamedGroup named_group(ParamSet ps) {
    switch (ps) {
        case ParamSet::mlkem512:
            return crypto::NamedGroup::mlkem512;
        case ParamSet::mlkem768:
            return crypto::NamedGroup::mlkem768;
        case ParamSet::mlkem1024:
            break;
    }
    return crypto::NamedGroup::mlkem1024;
}

Result<crypto::KxClientState> kx_generate(ParamSet ps, crypto::Rng& rng) {
    auto kp = keygen(ps, rng);
    if (!kp) return kp.error();
    // The state keeps the expanded dk: finishing then costs one decapsulation, not a
    // key re-derivation. It never leaves the process, so no seed form is needed.
    return crypto::KxClientState{named_group(ps), std::move(kp->ek), std::move(kp->dk)};
}

Result<crypto::KxServerResult> kx_respond(ParamSet ps, ByteView client_share, crypto::Rng& rng) {
    auto enc = encaps(ps, client_share, rng);
    if (!enc) return enc.error();
    return crypto::KxServerResult{std::move(enc->c), SecretBytes(enc->k.view())};
}

Result<SecretBytes> kx_finish(ParamSet ps, const crypto::KxClientState& state,
                              ByteView server_share) {
    const Params p = params(ps);
    if (state.group != named_group(ps) || state.private_key.size() != p.dk_size()) {
        return Error(Errc::invalid_argument, "ML-KEM: state is not a key pair of this group");
    }
    KEEL_TRY(check_len(server_share, p.ct_size(), "ciphertext"));
    // The dk was made by kx_generate in this process: the §7.3 hash check is for keys
    // from elsewhere and is skipped here.
    SecretBytes k(kSharedSecretSize);
    detail::decaps(detail::best(), p, state.private_key.data(), server_share.data(), k.data());
    return k;
}

}  // namespace keel::pq::mlkem
