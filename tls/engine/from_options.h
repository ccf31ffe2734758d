// From the user's options (tls/config, the Erlang ssl option set) to the engine's
// HandshakeConfig: validation, the effective defaults, names to code points, parsed
// certificates and keys, and verify_fun wired into chain validation.
//
//   auto cfg = tls::client_config(opts, "example.com");   // {options, ...} errors here
//   auto e = tls::Engine::client(*cfg, "example.com");
//
// What the TLS 1.3 engine does not use yet (tickets, early data, TLS 1.2-only options,
// CRLs, OCSP stapling, partial_chain, depth) is accepted and ignored; options the
// engine cannot honour silently (key_der / keyfile / certfile forms) are an error.
#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "crypto/rng.h"
#include "tls/config/options.h"
#include "tls/hs/config.h"

namespace keel::tls {

// `host` is the connect/3 host: the SNI and the name the chain is checked for, unless
// server_name_indication overrides or disables it. `rng` nullptr: crypto::default_rng().
Result<std::shared_ptr<const HandshakeConfig>> client_config(const ClientOptions& options,
                                                             crypto::Rng* rng = nullptr);
Result<std::shared_ptr<const HandshakeConfig>> server_config(const ServerOptions& options,
                                                             crypto::Rng* rng = nullptr);

// The name a client sends as server_name for `host` under these options ("" for none).
std::string sni_for(const ClientOptions& options, std::string_view host);

}  // namespace keel::tls
