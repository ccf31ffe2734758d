// PEM (RFC 7468): the textual wrapping of DER objects in certificate and key files.
//
// A file may hold any number of blocks with explanatory text between them. Decoding is
// strict about what RFC 7468 §3 makes strict (matching BEGIN/END labels, base64 alphabet,
// padding) and lax about whitespace, as the RFC asks parsers to be. The base64 decoder
// is constant-time in the data, because private keys travel in PEM (table lookups
// indexed by key bytes leak them through the cache).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"

namespace keel::x509 {

struct PemBlock {
    std::string label;  // "CERTIFICATE", "PRIVATE KEY", ...
    SecretBytes der;    // wiped on destruction: it may be a private key
};

// Every block in the text, in order. Errors on a malformed block (bad base64, a BEGIN
// without its END, mismatched labels, RFC 1421 headers such as Proc-Type, which mean a
// legacy encrypted key: Errc::unsupported). Text without any block gives an empty list.
Result<std::vector<PemBlock>> pem_decode_all(std::string_view text);
// The blocks whose label is `label` ("CERTIFICATE" for a CA bundle).
Result<std::vector<PemBlock>> pem_decode_all(std::string_view text, std::string_view label);

// "-----BEGIN label-----\n", base64 in 64-column lines, "-----END label-----\n".
std::string pem_encode(std::string_view label, ByteView der);

// Does this look like PEM rather than DER (for inputs that may be either)?
bool looks_like_pem(ByteView data);

// Base64 (RFC 4648 §4, with padding) in constant time with respect to the data.
std::string base64_encode(ByteView data);
// Ignores ASCII whitespace; anything else outside the alphabet, or bad padding, fails.
Result<SecretBytes> base64_decode(std::string_view text);

}  // namespace keel::x509
