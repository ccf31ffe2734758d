// Instantiates the generic curve code (internal/curve_impl.h) for brainpool_p512r1.
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"

namespace keel::crypto::ec::detail {

using BrainpoolP512r1Impl = CurveImpl<BrainpoolP512r1Params, Mont<BrainpoolP512r1Params::Field>>;
constinit const CurveOps kBrainpoolP512Ops = BrainpoolP512r1Impl::make_ops(Curve::brainpool_p512r1);

}  // namespace keel::crypto::ec::detail
