#include "node/holder_cache.h"

#include <algorithm>
#include <functional>

namespace seckill::node {

HolderCache::Shard& HolderCache::shard_for(std::string_view user) {
    return shards_[(StringHash{}(user) >> 48) % shards_.size()];
}

bool HolderCache::at_limit(std::string_view user, int limit, Millis now) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    auto it = s.users.find(user);
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
    Entry& e = s.users.try_emplace(std::string(user)).first->second;
    ++e.held;
    e.expires = now + ttl_;
}

void HolderCache::mark_at_limit(std::string_view user, int limit, Millis now) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    Entry& e = s.users.try_emplace(std::string(user)).first->second;
    e.held = std::max(e.held, limit);
    e.expires = now + ttl_;
}

void HolderCache::remove(std::string_view user) {
    Shard& s = shard_for(user);
    std::lock_guard lock(s.mu);
    auto it = s.users.find(user);
    if (it != s.users.end() && --it->second.held <= 0) s.users.erase(it);
}

void HolderCache::clear() {
    for (auto& shard : shards_) {
        std::lock_guard lock(shard.mu);
        shard.users.clear();
    }
}

void HolderCache::sweep(Millis now) {
    Shard& s = shards_[next_sweep_];
    next_sweep_ = (next_sweep_ + 1) % shards_.size();
    std::lock_guard lock(s.mu);
    std::erase_if(s.users, [now](const auto& entry) { return entry.second.expires <= now; });
}

std::size_t HolderCache::size() {
    std::size_t n = 0;
    for (auto& shard : shards_) {
        std::lock_guard lock(shard.mu);
        n += shard.users.size();
    }
    return n;
}

}  // namespace seckill::node
