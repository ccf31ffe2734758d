// The TLS 1.3 key schedule (RFC 8446 §7.1), one type per stage so that a secret can
// only be derived once the secrets it depends on exist:
//
//   EarlySecret  --handshake_secret(ecdhe)-->  HandshakeSecret  --master_secret()-->
//   MasterSecret
//
//   auto es = EarlySecret::without_psk(suite->hash);            // or ::with_psk(hash, psk)
//   auto hs = es->handshake_secret(shared_secret);              // from the key exchange
//   auto c_hs = hs->client_handshake_traffic_secret(transcript.hash().view());
//   auto keys = traffic_keys(*suite, c_hs->view());             // the record layer's key/IV
//   auto ms = hs->master_secret();
//   auto c_ap = ms->client_application_traffic_secret(transcript.hash().view());
//
// Each derive takes the transcript hash it is defined over (Transcript::hash() at the
// point the RFC names); a hash of the wrong length is invalid_argument, so a transcript
// whose hash was never set cannot yield a key. Every secret is a SecretBytes (wiped);
// only verify_data and PSK binders, which go on the wire, are plain Bytes.
//
// Only SHA-256 and SHA-384 are accepted (the TLS 1.3 suites' hashes); anything else is
// Errc::unsupported.
//
// Constant time: secrets only flow through HMAC/HKDF; branches depend on lengths and
// labels (public). Finished and binder checks compare with ct::equal.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/hash/any_hash.h"
#include "tls/schedule/cipher_suite.h"

namespace keel::tls {

// RFC 8446 §7.1: "ext binder" for external PSKs, "res binder" for resumption PSKs.
enum class PskKind : uint8_t { external, resumption };

class HandshakeSecret;
class MasterSecret;

class EarlySecret {
  public:
    // Early Secret = HKDF-Extract(0, PSK). An empty psk is invalid_argument: use
    // without_psk(), which extracts from HashLen zero bytes as §7.1 prescribes.
    static Result<EarlySecret> with_psk(crypto::HashAlg hash, ByteView psk);
    static Result<EarlySecret> without_psk(crypto::HashAlg hash);

    crypto::HashAlg hash() const { return hash_; }
    ByteView secret() const { return secret_.view(); }

    // binder_key = Derive-Secret(., "ext binder" | "res binder", "").
    Result<SecretBytes> binder_key(PskKind kind) const;
    // Derive-Secret(., "c e traffic", ClientHello).
    Result<SecretBytes> client_early_traffic_secret(ByteView client_hello_hash) const;
    // Derive-Secret(., "e exp master", ClientHello).
    Result<SecretBytes> early_exporter_master_secret(ByteView client_hello_hash) const;

    // Handshake Secret = HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE).
    // shared_secret is the key exchange output (for a hybrid group, the concatenation).
    // An empty one is invalid_argument; a psk_ke handshake (no key exchange, §4.2.9)
    // calls handshake_secret_psk_only() instead.
    Result<HandshakeSecret> handshake_secret(ByteView shared_secret) const;
    Result<HandshakeSecret> handshake_secret_psk_only() const;

  private:
    EarlySecret(crypto::HashAlg hash, SecretBytes secret)
        : hash_(hash), secret_(std::move(secret)) {}
    crypto::HashAlg hash_;
    SecretBytes secret_;
};

class HandshakeSecret {
  public:
    crypto::HashAlg hash() const { return hash_; }
    ByteView secret() const { return secret_.view(); }

    // Derive-Secret(., "c hs traffic" | "s hs traffic", ClientHello...ServerHello).
    Result<SecretBytes> client_handshake_traffic_secret(ByteView transcript_hash) const;
    Result<SecretBytes> server_handshake_traffic_secret(ByteView transcript_hash) const;

    // Master Secret = HKDF-Extract(Derive-Secret(., "derived", ""), 0).
    Result<MasterSecret> master_secret() const;

  private:
    friend class EarlySecret;
    HandshakeSecret(crypto::HashAlg hash, SecretBytes secret)
        : hash_(hash), secret_(std::move(secret)) {}
    crypto::HashAlg hash_;
    SecretBytes secret_;
};

class MasterSecret {
  public:
    crypto::HashAlg hash() const { return hash_; }
    ByteView secret() const { return secret_.view(); }

    // Over ClientHello...server Finished:
    //   Derive-Secret(., "c ap traffic" | "s ap traffic" | "exp master", ...).
    Result<SecretBytes> client_application_traffic_secret(ByteView transcript_hash) const;
    Result<SecretBytes> server_application_traffic_secret(ByteView transcript_hash) const;
    Result<SecretBytes> exporter_master_secret(ByteView transcript_hash) const;
    // Over ClientHello...client Finished: Derive-Secret(., "res master", ...).
    Result<SecretBytes> resumption_master_secret(ByteView transcript_hash) const;

  private:
    friend class HandshakeSecret;
    MasterSecret(crypto::HashAlg hash, SecretBytes secret)
        : hash_(hash), secret_(std::move(secret)) {}
    crypto::HashAlg hash_;
    SecretBytes secret_;
};

// RFC 8446 §7.3: the record layer's write key and IV for one direction.
struct TrafficKeys {
    SecretBytes key;  // HKDF-Expand-Label(secret, "key", "", key_length)
    SecretBytes iv;   // HKDF-Expand-Label(secret, "iv", "", iv_length)
};
Result<TrafficKeys> traffic_keys(const CipherSuiteInfo& suite, ByteView traffic_secret);
Result<TrafficKeys> traffic_keys(crypto::HashAlg hash, ByteView traffic_secret, size_t key_len,
                                 size_t iv_len);

// RFC 8446 §7.2 (KeyUpdate): application_traffic_secret_N+1 =
//   HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length).
Result<SecretBytes> next_application_traffic_secret(crypto::HashAlg hash, ByteView traffic_secret);

// RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length).
Result<SecretBytes> finished_key(crypto::HashAlg hash, ByteView base_key);
// verify_data = HMAC(finished_key, transcript_hash). base_key is the handshake traffic
// secret of the Finished's sender (or the binder_key for a PSK binder, §4.2.11.2).
Result<Bytes> finished_verify_data(crypto::HashAlg hash, ByteView base_key,
                                   ByteView transcript_hash);
// Checks a received Finished in constant time. A mismatch is the tls_alert
// decrypt_error (§4.4.4); a wrong length is decode_error (§4.4: the length is Hash.length).
Result<void> check_finished(crypto::HashAlg hash, ByteView base_key, ByteView transcript_hash,
                            ByteView received_verify_data);
// RFC 8446 §4.2.11.2: a PSK binder is computed like Finished with base key binder_key,
// over Transcript-Hash(Truncate(ClientHello)) (see Transcript::hash_with).
Result<Bytes> psk_binder(crypto::HashAlg hash, ByteView binder_key, ByteView binder_hash);
Result<void> check_psk_binder(crypto::HashAlg hash, ByteView binder_key, ByteView binder_hash,
                              ByteView received_binder);

// RFC 8446 §4.6.1: the PSK a NewSessionTicket stands for,
//   HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).
Result<SecretBytes> resumption_psk(crypto::HashAlg hash, ByteView resumption_master_secret,
                                   ByteView ticket_nonce);

// RFC 8446 §7.5: TLS-Exporter(label, context_value, key_length) =
//   HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter", Hash(context_value),
//                     key_length)
// with Secret the (early_)exporter_master_secret. TLS 1.3 makes no difference between an
// absent and an empty context. length is 1..255*Hash.length (HKDF's limit).
Result<SecretBytes> export_keying_material(crypto::HashAlg hash, ByteView exporter_secret,
                                           std::string_view label, ByteView context, size_t length);

}  // namespace keel::tls
