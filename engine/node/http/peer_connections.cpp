#include "node/http/peer_connections.h"

namespace seckill::node::http {

PeerConnections::Permit& PeerConnections::Permit::operator=(Permit&& other) noexcept {
    if (this != &other) {
        release();
        owner_ = other.owner_;
        peer_ = std::move(other.peer_);
        other.owner_ = nullptr;
    }
    return *this;
}

void PeerConnections::Permit::release() {
    if (!owner_) return;
    owner_->release(peer_);
    owner_ = nullptr;
}

PeerConnections::Permit PeerConnections::try_acquire(const std::string& peer) {
    std::lock_guard lock(mu_);
    auto& n = open_[peer];
    if (n >= max_) {
        if (n == 0) open_.erase(peer);
        return {};
    }
    ++n;
    return Permit(this, peer);
}

void PeerConnections::release(const std::string& peer) {
    std::lock_guard lock(mu_);
    auto it = open_.find(peer);
    if (it == open_.end()) return;
    // Entries go when their last connection does, so the table holds only open addresses.
    if (--it->second <= 0) open_.erase(it);
}

std::int64_t PeerConnections::open(const std::string& peer) const {
    std::lock_guard lock(mu_);
    auto it = open_.find(peer);
    return it == open_.end() ? 0 : it->second;
}

}  // namespace seckill::node::http
