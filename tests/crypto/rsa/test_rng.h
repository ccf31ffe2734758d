// A deterministic Rng for tests: SHA-256 in counter mode over a seed.
#pragma once

#include <cstdint>

#include "crypto/hash/sha256.h"
#include "crypto/rng.h"

namespace keel::crypto::test {

class TestRng final : public Rng {
  public:
    explicit TestRng(uint64_t seed = 1) : seed_(seed) {}
    Result<void> generate(MutableByteView out) override {
        size_t done = 0;
        while (done < out.size()) {
            uint8_t block[16];
            for (int i = 0; i < 8; i++) block[i] = static_cast<uint8_t>(seed_ >> (8 * i));
            for (int i = 0; i < 8; i++) block[8 + i] = static_cast<uint8_t>(counter_ >> (8 * i));
            counter_++;
            auto d = Sha256::hash(ByteView(block, 16));
            for (size_t i = 0; i < d.size() && done < out.size(); i++) out[done++] = d[i];
        }
        return ok();
    }

  private:
    uint64_t seed_;
    uint64_t counter_ = 0;
};

}  // namespace keel::crypto::test
