#pragma once
// Open connections per client address, capped like nginx's `limit_conn` on
// $binary_remote_addr: one address cannot take every connection slot of the node. Counted at
// accept time on the TCP peer address — forwarding headers have not arrived yet, and a
// client could write anything into them.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace seckill::node::http {

class PeerConnections {
  public:
    // Gives its slot back when destroyed; empty when the address was over its cap.
    class Permit {
      public:
        Permit() = default;
        Permit(Permit&& other) noexcept : owner_(other.owner_), peer_(std::move(other.peer_)) {
            other.owner_ = nullptr;
        }
        Permit& operator=(Permit&& other) noexcept;
        Permit(const Permit&) = delete;
        Permit& operator=(const Permit&) = delete;
        ~Permit() { release(); }
        explicit operator bool() const { return owner_ != nullptr; }
        void release();

      private:
        friend class PeerConnections;
        Permit(PeerConnections* owner, std::string peer) : owner_(owner), peer_(std::move(peer)) {}
        PeerConnections* owner_ = nullptr;
        std::string peer_;
    };

    explicit PeerConnections(std::int64_t max_per_peer) : max_(max_per_peer) {}

    // Once per accepted connection (not per request), so a mutex is cheap enough.
    [[nodiscard]] Permit try_acquire(const std::string& peer);
    std::int64_t open(const std::string& peer) const;
    std::int64_t max() const { return max_; }

  private:
    void release(const std::string& peer);

    const std::int64_t max_;
    mutable std::mutex mu_;
    std::unordered_map<std::string, std::int64_t> open_;  // only addresses with connections
};

}  // namespace seckill::node::http
