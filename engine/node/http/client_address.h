#pragma once
// Which address a request counts against. Forwarding headers are believed only from a
// configured proxy; anyone else could write any address into them and dodge per-IP limits.
#include <string>
#include <string_view>
#include <vector>

namespace seckill::node::http {

class ClientAddress {
  public:
    explicit ClientAddress(std::vector<std::string> trusted_proxies = {})
        : trusted_(std::move(trusted_proxies)) {}

    // From a trusted peer: X-Real-IP when set, else the rightmost address in
    // X-Forwarded-For that is not itself a trusted proxy. Otherwise the peer.
    std::string resolve(std::string_view peer, std::string_view forwarded_for,
                        std::string_view real_ip) const;

    bool is_trusted(std::string_view address) const;

  private:
    std::vector<std::string> trusted_;
};

}  // namespace seckill::node::http
