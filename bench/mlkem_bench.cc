// ML-KEM keygen / encaps / decaps per arithmetic backend (mlkem<set>/<backend>/<op>) and
// dispatched (mlkem<set>/<op>). "cycles" is the median of per-iteration rdtsc deltas.
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pq/mlkem/internal/kem.h"
#include "pq/mlkem/mlkem.h"

namespace {

using namespace keel;
using namespace keel::pq::mlkem;

class CycleMedian {
  public:
    void start() { t0_ = __rdtsc(); }
    void stop() { d_.push_back(__rdtsc() - t0_); }
    void report(benchmark::State& state) {
        if (d_.empty()) return;
        std::nth_element(d_.begin(), d_.begin() + d_.size() / 2, d_.end());
        state.counters["cycles"] = static_cast<double>(d_[d_.size() / 2]);
        state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    }

  private:
    uint64_t t0_ = 0;
    std::vector<uint64_t> d_;
};

enum class Op { keygen, encaps, decaps };

void run(benchmark::State& state, const detail::PolyBackend& be, ParamSet ps, Op op) {
    const Params p = params(ps);
    uint8_t seed[64], m[32];
    for (int i = 0; i < 64; i++) seed[i] = static_cast<uint8_t>(i * 7 + 1);
    for (int i = 0; i < 32; i++) m[i] = static_cast<uint8_t>(i * 3 + 5);
    Bytes ek(p.ek_size()), dk(p.dk_size()), c(p.ct_size());
    uint8_t k[32];
    detail::keygen(be, p, seed, seed + 32, ek.data(), dk.data());
    detail::encaps(be, p, ek.data(), m, c.data(), k);
    CycleMedian cm;
    for (auto _ : state) {
        cm.start();
        switch (op) {
            case Op::keygen:
                detail::keygen(be, p, seed, seed + 32, ek.data(), dk.data());
                break;
            case Op::encaps:
                detail::encaps(be, p, ek.data(), m, c.data(), k);
                break;
            case Op::decaps:
                detail::decaps(be, p, dk.data(), c.data(), k);
                break;
        }
        cm.stop();
        benchmark::DoNotOptimize(k);
        benchmark::ClobberMemory();
    }
    cm.report(state);
}

// The dispatched public API, with its input checks (the rows in bench/rows/mlkem.txt).
void run_api(benchmark::State& state, ParamSet ps, Op op) {
    uint8_t seed[64], m[32];
    for (int i = 0; i < 64; i++) seed[i] = static_cast<uint8_t>(i * 7 + 1);
    for (int i = 0; i < 32; i++) m[i] = static_cast<uint8_t>(i * 3 + 5);
    auto kp = keygen_from_seed(ps, seed).value();
    auto enc = encaps_internal(ps, kp.ek, m).value();
    CycleMedian cm;
    for (auto _ : state) {
        cm.start();
        switch (op) {
            case Op::keygen: {
                auto r = keygen_from_seed(ps, seed);
                benchmark::DoNotOptimize(r);
                break;
            }
            case Op::encaps: {
                auto r = encaps_internal(ps, kp.ek, m);
                benchmark::DoNotOptimize(r);
                break;
            }
            case Op::decaps: {
                auto r = decaps(ps, kp.dk.view(), enc.c);
                benchmark::DoNotOptimize(r);
                break;
            }
        }
        cm.stop();
    }
    cm.report(state);
}

const struct {
    const char* name;
    ParamSet ps;
} kSets[] = {{"mlkem512", ParamSet::mlkem512},
             {"mlkem768", ParamSet::mlkem768},
             {"mlkem1024", ParamSet::mlkem1024}};
const struct {
    const char* name;
    Op op;
} kOps[] = {{"keygen", Op::keygen}, {"encaps", Op::encaps}, {"decaps", Op::decaps}};

int register_all() {
    for (const auto& s : kSets) {
        for (const auto& o : kOps) {
            for (const detail::PolyBackend* be : detail::backends()) {
                benchmark::RegisterBenchmark(
                    (std::string(s.name) + "/" + be->name + "/" + o.name).c_str(),
                    [be, ps = s.ps, op = o.op](benchmark::State& st) { run(st, *be, ps, op); });
            }
            benchmark::RegisterBenchmark(
                (std::string(s.name) + "/" + o.name).c_str(),
                [ps = s.ps, op = o.op](benchmark::State& st) { run_api(st, ps, op); });
        }
    }
    return 0;
}
const int kRegistered = register_all();

}  // namespace
