// Instantiates the generic curve code (internal/curve_impl.h) for brainpool_p256r1.
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"

namespace keel::crypto::ec::detail {

using BrainpoolP256r1Impl = CurveImpl<BrainpoolP256r1Params, Mont<BrainpoolP256r1Params::Field>>;
constinit const CurveOps kBrainpoolP256Ops = BrainpoolP256r1Impl::make_ops(Curve::brainpool_p256r1);

}  // namespace keel::crypto::ec::detail
