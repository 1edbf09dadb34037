#include "node/holder_cache.h"

#include <algorithm>
#include <functional>

namespace seckill::node {

HolderCache::Shard& HolderCache::shard_for(std::string_view user) {
    return shards_[std::hash<std::string_view>{}(user) % shards_.size()];
}

bool HolderCache::at_limit(std::string_view user, int limit, Millis now) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    auto it = s.users.find(std::string(user));
    if (it == s.users.end()) return false;
    if (it->second.expires <= now) {
        s.users.erase(it);
        return false;
    }
    return it->second.held >= limit;
}

void HolderCache::add(std::string_view user, Millis now) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    Entry& e = s.users[std::string(user)];
    ++e.held;
    e.expires = now + ttl_;
}

void HolderCache::mark_at_limit(std::string_view user, int limit, Millis now) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    Entry& e = s.users[std::string(user)];
    e.held = std::max(e.held, limit);
    e.expires = now + ttl_;
}

void HolderCache::remove(std::string_view user) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    auto it = s.users.find(std::string(user));
    if (it != s.users.end() && --it->second.held <= 0) s.users.erase(it);
}

void HolderCache::clear() {
    for (auto& shard : shards_) {
        std::lock_guard lock(shard.mu);
        shard.users.clear();
    }
}

}  // namespace seckill::node
