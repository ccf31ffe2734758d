// Result<T> and Error (DESIGN.md §6). The library throws nothing; every fallible
// call returns a Result whose Error code mirrors an Erlang ssl reason atom.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace keel {

enum class Errc : uint8_t {
    // Reasons the Erlang ssl API names.
    closed,     // {error, closed}
    timeout,    // {error, timeout}
    options,    // {error, {options, ...}}: bad or contradictory options
    tls_alert,  // {error, {tls_alert, {Alert, Description}}}
    bad_cert,   // {error, {bad_cert, Reason}}
    posix,      // {error, inet:posix()}: the atom ("econnrefused", "einval") is the detail
    // Reasons below the API: the crypto and parsing layers.
    malformed,         // input bytes do not parse: over-read, bad length, trailing data
    invalid_argument,  // a size or value the caller passed is outside what the API allows
    auth_failed,       // a tag, MAC or signature did not verify
    limit_exceeded,    // a request beyond a primitive's limit (DRBG, HKDF, sequence numbers)
    entropy,           // the OS could not provide randomness
    unsupported,       // a valid request this build or CPU does not implement
};

std::string_view errc_name(Errc code);

class Error {
public:
    Error(Errc code, std::string detail = {}, uint8_t alert = 0)
        : code_(code), alert_(alert), detail_(std::move(detail)) {}

    Errc code() const { return code_; }
    // The TLS AlertDescription (RFC 8446 §6) when code() == tls_alert, else 0.
    uint8_t alert() const { return alert_; }
    const std::string& detail() const { return detail_; }

    // "malformed: record length 20000 exceeds 2^14 + 256".
    std::string to_string() const;

private:
    Errc code_;
    uint8_t alert_;
    std::string detail_;
};

template <class T>
class [[nodiscard]] Result {
    static_assert(!std::is_same_v<std::decay_t<T>, Error>, "Result<Error> is ambiguous");

public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_{Errc::malformed};  // meaningful only when !ok_
    bool ok_ = true;
};

inline Result<void> ok() { return {}; }

}  // namespace keel

// Propagate an error: KEEL_TRY(step()) returns step()'s Error from the enclosing function.
#define KEEL_TRY(expr)                                   \
    do {                                                 \
        auto keel_try_result_ = (expr);                  \
        if (!keel_try_result_.ok()) return keel_try_result_.error(); \
    } while (0)

// Bind a Result's value or propagate its Error:
//   KEEL_TRY_ASSIGN(auto seq, reader.sequence());
//   KEEL_TRY_ASSIGN(cert.version, parse_version(seq));
#define KEEL_TRY_CONCAT_INNER_(a, b) a##b
#define KEEL_TRY_CONCAT_(a, b) KEEL_TRY_CONCAT_INNER_(a, b)
#define KEEL_TRY_ASSIGN(lhs, expr) \
    KEEL_TRY_ASSIGN_IMPL_(KEEL_TRY_CONCAT_(keel_try_assign_, __LINE__), lhs, expr)
#define KEEL_TRY_ASSIGN_IMPL_(tmp, lhs, expr)     \
    auto tmp = (expr);                            \
    if (!tmp.ok()) return tmp.error();            \
    lhs = std::move(tmp).value()
