// Constant-time helpers (DESIGN.md §5). Masks are all-ones for true and zero for
// false, so callers combine them with & | ^ instead of branching.
//
// value_barrier hides a value from the optimizer: without it, compilers may see that
// a mask is 0 or ~0 and turn mask arithmetic back into a branch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "base/bytes.h"

#if KEEL_HAVE_VALGRIND
#include <valgrind/memcheck.h>
#endif

namespace keel::ct {

template <class T>
inline T value_barrier(T x) {
    static_assert(std::is_unsigned_v<T>);
    asm("" : "+r"(x));
    return x;
}

// 1 -> all ones, 0 -> 0. Input must be 0 or 1.
template <class T>
inline T mask_from_bit(T bit) {
    return static_cast<T>(0) - value_barrier(bit);
}

namespace detail {
// Arithmetic happens in a type at least 32 bits wide: uint8_t and uint16_t operands
// would otherwise be promoted to signed int and the top-bit tricks would break.
template <class T>
using Wide = std::conditional_t<(sizeof(T) <= 4), uint32_t, uint64_t>;
template <class T>
inline constexpr int kTop = sizeof(Wide<T>) * 8 - 1;
}  // namespace detail

template <class T>
inline T is_zero(T x) {
    static_assert(std::is_unsigned_v<T>);
    using W = detail::Wide<T>;
    W w = x;
    // The top bit of ~w & (w - 1) is set exactly when w == 0.
    W top = (~w & (w - 1)) >> detail::kTop<T>;
    return static_cast<T>(mask_from_bit(top));
}

template <class T>
inline T is_nonzero(T x) {
    return static_cast<T>(~is_zero(x));
}

template <class T>
inline T eq(T a, T b) {
    return is_zero(static_cast<T>(a ^ b));
}

// Unsigned a < b: the borrow out of a - b, computed without a compare instruction
// whose flags a compiler could turn into a branch.
template <class T>
inline T lt(T a, T b) {
    static_assert(std::is_unsigned_v<T>);
    using W = detail::Wide<T>;
    W x = a, y = b;
    W borrow = (x ^ ((x ^ y) | ((x - y) ^ y))) >> detail::kTop<T>;
    return static_cast<T>(mask_from_bit(borrow));
}

template <class T>
inline T select(T mask, T if_true, T if_false) {
    return static_cast<T>((if_true & mask) | (if_false & ~mask));
}

// dst = mask ? src : dst, byte by byte over equal-length buffers.
void cmov(MutableByteView dst, ByteView src, uint8_t mask);

// All-ones when the equal-length buffers match. Time depends only on the length.
uint8_t eq_mask(ByteView a, ByteView b);

// Equal-length comparison whose *result* the caller is allowed to branch on
// (tag and MAC checks). Returns false when the lengths differ (lengths are public).
bool equal(ByteView a, ByteView b);

// All-ones when every byte is zero.
uint8_t is_zero_mask(ByteView a);

// Marks memory as holding secrets (poison) or public values (declassify) for the
// valgrind constant-time harness in tests/ct/. No-ops outside valgrind.
inline void poison(const void* p, size_t n) {
#if KEEL_HAVE_VALGRIND
    VALGRIND_MAKE_MEM_UNDEFINED(p, n);
#else
    (void)p;
    (void)n;
#endif
}
inline void declassify(const void* p, size_t n) {
#if KEEL_HAVE_VALGRIND
    VALGRIND_MAKE_MEM_DEFINED(p, n);
#else
    (void)p;
    (void)n;
#endif
}
template <class T>
inline T declassify(T v) {
    declassify(&v, sizeof v);
    return v;
}

}  // namespace keel::ct
