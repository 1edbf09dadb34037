#include "backend/node_watch.h"

#include <algorithm>
#include <set>

#include "backend/node_health.h"
#include "backend/node_stats.h"

namespace seckill::ui {

Millis NodeWatch::age(const store::NodeInfo& info, Millis wall_now, Millis steady_now) {
    auto [it, added] = seen_.try_emplace(info.id);
    Seen& s = it->second;
    if (added) {
        s = {info.last_heartbeat, steady_now, std::max<Millis>(0, wall_now - info.last_heartbeat)};
    } else if (info.last_heartbeat != s.last_heartbeat) {
        // A new beat: it was written at most one poll ago, which the judgement's two
        // periods absorb.
        s = {info.last_heartbeat, steady_now, 0};
    }
    return s.age_then + (steady_now - s.seen_at);
}

std::vector<NodeStatus> NodeWatch::statuses(std::vector<store::NodeInfo> registry, Millis wall_now,
                                            Millis steady_now,
                                            const std::map<std::string, std::string>& unanswered) {
    std::vector<NodeStatus> nodes;
    std::set<std::string> listed;
    for (store::NodeInfo& info : registry) {
        NodeStatus n;
        n.stats = parse_node_stats(info.stats_json, info.last_heartbeat);
        n.heartbeat_age_ms = age(info, wall_now, steady_now);
        const auto why = unanswered.find(info.id);
        n.health =
            judge_health(info, n.stats, n.heartbeat_age_ms,
                         why == unanswered.end() ? std::string() : why->second, n.health_detail);
        listed.insert(info.id);
        n.info = std::move(info);
        nodes.push_back(std::move(n));
    }
    std::erase_if(seen_, [&](const auto& kv) { return !listed.contains(kv.first); });
    rates_.update(nodes);
    return nodes;
}

}  // namespace seckill::ui
