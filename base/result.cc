#include "base/result.h"

namespace keel {

std::string_view errc_name(Errc code) {
    switch (code) {
        case Errc::closed: return "closed";
        case Errc::timeout: return "timeout";
        case Errc::options: return "options";
        case Errc::tls_alert: return "tls_alert";
        case Errc::bad_cert: return "bad_cert";
        case Errc::posix: return "posix";
        case Errc::malformed: return "malformed";
        case Errc::invalid_argument: return "invalid_argument";
        case Errc::auth_failed: return "auth_failed";
        case Errc::limit_exceeded: return "limit_exceeded";
        case Errc::entropy: return "entropy";
        case Errc::unsupported: return "unsupported";
    }
    return "unknown";
}

std::string Error::to_string() const {
    std::string s(errc_name(code_));
    if (!detail_.empty()) {
        s += ": ";
        s += detail_;
    }
    return s;
}

}  // namespace keel
