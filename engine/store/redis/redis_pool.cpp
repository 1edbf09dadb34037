#include "store/redis/redis_pool.h"

#include <algorithm>

#include "store/redis/lua_scripts.h"

namespace seckill::store::redis {
namespace {

constexpr std::array<std::string_view, script_count> script_names{
    "ack_events",  "audit_scan",     "commit",        "create_sale",   "deregister_node",
    "expire_due",  "fence_node",     "get_order",     "grant_lease",   "heartbeat",
    "invariants",  "publish_events", "register_node", "return_leases", "set_allocation",
    "set_control", "set_state",      "update_order",
};
constexpr std::size_t max_idle = 32;
constexpr std::chrono::milliseconds first_backoff{50};
constexpr std::chrono::milliseconds max_backoff{1000};

}  // namespace

RedisPool::RedisPool(RedisUrl url, Timeouts timeouts) : url_(std::move(url)), timeouts_(timeouts) {
    for (std::size_t i = 0; i < script_count; ++i) {
        const auto& all = lua_sources();
        auto it = std::find_if(all.begin(), all.end(),
                               [&](const LuaSource& s) { return s.name == script_names[i]; });
        if (it == all.end())
            throw std::logic_error("Lua script missing from the build: " +
                                   std::string(script_names[i]));
        sources_[i] = std::string(it->text);
    }
}

RedisPool::Lease::Lease(RedisPool& p) : pool(p), conn(p.acquire()) {}

RedisPool::Lease::~Lease() {
    if (conn && !conn->broken()) pool.release(std::move(conn));
}

std::unique_ptr<RedisConnection> RedisPool::acquire() {
    {
        std::lock_guard lock(mu_);
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return c;
        }
        if (std::chrono::steady_clock::now() < retry_at_)
            throw RedisUnavailable("redis unavailable (retrying): " + last_error_);
    }
    try {
        auto c = std::make_unique<RedisConnection>(url_, timeouts_);
        std::lock_guard lock(mu_);
        backoff_ = std::chrono::milliseconds(0);
        return c;
    } catch (const RedisUnavailable& e) {
        std::lock_guard lock(mu_);
        backoff_ = std::clamp(backoff_ * 2, first_backoff, max_backoff);
        retry_at_ = std::chrono::steady_clock::now() + backoff_;
        last_error_ = e.what();
        throw;
    }
}

void RedisPool::release(std::unique_ptr<RedisConnection> c) {
    std::lock_guard lock(mu_);
    if (idle_.size() < max_idle) idle_.push_back(std::move(c));
}

std::string RedisPool::sha(Script s) {
    std::lock_guard lock(mu_);
    return shas_[std::size_t(s)];
}

void RedisPool::load(RedisConnection& c, Script script) {
    const auto i = std::size_t(script);
    Reply r = c.command({"SCRIPT", "LOAD", sources_[i]});
    if (r.is_error())
        throw RedisError("SCRIPT LOAD " + std::string(script_names[i]) + ": " +
                         std::string(r.str()));
    std::lock_guard lock(mu_);
    shas_[i] = std::string(r.str());
}

std::vector<std::string> RedisPool::evalsha_command(Script script,
                                                    std::span<const std::string> keys,
                                                    std::span<const std::string> args) {
    std::vector<std::string> cmd;
    cmd.reserve(3 + keys.size() + args.size());
    cmd.emplace_back("EVALSHA");
    cmd.push_back(sha(script));
    cmd.push_back(std::to_string(keys.size()));
    cmd.insert(cmd.end(), keys.begin(), keys.end());
    cmd.insert(cmd.end(), args.begin(), args.end());
    return cmd;
}

Reply RedisPool::eval(RedisConnection& c, Script script, std::span<const std::string> keys,
                      std::span<const std::string> args,
                      std::span<const std::vector<std::string>> before) {
    if (sha(script).empty()) load(c, script);
    auto cmd = evalsha_command(script, keys, args);
    Reply r;
    if (before.empty()) {
        r = c.command(cmd);
    } else {
        std::vector<std::vector<std::string>> cmds(before.begin(), before.end());
        cmds.push_back(cmd);
        r = c.pipeline(cmds).back();
    }
    if (r.is_error() && r.str().starts_with("NOSCRIPT")) {
        // Redis restarted (or SCRIPT FLUSH): the script cache is not persisted.
        load(c, script);
        cmd[1] = sha(script);
        r = c.command(cmd);
    }
    if (r.is_error()) {
        // A Redis still loading its AOF after a restart is down for our purposes.
        if (r.str().starts_with("LOADING") || r.str().starts_with("BUSY"))
            throw RedisUnavailable("redis: " + std::string(r.str()));
        throw RedisError(std::string(script_names[std::size_t(script)]) +
                         ".lua: " + std::string(r.str()));
    }
    return r;
}

}  // namespace seckill::store::redis
