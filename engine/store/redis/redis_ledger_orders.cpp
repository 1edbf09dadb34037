// Orders (pay, cancel, expiry) and the order event streams the order writers drain.
#include <algorithm>
#include <iterator>
#include <map>

#include "core/log.h"
#include "store/redis/redis_keys.h"
#include "store/redis/redis_ledger.h"

namespace seckill::store::redis {
namespace {

using Strings = std::vector<std::string>;

// {id, user, status, created, updated, pay_before} as the scripts' order_reply builds it.
Order order_from(std::string_view sale, const Reply& r, std::size_t at = 0) {
    Order o;
    o.order_id = std::string(r.at(at).str());
    o.sale = std::string(sale);
    o.user = std::string(r.at(at + 1).str());
    o.status = parse_order_status(r.at(at + 2).str()).value_or(OrderStatus::reserved);
    o.created_at = r.at(at + 3).integer();
    o.updated_at = r.at(at + 4).integer();
    o.pay_before = r.at(at + 5).integer();
    return o;
}

Strings order_keys(std::string_view sale) {
    return {keys::meta(sale),      keys::holds(sale),  keys::orders(sale),
            keys::deadlines(sale), keys::events(sale), keys::levels(sale)};
}

// One stream entry [id, [field, value, …]] as an event: e = seq|id|user|status|created|
// updated|pay_before|creates (add_event in common.lua), or the eight field/value pairs of
// earlier versions. Nothing for an entry without fields (deleted while pending) or one
// that does not parse.
std::optional<OrderEvent> event_from(std::string_view sale, const Reply& entry) {
    const Reply fields = entry.at(1);
    OrderEvent e;
    e.ack_id = std::string(entry.at(0).str());
    e.order.sale = std::string(sale);
    if (fields.size() == 2 && fields.at(0).str() == "e") {
        std::string_view v[8];
        std::string_view rest = fields.at(1).str();
        for (std::size_t i = 0; i < 8; ++i) {
            const auto bar = rest.find('|');
            if ((bar == std::string_view::npos) != (i == 7)) return std::nullopt;
            v[i] = rest.substr(0, bar);
            if (bar != std::string_view::npos) rest.remove_prefix(bar + 1);
        }
        e.seq = std::uint64_t(int_of(v[0]));
        e.order.order_id = std::string(v[1]);
        e.order.user = std::string(v[2]);
        e.order.status = parse_order_status(v[3]).value_or(OrderStatus::reserved);
        e.order.created_at = int_of(v[4]);
        e.order.updated_at = int_of(v[5]);
        e.order.pay_before = int_of(v[6]);
        e.creates = v[7] == "1";
        return e;
    }
    if (fields.size() < 16) return std::nullopt;
    std::map<std::string_view, Reply> f;
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2) f[fields.at(i).str()] = fields.at(i + 1);
    e.seq = std::uint64_t(f["seq"].integer());
    e.creates = f["creates"].str() == "1";
    e.order.order_id = std::string(f["id"].str());
    e.order.user = std::string(f["user"].str());
    e.order.status = parse_order_status(f["status"].str()).value_or(OrderStatus::reserved);
    e.order.created_at = f["created"].integer();
    e.order.updated_at = f["updated"].integer();
    e.order.pay_before = f["pay_before"].integer();
    return e;
}

// Appends the entries of an XREADGROUP reply [[stream, [entry…]]] (nil when none); the ids
// of entries it cannot read go to `unreadable`.
void append_entries(std::string_view sale, const Reply& r, std::vector<OrderEvent>& out,
                    Strings& unreadable) {
    if (r.nil() || r.size() == 0) return;
    const Reply entries = r.at(0).at(1);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (auto e = event_from(sale, entries.at(i)))
            out.push_back(std::move(*e));
        else
            unreadable.emplace_back(entries.at(i).at(0).str());
    }
}

void throw_if_error(const Reply& r, std::string_view what) {
    if (r.is_error()) throw RedisError(std::string(what) + ": " + std::string(r.str()));
}

// Entries this writer cannot read must not stay its own: it re-reads its pending entries on
// every call, which keeps them from going idle, so no writer that can read them would ever
// claim them. They are handed to a member nobody reads as, marked idle already, so the
// next writer's claim takes them — not, most likely, this writer's own next claim.
void park_unreadable(RedisConnection& c, std::string_view sale, const std::string& stream,
                     const Strings& ids, Millis claim_idle_ms) {
    Strings cmd{"XCLAIM", stream, std::string(keys::writer_group),
                std::string(keys::unreadable_consumer), "0"};
    cmd.insert(cmd.end(), ids.begin(), ids.end());
    cmd.insert(cmd.end(), {"IDLE", std::to_string(claim_idle_ms), "JUSTID"});
    throw_if_error(c.command(cmd), "XCLAIM");
    log::warn("order_events_unreadable",
              {{"sale", sale},
               {"entries", ids.size()},
               {"first", ids.front()},
               {"why",
                "this node cannot read them (deleted, or in a newer version's format); "
                "left for an order writer that can"}});
}

}  // namespace

std::optional<std::string> RedisLedger::sale_of_order(std::string_view order_id) {
    Reply r = pool_.with([&](RedisConnection& c) {
        return c.command({"HGET", keys::order_sale, order_id});
    });
    if (r.nil()) return std::nullopt;
    return std::string(r.str());
}

std::optional<Order> RedisLedger::get_order(std::string_view order_id) {
    const auto sale = sale_of_order(order_id);
    if (!sale) return std::nullopt;
    const Strings k{keys::orders(*sale), keys::events(*sale)};
    const Strings a{std::string(order_id)};
    const Reply r = pool_.eval(Script::get_order, k, a);
    if (r.size() < 7) return std::nullopt;
    Order o = order_from(*sale, r);
    if (const auto position = r.at(6).integer(); position >= 0) o.queue_position = position;
    return o;
}

OrderUpdate RedisLedger::update_order(std::string_view order_id, Millis now, std::string_view op) {
    const auto sale = sale_of_order(order_id);
    if (!sale) return {};
    const Strings a{std::string(order_id), std::to_string(now), std::string(op)};
    const Reply r = pool_.eval(Script::update_order, order_keys(*sale), a);
    if (r.size() < 7) return {};
    const auto result =
        r.at(0).str() == "done" ? OrderUpdate::Result::done : OrderUpdate::Result::conflict;
    return {result, order_from(*sale, r, 1)};
}

OrderUpdate RedisLedger::pay(std::string_view order_id, Millis now) {
    return update_order(order_id, now, "pay");
}

OrderUpdate RedisLedger::cancel(std::string_view order_id, Millis now) {
    return update_order(order_id, now, "cancel");
}

std::vector<Order> RedisLedger::expire_due(Millis now, std::size_t max) {
    std::vector<Order> out;
    for (const auto& sale : sale_ids()) {
        if (out.size() >= max) break;
        const Strings a{std::to_string(now), std::to_string(max - out.size())};
        const Reply r = pool_.eval(Script::expire_due, order_keys(sale), a);
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(order_from(sale, r.at(i)));
    }
    return out;
}

std::vector<OrderEvent> RedisLedger::read_events(std::string_view consumer, std::size_t max) {
    std::vector<OrderEvent> out;
    if (max == 0) return out;
    bool claim = false;
    {
        std::lock_guard lock(claim_mu_);
        const auto now = std::chrono::steady_clock::now();
        if (now >= next_claim_) {
            claim = true;
            next_claim_ = now + std::chrono::milliseconds(options_.writer_claim_idle_ms / 4 + 1);
        }
    }
    const std::string group(keys::writer_group);
    const std::string idle = std::to_string(options_.writer_claim_idle_ms);
    for (const auto& sale : sale_ids()) {
        if (out.size() >= max) break;
        const std::string stream = keys::events(sale);
        pool_.with([&](RedisConnection& c) {
            if (claim) {
                // A writer that died holding events: after a while they become ours.
                const Reply r = c.command({"XAUTOCLAIM", stream, group, consumer, idle, "0-0",
                                           "COUNT", std::to_string(max), "JUSTID"});
                throw_if_error(r, "XAUTOCLAIM");
            }
            // Ours first (read before but not acknowledged: a retry after a failed write),
            // then new ones.
            Strings unreadable;
            const std::size_t before = out.size();
            for (const char* from : {"0", ">"}) {
                const std::size_t want = max - out.size();
                if (want == 0) break;
                const Reply r = c.command({"XREADGROUP", "GROUP", group, consumer, "COUNT",
                                           std::to_string(want), "STREAMS", stream, from});
                throw_if_error(r, "XREADGROUP");
                append_entries(sale, r, out, unreadable);
            }
            // A Redis full under `noeviction` refuses the SADD but not the acknowledgement that
            // frees memory: the writer keeps draining the queue, and says I4 may misjudge.
            if (out.size() > before) {
                const Reply added = c.command({"SADD", keys::writers(sale), consumer});
                if (added.is_error())
                    log::warn("order_writer_not_recorded",
                              {{"sale", sale},
                               {"writer", consumer},
                               {"error", added.str()},
                               {"why", "I4's order DB half may judge without this writer's DB"}});
            }
            if (!unreadable.empty())
                park_unreadable(c, sale, stream, unreadable, options_.writer_claim_idle_ms);
            return 0;
        });
    }
    return out;
}

void RedisLedger::ack_events(std::span<const OrderEvent> events) {
    // Per sale: the creation events' stream ids first (they count in `unwritten`), then
    // the others' — the layout ack_events.lua reads.
    struct Ids {
        Strings creates, others;
    };
    std::map<std::string_view, Ids> by_sale;
    for (const auto& e : events)
        (e.creates ? by_sale[e.order.sale].creates : by_sale[e.order.sale].others)
            .push_back(e.ack_id);
    for (auto& [sale, ids] : by_sale) {
        const Strings k{keys::events(sale), keys::meta(sale)};
        Strings a{std::string(keys::writer_group), std::to_string(ids.creates.size())};
        a.reserve(2 + ids.creates.size() + ids.others.size());
        std::move(ids.creates.begin(), ids.creates.end(), std::back_inserter(a));
        std::move(ids.others.begin(), ids.others.end(), std::back_inserter(a));
        pool_.eval(Script::ack_events, k, a);
    }
}

std::int64_t RedisLedger::queue_depth() {
    const Strings ids = sale_ids();
    std::vector<Strings> cmds;
    for (const auto& id : ids) cmds.push_back({"XLEN", keys::events(id)});
    const auto replies = pool_.with([&](RedisConnection& c) { return c.pipeline(cmds); });
    std::int64_t depth = 0;
    for (const auto& r : replies) depth += r.integer();
    return depth;
}

Ledger::OrderTally RedisLedger::order_tally(std::string_view sale) {
    // The writers after the counts: a writer that acknowledged events counted here is named
    // (check_order_db relies on it).
    const std::vector<Strings> cmds{{"HMGET", keys::meta(sale), "orders", "unwritten"},
                                    {"SMEMBERS", keys::writers(sale)}};
    const auto r = pool_.with([&](RedisConnection& c) { return c.pipeline(cmds); });
    OrderTally t{r.at(0).at(0).integer(), r.at(0).at(1).integer(), {}};
    for (std::size_t i = 0; i < r.at(1).size(); ++i) t.writers.emplace_back(r.at(1).at(i).str());
    std::sort(t.writers.begin(), t.writers.end());
    return t;
}

}  // namespace seckill::store::redis
