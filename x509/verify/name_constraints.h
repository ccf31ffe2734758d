// Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)(c), §6.1.4 (g)): whether the
// subject DN and subjectAltName of a certificate fall within the permitted subtrees
// and outside the excluded ones accumulated along a path.
#pragma once

#include <vector>

#include "x509/cert/certificate.h"

namespace keel::x509::detail {

class NameConstraintState {
  public:
    // §6.1.4 (g): every permitted set narrows (a name must satisfy each one), every
    // excluded set adds.
    void add(const NameConstraints& nc) { sets_.push_back(&nc); }
    // §6.1.3 (b)(c) for `cert`: false when one of its names is outside.
    bool permits(const Certificate& cert) const;

  private:
    std::vector<const NameConstraints*> sets_;
};

}  // namespace keel::x509::detail
