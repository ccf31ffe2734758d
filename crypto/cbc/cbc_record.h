// TLS 1.2 MAC-then-encrypt CBC record protection (RFC 5246 §6.2.3.2), with the
// record open constant-time in the padding and content lengths (Lucky 13,
// AlFardan-Paterson 2013).
//
//   GenericBlockCipher = IV || CBC(content || MAC || padding || padding_length)
//   MAC = HMAC(mac_key, seq_num || type || version || length || content)  (§6.2.3.1)
//
// Why the open side is delicate: after CBC decryption the padding length byte and
// therefore the content length are secret until the MAC has verified. An open that
// hashes only `content` runs one compression more or less depending on that byte,
// and that timing difference recovers plaintext (Lucky 13). CbcRecordMac::open hashes
// every block the longest possible content could need, builds the final padded
// blocks with masks, and keeps the inner hash state captured at the secret final
// block; the received MAC is extracted with masks from the secret offset. Bad padding
// and bad MAC give the same error, after the same work.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/cbc/cbc.h"

namespace keel::crypto {

enum class CbcMacAlg : uint8_t { hmac_sha1, hmac_sha256, hmac_sha384 };

// The MAC'd header fields of RFC 5246 §6.2.3.1; the length is the content length.
struct TlsRecordHeader {
    uint64_t seq;
    uint8_t type;
    uint16_t version;
};

class CbcRecordMac {
  public:
    // RFC 5246 record sizes: TLSCiphertext.length <= 2^14 + 2048 (§6.2.3).
    static constexpr size_t kMaxCiphertext = 16384 + 2048;

    // Any key length (TLS uses the hash output length); the HMAC keyed states are
    // computed here, once.
    static Result<CbcRecordMac> create(CbcMacAlg alg, ByteView mac_key);

    CbcMacAlg alg() const { return alg_; }
    size_t mac_size() const;

    // HMAC over the header and `content` (public length; the seal side). out.size()
    // must be mac_size().
    Result<void> mac(const TlsRecordHeader& h, ByteView content, MutableByteView out) const;

    // `decrypted` is content || MAC || padding || padding_length after CBC decryption.
    // Checks every padding byte and the MAC in time independent of the padding length
    // byte and of the content; returns the content length. Any failure is auth_failed
    // (the bad_record_mac alert) with the same message. A record shorter than
    // mac_size() + 1 or longer than kMaxCiphertext is rejected up front (its length is
    // public), with the same error.
    Result<size_t> open(const TlsRecordHeader& h, ByteView decrypted) const;

  private:
    CbcRecordMac() = default;
    template <class Md>
    Result<size_t> open_ct(const TlsRecordHeader& h, ByteView d) const;

    CbcMacAlg alg_ = CbcMacAlg::hmac_sha1;
    SecretBytes key_;
    // Chaining values after the (K ^ ipad) and (K ^ opad) blocks, as 64-bit slots
    // (SHA-1 and SHA-256 use the low 32 bits).
    uint64_t inner_[8] = {};
    uint64_t outer_[8] = {};
};

// Bytes of a sealed record (IV included) for `content_len` bytes of content with the
// smallest padding.
size_t cbc_record_sealed_size(size_t content_len, size_t mac_size);

// MAC, pad with the smallest padding (RFC 5246 §6.2.3.2), CBC-encrypt, and write
// IV || ciphertext to out, whose size must be cbc_record_sealed_size(). iv must be 16
// fresh unpredictable bytes.
Result<void> cbc_record_seal(const AesCbc& cbc, const CbcRecordMac& mac, const TlsRecordHeader& h,
                             ByteView iv, ByteView content, MutableByteView out);

// Decrypts `record` (IV || ciphertext) in place and checks it with mac.open(). Returns
// the content, which lies in record right after the IV. On failure the record is
// zeroed. A ciphertext that is not a non-empty multiple of 16 is auth_failed too.
Result<ByteView> cbc_record_open(const AesCbc& cbc, const CbcRecordMac& mac,
                                 const TlsRecordHeader& h, MutableByteView record);

}  // namespace keel::crypto
