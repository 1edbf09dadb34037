#include "node/http/client_address.h"

#include <algorithm>

namespace seckill::node::http {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool ClientAddress::is_trusted(std::string_view address) const {
    return std::find(trusted_.begin(), trusted_.end(), address) != trusted_.end();
}

std::string ClientAddress::resolve(std::string_view peer, std::string_view forwarded_for,
                                   std::string_view real_ip) const {
    if (trusted_.empty() || !is_trusted(peer)) return std::string(peer);
    if (auto ip = trim(real_ip); !ip.empty() && ip.size() <= 64) return std::string(ip);
    while (!forwarded_for.empty()) {
        const auto comma = forwarded_for.rfind(',');
        const auto hop =
            trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        if (!hop.empty() && !is_trusted(hop)) return std::string(hop.substr(0, 64));
        if (comma == std::string_view::npos) break;
        forwarded_for = forwarded_for.substr(0, comma);
    }
    return std::string(peer);
}

}  // namespace seckill::node::http
