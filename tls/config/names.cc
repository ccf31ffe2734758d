#include "tls/config/names.h"

#include <array>

namespace keel::tls {
namespace {

struct VersionName {
    ProtocolVersion v;
    std::string_view name;
};
constexpr VersionName kVersions[] = {
    {ProtocolVersion::tls1_3, "tlsv1.3"},   {ProtocolVersion::tls1_2, "tlsv1.2"},
    {ProtocolVersion::tls1_1, "tlsv1.1"},   {ProtocolVersion::tls1_0, "tlsv1"},
    {ProtocolVersion::dtls1_2, "dtlsv1.2"}, {ProtocolVersion::dtls1_0, "dtlsv1"},
};

struct Id {
    uint8_t id;
    std::string_view name;
};
// RFC 5246 §7.4.1.4.1 (md5 and sha1 deprecated by RFC 8996 but still nameable).
constexpr Id kHashes[] = {{1, "md5"},    {2, "sha"},    {3, "sha224"},
                          {4, "sha256"}, {5, "sha384"}, {6, "sha512"}};
constexpr Id kSigns[] = {{1, "rsa"}, {2, "dsa"}, {3, "ecdsa"}};

std::string_view id_name(const auto& table, uint8_t id) {
    for (const Id& e : table) {
        if (e.id == id) return e.name;
    }
    return {};
}

std::optional<uint8_t> id_from_name(const auto& table, std::string_view name) {
    for (const Id& e : table) {
        if (e.name == name) return e.id;
    }
    return std::nullopt;
}

}  // namespace

std::string_view version_name(ProtocolVersion v) {
    for (const VersionName& e : kVersions) {
        if (e.v == v) return e.name;
    }
    return "unknown";
}

std::optional<ProtocolVersion> version_from_name(std::string_view name) {
    for (const VersionName& e : kVersions) {
        if (e.name == name) return e.v;
    }
    return std::nullopt;
}

bool is_dtls(ProtocolVersion v) {
    return v == ProtocolVersion::dtls1_0 || v == ProtocolVersion::dtls1_2;
}

const std::vector<ProtocolVersion>& all_versions() {
    static const std::vector<ProtocolVersion> all = [] {
        std::vector<ProtocolVersion> out;
        for (const VersionName& e : kVersions) out.push_back(e.v);
        return out;
    }();
    return all;
}

std::optional<SignAlg> sign_alg_pair(std::string_view hash, std::string_view sign) {
    auto h = id_from_name(kHashes, hash);
    auto s = id_from_name(kSigns, sign);
    if (!h || !s) return std::nullopt;
    return SignAlg{static_cast<uint16_t>(*h << 8 | *s), true};
}

std::string sign_alg_name(SignAlg alg) {
    if (!alg.pair) {
        return std::string(crypto::scheme_name(static_cast<crypto::SignatureScheme>(alg.code)));
    }
    std::string_view h = id_name(kHashes, static_cast<uint8_t>(alg.code >> 8));
    std::string_view s = id_name(kSigns, static_cast<uint8_t>(alg.code & 0xff));
    if (h.empty() || s.empty()) return "unknown";
    std::string out;
    out.reserve(h.size() + s.size() + 3);
    out.push_back('{');
    out.append(h);
    out.push_back(',');
    out.append(s);
    out.push_back('}');
    return out;
}

std::optional<SignAlg> sign_alg_from_name(std::string_view name) {
    if (name.size() > 2 && name.front() == '{' && name.back() == '}') {
        std::string_view inner = name.substr(1, name.size() - 2);
        size_t comma = inner.find(',');
        if (comma == std::string_view::npos) return std::nullopt;
        return sign_alg_pair(inner.substr(0, comma), inner.substr(comma + 1));
    }
    auto s = crypto::scheme_from_name(name);
    if (!s) return std::nullopt;
    return SignAlg::scheme(*s);
}

bool sign_alg_known(SignAlg alg) {
    return sign_alg_name(alg) != "unknown";
}

Result<std::vector<CipherSuite>> parse_cipher_list(std::string_view list) {
    std::vector<CipherSuite> out;
    while (!list.empty()) {
        size_t colon = list.find(':');
        std::string_view name = list.substr(0, colon);
        list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
        if (name.empty()) continue;
        const CipherSuiteInfo* s = find_suite(name);
        if (s == nullptr) {
            return Error(Errc::options, "{options, {ciphers, \"" + std::string(name) + "\"}}");
        }
        out.push_back(s->id);
    }
    return out;
}

}  // namespace keel::tls
