// Instantiates the generic curve code (internal/curve_impl.h) for p256.
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"

namespace keel::crypto::ec::detail {

using P256Impl = CurveImpl<P256Params, Mont<P256Params::Field>>;
constinit const CurveOps kP256Ops = P256Impl::make_ops(Curve::p256);

}  // namespace keel::crypto::ec::detail
