// Name constraint matching per RFC 5280 §4.2.1.10.
#include "x509/verify/name_constraints.h"

#include <string>
#include <string_view>

namespace keel::x509::detail {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

bool ends_with_i(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// dNSName: "any DNS name that can be constructed by simply adding zero or more labels
// to the left-hand side of the name satisfies the name constraint". A leading '.' in
// the constraint (common practice) admits subdomains only.
bool dns_within(std::string_view name, std::string_view base) {
    if (base.empty()) return true;
    if (base.front() == '.') return ends_with_i(name, base);
    if (iequals(name, base)) return true;
    return name.size() > base.size() && ends_with_i(name, base) &&
           name[name.size() - base.size() - 1] == '.';
}

// rfc822Name: a mailbox ("a@host"), a host ("host": mailboxes on it) or a domain
// (".host": mailboxes on its subdomains).
bool email_within(std::string_view name, std::string_view base) {
    const size_t at = name.rfind('@');
    if (at == std::string_view::npos) return false;
    const std::string_view host = name.substr(at + 1);
    if (base.find('@') != std::string_view::npos) {
        // Local part is case-sensitive (RFC 5321 §2.4), the host is not.
        const size_t bat = base.rfind('@');
        return name.substr(0, at) == base.substr(0, bat) && iequals(host, base.substr(bat + 1));
    }
    if (!base.empty() && base.front() == '.') return ends_with_i(host, base);
    return iequals(host, base);
}

// iPAddress: address and mask of the same family.
bool ip_within(const Bytes& addr, const Bytes& base) {
    if (base.size() != addr.size() * 2) return false;
    for (size_t i = 0; i < addr.size(); ++i) {
        const uint8_t mask = base[addr.size() + i];
        if ((addr[i] & mask) != (base[i] & mask)) return false;
    }
    return true;
}

// directoryName: the base's RDNs are the first RDNs of the name.
bool dn_within(const Name& name, const Name& base) {
    const auto& rdns = name.rdns();
    const auto& prefix = base.rdns();
    if (prefix.size() > rdns.size()) return false;
    std::vector<Rdn> head(rdns.begin(), rdns.begin() + static_cast<long>(prefix.size()));
    return Name::from_rdns(head).matches(base);
}

bool within(const GeneralName& name, const GeneralName& base) {
    if (name.kind() != base.kind()) return false;
    switch (name.kind()) {
        case GeneralName::Kind::dns_name:
            return dns_within(name.text(), base.text());
        case GeneralName::Kind::rfc822_name:
            return email_within(name.text(), base.text());
        case GeneralName::Kind::ip_address:
            return ip_within(name.bytes(), base.bytes());
        case GeneralName::Kind::directory_name:
            return dn_within(name.directory_name(), base.directory_name());
        default:
            return false;
    }
}

bool checked_kind(GeneralName::Kind k) {
    return k == GeneralName::Kind::dns_name || k == GeneralName::Kind::rfc822_name ||
           k == GeneralName::Kind::ip_address || k == GeneralName::Kind::directory_name;
}

bool name_allowed(const GeneralName& name, const NameConstraints& nc) {
    if (!checked_kind(name.kind())) return true;
    for (const GeneralSubtree& s : nc.excluded)
        if (within(name, s.base)) return false;
    bool any_of_kind = false;
    for (const GeneralSubtree& s : nc.permitted) {
        if (s.base.kind() != name.kind()) continue;
        any_of_kind = true;
        if (within(name, s.base)) return true;
    }
    // No permitted subtree of this name's type: the type is unconstrained.
    return !any_of_kind;
}

}  // namespace

bool NameConstraintState::permits(const Certificate& cert) const {
    if (sets_.empty()) return true;
    std::vector<GeneralName> names;
    // The subject DN is a directoryName (§6.1.3 (b)), unless empty; its legacy
    // emailAddress attributes are rfc822Names (§4.2.1.10).
    if (!cert.subject().empty()) names.push_back(GeneralName::directory(cert.subject()));
    for (const std::string& e : cert.subject().email_addresses())
        names.push_back(GeneralName::email(e));
    if (const auto& san = cert.extensions().subject_alt_name)
        for (const GeneralName& n : san->names) names.push_back(n);
    for (const NameConstraints* nc : sets_)
        for (const GeneralName& n : names)
            if (!name_allowed(n, *nc)) return false;
    return true;
}

}  // namespace keel::x509::detail
