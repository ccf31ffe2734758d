// Instantiates the generic curve code (internal/curve_impl.h) for brainpool_p384r1.
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"

namespace keel::crypto::ec::detail {

using BrainpoolP384r1Impl = CurveImpl<BrainpoolP384r1Params, Mont<BrainpoolP384r1Params::Field>>;
constinit const CurveOps kBrainpoolP384Ops = BrainpoolP384r1Impl::make_ops(Curve::brainpool_p384r1);

}  // namespace keel::crypto::ec::detail
