// Instantiates the generic curve code (internal/curve_impl.h) for p521.
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"

namespace keel::crypto::ec::detail {

using P521Impl = CurveImpl<P521Params, Mont<P521Params::Field>>;
constinit const CurveOps kP521Ops = P521Impl::make_ops(Curve::p521);

}  // namespace keel::crypto::ec::detail
