// Path building and RFC 5280 §6.1 validation with Erlang ssl verify_fun semantics.
#include "x509/verify/verify.h"

#include <memory>

#include "x509/verify/name_constraints.h"
#include "x509/verify/signature.h"

namespace keel::x509 {

namespace {

// Path building explores candidate issuers depth first. These bounds keep hostile
// input (1000 certificates, loops, many same-named issuers) cheap: at most this many
// candidate steps, and at most this many complete paths validated.
constexpr int kMaxBuildSteps = 4096;
constexpr int kMaxPathsTried = 8;

// AKI/SKI (RFC 5280 §4.2.1.1): when both are present and differ, `issuer` is not the
// key that signed `child`.
bool key_ids_compatible(const Certificate& child, const Certificate& issuer) {
    const auto& aki = child.extensions().authority_key_id;
    const auto& ski = issuer.extensions().subject_key_id;
    if (!aki || !aki->key_id || !ski) return true;
    return *aki->key_id == ski->key_id;
}

// A candidate issuer: names chain (§7.1) and key identifiers do not contradict, or
// the key identifiers agree while the names do not (validation then reports
// invalid_issuer rather than the less telling unknown_ca).
bool could_issue(const Certificate& child, const Certificate& issuer) {
    if (child.issuer().matches(issuer.subject())) return key_ids_compatible(child, issuer);
    const auto& aki = child.extensions().authority_key_id;
    const auto& ski = issuer.extensions().subject_key_id;
    return aki && aki->key_id && ski && *aki->key_id == ski->key_id;
}

// Building state: `pool` holds the peer's other certificates, deduplicated.
struct Builder {
    const VerifyOptions& options;
    std::vector<const Certificate*> pool;
    std::vector<const Certificate*> path;                   // peer first
    std::vector<std::vector<const Certificate*>> complete;  // each ends with an anchor
    std::vector<const Certificate*> longest;                // for unknown_ca
    int steps = 0;
    bool depth_hit = false;

    bool in_path(const Certificate* c) const {
        for (const Certificate* p : path)
            if (p == c || *p == *c) return true;
        return false;
    }

    int intermediates_counted() const {
        // Non-self-issued certificates between the peer and the anchor (Erlang depth).
        int n = 0;
        for (size_t i = 1; i < path.size(); ++i)
            if (!path[i]->is_self_issued()) ++n;
        return n;
    }

    void search() {
        if (path.size() > longest.size()) longest = path;
        if (static_cast<int>(complete.size()) >= kMaxPathsTried) return;
        const Certificate& top = *path.back();
        for (const Certificate& a : options.trust_anchors) {
            if (++steps > kMaxBuildSteps) return;
            // A peer chain that carries the anchor itself ends there.
            const bool is_anchor = top == a;
            if (is_anchor || (could_issue(top, a) && !in_path(&a))) {
                auto p = path;
                if (!is_anchor) p.push_back(&a);
                complete.push_back(std::move(p));
                if (static_cast<int>(complete.size()) >= kMaxPathsTried) return;
            }
        }
        for (const Certificate* c : pool) {
            if (++steps > kMaxBuildSteps) return;
            if (!could_issue(top, *c) || in_path(c)) continue;
            path.push_back(c);
            if (intermediates_counted() > options.max_depth) {
                depth_hit = true;
            } else {
                search();
            }
            path.pop_back();
            if (steps > kMaxBuildSteps || static_cast<int>(complete.size()) >= kMaxPathsTried)
                return;
        }
    }
};

std::string oid_list(const std::vector<Oid>& oids) {
    std::string s = "[";
    for (size_t i = 0; i < oids.size(); ++i) {
        if (i) s += ",";
        s += oids[i].to_string();
    }
    return s + "]";
}

Error bad_cert(const std::string& reason, int depth) {
    return Error(Errc::bad_cert, reason + " at depth " + std::to_string(depth));
}

// Runs verify_fun on a problem; returns an Error unless the fun says valid.
std::optional<Error> report(const VerifyFun& fun, const Certificate& cert, int depth,
                            const std::string& reason) {
    VerifyEvent ev;
    ev.kind = VerifyEvent::Kind::bad_cert;
    ev.reason = reason;
    ev.depth = depth;
    const VerifyDecision d = fun(cert, ev);
    if (d.kind == VerifyDecision::Kind::valid) return std::nullopt;
    if (d.kind == VerifyDecision::Kind::fail && !d.fail_reason.empty())
        return bad_cert(d.fail_reason, depth);
    return bad_cert(reason, depth);
}

#define KEEL_REPORT(cert, depth, reason)                                                \
    do {                                                                                \
        if (auto keel_err_ = report(fun, (cert), (depth), (reason))) return *keel_err_; \
    } while (0)

const Oid& purpose_oid(Purpose p) {
    return p == Purpose::client ? oid::kClientAuth : oid::kServerAuth;
}

// §6.1 over `path` (peer first); path.back() is the anchor, whose subject and key
// initialise the working issuer name and key (§6.1.2 (d)-(g)) and which is itself not
// checked.
Result<void> validate(const std::vector<const Certificate*>& path, const VerifyOptions& o,
                      const VerifyFun& fun) {
    const Certificate& anchor = *path.back();
    const int n = static_cast<int>(path.size()) - 1;  // certificates to validate
    Result<PublicKey> working_key = public_key_from_spki(anchor.spki());
    const Name* working_issuer = &anchor.subject();
    int max_path_length = n;  // §6.1.2 (k)
    detail::NameConstraintState constraints;

    for (int i = n - 1; i >= 0; --i) {
        const Certificate& cert = *path[static_cast<size_t>(i)];
        const int depth = i;
        const bool is_peer = i == 0;
        const Extensions& ext = cert.extensions();

        // (a)(1) signature by the working key.
        if (!working_key.ok() || !verify_signed_by(cert, working_key.value()).ok())
            KEEL_REPORT(cert, depth, "invalid_signature");
        // (a)(2) validity; Erlang reports not-yet-valid as cert_expired as well.
        if (o.time < cert.not_before() || o.time > cert.not_after())
            KEEL_REPORT(cert, depth, "cert_expired");
        // (a)(4) name chaining.
        if (!cert.issuer().matches(*working_issuer)) KEEL_REPORT(cert, depth, "invalid_issuer");
        // (b)(c) name constraints, except for self-issued intermediates.
        if ((is_peer || !cert.is_self_issued()) && !constraints.permits(cert))
            KEEL_REPORT(cert, depth, "name_not_permitted");

        // (o) extensions this validator does not process go to verify_fun; an
        // unhandled critical one fails unless the fun says valid.
        for (const Extension& e : ext.all) {
            if (is_known_extension(e.oid)) continue;
            VerifyEvent ev;
            ev.kind = VerifyEvent::Kind::extension;
            ev.extension = &e;
            ev.depth = depth;
            const VerifyDecision d = fun(cert, ev);
            if (d.kind == VerifyDecision::Kind::fail)
                return bad_cert(
                    d.fail_reason.empty() ? "unknown_critical_extension" : d.fail_reason, depth);
            if (d.kind == VerifyDecision::Kind::unknown && e.critical)
                KEEL_REPORT(cert, depth, "unknown_critical_extension");
        }

        if (!is_peer) {
            // (k) a CA certificate.
            if (!ext.basic_constraints || !ext.basic_constraints->ca)
                KEEL_REPORT(cert, depth, "missing_basic_constraint");
            // (l)(m) path length.
            if (!cert.is_self_issued()) {
                if (max_path_length <= 0) KEEL_REPORT(cert, depth, "max_path_length_reached");
                --max_path_length;
            }
            if (ext.basic_constraints && ext.basic_constraints->path_len &&
                *ext.basic_constraints->path_len < max_path_length)
                max_path_length = static_cast<int>(*ext.basic_constraints->path_len);
            // (n) keyCertSign.
            if (ext.key_usage && !ext.key_usage->has(KeyUsageBit::key_cert_sign))
                KEEL_REPORT(cert, depth, "invalid_key_usage");
            // CA EKU (Erlang ssl): must allow the peer's purpose, or with
            // allow_any_ca_purpose list anyExtendedKeyUsage.
            if (ext.ext_key_usage && o.purpose != Purpose::any) {
                const bool ok =
                    ext.ext_key_usage->has(purpose_oid(o.purpose)) ||
                    (o.allow_any_ca_purpose && ext.ext_key_usage->has(oid::kAnyExtendedKeyUsage));
                if (!ok)
                    KEEL_REPORT(
                        cert, depth,
                        "{ca_invalid_ext_keyusage, " + oid_list(ext.ext_key_usage->purposes) + "}");
            }
            // (g) constraints for what follows.
            if (ext.name_constraints) constraints.add(*ext.name_constraints);
            // (c)-(f) next working values.
            working_issuer = &cert.subject();
            working_key = public_key_from_spki(cert.spki());

            VerifyEvent ev;
            ev.kind = VerifyEvent::Kind::valid;
            ev.depth = depth;
            const VerifyDecision d = fun(cert, ev);
            if (d.kind == VerifyDecision::Kind::fail)
                return bad_cert(d.fail_reason.empty() ? "verify_fun" : d.fail_reason, depth);
        } else {
            if (ext.key_usage && (ext.key_usage->bits & o.peer_key_usage) == 0)
                KEEL_REPORT(cert, depth, "invalid_key_usage");
            if (ext.ext_key_usage && o.purpose != Purpose::any &&
                !ext.ext_key_usage->has(purpose_oid(o.purpose)))
                KEEL_REPORT(
                    cert, depth,
                    "{invalid_ext_keyusage, " + oid_list(ext.ext_key_usage->purposes) + "}");
            VerifyEvent ev;
            ev.kind = VerifyEvent::Kind::valid_peer;
            ev.depth = depth;
            const VerifyDecision d = fun(cert, ev);
            if (d.kind == VerifyDecision::Kind::fail)
                return bad_cert(d.fail_reason.empty() ? "verify_fun" : d.fail_reason, depth);
        }
    }
    return ok();
}

#undef KEEL_REPORT

VerifiedChain to_chain(const std::vector<const Certificate*>& path, bool anchored) {
    VerifiedChain v;
    v.anchored = anchored;
    for (const Certificate* c : path) v.path.push_back(*c);
    return v;
}

}  // namespace

VerifyFun verify_peer_fun() {
    return [](const Certificate&, const VerifyEvent& ev) {
        switch (ev.kind) {
            case VerifyEvent::Kind::bad_cert:
                return VerifyDecision::fail();
            case VerifyEvent::Kind::extension:
                return VerifyDecision::unknown();
            default:
                return VerifyDecision::valid();
        }
    };
}

VerifyFun verify_none_fun() {
    return [](const Certificate&, const VerifyEvent& ev) {
        if (ev.kind == VerifyEvent::Kind::extension && !ev.extension->critical)
            return VerifyDecision::unknown();
        return VerifyDecision::valid();
    };
}

Result<VerifiedChain> verify_chain(const Certificate& leaf,
                                   std::span<const Certificate> intermediates,
                                   const VerifyOptions& options) {
    const VerifyFun fun = options.verify_fun ? options.verify_fun : verify_peer_fun();
    Builder b{options, {}, {}, {}, {}, 0, false};
    for (const Certificate& c : intermediates) {
        if (c == leaf) continue;
        bool dup = false;
        for (const Certificate* p : b.pool)
            if (*p == c) dup = true;
        if (!dup) b.pool.push_back(&c);
    }
    b.path.push_back(&leaf);
    b.search();

    // Try every complete path; the first that validates wins, else the first error.
    std::optional<Error> first_error;
    for (const auto& path : b.complete) {
        auto r = validate(path, options, fun);
        if (r) return to_chain(path, true);
        if (!first_error) first_error = r.error();
    }
    if (first_error) return *first_error;

    // No trust anchor: partial_chain may name one of the certificates we have.
    std::vector<const Certificate*> chain = b.longest.empty() ? b.path : b.longest;
    if (options.partial_chain) {
        std::vector<Certificate> copies;
        for (const Certificate* c : chain) copies.push_back(*c);
        if (auto anchor = options.partial_chain(copies)) {
            for (size_t i = 0; i < chain.size(); ++i) {
                if (*chain[i] == *anchor) {
                    std::vector<const Certificate*> path(chain.begin(),
                                                         chain.begin() + static_cast<long>(i) + 1);
                    if (i == 0) return to_chain(path, true);  // the peer itself is trusted
                    KEEL_TRY(validate(path, options, fun));
                    return to_chain(path, true);
                }
            }
        }
    }

    // unknown_ca / selfsigned_peer / max_path_length_reached go to verify_fun for the
    // topmost certificate; if it accepts, the rest is validated with that certificate
    // standing in for the anchor (Erlang's verify_none behaviour).
    const Certificate& top = *chain.back();
    const int top_depth = static_cast<int>(chain.size()) - 1;
    std::string reason = "unknown_ca";
    if (b.depth_hit)
        reason = "max_path_length_reached";
    else if (chain.size() == 1 && leaf.is_self_issued())
        reason = "selfsigned_peer";
    if (auto err = report(fun, top, top_depth, reason)) return *err;
    if (chain.size() > 1) KEEL_TRY(validate(chain, options, fun));
    return to_chain(chain, false);
}

std::string_view bad_cert_reason(const Error& error) {
    std::string_view d = error.detail();
    const size_t at = d.rfind(" at depth ");
    return at == std::string_view::npos ? d : d.substr(0, at);
}

}  // namespace keel::x509
