// Randomness from the operating system. Failure is an error, never a silent
// fallback to something weaker.
#pragma once

#include "base/bytes.h"
#include "base/result.h"

namespace keel {

// Fills `out` from getrandom(2), retrying on EINTR and short reads.
Result<void> os_entropy(MutableByteView out);

}  // namespace keel
