// Instantiates the generic curve code (internal/curve_impl.h) for p384.
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"

namespace keel::crypto::ec::detail {

using P384Impl = CurveImpl<P384Params, Mont<P384Params::Field>>;
constinit const CurveOps kP384Ops = P384Impl::make_ops(Curve::p384);

}  // namespace keel::crypto::ec::detail
