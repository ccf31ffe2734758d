// Certificate parser: any input either fails cleanly or gives a certificate whose every
// accessor works, whose names and TBS re-parse, and which the builder writes again into
// a certificate that parses and re-encodes to itself (DER has one encoding, so a second
// round must be byte-identical to the first).
#include <cstdlib>
#include <string>

#include "x509/cert/builder.h"
#include "x509/cert/certificate.h"

namespace {

using namespace keel;
using namespace keel::x509;

void check(bool ok) {
    if (!ok) abort();
}

void touch_names(const GeneralNames& names) {
    for (const GeneralName& g : names) {
        (void)g.to_string();
        (void)g.der();
        if (g.kind() == GeneralName::Kind::directory_name) (void)g.directory_name().to_string();
    }
}

void touch_name(const Name& n) {
    (void)n.to_string();
    (void)n.common_name();
    (void)n.email_addresses();
    check(n.matches(n));
    auto again = Name::from_der(n.der());
    check(again.ok() && *again == n && again->rdns() == n.rdns());
    for (const Rdn& rdn : n.rdns())
        for (const Attribute& a : rdn) (void)a.text();
}

void touch(const Certificate& c) {
    touch_name(c.issuer());
    touch_name(c.subject());
    (void)c.serial_hex();
    (void)c.is_self_issued();
    (void)c.is_ca();
    (void)c.hash();
    (void)key_identifier(c.spki().der);
    check(SubjectPublicKeyInfo::from_der(c.spki().der).ok());
    check(AlgorithmIdentifier::from_der(c.signature_algorithm().der).ok());
    // The TBS is one complete element inside the certificate.
    der::Reader tbs(c.tbs_der());
    check(tbs.element(der::kSequence).ok() && tbs.finish().ok());

    const Extensions& x = c.extensions();
    for (const Extension& e : x.all) (void)is_known_extension(e.oid);
    if (x.subject_alt_name) touch_names(x.subject_alt_name->names);
    if (x.issuer_alt_name) touch_names(x.issuer_alt_name->names);
    if (x.name_constraints) {
        for (const auto& s : x.name_constraints->permitted) (void)s.base.to_string();
        for (const auto& s : x.name_constraints->excluded) (void)s.base.to_string();
    }
    if (x.authority_key_id && x.authority_key_id->issuer) touch_names(*x.authority_key_id->issuer);
    if (x.certificate_policies)
        for (const auto& p : x.certificate_policies->policies)
            for (const auto& q : p.qualifiers) (void)q.cps_uri();
    for (const auto* cdp : {&x.crl_distribution_points, &x.freshest_crl}) {
        if (!*cdp) continue;
        for (const DistributionPoint& p : (*cdp)->points) {
            (void)p.uris();
            if (p.full_name) touch_names(*p.full_name);
            if (p.crl_issuer) touch_names(*p.crl_issuer);
        }
    }
    for (const auto* ia : {&x.authority_info_access, &x.subject_info_access}) {
        if (!*ia) continue;
        (void)(*ia)->ocsp_uris();
        (void)(*ia)->ca_issuers_uris();
    }
    (void)c.to_pem();
}

Bytes reencode(const Certificate& c) {
    const Bytes sig(c.signature().begin(), c.signature().end());
    auto der =
        CertificateBuilder::from(c, /*reencode_extensions=*/true)
            .sign(c.signature_algorithm().der, [&](ByteView) -> Result<Bytes> { return sig; });
    check(der.ok());
    return std::move(*der);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const ByteView input(data, size);
    auto c = Certificate::parse(input);
    if (c) {
        check(c->der() == Bytes(input.begin(), input.end()));
        touch(*c);
        // Written again from the parsed fields, it parses, and a second round is stable.
        Bytes first = reencode(*c);
        auto again = Certificate::parse(first);
        check(again.ok());
        check(again->serial() == c->serial() && again->subject() == c->subject() &&
              again->not_before() == c->not_before() && again->not_after() == c->not_after() &&
              again->extensions().all.size() == c->extensions().all.size());
        check(reencode(*again) == first);
    }
    // The same bytes as PEM text (bounded: PEM parsing of huge inputs adds nothing).
    if (size < 4096) (void)parse_certificates(input);
    return 0;
}
