// HKDF (RFC 5869) and the TLS 1.3 wrappers HKDF-Expand-Label and Derive-Secret
// (RFC 8446 §7.1), generic over a keel hash (see crypto/mac/hmac.h).
//
//   auto prk = hkdf_extract<Sha256>(salt, ikm);            // Secret<32>
//   KEEL_TRY(hkdf_expand<Sha256>(prk.view(), info, okm));  // okm: MutableByteView
//
// Constant time: everything secret goes through HMAC; only lengths (public) branch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "base/writer.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto {

// RFC 5869 §2.3: at most 255 blocks of output.
template <class H>
inline constexpr size_t kHkdfMaxOutput = 255 * H::kDigestSize;

// RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM). An empty salt means HashLen zero bytes,
// which HMAC pads to the same block as the empty key, so no special case is needed.
template <class H>
Secret<H::kDigestSize> hkdf_extract(ByteView salt, ByteView ikm) {
    auto d = Hmac<H>::mac(salt, ikm);
    Secret<H::kDigestSize> prk(d);
    secure_wipe(d.data(), d.size());
    return prk;
}

// RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), OKM = first L bytes of
// T(1) | T(2) | ... Fills all of `out`. Errors: out longer than 255*HashLen
// (limit_exceeded); a PRK shorter than HashLen (invalid_argument, §2.3 requires
// "at least HashLen octets"). `out` may overlap `prk` (the key is taken in before any
// byte is written) but not `info`.
template <class H>
Result<void> hkdf_expand(ByteView prk, ByteView info, MutableByteView out) {
    constexpr size_t kLen = H::kDigestSize;
    if (out.size() > kHkdfMaxOutput<H>) {
        return Error(Errc::limit_exceeded,
                     "HKDF output of " + std::to_string(out.size()) +
                         " bytes exceeds 255*HashLen = " + std::to_string(kHkdfMaxOutput<H>));
    }
    if (prk.size() < kLen) {
        return Error(Errc::invalid_argument, "HKDF PRK of " + std::to_string(prk.size()) +
                                                 " bytes is shorter than HashLen " +
                                                 std::to_string(kLen));
    }
    Hmac<H> mac(prk);
    typename H::Digest t{};
    size_t done = 0;
    for (uint8_t i = 1; done < out.size(); i++) {
        if (i > 1) mac.update(t);
        mac.update(info);
        mac.update(ByteView(&i, 1));
        t = mac.final();
        size_t take = out.size() - done < kLen ? out.size() - done : kLen;
        for (size_t j = 0; j < take; j++) out[done + j] = t[j];
        done += take;
    }
    secure_wipe(t.data(), t.size());
    return ok();
}

// One call: extract then expand.
template <class H>
Result<void> hkdf(ByteView salt, ByteView ikm, ByteView info, MutableByteView out) {
    auto prk = hkdf_extract<H>(salt, ikm);
    return hkdf_expand<H>(prk.view(), info, out);
}

// RFC 8446 §7.1:
//   HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
//   struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
//            opaque context<0..255>; } HkdfLabel;
// A label or context that does not fit its field, or a length beyond 2^16-1, is
// invalid_argument.
template <class H>
Result<void> hkdf_expand_label(ByteView secret, std::string_view label, ByteView context,
                               MutableByteView out) {
    if (out.size() > 0xffff) {
        return Error(
            Errc::invalid_argument,
            "HKDF-Expand-Label length " + std::to_string(out.size()) + " does not fit uint16");
    }
    static constexpr std::string_view kPrefix = "tls13 ";
    if (kPrefix.size() + label.size() > 255 || context.size() > 255) {
        return Error(Errc::invalid_argument, "HKDF-Expand-Label label or context over 255 bytes");
    }
    Writer w;
    w.u16(static_cast<uint16_t>(out.size()));
    auto l = w.open8();
    w.bytes(as_bytes(kPrefix));
    w.bytes(as_bytes(label));
    w.close(l);
    auto c = w.open8();
    w.bytes(context);
    w.close(c);
    if (!w.ok()) return Error(Errc::invalid_argument, "HkdfLabel does not encode");
    return hkdf_expand<H>(secret, w.view(), out);
}

// RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) =
//   HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length).
// The caller passes the transcript hash it already keeps (for "derived", Hash("")).
template <class H>
Result<Secret<H::kDigestSize>> derive_secret(ByteView secret, std::string_view label,
                                             ByteView transcript_hash) {
    Secret<H::kDigestSize> out;
    KEEL_TRY(hkdf_expand_label<H>(secret, label, transcript_hash, out.span()));
    return out;
}

}  // namespace keel::crypto
