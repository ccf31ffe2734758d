// A small JSON reader for test vectors (Wycheproof, ACVP). Test-only code: it builds
// a tree and aborts the test with a message on malformed input.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace keel::test {

class Json {
public:
    enum class Kind { null, boolean, number, string, array, object };

    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::null; }

    bool as_bool() const;
    double as_number() const;
    int64_t as_int() const;
    const std::string& as_string() const;
    // Hex string -> bytes; accepts upper and lower case.
    Bytes as_hex() const;
    const std::vector<Json>& as_array() const;

    bool has(std::string_view key) const;
    // Object member; fails the test if absent.
    const Json& operator[](std::string_view key) const;
    // Object member or nullptr.
    const Json* find(std::string_view key) const;
    const std::vector<std::pair<std::string, Json>>& members() const;

    // Array element.
    const Json& operator[](size_t i) const { return as_array().at(i); }
    size_t size() const;

    // nullopt on malformed text (with a reason in *why when given).
    static std::optional<Json> parse(std::string_view text, std::string* why = nullptr);

private:
    friend class JsonParser;
    Kind kind_ = Kind::null;
    bool bool_ = false;
    double number_ = 0;
    std::string string_;
    std::vector<Json> array_;
    std::vector<std::pair<std::string, Json>> object_;
};

// Decodes hex (either case). Fails the test on odd length or a non-hex digit.
Bytes unhex(std::string_view hex);
std::string hex(ByteView bytes);

// Reads vectors/<relative> from the source tree (KEEL_VECTORS_DIR) and parses it.
// Fails the test if the file is missing or malformed.
const Json& load_vectors(const std::string& relative);

// The raw contents of vectors/<relative> (PEM files, RFC text). Fails the test if the
// file is missing.
std::string read_vector_file(const std::string& relative);

}  // namespace keel::test
