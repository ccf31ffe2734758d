// Keccak backend lists and dispatch (DESIGN.md §4): chosen once from base/cpu.h.
#include "crypto/sha3/keccak.h"

#include "base/cpu.h"

namespace keel::crypto::detail {
namespace {

template <class T, size_t kCap>
struct List {
    T items[kCap];
    size_t n = 0;
    void add(T item) { items[n++] = item; }
};

}  // namespace

std::span<const KeccakBackend> keccak_backends() {
    static const auto list = [] {
        List<KeccakBackend, 4> l;
        l.add({"portable", keccak_f1600_portable, keccak_absorb_portable});
        if (cpu::has(cpu::kBmi1 | cpu::kBmi2)) l.add({"bmi2", keccak_f1600_bmi2, keccak_absorb_bmi2});
        return l;
    }();
    return {list.items, list.n};
}

const KeccakBackend& keccak_best() {
    static const KeccakBackend& best = keccak_backends().back();
    return best;
}

void keccak_f1600(uint64_t state[25]) {
    static const KeccakPermute fn = keccak_best().permute;
    fn(state);
}

std::span<const KeccakX4Backend> keccak_x4_backends() {
    static const auto list = [] {
        List<KeccakX4Backend, 4> l;
        l.add({"portable", keccak_x4_portable});
        if (cpu::has(cpu::kAvx2)) l.add({"avx2", keccak_x4_avx2});
        if (cpu::has(cpu::kAvx512f | cpu::kAvx512vl)) l.add({"avx512", keccak_x4_avx512});
        return l;
    }();
    return {list.items, list.n};
}

std::span<const KeccakX8Backend> keccak_x8_backends() {
    static const auto list = [] {
        List<KeccakX8Backend, 4> l;
        l.add({"portable", keccak_x8_portable});
        if (cpu::has(cpu::kAvx2)) l.add({"avx2", keccak_x8_avx2});
        if (cpu::has(cpu::kAvx512f)) l.add({"avx512", keccak_x8_avx512});
        return l;
    }();
    return {list.items, list.n};
}

void keccak_x4(uint64_t s[100]) {
    static const KeccakX4Permute fn = keccak_x4_backends().back().permute;
    fn(s);
}

void keccak_x8(uint64_t s[200]) {
    static const KeccakX8Permute fn = keccak_x8_backends().back().permute;
    fn(s);
}

}  // namespace keel::crypto::detail
