// The node registry (worker numbers, heartbeats with a TTL, reclaiming dead nodes' leases)
// and the control state every node applies.
#include <random>
#include <sstream>
#include <stdexcept>

#include "store/redis/control_watch.h"
#include "store/redis/redis_keys.h"
#include "store/redis/redis_ledger.h"

namespace seckill::store::redis {
namespace {

using Strings = std::vector<std::string>;

// "worker|started|last beat|address", as register_node.lua writes it.
NodeInfo node_from(std::string_view id, std::string_view v) {
    NodeInfo n;
    n.id = std::string(id);
    std::string_view parts[3];
    for (auto& p : parts) {
        const auto bar = v.find('|');
        p = v.substr(0, bar);
        v = bar == std::string_view::npos ? std::string_view() : v.substr(bar + 1);
    }
    n.worker = std::uint32_t(int_of(parts[0]));
    n.started_at = int_of(parts[1]);
    n.last_heartbeat = int_of(parts[2]);
    n.address = std::string(v);
    return n;
}

std::string random_identity() {
    std::random_device rd;
    std::ostringstream out;
    out << std::hex;
    for (int i = 0; i < 4; ++i) out << std::uint32_t(rd());
    return out.str();
}

}  // namespace

Registration RedisLedger::register_node(std::string_view node, std::string_view address,
                                        Millis now) {
    const Strings k{keys::nodes, keys::workers, keys::heartbeat(node), keys::epochs,
                    keys::identity};
    const Strings a{std::string(node), std::string(address), std::to_string(now),
                    std::to_string(options_.heartbeat_ttl_ms), random_identity()};
    const Reply r = pool_.eval(Script::register_node, k, a);
    const long long worker = r.at(0).integer();
    // Sharing a number would make two nodes' order ids collide: refuse instead.
    if (worker < 0)
        throw std::runtime_error("node registry full: 1024 nodes hold every worker number");
    std::lock_guard lock(identity_mu_);
    identity_ = std::string(r.at(2).str());
    return {std::uint32_t(worker), std::uint64_t(r.at(1).integer())};
}

HeartbeatResult RedisLedger::heartbeat(std::string_view node, std::string_view stats_json,
                                       Millis now, std::uint64_t epoch) {
    std::string identity;
    {
        std::lock_guard lock(identity_mu_);
        identity = identity_;
    }
    const Strings k{keys::nodes, keys::heartbeat(node), keys::epochs, keys::identity};
    const Strings a{std::string(node),     std::string(stats_json),
                    std::to_string(now),   std::to_string(options_.heartbeat_ttl_ms),
                    std::to_string(epoch), identity};
    const long long r = pool_.eval(Script::heartbeat, k, a).integer();
    if (r == 1) return HeartbeatResult::ok;
    if (r == 0) return HeartbeatResult::fenced;
    if (r == -2) return HeartbeatResult::superseded;
    // Reported once: the next registration adopts the new identity.
    std::lock_guard lock(identity_mu_);
    if (identity_ == identity) identity_.clear();
    return identity.empty() ? HeartbeatResult::fenced : HeartbeatResult::reset;
}

void RedisLedger::deregister_node(std::string_view node) {
    return_leases_of({std::string(node)});
    const Strings k{keys::nodes, keys::workers, keys::heartbeat(node), keys::epochs};
    const Strings a{std::string(node)};
    pool_.eval(Script::deregister_node, k, a);
}

std::vector<NodeInfo> RedisLedger::read_nodes(Millis now, Millis ttl) {
    const Reply all = pool_.with([](RedisConnection& c) {
        return c.command({"HGETALL", keys::nodes});
    });
    std::vector<NodeInfo> nodes;
    std::vector<Strings> beats;
    for (std::size_t i = 0; i + 1 < all.size(); i += 2) {
        nodes.push_back(node_from(all.at(i).str(), all.at(i + 1).str()));
        beats.push_back({"GET", keys::heartbeat(nodes.back().id)});
    }
    if (nodes.empty()) return nodes;
    const auto replies = pool_.with([&](RedisConnection& c) { return c.pipeline(beats); });
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        // Dead when the heartbeat key expired, or when the last beat is older than the
        // caller's ttl (which may be shorter than the key's).
        nodes[i].alive = !replies[i].nil() && now - nodes[i].last_heartbeat <= ttl;
        if (!replies[i].nil()) nodes[i].stats_json = std::string(replies[i].str());
    }
    return nodes;
}

std::int64_t RedisLedger::reclaim_dead_nodes(Millis now, Millis ttl) {
    Strings dead;
    for (const auto& n : read_nodes(now, ttl)) {
        if (n.alive) continue;
        // "Dead" compares the registry's beat time (the node's clock) with ours: nodes must
        // keep their clocks within TTL − one heartbeat of each other (NTP), or a node
        // whose clock is behind is fenced while alive (and rejoins, again and again).
        // Fence before returning: a node that was only frozen must not sell from the lease
        // once it is back in the pool. One whose heartbeat key reappeared is left alone.
        const Strings k{keys::nodes, keys::epochs};
        const Strings a{n.id, std::to_string(n.last_heartbeat)};
        if (pool_.eval(Script::fence_node, k, a).integer() == 1) dead.push_back(n.id);
    }
    // Every live node may run this at once; the script empties a dead node's lease entry
    // as it returns it, so each unit goes back to the pool exactly once.
    return return_leases_of(dead);
}

std::vector<NodeInfo> RedisLedger::list_nodes(Millis now, Millis ttl) {
    std::vector<NodeInfo> nodes = read_nodes(now, ttl);
    const Strings sales = sale_ids();
    std::vector<Strings> cmds;
    for (const auto& s : sales) cmds.push_back({"HGETALL", keys::leases(s)});
    const auto replies = pool_.with([&](RedisConnection& c) { return c.pipeline(cmds); });
    for (std::size_t s = 0; s < sales.size(); ++s) {
        const Reply& l = replies[s];
        for (std::size_t i = 0; i + 1 < l.size(); i += 2)
            for (auto& n : nodes)
                if (n.id == l.at(i).str()) n.leases[sales[s]] = l.at(i + 1).integer();
    }
    return nodes;
}

ControlState RedisLedger::fetch_control() {
    const Reply r = pool_.with([](RedisConnection& c) {
        return c.command({"HGETALL", keys::control});
    });
    ControlState s;
    for (std::size_t i = 0; i + 1 < r.size(); i += 2) {
        const std::string_view f = r.at(i).str();
        const Reply v = r.at(i + 1);
        if (f == "version")
            s.version = std::uint64_t(v.integer());
        else if (f == "degrade")
            s.degrade_global = int(v.integer());
        else if (f == "limits")
            s.limits_json = std::string(v.str());
        else if (f == "protection")
            s.protection_json = std::string(v.str());
        else if (f.starts_with("degrade:"))
            s.degrade_by_node[std::string(f.substr(8))] = int(v.integer());
    }
    return s;
}

ControlState RedisLedger::control() {
    // Nodes ask every tick; with the subscription up, Redis is read only when a change
    // was announced (and at least once a second, in case an announcement was missed).
    if (!watch_) return fetch_control();
    return watch_->get([this] { return fetch_control(); });
}

void RedisLedger::set_control(Strings field_values) {
    const Strings k{keys::control};
    Strings a{keys::control_channel};
    a.insert(a.end(), field_values.begin(), field_values.end());
    pool_.eval(Script::set_control, k, a);
    if (watch_) watch_->invalidate();
}

void RedisLedger::set_degrade(std::string_view node, int level) {
    if (node.empty())
        set_control({"*degrade", "", "degrade", std::to_string(level)});
    else
        set_control({"degrade:" + std::string(node), std::to_string(level)});
}

void RedisLedger::set_limits(std::string_view rules_json) {
    // An empty rule list is stored as is; '' would delete the field, meaning defaults.
    set_control({"limits", std::string(rules_json)});
}

void RedisLedger::set_protection(std::string_view protection_json) {
    set_control({"protection", std::string(protection_json)});
}

}  // namespace seckill::store::redis
