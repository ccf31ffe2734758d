// Secret storage that is wiped when it goes away (DESIGN.md §5).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "base/bytes.h"

namespace keel {

// Zeroes memory in a way the compiler may not elide as a dead store.
void secure_wipe(void* p, size_t n);

template <size_t N>
class Secret {
public:
    Secret() : bytes_{} {}
    explicit Secret(ByteView from) {
        for (size_t i = 0; i < N; i++) bytes_[i] = i < from.size() ? from[i] : 0;
    }
    Secret(const Secret&) = default;
    Secret& operator=(const Secret&) = default;
    ~Secret() { secure_wipe(bytes_.data(), N); }

    static constexpr size_t size() { return N; }
    uint8_t* data() { return bytes_.data(); }
    const uint8_t* data() const { return bytes_.data(); }
    std::span<uint8_t, N> span() { return bytes_; }
    std::span<const uint8_t, N> span() const { return bytes_; }
    ByteView view() const { return bytes_; }

private:
    std::array<uint8_t, N> bytes_;
};

// A variable-length secret. Copies are deep; both copies are wiped.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(size_t n) : bytes_(n, 0) {}
    explicit SecretBytes(ByteView from) : bytes_(from.begin(), from.end()) {}
    SecretBytes(const SecretBytes&) = default;
    SecretBytes(SecretBytes&& o) noexcept : bytes_(std::move(o.bytes_)) { o.bytes_.clear(); }
    SecretBytes& operator=(const SecretBytes& o) {
        if (this != &o) {
            wipe();
            bytes_ = o.bytes_;
        }
        return *this;
    }
    SecretBytes& operator=(SecretBytes&& o) noexcept {
        if (this != &o) {
            wipe();
            bytes_ = std::move(o.bytes_);
            o.bytes_.clear();
        }
        return *this;
    }
    ~SecretBytes() { wipe(); }

    size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    uint8_t* data() { return bytes_.data(); }
    const uint8_t* data() const { return bytes_.data(); }
    ByteView view() const { return bytes_; }
    MutableByteView mutable_view() { return bytes_; }
    // Resizing wipes the old contents first: a reallocation must not leave them behind.
    void resize(size_t n) {
        wipe();
        bytes_.assign(n, 0);
    }

private:
    void wipe() {
        secure_wipe(bytes_.data(), bytes_.size());
        bytes_.clear();
    }
    std::vector<uint8_t> bytes_;
};

}  // namespace keel
