#include "crypto/drbg/hmac_drbg.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;

// An entropy source that hands out queued strings (NIST known answers) or, when the
// queue is empty, a counter pattern; it counts every draw.
struct ScriptedEntropy {
    std::deque<Bytes> queue;
    size_t draws = 0;
    uint8_t next = 1;
    EntropySource source() {
        return [this](MutableByteView out) -> Result<void> {
            draws++;
            if (!queue.empty()) {
                Bytes b = queue.front();
                queue.pop_front();
                if (b.size() != out.size()) return Error(Errc::entropy, "scripted size mismatch");
                for (size_t i = 0; i < out.size(); i++) out[i] = b[i];
                return ok();
            }
            for (auto& x : out) x = next++;
            return ok();
        };
    }
};

// NIST CAVP HMAC_DRBG (SHA-256) cases: vectors/cavp/hmac_drbg_sha256.json.
TEST(HmacDrbg, CavpKnownAnswers) {
    const auto& root = test::load_vectors("cavp/hmac_drbg_sha256.json");
    size_t ran = 0;
    for (const auto& t : root["tests"].as_array()) {
        SCOPED_TRACE(t["name"].as_string());
        const std::string& mode = t["mode"].as_string();
        Bytes want = t["returned"].as_hex();
        ScriptedEntropy ent;
        HmacDrbgOptions opts;
        opts.entropy = ent.source();
        opts.prediction_resistance = mode == "prediction_resistance";
        if (opts.prediction_resistance) {
            for (const auto& e : t["entropy_pr"].as_array()) ent.queue.push_back(e.as_hex());
        }
        auto drbg = HmacDrbg::instantiate_with(t["entropy"].as_hex(), t["nonce"].as_hex(),
                                               t["personalization"].as_hex(), opts);
        ASSERT_TRUE(drbg.ok());
        if (mode == "reseed") {
            drbg->reseed_with(t["entropy_reseed"].as_hex(), t["additional_reseed"].as_hex());
        }
        Bytes out(want.size());
        ASSERT_TRUE(drbg->generate(out, t["additional"][0].as_hex()).ok());
        ASSERT_TRUE(drbg->generate(out, t["additional"][1].as_hex()).ok());
        EXPECT_EQ(hex(out), hex(want));
        // Prediction resistance drew exactly the two scripted inputs, nothing else.
        EXPECT_EQ(ent.draws, opts.prediction_resistance ? 2u : 0u);
        ran++;
    }
    EXPECT_EQ(ran, 6u);
}

TEST(HmacDrbg, InstantiateDrawsEntropyAndNonce) {
    ScriptedEntropy ent;
    HmacDrbgOptions opts;
    opts.entropy = ent.source();
    auto d = HmacDrbg::instantiate({}, opts);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(ent.draws, 2u);  // entropy input, then nonce
    // Same as instantiating with those bytes explicitly.
    Bytes entropy(32), nonce(16);
    for (size_t i = 0; i < 32; i++) entropy[i] = static_cast<uint8_t>(1 + i);
    for (size_t i = 0; i < 16; i++) nonce[i] = static_cast<uint8_t>(33 + i);
    auto e = HmacDrbg::instantiate_with(entropy, nonce, {});
    ASSERT_TRUE(e.ok());
    Bytes a(64), b(64);
    ASSERT_TRUE(d->generate(a).ok());
    ASSERT_TRUE(e->generate(b).ok());
    EXPECT_EQ(a, b);
}

TEST(HmacDrbg, ReseedIntervalTriggersReseed) {
    ScriptedEntropy ent;
    HmacDrbgOptions opts;
    opts.entropy = ent.source();
    opts.reseed_interval = 3;
    auto d = HmacDrbg::instantiate({}, opts);
    ASSERT_TRUE(d.ok());
    size_t after_init = ent.draws;
    Bytes out(16);
    for (int i = 0; i < 3; i++) ASSERT_TRUE(d->generate(out).ok());
    EXPECT_EQ(ent.draws, after_init);  // three calls allowed per seed
    EXPECT_EQ(d->reseed_counter(), 4u);
    ASSERT_TRUE(d->generate(out).ok());
    EXPECT_EQ(ent.draws, after_init + 1);  // the fourth reseeded first
    EXPECT_EQ(d->reseed_counter(), 2u);
    for (int i = 0; i < 2; i++) ASSERT_TRUE(d->generate(out).ok());
    EXPECT_EQ(ent.draws, after_init + 1);
    ASSERT_TRUE(d->generate(out).ok());
    EXPECT_EQ(ent.draws, after_init + 2);
}

TEST(HmacDrbg, ReseedChangesTheStream) {
    // Same seed, one instance reseeded by the interval: the outputs diverge right there.
    auto run = [](uint64_t interval) {
        ScriptedEntropy ent;
        HmacDrbgOptions opts;
        opts.entropy = ent.source();
        opts.reseed_interval = interval;
        auto d = HmacDrbg::instantiate({}, opts);
        std::vector<Bytes> outs;
        for (int i = 0; i < 3; i++) {
            Bytes o(32);
            EXPECT_TRUE(d->generate(o).ok());
            outs.push_back(o);
        }
        return outs;
    };
    auto plain = run(HmacDrbg::kMaxReseedInterval);
    auto reseeded = run(2);
    EXPECT_EQ(plain[0], reseeded[0]);
    EXPECT_EQ(plain[1], reseeded[1]);
    EXPECT_NE(plain[2], reseeded[2]);
}

TEST(HmacDrbg, PredictionResistanceDrawsEveryCall) {
    ScriptedEntropy ent;
    HmacDrbgOptions opts;
    opts.entropy = ent.source();
    opts.prediction_resistance = true;
    auto d = HmacDrbg::instantiate({}, opts);
    ASSERT_TRUE(d.ok());
    size_t base = ent.draws;
    Bytes out(8);
    for (size_t i = 1; i <= 5; i++) {
        ASSERT_TRUE(d->generate(out, as_bytes("ai")).ok());
        EXPECT_EQ(ent.draws, base + i);
    }
}

TEST(HmacDrbg, EntropyFailureIsAnError) {
    HmacDrbgOptions opts;
    opts.entropy = [](MutableByteView) -> Result<void> { return Error(Errc::entropy, "no"); };
    auto d = HmacDrbg::instantiate({}, opts);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code(), Errc::entropy);

    // A failing reseed stops generation instead of producing unreseeded output.
    int calls = 0;
    opts.entropy = [&calls](MutableByteView out) -> Result<void> {
        if (calls++ >= 2) return Error(Errc::entropy, "gone");
        for (auto& b : out) b = 7;
        return ok();
    };
    opts.prediction_resistance = true;
    auto e = HmacDrbg::instantiate({}, opts);
    ASSERT_TRUE(e.ok());
    Bytes out(16, 0xee);
    auto r = e->generate(out);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::entropy);
    EXPECT_EQ(out, Bytes(16, 0xee));
}

TEST(HmacDrbg, RequestOverLimitIsAnError) {
    auto d = HmacDrbg::deterministic(Bytes(32, 1));
    Bytes big(HmacDrbg::kMaxRequest + 1, 0xee);
    auto r = d.generate(big);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    EXPECT_EQ(big, Bytes(big.size(), 0xee));
    Bytes max(HmacDrbg::kMaxRequest);
    EXPECT_TRUE(d.generate(max).ok());
}

TEST(HmacDrbg, BadReseedIntervalIsAnError) {
    for (uint64_t interval : {uint64_t{0}, HmacDrbg::kMaxReseedInterval + 1}) {
        HmacDrbgOptions opts;
        opts.reseed_interval = interval;
        auto d = HmacDrbg::instantiate({}, opts);
        ASSERT_FALSE(d.ok());
        EXPECT_EQ(d.error().code(), Errc::invalid_argument);
    }
}

TEST(HmacDrbg, DeterministicReproducesAndNeverTouchesEntropy) {
    Bytes seed(48);
    for (size_t i = 0; i < seed.size(); i++) seed[i] = static_cast<uint8_t>(i * 3);
    auto a = HmacDrbg::deterministic(seed, as_bytes("p"));
    auto b = HmacDrbg::deterministic(seed, as_bytes("p"));
    auto c = HmacDrbg::deterministic(seed, as_bytes("q"));
    EXPECT_TRUE(a.is_deterministic());
    for (size_t len : {1, 31, 32, 33, 1000}) {
        Bytes x(len), y(len), z(len);
        ASSERT_TRUE(a.generate(x, as_bytes("ai")).ok());
        ASSERT_TRUE(b.generate(y, as_bytes("ai")).ok());
        ASSERT_TRUE(c.generate(z, as_bytes("ai")).ok());
        EXPECT_EQ(x, y);
        EXPECT_NE(x, z);
    }
    // Its only entropy source refuses: no path reaches the OS.
    auto r = a.reseed();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::entropy);
}

TEST(HmacDrbg, DeterministicMatchesInstantiateWithSeedAsEntropy) {
    Bytes seed(32, 0x5a);
    auto a = HmacDrbg::deterministic(seed, as_bytes("pers"));
    auto b = HmacDrbg::instantiate_with(seed, {}, as_bytes("pers"));
    ASSERT_TRUE(b.ok());
    Bytes x(100), y(100);
    ASSERT_TRUE(a.generate(x).ok());
    ASSERT_TRUE(b->generate(y).ok());
    EXPECT_EQ(x, y);
}

TEST(HmacDrbg, MovedFromInstanceRefuses) {
    auto a = HmacDrbg::deterministic(Bytes(32, 2));
    HmacDrbg b = std::move(a);
    Bytes out(8);
    EXPECT_TRUE(b.generate(out).ok());
    EXPECT_EQ(a.generate(out).error().code(), Errc::invalid_argument);  // NOLINT(use-after-move)
}

TEST(HmacDrbgSha512, GeneratesReseedsAndReproduces) {
    static_assert(HmacDrbgSha512::kSecurityStrength == 32 && HmacDrbgSha512::kOutLen == 64);
    ScriptedEntropy ent;
    HmacDrbgOptions opts;
    opts.entropy = ent.source();
    opts.reseed_interval = 2;
    auto d = HmacDrbgSha512::instantiate(as_bytes("p"), opts);
    ASSERT_TRUE(d.ok());
    Bytes a(100), b(100);
    for (int i = 0; i < 3; i++) ASSERT_TRUE(d->generate(a).ok());
    EXPECT_EQ(ent.draws, 3u);  // entropy + nonce, then one reseed
    auto x = HmacDrbgSha512::deterministic(Bytes(48, 9));
    auto y = HmacDrbgSha512::deterministic(Bytes(48, 9));
    ASSERT_TRUE(x.generate(a).ok());
    ASSERT_TRUE(y.generate(b).ok());
    EXPECT_EQ(a, b);
    auto z = HmacDrbg::deterministic(Bytes(48, 9));
    ASSERT_TRUE(z.generate(b).ok());
    EXPECT_NE(a, b);
}

// Runs `child_fn` in a forked child, returns the 32 bytes it wrote to a pipe.
template <class F>
Bytes from_child(F child_fn) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Bytes b = child_fn();
        ssize_t n = write(fds[1], b.data(), b.size());
        _exit(n == static_cast<ssize_t>(b.size()) ? 0 : 1);
    }
    close(fds[1]);
    Bytes got(32);
    size_t have = 0;
    while (have < got.size()) {
        ssize_t n = read(fds[0], got.data() + have, got.size() - have);
        if (n <= 0) break;
        have += static_cast<size_t>(n);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ(have, got.size());
    return got;
}

TEST(HmacDrbg, ForkedChildDoesNotRepeatParent) {
    auto d = HmacDrbg::instantiate(as_bytes("fork test"));
    ASSERT_TRUE(d.ok());
    Bytes warmup(32);
    ASSERT_TRUE(d->generate(warmup).ok());
    Bytes child = from_child([&] {
        Bytes b(32);
        if (!d->generate(b).ok()) _exit(2);
        return b;
    });
    Bytes parent(32);
    ASSERT_TRUE(d->generate(parent).ok());
    EXPECT_NE(child, parent);
    EXPECT_NE(child, Bytes(32, 0));
}

TEST(HmacDrbg, ForkedChildReseedsFromItsSource) {
    // The child's generate must draw entropy; report the draw count through the pipe.
    ScriptedEntropy ent;
    HmacDrbgOptions opts;
    opts.entropy = ent.source();
    auto d = HmacDrbg::instantiate({}, opts);
    ASSERT_TRUE(d.ok());
    size_t before = ent.draws;
    Bytes child = from_child([&] {
        Bytes b(32);
        if (!d->generate(b).ok()) _exit(2);
        Bytes report(32, 0);
        report[0] = static_cast<uint8_t>(ent.draws - before);
        return report;
    });
    EXPECT_EQ(child[0], 1);
    // The parent, not having forked itself, does not reseed.
    Bytes out(8);
    ASSERT_TRUE(d->generate(out).ok());
    EXPECT_EQ(ent.draws, before);
}

TEST(RandomBytes, ForkedChildDoesNotRepeatParent) {
    Bytes warm(16);
    ASSERT_TRUE(random_bytes(warm).ok());
    Bytes child = from_child([] {
        Bytes b(32);
        if (!random_bytes(b).ok()) _exit(2);
        return b;
    });
    Bytes parent(32);
    ASSERT_TRUE(random_bytes(parent).ok());
    EXPECT_NE(child, parent);
}

TEST(RandomBytes, LargeRequestsAndDistinctOutputs) {
    Bytes big(3 * HmacDrbg::kMaxRequest + 17);
    ASSERT_TRUE(random_bytes(big).ok());
    // The 64 KiB chunks are not repeats of each other.
    EXPECT_NE(Bytes(big.begin(), big.begin() + 64),
              Bytes(big.begin() + HmacDrbg::kMaxRequest, big.begin() + HmacDrbg::kMaxRequest + 64));
    Bytes a(32), b(32);
    ASSERT_TRUE(random_bytes(a).ok());
    ASSERT_TRUE(random_bytes(b).ok());
    EXPECT_NE(a, b);
    EXPECT_TRUE(random_bytes({}).ok());
}

TEST(RandomBytes, ThreadsGetDistinctStreams) {
    constexpr int kThreads = 4;
    std::vector<Bytes> outs(kThreads, Bytes(32));
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++) {
        threads.emplace_back([&outs, i] {
            for (int j = 0; j < 50; j++) EXPECT_TRUE(random_bytes(outs[i]).ok());
        });
    }
    for (auto& t : threads) t.join();
    for (int i = 0; i < kThreads; i++) {
        for (int j = i + 1; j < kThreads; j++) EXPECT_NE(outs[i], outs[j]) << i << " " << j;
    }
}

}  // namespace
}  // namespace keel::crypto
