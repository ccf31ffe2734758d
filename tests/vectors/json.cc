#include "tests/vectors/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace keel::test {

namespace {
[[noreturn]] void die(const std::string& msg) {
    ADD_FAILURE() << msg;
    std::fprintf(stderr, "test data error: %s\n", msg.c_str());
    std::abort();
}
}  // namespace

class JsonParser {
public:
    explicit JsonParser(std::string_view t) : t_(t) {}

    bool document(Json* out) {
        if (!value(out, 0)) return false;
        ws();
        if (pos_ != t_.size()) return fail("trailing data");
        return true;
    }
    std::string why;

private:
    static constexpr int kMaxDepth = 64;

    bool fail(const char* what) {
        why = std::string(what) + " at offset " + std::to_string(pos_);
        return false;
    }
    void ws() {
        while (pos_ < t_.size() &&
               (t_[pos_] == ' ' || t_[pos_] == '\n' || t_[pos_] == '\r' || t_[pos_] == '\t'))
            pos_++;
    }
    bool literal(std::string_view word) {
        if (t_.substr(pos_, word.size()) != word) return fail("bad literal");
        pos_ += word.size();
        return true;
    }
    bool value(Json* out, int depth) {
        if (depth > kMaxDepth) return fail("nesting too deep");
        ws();
        if (pos_ >= t_.size()) return fail("unexpected end");
        char c = t_[pos_];
        if (c == '{') return object(out, depth);
        if (c == '[') return array(out, depth);
        if (c == '"') {
            out->kind_ = Json::Kind::string;
            return string(&out->string_);
        }
        if (c == 't') {
            out->kind_ = Json::Kind::boolean;
            out->bool_ = true;
            return literal("true");
        }
        if (c == 'f') {
            out->kind_ = Json::Kind::boolean;
            return literal("false");
        }
        if (c == 'n') return literal("null");
        return number(out);
    }
    bool number(Json* out) {
        size_t start = pos_;
        if (pos_ < t_.size() && t_[pos_] == '-') pos_++;
        size_t digits = pos_;
        while (pos_ < t_.size() && std::strchr("0123456789.eE+-", t_[pos_]) != nullptr) pos_++;
        if (pos_ == digits) return fail("bad value");
        std::string text(t_.substr(start, pos_ - start));
        char* end = nullptr;
        out->kind_ = Json::Kind::number;
        out->number_ = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size()) return fail("bad number");
        return true;
    }
    static int hexval(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    bool u4(uint32_t* cp) {
        if (pos_ + 4 > t_.size()) return fail("short \\u escape");
        uint32_t v = 0;
        for (int i = 0; i < 4; i++) {
            int h = hexval(t_[pos_++]);
            if (h < 0) return fail("bad \\u escape");
            v = (v << 4) | static_cast<uint32_t>(h);
        }
        *cp = v;
        return true;
    }
    static void utf8(std::string* s, uint32_t cp) {
        if (cp < 0x80) {
            s->push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            s->push_back(static_cast<char>(0xc0 | (cp >> 6)));
            s->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            s->push_back(static_cast<char>(0xe0 | (cp >> 12)));
            s->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            s->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else {
            s->push_back(static_cast<char>(0xf0 | (cp >> 18)));
            s->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
            s->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            s->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        }
    }
    bool string(std::string* out) {
        pos_++;  // opening quote
        while (true) {
            if (pos_ >= t_.size()) return fail("unterminated string");
            char c = t_[pos_++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
            if (c != '\\') {
                out->push_back(c);
                continue;
            }
            if (pos_ >= t_.size()) return fail("unterminated escape");
            char e = t_[pos_++];
            switch (e) {
                case '"': out->push_back('"'); break;
                case '\\': out->push_back('\\'); break;
                case '/': out->push_back('/'); break;
                case 'b': out->push_back('\b'); break;
                case 'f': out->push_back('\f'); break;
                case 'n': out->push_back('\n'); break;
                case 'r': out->push_back('\r'); break;
                case 't': out->push_back('\t'); break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!u4(&cp)) return false;
                    if (cp >= 0xd800 && cp < 0xdc00) {
                        uint32_t lo = 0;
                        if (t_.substr(pos_, 2) != "\\u") return fail("lone surrogate");
                        pos_ += 2;
                        if (!u4(&lo) || lo < 0xdc00 || lo >= 0xe000) return fail("bad surrogate");
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    }
                    utf8(out, cp);
                    break;
                }
                default: return fail("bad escape");
            }
        }
    }
    bool array(Json* out, int depth) {
        out->kind_ = Json::Kind::array;
        pos_++;
        ws();
        if (pos_ < t_.size() && t_[pos_] == ']') {
            pos_++;
            return true;
        }
        while (true) {
            out->array_.emplace_back();
            if (!value(&out->array_.back(), depth + 1)) return false;
            ws();
            if (pos_ >= t_.size()) return fail("unterminated array");
            char c = t_[pos_++];
            if (c == ']') return true;
            if (c != ',') return fail("expected , or ]");
        }
    }
    bool object(Json* out, int depth) {
        out->kind_ = Json::Kind::object;
        pos_++;
        ws();
        if (pos_ < t_.size() && t_[pos_] == '}') {
            pos_++;
            return true;
        }
        while (true) {
            ws();
            if (pos_ >= t_.size() || t_[pos_] != '"') return fail("expected key");
            std::string key;
            if (!string(&key)) return false;
            ws();
            if (pos_ >= t_.size() || t_[pos_++] != ':') return fail("expected :");
            out->object_.emplace_back(std::move(key), Json());
            if (!value(&out->object_.back().second, depth + 1)) return false;
            ws();
            if (pos_ >= t_.size()) return fail("unterminated object");
            char c = t_[pos_++];
            if (c == '}') return true;
            if (c != ',') return fail("expected , or }");
        }
    }

    std::string_view t_;
    size_t pos_ = 0;
};

std::optional<Json> Json::parse(std::string_view text, std::string* why) {
    Json j;
    JsonParser p(text);
    if (!p.document(&j)) {
        if (why) *why = p.why;
        return std::nullopt;
    }
    return j;
}

bool Json::as_bool() const {
    if (kind_ != Kind::boolean) die("JSON value is not a boolean");
    return bool_;
}
double Json::as_number() const {
    if (kind_ != Kind::number) die("JSON value is not a number");
    return number_;
}
int64_t Json::as_int() const {
    double n = as_number();
    if (n != std::floor(n)) die("JSON number is not an integer");
    return static_cast<int64_t>(n);
}
const std::string& Json::as_string() const {
    if (kind_ != Kind::string) die("JSON value is not a string");
    return string_;
}
Bytes Json::as_hex() const { return unhex(as_string()); }
const std::vector<Json>& Json::as_array() const {
    if (kind_ != Kind::array) die("JSON value is not an array");
    return array_;
}
const std::vector<std::pair<std::string, Json>>& Json::members() const {
    if (kind_ != Kind::object) die("JSON value is not an object");
    return object_;
}
const Json* Json::find(std::string_view key) const {
    for (const auto& [k, v] : members()) {
        if (k == key) return &v;
    }
    return nullptr;
}
bool Json::has(std::string_view key) const { return find(key) != nullptr; }
const Json& Json::operator[](std::string_view key) const {
    const Json* v = find(key);
    if (v == nullptr) die("JSON object has no member '" + std::string(key) + "'");
    return *v;
}
size_t Json::size() const {
    if (kind_ == Kind::array) return array_.size();
    if (kind_ == Kind::object) return object_.size();
    die("JSON value has no size");
}

Bytes unhex(std::string_view h) {
    if (h.size() % 2 != 0) die("odd-length hex string");
    Bytes out(h.size() / 2);
    for (size_t i = 0; i < out.size(); i++) {
        auto nib = [&](char c) {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            die(std::string("bad hex digit '") + c + "'");
        };
        out[i] = static_cast<uint8_t>((nib(h[2 * i]) << 4) | nib(h[2 * i + 1]));
    }
    return out;
}

std::string hex(ByteView bytes) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    s.reserve(bytes.size() * 2);
    for (uint8_t b : bytes) {
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 15]);
    }
    return s;
}

std::string read_vector_file(const std::string& relative) {
    std::string path = std::string(KEEL_VECTORS_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot open vector file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const Json& load_vectors(const std::string& relative) {
    // Parsed files stay cached for the life of the test binary: several tests
    // often read one file.
    static std::map<std::string, std::unique_ptr<Json>> cache;
    auto it = cache.find(relative);
    if (it != cache.end()) return *it->second;
    std::string path = std::string(KEEL_VECTORS_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot open vector file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string why;
    std::optional<Json> j = Json::parse(ss.str(), &why);
    if (!j) die("malformed JSON in " + path + ": " + why);
    auto [ins, _] = cache.emplace(relative, std::make_unique<Json>(std::move(*j)));
    return *ins->second;
}

}  // namespace keel::test
