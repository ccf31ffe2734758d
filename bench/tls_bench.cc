// TLS engine benchmarks, one section per part of tls/:
//
// 1. Record layer (tls/record): TLS 1.3 record protection in place, against the raw
//    AEAD it wraps at the same size, so the ratio is the framing cost (target: record
//    >= 0.85 x raw at 16 KiB). Names:
//      tls13_record_seal/<aead>/<size>   Tls13RecordProtection::seal, caller's buffer
//      tls13_record_open/<aead>/<size>   Tls13RecordProtection::open
//      tls13_record_write/<aead>/<size>  RecordWriter: copy the payload in + seal
//      tls13_raw_aead_seal/<aead>/<size> crypto::Aead::seal, 5-byte AAD
//      tls13_raw_aead_open/<aead>/<size> crypto::Aead::open
//    The open benchmarks restore the sealed bytes each iteration (in-place decryption
//    consumes them); the raw and record variants both pay that copy.
// 2. Handshakes (tls/hs, tls/engine): to be added by the engine beside section 1.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "crypto/aead/any_aead.h"
#include "tls/record/record_writer.h"
#include "tls/record/tls13_protection.h"

namespace keel::tls {
namespace {

// ---- 1. Record layer ----------------------------------------------------------------

using crypto::AeadAlg;

constexpr AeadAlg kRecordAlgs[] = {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm,
                                   AeadAlg::chacha20_poly1305};
constexpr size_t kRecordSizes[] = {1024, 16384};

Bytes bench_key(AeadAlg alg) {
    return Bytes(crypto::aead_key_size(alg), 0x42);
}
const Bytes kIv(12, 0x24);

Tls13RecordProtection record_keys(AeadAlg alg) {
    return std::move(*Tls13RecordProtection::create(alg, bench_key(alg), kIv));
}

void record_seal(benchmark::State& state, AeadAlg alg, size_t size) {
    auto p = record_keys(alg);
    Bytes rec(p.sealed_size(size, 0), 0x61);
    for (auto _ : state) {
        // The content is left in place: sealing ciphertext again costs the same.
        if (!p.seal(ContentType::application_data, size, 0, rec).ok()) {
            state.SkipWithError("seal failed");
            break;
        }
        benchmark::DoNotOptimize(rec.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

void record_open(benchmark::State& state, AeadAlg alg, size_t size) {
    auto w = record_keys(alg), r = record_keys(alg);
    Bytes sealed(w.sealed_size(size, 0), 0x61);
    (void)w.seal(ContentType::application_data, size, 0, sealed);
    Bytes rec = sealed;
    const Record view{ContentType::application_data, kRecordVersionTls12,
                      ByteView(rec).first(kRecordHeaderSize),
                      MutableByteView(rec).subspan(kRecordHeaderSize)};
    for (auto _ : state) {
        std::memcpy(rec.data(), sealed.data(), rec.size());
        r.set_sequence_for_testing(0);
        auto pt = r.open(view);
        if (!pt.ok()) {
            state.SkipWithError("open failed");
            break;
        }
        benchmark::DoNotOptimize(pt->content.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

void record_write(benchmark::State& state, AeadAlg alg, size_t size) {
    RecordWriter w;
    w.set_protection(RecordProtection(record_keys(alg)));
    const Bytes data(size, 0x61);
    Bytes out(w.output_size(ContentType::application_data, size));
    for (auto _ : state) {
        if (!w.write(ContentType::application_data, data, MutableByteView(out)).ok()) {
            state.SkipWithError("write failed");
            break;
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

void raw_seal(benchmark::State& state, AeadAlg alg, size_t size) {
    auto a = crypto::Aead::create(alg, bench_key(alg));
    const Bytes aad(kRecordHeaderSize, 0x17);
    Bytes buf(size, 0x61), tag(a->tag_size());
    for (auto _ : state) {
        (void)a->seal(kIv, aad, buf, tag);
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

void raw_open(benchmark::State& state, AeadAlg alg, size_t size) {
    auto a = crypto::Aead::create(alg, bench_key(alg));
    const Bytes aad(kRecordHeaderSize, 0x17);
    Bytes sealed(size, 0x61), tag(a->tag_size());
    (void)a->seal(kIv, aad, sealed, tag);
    Bytes buf = sealed;
    for (auto _ : state) {
        std::memcpy(buf.data(), sealed.data(), size);
        if (!a->open(kIv, aad, buf, tag).ok()) {
            state.SkipWithError("open failed");
            break;
        }
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

int register_record_benchmarks() {
    for (AeadAlg alg : kRecordAlgs) {
        const std::string a = crypto::aead_name(alg);
        for (size_t size : kRecordSizes) {
            const std::string s = "/" + a + "/" + std::to_string(size);
            benchmark::RegisterBenchmark(("tls13_record_seal" + s).c_str(), record_seal, alg, size);
            benchmark::RegisterBenchmark(("tls13_raw_aead_seal" + s).c_str(), raw_seal, alg, size);
            benchmark::RegisterBenchmark(("tls13_record_open" + s).c_str(), record_open, alg, size);
            benchmark::RegisterBenchmark(("tls13_raw_aead_open" + s).c_str(), raw_open, alg, size);
            benchmark::RegisterBenchmark(("tls13_record_write" + s).c_str(), record_write, alg,
                                         size);
        }
    }
    return 0;
}

const int record_registered = register_record_benchmarks();

// ---- 2. Handshakes: added with the engine. -----------------------------------------

}  // namespace
}  // namespace keel::tls
