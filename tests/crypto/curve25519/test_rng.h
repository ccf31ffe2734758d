// Deterministic Rng for tests: replays given bytes, then a counter-driven stream.
#pragma once

#include <cstring>

#include "base/bytes.h"
#include "crypto/rng.h"

namespace keel::crypto::test {

class ReplayRng final : public Rng {
  public:
    explicit ReplayRng(Bytes script = {}, uint64_t seed = 1)
        : script_(std::move(script)), s_(seed) {}
    Result<void> generate(MutableByteView out) override {
        for (auto& b : out) {
            if (pos_ < script_.size()) {
                b = script_[pos_++];
            } else {
                // xorshift64*: reproducible filler once the script is used up.
                s_ ^= s_ >> 12;
                s_ ^= s_ << 25;
                s_ ^= s_ >> 27;
                b = static_cast<uint8_t>((s_ * 0x2545F4914F6CDD1DULL) >> 56);
            }
        }
        return ok();
    }

  private:
    Bytes script_;
    size_t pos_ = 0;
    uint64_t s_;
};

class FailingRng final : public Rng {
  public:
    Result<void> generate(MutableByteView) override { return Error(Errc::entropy, "test"); }
};

}  // namespace keel::crypto::test
