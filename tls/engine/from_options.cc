#include "tls/engine/from_options.h"

#include <algorithm>
#include <string>

#include "pq/kx/any_group.h"
#include "tls/alert.h"
#include "tls/config/defaults.h"
#include "tls/config/validate.h"
#include "tls/hs/auth.h"

namespace keel::tls {
namespace {

// TLS 1.3 uses schemes; {Hash, Sign} pairs only mean something to TLS 1.2.
std::vector<crypto::SignatureScheme> schemes_of(const std::vector<SignAlg>& algs) {
    std::vector<crypto::SignatureScheme> out;
    for (const SignAlg& a : algs) {
        if (!a.pair) out.push_back(static_cast<crypto::SignatureScheme>(a.code));
    }
    return out;
}

Result<std::vector<CertKey>> resolve_certs(const std::vector<CertKeyConf>& confs) {
    std::vector<CertKey> out;
    for (const CertKeyConf& c : confs) {
        if (!c.certfile.empty() || !c.keyfile.empty() || c.key_der) {
            return Error(Errc::options,
                         "certs_keys: certfile, keyfile and key_der are not resolved by the "
                         "engine yet; pass cert (DER) and key (x509::PrivateKey)");
        }
        if (c.cert.empty() || !c.key) {
            return Error(Errc::options, "certs_keys: an entry needs cert and key");
        }
        out.push_back({c.cert, *c.key});
    }
    return out;
}

// Erlang verify_fun on top of the built-in chain check: the fun sees the leaf with
// valid_peer when the chain checked out, or bad_cert with the reason when it did not,
// and its decision wins (valid accepts, fail rejects as {bad_cert, Reason}).
ChainVerifier chain_verifier(VerifyFun fun) {
    if (!fun) return {};
    return [fun = std::move(fun)](const PeerChain& chain) -> Result<void> {
        auto base = default_chain_verifier(chain);
        VerifyEvent ev;
        if (base) {
            ev.kind = VerifyEvent::Kind::valid_peer;
        } else {
            ev.kind = VerifyEvent::Kind::bad_cert;
            ev.reason = std::string(alert_name(alert_of(base.error())));
        }
        const ByteView leaf = chain.chain.empty() ? ByteView{} : ByteView(chain.chain.front());
        VerifyDecision d = fun(leaf, ev);
        switch (d.kind) {
            case VerifyDecision::Kind::valid:
                return ok();
            case VerifyDecision::Kind::fail:
                return Error(Errc::bad_cert,
                             d.reason.empty() ? "rejected by verify_fun" : d.reason);
            case VerifyDecision::Kind::unknown:
                break;
        }
        return base;
    };
}

KeyLogFn keylog_of(const KeepSecrets& keep) {
    if (keep.mode != KeepSecrets::Mode::keylog && keep.mode != KeepSecrets::Mode::keylog_hs) {
        return {};
    }
    if (!keep.fun) return {};
    const bool handshake_only = keep.mode == KeepSecrets::Mode::keylog_hs;
    return [fun = keep.fun, handshake_only](std::string_view line) {
        if (handshake_only && line.find("HANDSHAKE") == std::string_view::npos) return;
        KeylogInfo info;
        info.items.emplace_back(line);
        fun(info);
    };
}

template <class Options>
void common(const Options& o, HandshakeConfig& cfg) {
    cfg.versions.clear();
    for (Version v : effective_versions(o)) cfg.versions.push_back(static_cast<uint16_t>(v));
    cfg.cipher_suites.clear();
    for (CipherSuite s : effective_ciphers(o)) {
        const CipherSuiteInfo* info = find_suite(s);
        if (info != nullptr && info->is_tls13()) cfg.cipher_suites.push_back(s);
    }
    cfg.groups.clear();
    for (NamedGroup g : effective_supported_groups(o)) {
        if (pq::group_supported(g)) cfg.groups.push_back(g);
    }
    cfg.signature_algs = schemes_of(effective_signature_algs(o));
    if (auto cert_algs = effective_signature_algs_cert(o)) {
        cfg.signature_algs_cert = schemes_of(*cert_algs);
    }
    cfg.verify = o.verify == Verify::peer ? VerifyMode::verify_peer : VerifyMode::verify_none;
    cfg.cacerts = o.cacerts;
    cfg.verify_fun = chain_verifier(o.verify_fun);
    cfg.max_handshake_size = o.max_handshake_size;
    cfg.keylog = keylog_of(o.keep_secrets);
}

}  // namespace

std::string sni_for(const ClientOptions& o, std::string_view host) {
    if (std::holds_alternative<SniDisable>(o.server_name_indication)) return {};
    if (const auto* s = std::get_if<std::string>(&o.server_name_indication)) return *s;
    return std::string(host);
}

Result<std::shared_ptr<const HandshakeConfig>> client_config(const ClientOptions& o,
                                                             crypto::Rng* rng) {
    KEEL_TRY(validate(o));
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = rng;
    common(o, *cfg);
    KEEL_TRY_ASSIGN(cfg->certs_keys, resolve_certs(o.certs_keys));
    cfg->alpn = o.alpn_advertised_protocols;
    cfg->middlebox_comp_mode = o.middlebox_comp_mode;
    // One key share: the first group, plus its classical half when the first group is a
    // hybrid and that half is also supported (one ECDH key serves both, pq/kx).
    if (!cfg->groups.empty()) {
        const NamedGroup first = cfg->groups.front();
        cfg->key_share_groups = {first};
        if (auto classical = pq::classical_component(first);
            classical &&
            std::find(cfg->groups.begin(), cfg->groups.end(), *classical) != cfg->groups.end()) {
            cfg->key_share_groups.push_back(*classical);
        }
    }
    return std::shared_ptr<const HandshakeConfig>(std::move(cfg));
}

Result<std::shared_ptr<const HandshakeConfig>> server_config(const ServerOptions& o,
                                                             crypto::Rng* rng) {
    KEEL_TRY(validate(o));
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = rng;
    common(o, *cfg);
    KEEL_TRY_ASSIGN(cfg->certs_keys, resolve_certs(o.certs_keys));
    if (!o.cert.empty() && o.key) cfg->certs_keys.push_back({o.cert, *o.key});
    cfg->alpn = o.alpn_preferred_protocols;
    cfg->server_preference = o.honor_cipher_order;
    cfg->fail_if_no_peer_cert = o.verify == Verify::peer && effective_fail_if_no_peer_cert(o);
    return std::shared_ptr<const HandshakeConfig>(std::move(cfg));
}

}  // namespace keel::tls
