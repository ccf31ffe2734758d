#include "base/entropy.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace keel {

Result<void> os_entropy(MutableByteView out) {
    size_t done = 0;
    while (done < out.size()) {
        ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error(Errc::entropy, std::string("getrandom: ") + std::strerror(errno));
        }
        done += static_cast<size_t>(n);
    }
    return ok();
}

}  // namespace keel
