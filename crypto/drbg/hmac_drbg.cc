// Fork detection for HMAC_DRBG and the per-thread default generator.
#include "crypto/drbg/hmac_drbg.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <optional>

namespace keel::crypto {

namespace detail {
namespace {

std::atomic<uint64_t> g_fork_generation{0};

void on_fork_child() {
    g_fork_generation.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

uint64_t fork_generation() {
    // Installed once, before any generator records a generation.
    static std::once_flag once;
    std::call_once(once, [] { pthread_atfork(nullptr, nullptr, on_fork_child); });
    return g_fork_generation.load(std::memory_order_relaxed);
}

int32_t current_pid() {
    return static_cast<int32_t>(getpid());
}

}  // namespace detail

template class HmacDrbgT<Sha256>;
template class HmacDrbgT<Sha512>;

Result<void> random_bytes(MutableByteView out) {
    // One generator per thread: no lock on the hot path, and thread exit wipes it.
    thread_local std::optional<HmacDrbg> drbg;
    if (!drbg) {
        auto r = HmacDrbg::instantiate(as_bytes("keel::crypto::random_bytes"));
        if (!r.ok()) return r.error();
        drbg.emplace(std::move(*r));
    }
    for (size_t done = 0; done < out.size();) {
        size_t take =
            out.size() - done < HmacDrbg::kMaxRequest ? out.size() - done : HmacDrbg::kMaxRequest;
        KEEL_TRY(drbg->generate(out.subspan(done, take)));
        done += take;
    }
    return ok();
}

}  // namespace keel::crypto
