// Certification path building and validation (RFC 5280 §6.1) with the Erlang ssl
// verification options: depth, verify_fun, partial_chain, allow_any_ca_purpose.
//
//   VerifyOptions o;
//   o.trust_anchors = roots;
//   o.time = now;
//   o.purpose = Purpose::server;        // the peer is a TLS server
//   KEEL_TRY_ASSIGN(VerifiedChain v, verify_chain(leaf, intermediates, o));
//
// A failure is Errc::bad_cert with the Erlang reason as detail, then the depth of the
// certificate it concerns (0 = the peer, counting towards the anchor):
//   "cert_expired at depth 1", "{invalid_ext_keyusage, [1.3.6.1.5.5.7.3.1]} at depth 0".
// bad_cert_reason() strips the depth.
//
// Not implemented: certificate policies (§6.1.3 (d)-(f), §6.1.4 (g)-(j): policy_set,
// explicit_policy, inhibit_*), URI and otherName name constraints (names of those
// types are not checked), revocation (x509/crl, x509/ocsp).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "x509/cert/certificate.h"

namespace keel::x509 {

// Whom the peer certificate must be good for (its EKU, RFC 5280 §4.2.1.12).
enum class Purpose : uint8_t {
    server,  // the peer is a TLS server: id-kp-serverAuth
    client,  // the peer is a TLS client: id-kp-clientAuth
    any,     // no EKU check
};

// What verify_fun is told about one certificate (Erlang ssl verify_fun Event).
struct VerifyEvent {
    enum class Kind : uint8_t {
        bad_cert,    // {bad_cert, Reason}: `reason` is the Erlang reason
        extension,   // {extension, Ext}: an extension path validation does not handle
        valid,       // a CA certificate passed every check
        valid_peer,  // the peer certificate passed every check
    };
    Kind kind = Kind::valid;
    std::string reason;                    // bad_cert only
    const Extension* extension = nullptr;  // extension only
    int depth = 0;                         // 0 = the peer
};

// The fun's answer: {valid, State}, {fail, Reason} or {unknown, State}. User state is
// whatever the std::function captures.
struct VerifyDecision {
    enum class Kind : uint8_t { valid, fail, unknown };
    Kind kind = Kind::valid;
    std::string fail_reason;  // fail only; empty means the event's own reason

    static VerifyDecision valid() { return {Kind::valid, {}}; }
    static VerifyDecision fail(std::string reason = {}) { return {Kind::fail, std::move(reason)}; }
    static VerifyDecision unknown() { return {Kind::unknown, {}}; }
};

using VerifyFun = std::function<VerifyDecision(const Certificate& cert, const VerifyEvent& event)>;

// Erlang's default verify_fun for verify_peer: bad_cert fails, extensions unknown,
// valid and valid_peer valid.
VerifyFun verify_peer_fun();
// Erlang's default for verify_none: bad_cert valid, critical extensions valid, other
// extensions unknown, valid and valid_peer valid.
VerifyFun verify_none_fun();

// Erlang anchor_fun: given the chain built from the peer's certificates (peer first)
// when it reaches no trust anchor, return one of its certificates to trust as the
// anchor, or nullopt (unknown_ca).
using PartialChainFun =
    std::function<std::optional<Certificate>(std::span<const Certificate> chain)>;

struct VerifyOptions {
    // The trusted certificates (cacerts). Only their subject and key are used (RFC 5280
    // §6.1.1 (d)): their validity and extensions are not checked.
    std::vector<Certificate> trust_anchors;
    // The validation time, Unix seconds (§6.1.1 (b)).
    int64_t time = 0;
    // Erlang `depth`: how many non-self-issued intermediates may sit between the peer
    // and the anchor.
    int max_depth = 10;
    Purpose purpose = Purpose::server;
    // A CA with an EKU extension passes when it lists anyExtendedKeyUsage.
    bool allow_any_ca_purpose = false;
    // keyUsage bits of which the peer certificate needs at least one, when it has a
    // keyUsage extension: digitalSignature by default; a TLS 1.2 RSA key exchange
    // passes keyEncipherment instead.
    uint16_t peer_key_usage = static_cast<uint16_t>(KeyUsageBit::digital_signature);
    PartialChainFun partial_chain;
    // Default: verify_peer_fun().
    VerifyFun verify_fun;
};

struct VerifiedChain {
    // The certification path, peer first, anchor last.
    std::vector<Certificate> path;
    // False when no trust anchor was reached and verify_fun accepted unknown_ca or
    // selfsigned_peer (then path ends with the topmost certificate found).
    bool anchored = true;
};

Result<VerifiedChain> verify_chain(const Certificate& leaf,
                                   std::span<const Certificate> intermediates,
                                   const VerifyOptions& options);

// The Erlang reason of a bad_cert error ("cert_expired"), without " at depth N".
std::string_view bad_cert_reason(const Error& error);

}  // namespace keel::x509
