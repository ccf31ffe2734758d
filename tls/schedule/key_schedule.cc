#include "tls/schedule/key_schedule.h"

#include <string>
#include <type_traits>

#include "base/ct.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/kdf/hkdf.h"
#include "crypto/mac/hmac.h"
#include "tls/alert.h"

namespace keel::tls {
namespace {

using crypto::HashAlg;

// Runs f with the concrete hash type for `hash` (SHA-256 or SHA-384). The schedule is
// generic over the suite's hash at run time; HKDF and HMAC are templates.
template <class F>
auto with_hash(HashAlg hash, F&& f) {
    if (hash == HashAlg::sha384) return f(std::type_identity<crypto::Sha384>{});
    return f(std::type_identity<crypto::Sha256>{});
}

Result<void> check_hash(HashAlg hash) {
    if (hash == HashAlg::sha256 || hash == HashAlg::sha384) return ok();
    return Error(Errc::unsupported, "TLS 1.3 key schedule hash " +
                                        std::string(crypto::hash_name(hash)) +
                                        " (only sha256 and sha384)");
}

// A secret or transcript hash handed to the schedule must be exactly Hash.length bytes
// (RFC 8446 §7.1): anything else is a caller bug that would otherwise yield a wrong key.
Result<void> check_len(HashAlg hash, ByteView v, const char* what) {
    KEEL_TRY(check_hash(hash));
    if (v.size() == crypto::digest_size(hash)) return ok();
    return Error(Errc::invalid_argument, std::string(what) + " of " + std::to_string(v.size()) +
                                             " bytes, expected " +
                                             std::to_string(crypto::digest_size(hash)));
}

Result<void> expand_label(HashAlg hash, ByteView secret, std::string_view label, ByteView context,
                          MutableByteView out) {
    return with_hash(hash, [&](auto h) {
        return crypto::hkdf_expand_label<typename decltype(h)::type>(secret, label, context, out);
    });
}

SecretBytes extract(HashAlg hash, ByteView salt, ByteView ikm) {
    return with_hash(hash, [&](auto h) {
        auto prk = crypto::hkdf_extract<typename decltype(h)::type>(salt, ikm);
        return SecretBytes(prk.view());
    });
}

// Derive-Secret(Secret, Label, Messages), §7.1, given Transcript-Hash(Messages).
Result<SecretBytes> derive_secret(HashAlg hash, ByteView secret, std::string_view label,
                                  ByteView transcript_hash) {
    KEEL_TRY(check_len(hash, secret, "secret"));
    KEEL_TRY(check_len(hash, transcript_hash, "transcript hash"));
    SecretBytes out(crypto::digest_size(hash));
    KEEL_TRY(expand_label(hash, secret, label, transcript_hash, out.mutable_view()));
    return out;
}

// Derive-Secret(., "derived", ""): the salt of the next Extract.
Result<SecretBytes> derived(HashAlg hash, ByteView secret) {
    crypto::AnyDigest empty = crypto::AnyHash::hash(hash, {});
    return derive_secret(hash, secret, "derived", empty.view());
}

// HKDF-Expand-Label(secret, label, "", length) for a secret output.
Result<SecretBytes> expand_secret(HashAlg hash, ByteView secret, std::string_view label,
                                  ByteView context, size_t length) {
    KEEL_TRY(check_len(hash, secret, "secret"));
    SecretBytes out(length);
    KEEL_TRY(expand_label(hash, secret, label, context, out.mutable_view()));
    return out;
}

Result<void> check_mac(HashAlg hash, ByteView base_key, ByteView transcript_hash, ByteView received,
                       const char* what) {
    KEEL_TRY(check_hash(hash));
    if (received.size() != crypto::digest_size(hash)) {
        return alert_error(Alert::decode_error, std::string(what) + " of " +
                                                    std::to_string(received.size()) +
                                                    " bytes, expected Hash.length");
    }
    auto expected = finished_verify_data(hash, base_key, transcript_hash);
    if (!expected) return expected.error();
    if (!ct::equal(*expected, received)) {
        return alert_error(Alert::decrypt_error, std::string(what) + " does not verify");
    }
    return ok();
}

}  // namespace

// ---- Early Secret -------------------------------------------------------------------

Result<EarlySecret> EarlySecret::with_psk(HashAlg hash, ByteView psk) {
    KEEL_TRY(check_hash(hash));
    if (psk.empty()) {
        return Error(Errc::invalid_argument, "empty PSK (use EarlySecret::without_psk)");
    }
    return EarlySecret(hash, extract(hash, {}, psk));
}

Result<EarlySecret> EarlySecret::without_psk(HashAlg hash) {
    KEEL_TRY(check_hash(hash));
    const uint8_t zeros[crypto::kMaxDigestSize] = {};
    return EarlySecret(hash, extract(hash, {}, ByteView(zeros, crypto::digest_size(hash))));
}

Result<SecretBytes> EarlySecret::binder_key(PskKind kind) const {
    crypto::AnyDigest empty = crypto::AnyHash::hash(hash_, {});
    return derive_secret(hash_, secret_.view(),
                         kind == PskKind::external ? "ext binder" : "res binder", empty.view());
}

Result<SecretBytes> EarlySecret::client_early_traffic_secret(ByteView client_hello_hash) const {
    return derive_secret(hash_, secret_.view(), "c e traffic", client_hello_hash);
}

Result<SecretBytes> EarlySecret::early_exporter_master_secret(ByteView client_hello_hash) const {
    return derive_secret(hash_, secret_.view(), "e exp master", client_hello_hash);
}

Result<HandshakeSecret> EarlySecret::handshake_secret(ByteView shared_secret) const {
    if (shared_secret.empty()) {
        return Error(Errc::invalid_argument,
                     "empty (EC)DHE secret (use handshake_secret_psk_only for psk_ke)");
    }
    auto salt = derived(hash_, secret_.view());
    if (!salt) return salt.error();
    return HandshakeSecret(hash_, extract(hash_, salt->view(), shared_secret));
}

Result<HandshakeSecret> EarlySecret::handshake_secret_psk_only() const {
    auto salt = derived(hash_, secret_.view());
    if (!salt) return salt.error();
    const uint8_t zeros[crypto::kMaxDigestSize] = {};
    return HandshakeSecret(
        hash_, extract(hash_, salt->view(), ByteView(zeros, crypto::digest_size(hash_))));
}

// ---- Handshake Secret ---------------------------------------------------------------

Result<SecretBytes> HandshakeSecret::client_handshake_traffic_secret(
    ByteView transcript_hash) const {
    return derive_secret(hash_, secret_.view(), "c hs traffic", transcript_hash);
}

Result<SecretBytes> HandshakeSecret::server_handshake_traffic_secret(
    ByteView transcript_hash) const {
    return derive_secret(hash_, secret_.view(), "s hs traffic", transcript_hash);
}

Result<MasterSecret> HandshakeSecret::master_secret() const {
    auto salt = derived(hash_, secret_.view());
    if (!salt) return salt.error();
    const uint8_t zeros[crypto::kMaxDigestSize] = {};
    return MasterSecret(hash_,
                        extract(hash_, salt->view(), ByteView(zeros, crypto::digest_size(hash_))));
}

// ---- Master Secret ------------------------------------------------------------------

Result<SecretBytes> MasterSecret::client_application_traffic_secret(
    ByteView transcript_hash) const {
    return derive_secret(hash_, secret_.view(), "c ap traffic", transcript_hash);
}

Result<SecretBytes> MasterSecret::server_application_traffic_secret(
    ByteView transcript_hash) const {
    return derive_secret(hash_, secret_.view(), "s ap traffic", transcript_hash);
}

Result<SecretBytes> MasterSecret::exporter_master_secret(ByteView transcript_hash) const {
    return derive_secret(hash_, secret_.view(), "exp master", transcript_hash);
}

Result<SecretBytes> MasterSecret::resumption_master_secret(ByteView transcript_hash) const {
    return derive_secret(hash_, secret_.view(), "res master", transcript_hash);
}

// ---- Keys, Finished, KeyUpdate, resumption, exporter --------------------------------

Result<TrafficKeys> traffic_keys(const CipherSuiteInfo& suite, ByteView traffic_secret) {
    return traffic_keys(suite.hash, traffic_secret, suite.key_len, suite.iv_len);
}

Result<TrafficKeys> traffic_keys(HashAlg hash, ByteView traffic_secret, size_t key_len,
                                 size_t iv_len) {
    auto key = expand_secret(hash, traffic_secret, "key", {}, key_len);
    if (!key) return key.error();
    auto iv = expand_secret(hash, traffic_secret, "iv", {}, iv_len);
    if (!iv) return iv.error();
    return TrafficKeys{std::move(*key), std::move(*iv)};
}

Result<SecretBytes> next_application_traffic_secret(HashAlg hash, ByteView traffic_secret) {
    KEEL_TRY(check_hash(hash));
    return expand_secret(hash, traffic_secret, "traffic upd", {}, crypto::digest_size(hash));
}

Result<SecretBytes> finished_key(HashAlg hash, ByteView base_key) {
    KEEL_TRY(check_hash(hash));
    return expand_secret(hash, base_key, "finished", {}, crypto::digest_size(hash));
}

Result<Bytes> finished_verify_data(HashAlg hash, ByteView base_key, ByteView transcript_hash) {
    KEEL_TRY(check_len(hash, transcript_hash, "transcript hash"));
    auto key = finished_key(hash, base_key);
    if (!key) return key.error();
    return with_hash(hash, [&](auto h) {
        auto tag = crypto::Hmac<typename decltype(h)::type>::mac(key->view(), transcript_hash);
        return Bytes(tag.begin(), tag.end());
    });
}

Result<void> check_finished(HashAlg hash, ByteView base_key, ByteView transcript_hash,
                            ByteView received_verify_data) {
    return check_mac(hash, base_key, transcript_hash, received_verify_data, "Finished");
}

Result<Bytes> psk_binder(HashAlg hash, ByteView binder_key, ByteView binder_hash) {
    return finished_verify_data(hash, binder_key, binder_hash);
}

Result<void> check_psk_binder(HashAlg hash, ByteView binder_key, ByteView binder_hash,
                              ByteView received_binder) {
    return check_mac(hash, binder_key, binder_hash, received_binder, "PSK binder");
}

Result<SecretBytes> resumption_psk(HashAlg hash, ByteView resumption_master_secret,
                                   ByteView ticket_nonce) {
    KEEL_TRY(check_hash(hash));
    // RFC 8446 §4.6.1: ticket_nonce<0..255>.
    if (ticket_nonce.size() > 255) {
        return Error(Errc::invalid_argument, "ticket_nonce over 255 bytes");
    }
    return expand_secret(hash, resumption_master_secret, "resumption", ticket_nonce,
                         crypto::digest_size(hash));
}

Result<SecretBytes> export_keying_material(HashAlg hash, ByteView exporter_secret,
                                           std::string_view label, ByteView context,
                                           size_t length) {
    KEEL_TRY(check_hash(hash));
    const size_t max = 255 * crypto::digest_size(hash);
    if (length == 0 || length > max) {
        return Error(Errc::invalid_argument, "exporter length " + std::to_string(length) +
                                                 " not in 1.." + std::to_string(max));
    }
    // HkdfLabel.label is <7..255> including "tls13 ".
    if (label.size() > 255 - 6) {
        return Error(Errc::invalid_argument, "exporter label over 249 bytes");
    }
    crypto::AnyDigest empty = crypto::AnyHash::hash(hash, {});
    auto secret = derive_secret(hash, exporter_secret, label, empty.view());
    if (!secret) return secret.error();
    crypto::AnyDigest context_hash = crypto::AnyHash::hash(hash, context);
    return expand_secret(hash, secret->view(), "exporter", context_hash.view(), length);
}

}  // namespace keel::tls
