// Times in certificates, CRLs and OCSP (RFC 5280 §4.1.2.5): UTCTime YYMMDDHHMMSSZ for
// 1950..2049 and GeneralizedTime YYYYMMDDHHMMSSZ otherwise, always UTC with seconds and
// never fractional. Everything is Unix seconds (int64) once parsed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::x509 {

Result<int64_t> parse_utc_time(ByteView contents);
Result<int64_t> parse_generalized_time(ByteView contents);

// The DER contents for a time: UTCTime form when `utc` (the year must be 1950..2049).
std::string format_der_time(int64_t unix_seconds, bool utc);

// "2026-11-23T15:04:05Z" for people and logs, and its parser for `keel verify --time`
// (accepts a trailing Z or a numeric offset, optional fractional seconds dropped).
std::string format_rfc3339(int64_t unix_seconds);
Result<int64_t> parse_rfc3339(std::string_view text);

// Calendar arithmetic shared by the formats (proleptic Gregorian, H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t days, int64_t* y, unsigned* m, unsigned* d);

}  // namespace keel::x509
