// ML-DSA's internal algorithms (FIPS 204 §6): KeyGen_internal, Sign_internal and
// Verify_internal, split at mu so the external API (pq/mldsa/mldsa.h) can stream
// M' = prefix || M into mu without copying the message.
#pragma once

#include <cstdint>
#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "pq/mldsa/internal/params.h"
#include "pq/mldsa/internal/poly.h"

namespace keel::pq::detail {

// A heap array of polynomials that wipes itself (it holds s1, s2, t0 in signing keys).
class PolyArray {
  public:
    PolyArray() = default;
    explicit PolyArray(size_t n) : p_(new Poly[n]), n_(n) {}
    PolyArray(PolyArray&&) noexcept = default;
    PolyArray& operator=(PolyArray&& o) noexcept;
    ~PolyArray();
    Poly* data() { return p_.get(); }
    const Poly* data() const { return p_.get(); }
    Poly& operator[](size_t i) { return p_[i]; }
    const Poly& operator[](size_t i) const { return p_[i]; }

  private:
    std::unique_ptr<Poly[]> p_;
    size_t n_ = 0;
};

// Alg 6 KeyGen_internal(xi): writes pk (p.pk_bytes()) and the expanded sk (p.sk_bytes()),
// and hands back A-hat so the signing key need not expand it again.
void keygen_internal(const uint8_t xi[kSeedBytes], const Params& p, const PolyBackend& be,
                     uint8_t* pk, uint8_t* sk, PolyArray* a_hat);

// Recomputes pk from an expanded sk and checks that its t0 and tr match (malformed
// otherwise, also for a wrong length or out-of-range s1/s2). Writes p.pk_bytes() and
// hands back A-hat.
Result<void> derive_public_key(ByteView sk, const Params& p, const PolyBackend& be, uint8_t* pk,
                               PolyArray* a_hat);

// mu = H(tr || M', 64) for M' = prefix || msg (Alg 7 step 6, Alg 8 step 7).
void compute_mu(uint8_t mu[kMuBytes], const uint8_t tr[kTrBytes], ByteView prefix, ByteView msg);

// A decoded private key (Alg 25 skDecode) with its NTT-domain parts and A-hat computed
// once, so each signature skips ExpandA and four vector NTTs.
class SigningKey {
  public:
    // Validates the length and that every s1/s2 coefficient lies in [-eta, eta]
    // (malformed otherwise). t0 needs no check: every 13-bit field is a valid t0.
    // a_hat, when given, is ExpandA(rho) already computed.
    static Result<SigningKey> decode(ByteView sk, const Params& p, const PolyBackend& be,
                                     PolyArray a_hat = {});

    const uint8_t* tr() const { return tr_; }
    const Params& params() const { return *p_; }
    // Alg 7 from step 7 on: writes p.sig_bytes() bytes. Constant time in the key, rnd and
    // the rejected iterations, except for the declassified values named in the code.
    void sign_mu(const uint8_t mu[kMuBytes], const uint8_t rnd[32], uint8_t* sig) const;

  private:
    SigningKey() = default;
    const Params* p_ = nullptr;
    const PolyBackend* be_ = nullptr;
    uint8_t rho_[kSeedBytes];
    uint8_t key_[32];
    uint8_t tr_[kTrBytes];
    PolyArray a_hat_, s1_hat_, s2_hat_, t0_hat_;

  public:
    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    ~SigningKey();
};

// A decoded public key (Alg 23 pkDecode) with tr = H(pk) and NTT(t1 * 2^d) computed once.
class VerifyingKey {
  public:
    // Any pk of the right length decodes (every 10-bit field is a valid t1).
    // tr, when given, is H(pk) already computed (key generation has it).
    static Result<VerifyingKey> decode(ByteView pk, const Params& p, const PolyBackend& be,
                                       const uint8_t* tr = nullptr);

    const uint8_t* tr() const { return tr_; }
    const Params& params() const { return *p_; }
    // Alg 8 from step 2 on, given mu: malformed for a wrong length, auth_failed for a
    // signature that does not verify (including a malformed hint encoding).
    Result<void> verify_mu(const uint8_t mu[kMuBytes], ByteView sig) const;

  private:
    VerifyingKey() = default;
    const Params* p_ = nullptr;
    const PolyBackend* be_ = nullptr;
    uint8_t rho_[kSeedBytes];
    uint8_t tr_[kTrBytes];
    PolyArray t1_hat_;
};

}  // namespace keel::pq::detail
