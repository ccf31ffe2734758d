// Instantiates the generic curve code (internal/curve_impl.h) for P-256: once over the
// portable Montgomery field, once over the BMI2+ADX field (internal/p256_field.h).
#include "base/cpu.h"
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"
#include "crypto/ec/internal/p256_field.h"

namespace keel::crypto::ec::detail {

using P256Impl = CurveImpl<P256Params, Mont<P256Params::Field>>;
constinit const CurveOps kP256Ops = P256Impl::make_ops(Curve::p256);

using P256AdxImpl = CurveImpl<P256Params, P256AdxField, P256AdxOrder>;
constinit const CurveOps kP256AdxOps = P256AdxImpl::make_ops(Curve::p256);

std::span<const EcBackend> p256_backends() {
    static const auto list = [] {
        struct List {
            EcBackend items[2];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", &kP256Ops};
        if (cpu::has(cpu::kBmi2 | cpu::kAdx)) l.items[l.n++] = {"adx", &kP256AdxOps};
        return l;
    }();
    return {list.items, list.n};
}

}  // namespace keel::crypto::ec::detail
