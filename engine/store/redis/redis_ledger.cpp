// Sales, leases and the commit of a batch of buys.
#include "store/redis/redis_ledger.h"

#include <algorithm>

#include "store/redis/control_watch.h"
#include "store/redis/redis_keys.h"

namespace seckill::store::redis {
namespace {

using Strings = std::vector<std::string>;

std::string str(std::int64_t v) { return std::to_string(v); }
std::string opt(const std::optional<Millis>& v) { return v ? str(*v) : std::string(); }

std::optional<Millis> opt_millis(const Reply& r) {
    if (r.nil() || r.str().empty()) return std::nullopt;
    return r.integer();
}

// HMGET order of the fields a SaleView needs.
const Strings meta_fields{"name",    "total", "per_user_limit", "pay_timeout_s", "starts_at",
                          "ends_at", "state", "pool",           "leased",        "reserved",
                          "paid"};

std::vector<std::string> hmget_meta(std::string_view sale) {
    Strings cmd{"HMGET", keys::meta(sale)};
    cmd.insert(cmd.end(), meta_fields.begin(), meta_fields.end());
    return cmd;
}

std::optional<SaleView> view_from(std::string_view sale, const Reply& r, Millis now) {
    if (r.size() != meta_fields.size() || r.at(1).nil()) return std::nullopt;
    SaleView v;
    v.config.id = std::string(sale);
    v.config.name = std::string(r.at(0).str());
    v.config.total = r.at(1).integer();
    v.config.per_user_limit = int(r.at(2).integer());
    v.config.pay_timeout_s = r.at(3).integer();
    v.config.starts_at = opt_millis(r.at(4));
    v.config.ends_at = opt_millis(r.at(5));
    const SaleState stored = parse_sale_state(r.at(6).str()).value_or(SaleState::paused);
    v.state = effective_state(stored, v.config, now);
    v.stock = {v.config.total, r.at(7).integer(), r.at(8).integer(), r.at(9).integer(),
               r.at(10).integer()};
    return v;
}

CommitOutcome outcome_from(long long code) {
    switch (code) {
        case 0:
            return CommitOutcome::reserved;
        case 1:
            return CommitOutcome::limit_reached;
        case 2:
            return CommitOutcome::not_open;
        case 3:
            return CommitOutcome::not_found;
        case 4:
            return CommitOutcome::no_lease;
        case 6:
            return CommitOutcome::fenced;
        default:
            return CommitOutcome::duplicate_order;
    }
}

}  // namespace

RedisLedger::RedisLedger(RedisUrl url, RedisLedgerOptions options)
    : pool_(url, options.timeouts), options_(options) {
    if (options_.watch_control) watch_ = std::make_unique<ControlWatch>(url, options.timeouts);
}

RedisLedger::~RedisLedger() = default;

std::vector<std::string> RedisLedger::sale_ids() {
    Reply r = pool_.with([](RedisConnection& c) { return c.command({"SMEMBERS", keys::sales}); });
    Strings ids;
    for (std::size_t i = 0; i < r.size(); ++i) ids.emplace_back(r.at(i).str());
    // A stable order, so readers of several sales see them the same way every time.
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool RedisLedger::create_sale(const SaleConfig& c, SaleState initial, Millis) {
    const Strings k{keys::meta(c.id), keys::events(c.id)};
    const Strings a{
        c.name,           str(c.total),   str(c.per_user_limit),          str(c.pay_timeout_s),
        opt(c.starts_at), opt(c.ends_at), std::string(to_string(initial))};
    return pool_.with([&](RedisConnection& conn) {
        const bool created = pool_.eval(conn, Script::create_sale, k, a).integer() == 1;
        if (created) conn.command({"SADD", keys::sales, c.id});
        return created;
    });
}

std::optional<SaleView> RedisLedger::get_sale(std::string_view sale, Millis now) {
    const Strings cmd = hmget_meta(sale);
    Reply r = pool_.with([&](RedisConnection& c) { return c.command(cmd); });
    return view_from(sale, r, now);
}

std::vector<SaleView> RedisLedger::list_sales(Millis now) {
    const Strings ids = sale_ids();
    std::vector<Strings> cmds;
    for (const auto& id : ids) cmds.push_back(hmget_meta(id));
    auto replies = pool_.with([&](RedisConnection& c) { return c.pipeline(cmds); });
    std::vector<SaleView> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (auto v = view_from(ids[i], replies[i], now)) out.push_back(std::move(*v));
    return out;
}

StateChange RedisLedger::set_sale_state(std::string_view sale, SaleState state, Millis now) {
    const Strings k{keys::meta(sale)};
    const Strings a{std::string(to_string(state)), str(now)};
    const Reply r = pool_.eval(Script::set_state, k, a);
    if (r.str() == "done") return StateChange::done;
    return r.str() == "invalid" ? StateChange::invalid : StateChange::not_found;
}

LeaseGrant RedisLedger::grant_lease(std::string_view sale, std::string_view node, std::int64_t want,
                                    std::uint64_t epoch) {
    const Strings k{keys::meta(sale), keys::leases(sale), keys::epochs};
    const Strings a{std::string(node), str(want), std::to_string(epoch)};
    const Reply r = pool_.eval(Script::grant_lease, k, a);
    if (r.at(0).integer() < 0) return {0, r.at(1).integer(), true};
    return {r.at(0).integer(), r.at(1).integer()};
}

std::int64_t RedisLedger::return_lease(std::string_view sale, std::string_view node,
                                       std::int64_t count) {
    if (count <= 0) return 0;
    const Strings k{keys::meta(sale), keys::leases(sale)};
    const Strings a{str(count), std::string(node)};
    return pool_.eval(Script::return_leases, k, a).integer();
}

std::vector<CommitResult> RedisLedger::commit(std::string_view sale, std::string_view node,
                                              std::span<const CommitItem> items, Millis now,
                                              std::uint64_t epoch) {
    std::vector<CommitResult> results(items.size());
    if (items.empty()) return results;
    const Strings k{keys::meta(sale),   keys::leases(sale),    keys::holds(sale),
                    keys::orders(sale), keys::deadlines(sale), keys::events(sale),
                    keys::epochs,       keys::levels(sale)};
    Strings a{str(now), std::string(node), std::to_string(epoch)};
    // The order id -> sale index lets pay and cancel find the sale from the id alone. It
    // is written first, in the same round trip: an index entry whose commit failed points
    // at a sale without that order, which reads as "no such order".
    Strings index{"HSET", keys::order_sale};
    for (const auto& item : items) {
        a.push_back(item.user);
        a.push_back(item.order_id);
        index.push_back(item.order_id);
        index.emplace_back(sale);
    }
    const std::vector<Strings> before{index};
    const Reply r =
        pool_.with([&](RedisConnection& c) { return pool_.eval(c, Script::commit, k, a, before); });
    for (std::size_t i = 0; i < items.size() && 2 * i + 1 < r.size(); ++i)
        results[i] = {outcome_from(r.at(2 * i).integer()), r.at(2 * i + 1).integer()};
    return results;
}

std::int64_t RedisLedger::return_leases_of(const std::vector<std::string>& nodes) {
    if (nodes.empty()) return 0;
    std::int64_t moved = 0;
    Strings a{"-1"};
    a.insert(a.end(), nodes.begin(), nodes.end());
    for (const auto& sale : sale_ids()) {
        const Strings k{keys::meta(sale), keys::leases(sale)};
        moved += pool_.eval(Script::return_leases, k, a).integer();
    }
    return moved;
}

void RedisLedger::set_allocation(std::string_view sale,
                                 const std::map<std::string, std::int64_t>& targets) {
    const Strings k{keys::alloc(sale)};
    Strings a;
    for (const auto& [node, units] : targets) {
        a.push_back(node);
        a.push_back(str(units));
    }
    pool_.eval(Script::set_allocation, k, a);
    set_control({});  // nodes re-read allocations when the control version moves
}

std::map<std::string, std::int64_t> RedisLedger::allocation(std::string_view sale) {
    Reply r = pool_.with([&](RedisConnection& c) {
        return c.command({"HGETALL", keys::alloc(sale)});
    });
    std::map<std::string, std::int64_t> out;
    for (std::size_t i = 0; i + 1 < r.size(); i += 2)
        out[std::string(r.at(i).str())] = r.at(i + 1).integer();
    return out;
}

void RedisLedger::wipe() {
    pool_.with([](RedisConnection& c) {
        std::string cursor = "0";
        do {
            Reply r = c.command({"SCAN", cursor, "MATCH", "sk:*", "COUNT", "1000"});
            cursor = std::string(r.at(0).str());
            Strings del{"DEL"};
            for (std::size_t i = 0; i < r.at(1).size(); ++i) del.emplace_back(r.at(1).at(i).str());
            if (del.size() > 1) c.command(del);
        } while (cursor != "0");
        return 0;
    });
}

}  // namespace seckill::store::redis
