// The cluster-wide log of automatic decisions (Ledger::publish_events) as one Redis
// stream whose ids are the events' numbers.
#include "store/redis/redis_keys.h"
#include "store/redis/redis_ledger.h"

namespace seckill::store::redis {
using Strings = std::vector<std::string>;

void RedisLedger::publish_events(std::span<const NodeEvent> events) {
    if (events.empty()) return;
    const Strings k{keys::node_events, keys::node_events_seq};
    Strings a{std::to_string(kept_events)};
    for (const NodeEvent& e : events) {
        a.push_back(std::to_string(e.at));
        a.push_back(e.node);
        a.push_back(e.json);
    }
    pool_.eval(Script::publish_events, k, a);
}

std::vector<NodeEvent> RedisLedger::events_since(std::uint64_t since, std::size_t max) {
    const Reply r = pool_.with([&](RedisConnection& c) {
        return c.command({"XRANGE", keys::node_events, std::to_string(since + 1) + "-0", "+",
                          "COUNT", std::to_string(max)});
    });
    std::vector<NodeEvent> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const Reply entry = r.at(i);
        NodeEvent e;
        const std::string_view id = entry.at(0).str();
        e.seq = std::uint64_t(int_of(id.substr(0, id.find('-'))));
        const Reply fields = entry.at(1);
        for (std::size_t f = 0; f + 1 < fields.size(); f += 2) {
            const std::string_view name = fields.at(f).str();
            if (name == "at")
                e.at = int_of(fields.at(f + 1).str());
            else if (name == "node")
                e.node = std::string(fields.at(f + 1).str());
            else if (name == "json")
                e.json = std::string(fields.at(f + 1).str());
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace seckill::store::redis
