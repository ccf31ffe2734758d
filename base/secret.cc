#include "base/secret.h"

#include <cstring>

namespace keel {

void secure_wipe(void* p, size_t n) {
    if (n == 0) return;
    std::memset(p, 0, n);
    // The empty asm "reads" the buffer, so the memset is not a dead store.
    asm volatile("" : : "r"(p) : "memory");
}

}  // namespace keel
