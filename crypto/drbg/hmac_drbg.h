// HMAC_DRBG (NIST SP 800-90A Rev. 1 §10.1.2) and keel's process-wide random source.
//
//   KEEL_TRY(keel::crypto::random_bytes(out));     // what the rest of keel calls
//
//   auto drbg = HmacDrbg::instantiate(as_bytes("my app"));   // seeded from the OS
//   KEEL_TRY(drbg->generate(out, additional_input));
//
// Reseeding: automatic after `reseed_interval` generate calls (default 2^48, the
// SP 800-90A maximum), before every call in prediction-resistance mode, and whenever
// the process has forked since the last (re)seed, so a child never repeats its
// parent's output. Entropy comes from base/entropy.h unless the options name another
// source (tests do, to feed NIST known answers and to count draws).
//
// HmacDrbg::deterministic(seed) is for reproducible tests only: it never touches OS
// entropy, never reseeds, and ignores fork. NOT FOR PRODUCTION.
//
// An instance is not thread-safe; random_bytes() keeps one per thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "base/bytes.h"
#include "base/entropy.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto {

// Fills `out` with full-entropy bytes or fails.
using EntropySource = std::function<Result<void>(MutableByteView out)>;

struct HmacDrbgOptions {
    // Generate calls allowed between reseeds (SP 800-90A Table 2: at most 2^48).
    uint64_t reseed_interval = uint64_t{1} << 48;
    // Reseed from the entropy source before every generate (§9.3.1 step 7).
    bool prediction_resistance = false;
    // Where entropy comes from; empty means the OS (keel::os_entropy).
    EntropySource entropy;
};

namespace detail {
// Bumped in every child process by a pthread_atfork handler (installed on first use).
uint64_t fork_generation();
// getpid(), for the fork check of processes created without the atfork handlers
// (raw clone(2), vfork).
int32_t current_pid();
}  // namespace detail

template <class H>
class HmacDrbgT {
  public:
    static constexpr size_t kOutLen = H::kDigestSize;
    // SP 800-57 Part 1 Table 3: HMAC_DRBG with SHA-224 gives 192 bits, SHA-256 and
    // larger 256 bits (the most SP 800-90A defines).
    static constexpr size_t kSecurityStrength = kOutLen >= 32 ? 32 : (kOutLen >= 28 ? 24 : 16);
    static constexpr size_t kEntropyLen = kSecurityStrength;
    static constexpr size_t kNonceLen = kSecurityStrength / 2;  // §8.6.7: half the strength
    static constexpr size_t kMaxRequest = 65536;                // 2^19 bits per request
    static constexpr uint64_t kMaxInput = uint64_t{1} << 32;    // 2^35 bits per input
    static constexpr uint64_t kMaxReseedInterval = uint64_t{1} << 48;

    // §10.1.2.3, seeded with entropy and a nonce drawn from the options' source.
    static Result<HmacDrbgT> instantiate(ByteView personalization = {},
                                         HmacDrbgOptions options = {}) {
        KEEL_TRY(check_options(options));
        HmacDrbgT d(std::move(options), false);
        Secret<kEntropyLen + kNonceLen> seed;
        KEEL_TRY(d.draw(MutableByteView(seed.data(), kEntropyLen)));
        KEEL_TRY(d.draw(MutableByteView(seed.data() + kEntropyLen, kNonceLen)));
        KEEL_TRY(d.seed_with(ByteView(seed.data(), kEntropyLen),
                             ByteView(seed.data() + kEntropyLen, kNonceLen), personalization));
        return d;
    }

    // §10.1.2.3 from caller-supplied entropy and nonce (NIST known-answer tests). Later
    // reseeds use the options' source.
    static Result<HmacDrbgT> instantiate_with(ByteView entropy, ByteView nonce,
                                              ByteView personalization,
                                              HmacDrbgOptions options = {}) {
        KEEL_TRY(check_options(options));
        HmacDrbgT d(std::move(options), false);
        KEEL_TRY(d.seed_with(entropy, nonce, personalization));
        return d;
    }

    // Reproducible output for tests: the seed is the only input. NOT FOR PRODUCTION.
    static HmacDrbgT deterministic(ByteView seed, ByteView personalization = {}) {
        HmacDrbgOptions options;
        options.entropy = [](MutableByteView) -> Result<void> {
            return Error(Errc::entropy, "a deterministic HmacDrbg has no entropy source");
        };
        HmacDrbgT d(std::move(options), true);
        d.update(seed, personalization, {});
        d.reseed_counter_ = 1;
        return d;
    }

    HmacDrbgT(HmacDrbgT&& o) noexcept { take(o); }
    HmacDrbgT& operator=(HmacDrbgT&& o) noexcept {
        if (this != &o) take(o);
        return *this;
    }
    // A copy would replay the same stream: forbidden.
    HmacDrbgT(const HmacDrbgT&) = delete;
    HmacDrbgT& operator=(const HmacDrbgT&) = delete;
    ~HmacDrbgT() { wipe(); }

    // §9.3.1 + §10.1.2.5: fills `out` (at most kMaxRequest bytes, else limit_exceeded).
    Result<void> generate(MutableByteView out, ByteView additional = {}) {
        if (reseed_counter_ == 0) {
            return Error(Errc::invalid_argument, "HMAC_DRBG used after being moved from");
        }
        if (out.size() > kMaxRequest) {
            return Error(
                Errc::limit_exceeded,
                "HMAC_DRBG request of " + std::to_string(out.size()) + " bytes exceeds 65536");
        }
        if (additional.size() > kMaxInput) {
            return Error(Errc::limit_exceeded, "HMAC_DRBG additional input over 2^35 bits");
        }
        if (!deterministic_ &&
            (fork_gen_ != detail::fork_generation() || pid_ != detail::current_pid())) {
            // A forked child shares our state: fresh entropy before any output.
            KEEL_TRY(reseed());
        }
        if (options_.prediction_resistance || reseed_counter_ > options_.reseed_interval) {
            // §9.3.1 step 7: reseed with the additional input, which is then consumed.
            KEEL_TRY(reseed(additional));
            additional = {};
        }
        if (!additional.empty()) update(additional, {}, {});
        Hmac<H> mac(ByteView(k_.data(), kOutLen));
        for (size_t done = 0; done < out.size();) {
            mac.update(ByteView(v_.data(), kOutLen));
            v_ = mac.final();
            size_t take = out.size() - done < kOutLen ? out.size() - done : kOutLen;
            for (size_t i = 0; i < take; i++) out[done + i] = v_[i];
            done += take;
        }
        update(additional, {}, {});
        reseed_counter_++;
        return ok();
    }

    // §10.1.2.4 with entropy from the options' source.
    Result<void> reseed(ByteView additional = {}) {
        if (additional.size() > kMaxInput) {
            return Error(Errc::limit_exceeded, "HMAC_DRBG additional input over 2^35 bits");
        }
        Secret<kEntropyLen> entropy;
        KEEL_TRY(draw(entropy.span()));
        reseed_with(entropy.view(), additional);
        return ok();
    }

    // §10.1.2.4 with caller-supplied entropy (NIST known-answer tests).
    void reseed_with(ByteView entropy, ByteView additional) {
        update(entropy, additional, {});
        reseed_counter_ = 1;
        mark_seeded();
    }

    // Generate calls since the last (re)seed, plus one (§10.1.2.1).
    uint64_t reseed_counter() const { return reseed_counter_; }
    bool is_deterministic() const { return deterministic_; }

  private:
    HmacDrbgT(HmacDrbgOptions options, bool deterministic)
        : options_(std::move(options)), deterministic_(deterministic) {
        if (!options_.entropy) options_.entropy = os_entropy;
    }

    static Result<void> check_options(const HmacDrbgOptions& o) {
        if (o.reseed_interval == 0 || o.reseed_interval > kMaxReseedInterval) {
            return Error(Errc::invalid_argument, "HMAC_DRBG reseed interval must be 1..2^48");
        }
        return ok();
    }

    Result<void> draw(MutableByteView out) {
        auto r = options_.entropy(out);
        if (!r.ok()) return Error(Errc::entropy, "HMAC_DRBG entropy: " + r.error().detail());
        return ok();
    }

    Result<void> seed_with(ByteView entropy, ByteView nonce, ByteView personalization) {
        if (personalization.size() > kMaxInput) {
            return Error(Errc::limit_exceeded, "HMAC_DRBG personalization over 2^35 bits");
        }
        // §10.1.2.3: Key = 0x00..00, V = 0x01..01 (set in the member initializers),
        // then Update(entropy || nonce || personalization).
        update(entropy, nonce, personalization);
        reseed_counter_ = 1;
        mark_seeded();
        return ok();
    }

    // §10.1.2.2 HMAC_DRBG_Update, provided_data = a || b || c (never concatenated).
    void update(ByteView a, ByteView b, ByteView c) {
        bool has_data = !a.empty() || !b.empty() || !c.empty();
        for (uint8_t round = 0; round < (has_data ? 2 : 1); round++) {
            Hmac<H> key_mac(ByteView(k_.data(), kOutLen));
            key_mac.update(ByteView(v_.data(), kOutLen));
            key_mac.update(ByteView(&round, 1));
            key_mac.update(a);
            key_mac.update(b);
            key_mac.update(c);
            k_ = key_mac.final();
            v_ = Hmac<H>::mac(ByteView(k_.data(), kOutLen), ByteView(v_.data(), kOutLen));
        }
    }

    void mark_seeded() {
        fork_gen_ = detail::fork_generation();
        pid_ = detail::current_pid();
    }

    void take(HmacDrbgT& o) {
        k_ = o.k_;
        v_ = o.v_;
        reseed_counter_ = o.reseed_counter_;
        options_ = std::move(o.options_);
        deterministic_ = o.deterministic_;
        fork_gen_ = o.fork_gen_;
        pid_ = o.pid_;
        o.wipe();
    }

    void wipe() {
        secure_wipe(k_.data(), k_.size());
        secure_wipe(v_.data(), v_.size());
        reseed_counter_ = 0;
    }

    typename H::Digest k_ = {};
    typename H::Digest v_ = [] {
        typename H::Digest v;
        v.fill(0x01);
        return v;
    }();
    uint64_t reseed_counter_ = 0;
    HmacDrbgOptions options_;
    bool deterministic_ = false;
    uint64_t fork_gen_ = 0;
    int32_t pid_ = 0;
};

using HmacDrbg = HmacDrbgT<Sha256>;
using HmacDrbgSha512 = HmacDrbgT<Sha512>;

// Fills `out` from this thread's HMAC_DRBG(SHA-256), instantiated from OS entropy on
// first use and reseeded per the rules above. Any length (split into 64 KiB requests).
// Thread-safe. Fails only when the OS refuses entropy.
Result<void> random_bytes(MutableByteView out);

}  // namespace keel::crypto
