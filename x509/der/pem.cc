#include "x509/der/pem.h"

#include <cstdint>

#include "base/ct.h"

namespace keel::x509 {

namespace {

Error bad_pem(std::string detail) { return Error(Errc::malformed, "PEM: " + std::move(detail)); }

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

// All ones when lo <= c <= hi, else zero; no branch on c.
inline uint32_t in_range(uint32_t c, uint32_t lo, uint32_t hi) {
    const uint32_t ge = static_cast<uint32_t>(static_cast<int32_t>(lo - 1 - c) >> 31);  // c >= lo
    const uint32_t le = static_cast<uint32_t>(static_cast<int32_t>(c - hi - 1) >> 31);  // c <= hi
    return ge & le;
}

// The 6-bit value of a base64 character, and all ones in *bad when it is not one.
inline uint32_t decode_char(uint32_t c, uint32_t* bad) {
    const uint32_t upper = in_range(c, 'A', 'Z');
    const uint32_t lower = in_range(c, 'a', 'z');
    const uint32_t digit = in_range(c, '0', '9');
    const uint32_t plus = in_range(c, '+', '+');
    const uint32_t slash = in_range(c, '/', '/');
    const uint32_t v = (upper & (c - 'A')) | (lower & (c - 'a' + 26)) | (digit & (c - '0' + 52)) | (plus & 62u) |
                       (slash & 63u);
    *bad |= ~(upper | lower | digit | plus | slash);
    return v & 63;
}

inline char encode_sextet(uint32_t v) {
    // 0..25 -> 'A'.., 26..51 -> 'a'.., 52..61 -> '0'.., 62 -> '+', 63 -> '/'.
    const uint32_t c = (in_range(v, 0, 25) & (v + 'A')) | (in_range(v, 26, 51) & (v - 26 + 'a')) |
                       (in_range(v, 52, 61) & (v - 52 + '0')) | (in_range(v, 62, 62) & uint32_t{'+'}) |
                       (in_range(v, 63, 63) & uint32_t{'/'});
    return static_cast<char>(c);
}

// RFC 7468 §3: a label is printable ASCII without '-', words separated by single
// spaces or hyphens; an empty label is allowed.
bool valid_label(std::string_view label) {
    for (size_t i = 0; i < label.size(); ++i) {
        const char c = label[i];
        if (c < 0x21 || c > 0x7e) {
            if (c != ' ' || i == 0 || i + 1 == label.size() || label[i - 1] == ' ') return false;
        }
    }
    return true;
}

}  // namespace

std::string base64_encode(ByteView data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const uint32_t v = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
        out += encode_sextet(v >> 18);
        out += encode_sextet((v >> 12) & 63);
        out += encode_sextet((v >> 6) & 63);
        out += encode_sextet(v & 63);
    }
    const size_t rest = data.size() - i;
    if (rest > 0) {
        uint32_t v = uint32_t{data[i]} << 16;
        if (rest == 2) v |= uint32_t{data[i + 1]} << 8;
        out += encode_sextet(v >> 18);
        out += encode_sextet((v >> 12) & 63);
        out += rest == 2 ? encode_sextet((v >> 6) & 63) : '=';
        out += '=';
    }
    return out;
}

Result<SecretBytes> base64_decode(std::string_view text) {
    // Whitespace and '=' positions are layout, not key material: branching on them is
    // fine once they are declassified. The character values themselves are only ever
    // combined with masks.
    SecretBytes out((text.size() / 4 + 1) * 3);
    size_t n_out = 0;
    uint32_t acc = 0;
    size_t n_chars = 0;  // data characters seen
    size_t n_pad = 0;
    uint32_t bad = 0;
    for (char ch : text) {
        const uint32_t c = static_cast<uint8_t>(ch);
        const uint32_t space = ct::declassify(in_range(c, '\t', '\r') | in_range(c, ' ', ' '));
        if (space) continue;
        const uint32_t pad = ct::declassify(in_range(c, '=', '='));
        if (pad) {
            ++n_pad;
            continue;
        }
        if (n_pad != 0) return bad_pem("base64 data after padding");
        acc = (acc << 6) | decode_char(c, &bad);
        if (++n_chars % 4 == 0) {
            out.data()[n_out++] = static_cast<uint8_t>(acc >> 16);
            out.data()[n_out++] = static_cast<uint8_t>(acc >> 8);
            out.data()[n_out++] = static_cast<uint8_t>(acc);
            acc = 0;
        }
    }
    if (ct::declassify(bad) != 0) return bad_pem("character outside the base64 alphabet");
    const size_t tail = n_chars % 4;
    // RFC 4648 §3.2: padding completes the last quantum exactly.
    if ((tail == 0 && n_pad != 0) || tail == 1 || (tail != 0 && tail + n_pad != 4))
        return bad_pem("bad base64 padding");
    if (tail == 2) {
        // 12 bits carry one byte; the low 4 must be zero for a canonical encoding.
        if (ct::declassify(acc & 0xf) != 0) return bad_pem("non-canonical base64 padding bits");
        out.data()[n_out++] = static_cast<uint8_t>(acc >> 4);
    } else if (tail == 3) {
        if (ct::declassify(acc & 0x3) != 0) return bad_pem("non-canonical base64 padding bits");
        out.data()[n_out++] = static_cast<uint8_t>(acc >> 10);
        out.data()[n_out++] = static_cast<uint8_t>(acc >> 2);
    }
    SecretBytes result(ByteView(out.data(), n_out));
    return result;
}

Result<std::vector<PemBlock>> pem_decode_all(std::string_view text) {
    // Line by line, so the secret body is never searched with memchr/memcmp: where each
    // line ends, whether it starts with '-', and whether a body line holds ':' are
    // computed with masks and declassified (none of these characters is in the base64
    // alphabet, so they say nothing about a key). Armour lines are public as a whole.
    std::vector<PemBlock> blocks;
    std::string label;          // of the open block
    size_t body_start = 0;      // of the open block
    bool in_block = false;
    uint32_t body_colon = 0;    // a ':' seen in the open block's body
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = pos;
        while (eol < text.size() && !ct::declassify(in_range(static_cast<uint8_t>(text[eol]), '\n', '\n'))) ++eol;
        std::string_view line = text.substr(pos, eol - pos);
        const size_t next = eol < text.size() ? eol + 1 : eol;
        const bool armour = !line.empty() && ct::declassify(in_range(static_cast<uint8_t>(line[0]), '-', '-')) != 0;
        if (!armour) {
            if (in_block)
                for (char c : line) body_colon |= in_range(static_cast<uint8_t>(c), ':', ':');
            pos = next;
            continue;
        }
        ct::declassify(line.data(), line.size());
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        const bool begin = line.starts_with(kBegin);
        const bool end = line.starts_with(kEnd);
        if (!begin && !end) {
            if (in_block) return bad_pem("unexpected line starting with '-' inside " + label);
            pos = next;  // explanatory text may contain dashes
            continue;
        }
        std::string_view rest = line.substr(begin ? kBegin.size() : kEnd.size());
        if (!rest.ends_with(kDashes)) return bad_pem("unterminated armour line");
        std::string_view this_label = rest.substr(0, rest.size() - kDashes.size());
        if (!valid_label(this_label)) return bad_pem("bad label \"" + std::string(this_label) + "\"");
        if (begin) {
            if (in_block) return bad_pem("BEGIN " + std::string(this_label) + " inside " + label);
            in_block = true;
            label = std::string(this_label);
            body_start = next;
            body_colon = 0;
        } else {
            if (!in_block) return bad_pem("END " + std::string(this_label) + " without BEGIN");
            if (this_label != label) return bad_pem("END label does not match BEGIN " + label);
            // RFC 1421 encapsulated headers ("Proc-Type: 4,ENCRYPTED") carry a legacy
            // OpenSSL-encrypted key; RFC 7468 has no headers at all.
            if (ct::declassify(body_colon) != 0)
                return Error(Errc::unsupported, "PEM: RFC 1421 headers (legacy encrypted key); use PKCS#8");
            KEEL_TRY_ASSIGN(SecretBytes der, base64_decode(text.substr(body_start, pos - body_start)));
            blocks.push_back(PemBlock{std::move(label), std::move(der)});
            label.clear();
            in_block = false;
        }
        pos = next;
    }
    if (in_block) return bad_pem("no END line for " + label);
    return blocks;
}

Result<std::vector<PemBlock>> pem_decode_all(std::string_view text, std::string_view label) {
    KEEL_TRY_ASSIGN(auto all, pem_decode_all(text));
    std::vector<PemBlock> wanted;
    for (PemBlock& b : all)
        if (b.label == label) wanted.push_back(std::move(b));
    return wanted;
}

std::string pem_encode(std::string_view label, ByteView der) {
    const std::string b64 = base64_encode(der);
    std::string out;
    out.reserve(b64.size() + b64.size() / 64 + 2 * label.size() + 40);
    out += kBegin;
    out += label;
    out += "-----\n";
    for (size_t i = 0; i < b64.size(); i += 64) {
        out += b64.substr(i, 64);
        out += '\n';
    }
    out += kEnd;
    out += label;
    out += "-----\n";
    return out;
}

bool looks_like_pem(ByteView data) {
    std::string_view s(reinterpret_cast<const char*>(data.data()), data.size());
    return s.find(kBegin) != std::string_view::npos;
}

}  // namespace keel::x509
