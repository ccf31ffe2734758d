#include "tls/schedule/transcript.h"

#include <cstdint>
#include <string>

namespace keel::tls {
namespace {
constexpr uint8_t kMessageHash = 254;  // HandshakeType message_hash, RFC 8446 §4
}  // namespace

Result<void> Transcript::set_hash(crypto::HashAlg alg) {
    if (hash_) {
        if (hash_->alg() == alg) return ok();
        return Error(Errc::invalid_argument,
                     "transcript hash already " + std::string(crypto::hash_name(hash_->alg())) +
                         ", cannot switch to " + std::string(crypto::hash_name(alg)));
    }
    hash_.emplace(alg);
    hash_->update(buffer_);
    buffer_.clear();
    buffer_.shrink_to_fit();
    return ok();
}

std::optional<crypto::HashAlg> Transcript::alg() const {
    if (!hash_) return std::nullopt;
    return hash_->alg();
}

size_t Transcript::digest_size() const {
    return hash_ ? hash_->digest_size() : 0;
}

void Transcript::add(ByteView message) {
    if (hash_) {
        hash_->update(message);
    } else {
        buffer_.insert(buffer_.end(), message.begin(), message.end());
    }
    count_++;
}

crypto::AnyDigest Transcript::hash() const {
    return hash_with({});
}

crypto::AnyDigest Transcript::hash_with(ByteView more) const {
    if (!hash_) return {};
    crypto::AnyHash copy = *hash_;
    copy.update(more);
    return copy.final();
}

Result<void> Transcript::replace_with_message_hash() {
    if (!hash_) {
        return Error(Errc::invalid_argument, "message_hash needs the transcript hash set");
    }
    if (replaced_) {
        return Error(Errc::invalid_argument, "ClientHello1 already replaced by message_hash");
    }
    if (count_ != 1) {
        return Error(Errc::invalid_argument,
                     "message_hash replaces exactly one ClientHello, transcript holds " +
                         std::to_string(count_) + " messages");
    }
    crypto::AnyDigest ch1 = hash_->final();  // final() also resets the running hash
    const uint8_t header[4] = {kMessageHash, 0, 0, static_cast<uint8_t>(ch1.size)};
    hash_->update(header);
    hash_->update(ch1.view());
    replaced_ = true;
    return ok();
}

}  // namespace keel::tls
