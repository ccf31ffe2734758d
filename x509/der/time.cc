#include "x509/der/time.h"

#include <cstdio>

namespace keel::x509 {

namespace {

Error bad_time(const char* what) { return Error(Errc::malformed, std::string("time: ") + what); }

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
    static const unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads `n` ASCII digits; false on anything else.
bool digits(ByteView s, size_t pos, size_t n, unsigned* out) {
    unsigned v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

// MMDDHHMMSSZ after the year, shared by both forms.
Result<int64_t> finish(ByteView s, size_t pos, int64_t year) {
    unsigned mon, day, hh, mm, ss;
    if (!digits(s, pos, 2, &mon) || !digits(s, pos + 2, 2, &day) || !digits(s, pos + 4, 2, &hh) ||
        !digits(s, pos + 6, 2, &mm) || !digits(s, pos + 8, 2, &ss))
        return bad_time("non-digit");
    if (s[pos + 10] != 'Z') return bad_time("not UTC (RFC 5280 requires Z)");
    if (mon < 1 || mon > 12) return bad_time("month out of range");
    if (day < 1 || day > days_in_month(year, mon)) return bad_time("day out of range");
    // No leap seconds: RFC 5280 times are POSIX-like and 60 never appears in practice.
    if (hh > 23 || mm > 59 || ss > 59) return bad_time("time of day out of range");
    return days_from_civil(year, mon, day) * 86400 + hh * 3600 + mm * 60 + ss;
}

}  // namespace

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    // Count from 0000-03-01 so the leap day is the last day of the "year"; eras are
    // 400-year cycles of 146097 days.
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;                                     // [0, 399]
    const int64_t mp = m > 2 ? m - 3 : m + 9;                              // March = 0
    const int64_t doy = (153 * mp + 2) / 5 + d - 1;                        // [0, 365]
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
    return era * 146097 + doe - 719468;                                    // 1970-01-01 = 0
}

void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    *m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

Result<int64_t> parse_utc_time(ByteView s) {
    // RFC 5280 §4.1.2.5.1: exactly YYMMDDHHMMSSZ.
    if (s.size() != 13) return bad_time("UTCTime must be YYMMDDHHMMSSZ");
    unsigned yy;
    if (!digits(s, 0, 2, &yy)) return bad_time("non-digit");
    return finish(s, 2, yy >= 50 ? 1900 + yy : 2000 + yy);
}

Result<int64_t> parse_generalized_time(ByteView s) {
    // RFC 5280 §4.1.2.5.2: exactly YYYYMMDDHHMMSSZ, no fraction.
    if (s.size() != 15) return bad_time("GeneralizedTime must be YYYYMMDDHHMMSSZ");
    unsigned yyyy;
    if (!digits(s, 0, 4, &yyyy)) return bad_time("non-digit");
    return finish(s, 4, yyyy);
}

std::string format_der_time(int64_t t, bool utc) {
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[32];
    if (utc)
        std::snprintf(buf, sizeof buf, "%02u%02u%02u%02u%02u%02uZ", static_cast<unsigned>(y % 100), m, d,
                      static_cast<unsigned>(secs / 3600), static_cast<unsigned>(secs / 60 % 60),
                      static_cast<unsigned>(secs % 60));
    else
        std::snprintf(buf, sizeof buf, "%04lld%02u%02u%02u%02u%02uZ", static_cast<long long>(y), m, d,
                      static_cast<unsigned>(secs / 3600), static_cast<unsigned>(secs / 60 % 60),
                      static_cast<unsigned>(secs % 60));
    return buf;
}

std::string format_rfc3339(int64_t t) {
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(y), m, d,
                  static_cast<unsigned>(secs / 3600), static_cast<unsigned>(secs / 60 % 60),
                  static_cast<unsigned>(secs % 60));
    return buf;
}

Result<int64_t> parse_rfc3339(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM), RFC 3339 §5.6; 't' and ' ' as separators too.
    ByteView s = as_bytes(text);
    if (s.size() < 20) return bad_time("RFC 3339 time too short");
    unsigned y, mon, day, hh, mm, ss;
    if (!digits(s, 0, 4, &y) || s[4] != '-' || !digits(s, 5, 2, &mon) || s[7] != '-' ||
        !digits(s, 8, 2, &day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits(s, 11, 2, &hh) || s[13] != ':' || !digits(s, 14, 2, &mm) || s[16] != ':' ||
        !digits(s, 17, 2, &ss))
        return bad_time("not an RFC 3339 date-time");
    if (mon < 1 || mon > 12 || day < 1 || day > days_in_month(y, mon) || hh > 23 || mm > 59 || ss > 60)
        return bad_time("RFC 3339 field out of range");
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return bad_time("empty fraction");
    }
    int64_t offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-')) {
        unsigned oh, om;
        if (!digits(s, pos + 1, 2, &oh) || s[pos + 3] != ':' || !digits(s, pos + 4, 2, &om) || oh > 23 || om > 59)
            return bad_time("bad UTC offset");
        offset = (s[pos] == '+' ? 1 : -1) * static_cast<int64_t>(oh * 3600 + om * 60);
        pos += 6;
    } else {
        return bad_time("missing Z or UTC offset");
    }
    if (pos != s.size()) return bad_time("trailing characters");
    if (ss == 60) ss = 59;  // a leap second names the same instant for our purposes
    return days_from_civil(y, mon, day) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

}  // namespace keel::x509
