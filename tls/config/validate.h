// Option validation (DESIGN.md §7): contradictory or unsupported combinations fail with
// Errc::options before any byte is sent. The detail is the Erlang reason, printed as
// the term ssl:connect/listen would return:
//
//   {options, {versions, []}}                                   a bad value
//   {options, incompatible, [{verify, verify_peer}, {cacerts, undefined}]}
//   {options, incompatible, [sni_fun, sni_hosts]}               a contradiction
//   {options, dependency, {early_data, {session_tickets, [manual, auto]}}}
//                                                               needs another option
//
// validate() checks one option set; a server's sni_hosts entries are checked as the
// options they produce (base + overrides).
#pragma once

#include "base/result.h"
#include "tls/config/options.h"

namespace keel::tls {

Result<void> validate(const ClientOptions& options);
Result<void> validate(const ServerOptions& options);

}  // namespace keel::tls
