#include "store/memory_ledger.h"

#include <algorithm>
#include <stdexcept>

namespace seckill::store {

MemoryLedger::SaleRecord* MemoryLedger::find_sale(std::string_view sale) {
    auto it = sales_.find(sale);
    return it == sales_.end() ? nullptr : &it->second;
}

SaleView MemoryLedger::view_of(const SaleRecord& s, Millis now) const {
    return SaleView{s.config, effective_state(s.stored_state, s.config, now), s.stock};
}

void MemoryLedger::append_event(const Order& order, bool creates) {
    ++last_seq_;
    events_.emplace(last_seq_, OrderEvent{last_seq_, order, creates, std::to_string(last_seq_)});
}

bool MemoryLedger::create_sale(const SaleConfig& config, SaleState initial, Millis) {
    std::lock_guard lock(mu_);
    check_usable();
    if (sales_.contains(config.id)) return false;
    SaleRecord rec;
    rec.config = config;
    rec.stored_state = initial;
    rec.stock.total = config.total;
    rec.stock.pool = config.total;
    const SaleRecord& stored = sales_.emplace(config.id, std::move(rec)).first->second;
    persist_sale(stored);
    return true;
}

std::optional<SaleView> MemoryLedger::get_sale(std::string_view sale, Millis now) {
    std::lock_guard lock(mu_);
    check_usable();
    const SaleRecord* s = find_sale(sale);
    if (!s) return std::nullopt;
    return view_of(*s, now);
}

std::vector<SaleView> MemoryLedger::list_sales(Millis now) {
    std::lock_guard lock(mu_);
    check_usable();
    std::vector<SaleView> out;
    out.reserve(sales_.size());
    for (const auto& [id, s] : sales_) out.push_back(view_of(s, now));
    return out;
}

StateChange MemoryLedger::set_sale_state(std::string_view sale, SaleState state, Millis now) {
    std::lock_guard lock(mu_);
    check_usable();
    SaleRecord* s = find_sale(sale);
    if (!s) return StateChange::not_found;
    if (effective_state(s->stored_state, s->config, now) == SaleState::ended &&
        state != SaleState::ended)
        return StateChange::invalid;
    // Starting by hand overrides a schedule that has not opened yet.
    if (state == SaleState::running && s->config.starts_at && now < *s->config.starts_at)
        s->config.starts_at = now;
    s->stored_state = state;
    persist_sale(*s);
    return StateChange::done;
}

bool MemoryLedger::current(std::string_view node, std::uint64_t epoch) const {
    if (epoch == any_epoch) return true;
    auto it = nodes_.find(node);
    return it != nodes_.end() && !it->second.fenced && it->second.epoch == epoch;
}

LeaseGrant MemoryLedger::grant_lease(std::string_view sale, std::string_view node,
                                     std::int64_t want, std::uint64_t epoch) {
    std::lock_guard lock(mu_);
    check_usable();
    SaleRecord* s = find_sale(sale);
    if (!current(node, epoch)) return {0, s ? s->stock.pool : 0, true};
    if (!s || want <= 0) return {0, s ? s->stock.pool : 0};
    const std::int64_t n = std::min(want, s->stock.pool);
    s->stock.pool -= n;
    s->stock.leased += n;
    if (n > 0) s->leases[std::string(node)] += n;
    return {n, s->stock.pool};
}

std::int64_t MemoryLedger::return_lease(std::string_view sale, std::string_view node,
                                        std::int64_t count) {
    std::lock_guard lock(mu_);
    check_usable();
    SaleRecord* s = find_sale(sale);
    if (!s || count <= 0) return 0;
    auto it = s->leases.find(node);
    if (it == s->leases.end()) return 0;
    const std::int64_t n = std::min(count, it->second);
    it->second -= n;
    if (it->second == 0) s->leases.erase(it);
    s->stock.leased -= n;
    s->stock.pool += n;
    return n;
}

std::vector<CommitResult> MemoryLedger::commit(std::string_view sale, std::string_view node,
                                               std::span<const CommitItem> items, Millis now,
                                               std::uint64_t epoch) {
    std::vector<CommitResult> results(items.size());
    std::lock_guard lock(mu_);
    check_usable();
    if (!current(node, epoch)) {
        for (auto& r : results) r.outcome = CommitOutcome::fenced;
        return results;
    }
    SaleRecord* s = find_sale(sale);
    if (!s) return results;  // all not_found
    const bool open = effective_state(s->stored_state, s->config, now) == SaleState::running;
    auto lease = s->leases.find(node);
    const Millis pay_before = now + s->config.pay_timeout_s * 1000;
    std::vector<const OrderRecord*> created;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& r = results[i];
        if (!open) {
            r.outcome = CommitOutcome::not_open;
            continue;
        }
        if (lease == s->leases.end() || lease->second <= 0) {
            r.outcome = CommitOutcome::no_lease;
            continue;
        }
        if (const OrderRecord* dup = orders_.find(items[i].order_id)) {
            // A retried batch finds its own order: answer as before, change nothing. Any
            // other repeat of an id is refused rather than sold without a record.
            const Order& o = dup->order;
            const bool retry = o.sale == sale && o.user == items[i].user;
            r = retry ? CommitResult{CommitOutcome::reserved, o.pay_before}
                      : CommitResult{CommitOutcome::duplicate_order, 0};
            continue;
        }
        int& held = s->holdings[items[i].user];
        if (held >= s->config.per_user_limit) {
            r.outcome = CommitOutcome::limit_reached;
            continue;
        }
        ++held;
        --lease->second;
        --s->stock.leased;
        ++s->stock.reserved;
        ++s->orders;
        ++s->reserved_events;
        Order order{
            items[i].order_id, std::string(sale), items[i].user, OrderStatus::reserved, now, now,
            pay_before,        std::nullopt};
        append_event(order, true);
        created.push_back(
            orders_.try_emplace(order.order_id, OrderRecord{order, last_seq_, last_seq_}).first);
        deadlines_.emplace(pay_before, order.order_id);
        r = {CommitOutcome::reserved, pay_before};
    }
    if (lease != s->leases.end() && lease->second == 0) s->leases.erase(lease);
    // Before any buyer hears 201: a reservation the journal does not hold was not made.
    persist_orders(created);
    return results;
}

std::optional<Order> MemoryLedger::get_order(std::string_view order_id) {
    std::lock_guard lock(mu_);
    check_usable();
    const OrderRecord* rec = orders_.find(order_id);
    if (!rec) return std::nullopt;
    Order o = rec->order;
    if (auto e = events_.find(rec->created_seq); e != events_.end())
        o.queue_position = std::int64_t(std::distance(events_.begin(), e));
    return o;
}

void MemoryLedger::release(OrderRecord& rec, OrderStatus to, Millis now) {
    SaleRecord* s = find_sale(rec.order.sale);
    rec.order.status = to;
    rec.order.updated_at = now;
    if (s) {
        --s->stock.reserved;
        ++s->stock.pool;
        if (int* held = s->holdings.find(rec.order.user); held && --*held <= 0)
            s->holdings.erase(rec.order.user);
    }
    append_event(rec.order, false);
    rec.last_seq = last_seq_;
}

OrderUpdate MemoryLedger::pay(std::string_view order_id, Millis now) {
    std::lock_guard lock(mu_);
    check_usable();
    OrderRecord* found = orders_.find(order_id);
    if (!found) return {};
    OrderRecord& rec = *found;
    if (rec.order.status == OrderStatus::reserved) {
        if (now > rec.order.pay_before) {
            release(rec, OrderStatus::expired, now);
        } else {
            rec.order.status = OrderStatus::paid;
            rec.order.updated_at = now;
            if (SaleRecord* s = find_sale(rec.order.sale)) {
                --s->stock.reserved;
                ++s->stock.paid;
            }
            append_event(rec.order, false);
            rec.last_seq = last_seq_;
        }
        const OrderRecord* changed = &rec;
        persist_orders({&changed, 1});
    }
    const bool ok = rec.order.status == OrderStatus::paid;
    return {ok ? OrderUpdate::Result::done : OrderUpdate::Result::conflict, rec.order};
}

OrderUpdate MemoryLedger::cancel(std::string_view order_id, Millis now) {
    std::lock_guard lock(mu_);
    check_usable();
    OrderRecord* found = orders_.find(order_id);
    if (!found) return {};
    OrderRecord& rec = *found;
    if (rec.order.status == OrderStatus::reserved) {
        release(rec, OrderStatus::cancelled, now);
        const OrderRecord* changed = &rec;
        persist_orders({&changed, 1});
    }
    const bool ok = rec.order.status == OrderStatus::cancelled;
    return {ok ? OrderUpdate::Result::done : OrderUpdate::Result::conflict, rec.order};
}

std::vector<Order> MemoryLedger::expire_due(Millis now, std::size_t max) {
    std::vector<Order> expired;
    std::vector<const OrderRecord*> changed;
    std::lock_guard lock(mu_);
    check_usable();
    while (!deadlines_.empty() && deadlines_.top().first <= now && expired.size() < max) {
        OrderRecord* rec = orders_.find(deadlines_.top().second);
        deadlines_.pop();
        // Paid or cancelled orders leave their deadline behind; skipping them here is
        // cheaper than deleting from the middle of the heap.
        if (!rec || rec->order.status != OrderStatus::reserved) continue;
        release(*rec, OrderStatus::expired, now);
        expired.push_back(rec->order);
        changed.push_back(rec);
    }
    persist_orders(changed);
    return expired;
}

std::vector<OrderEvent> MemoryLedger::read_events(std::string_view consumer, std::size_t max) {
    std::lock_guard lock(mu_);
    check_usable();
    std::vector<OrderEvent> out;
    const std::string* last_sale = nullptr;
    for (auto it = events_.begin(); it != events_.end() && out.size() < max; ++it) {
        out.push_back(it->second);
        if (!last_sale || *last_sale != it->second.order.sale) {
            last_sale = &it->second.order.sale;
            if (SaleRecord* s = find_sale(*last_sale); s && !s->writers.contains(consumer))
                s->writers.emplace(consumer);
        }
    }
    return out;
}

void MemoryLedger::ack_events(std::span<const OrderEvent> events) {
    std::lock_guard lock(mu_);
    check_usable();
    for (const auto& e : events) events_.erase(e.seq);
    // Every event below the oldest one still queued is written: one number says it all.
    const std::uint64_t through = events_.empty() ? last_seq_ : events_.begin()->first - 1;
    if (journal_ && through != acked_through_) {
        persist([&] { journal_->put_acked_through(through); });
        acked_through_ = through;
    }
}

std::int64_t MemoryLedger::queue_depth() {
    std::lock_guard lock(mu_);
    check_usable();
    return std::int64_t(events_.size());
}

Registration MemoryLedger::register_node(std::string_view node, std::string_view address,
                                         Millis now) {
    std::lock_guard lock(mu_);
    check_usable();
    auto it = nodes_.find(node);
    if (it == nodes_.end()) {
        // The smallest number no registered node uses, so numbers stay within 10 bits.
        std::vector<bool> used(1024, false);
        for (const auto& [id, n] : nodes_) used[n.info.worker] = true;
        std::uint32_t worker = 0;
        while (worker < used.size() && used[worker]) ++worker;
        // Sharing a number would make two nodes' order ids collide: refuse instead.
        if (worker == used.size())
            throw std::runtime_error("node registry full: 1024 nodes hold every worker number");
        NodeRecord rec;
        rec.info.id = std::string(node);
        rec.info.worker = worker;
        it = nodes_.emplace(std::string(node), std::move(rec)).first;
    }
    it->second.info.address = std::string(address);
    it->second.info.started_at = now;
    it->second.info.last_heartbeat = now;
    auto& last = last_epoch_[std::string(node)];
    it->second.epoch = ++last;
    it->second.fenced = false;
    return {it->second.info.worker, it->second.epoch};
}

HeartbeatResult MemoryLedger::heartbeat(std::string_view node, std::string_view stats_json,
                                        Millis now, std::uint64_t epoch) {
    std::lock_guard lock(mu_);
    check_usable();
    auto it = nodes_.find(node);
    if (it == nodes_.end()) return HeartbeatResult::fenced;
    if (!current(node, epoch))
        return !it->second.fenced && it->second.epoch > epoch ? HeartbeatResult::superseded
                                                              : HeartbeatResult::fenced;
    it->second.info.last_heartbeat = now;
    it->second.info.stats_json = std::string(stats_json);
    return HeartbeatResult::ok;
}

std::int64_t MemoryLedger::return_all_leases_of(std::string_view node) {
    std::int64_t returned = 0;
    for (auto& [id, s] : sales_) {
        auto it = s.leases.find(node);
        if (it == s.leases.end()) continue;
        s.stock.pool += it->second;
        s.stock.leased -= it->second;
        returned += it->second;
        s.leases.erase(it);
    }
    return returned;
}

void MemoryLedger::deregister_node(std::string_view node) {
    std::lock_guard lock(mu_);
    check_usable();
    return_all_leases_of(node);
    if (auto it = nodes_.find(node); it != nodes_.end()) nodes_.erase(it);
}

std::int64_t MemoryLedger::reclaim_dead_nodes(Millis now, Millis ttl) {
    std::lock_guard lock(mu_);
    check_usable();
    std::int64_t returned = 0;
    for (auto& [id, n] : nodes_) {
        if (now - n.info.last_heartbeat <= ttl) continue;
        // Fence first: the node may be frozen, not dead, and must not sell from the lease
        // that goes back to the pool now.
        n.fenced = true;
        returned += return_all_leases_of(id);
    }
    return returned;
}

std::vector<NodeInfo> MemoryLedger::list_nodes(Millis now, Millis ttl) {
    std::lock_guard lock(mu_);
    check_usable();
    std::vector<NodeInfo> out;
    for (const auto& [id, n] : nodes_) {
        NodeInfo info = n.info;
        info.alive = now - info.last_heartbeat <= ttl;
        for (const auto& [sale, s] : sales_)
            if (auto l = s.leases.find(id); l != s.leases.end()) info.leases[sale] = l->second;
        out.push_back(std::move(info));
    }
    return out;
}

ControlState MemoryLedger::control() {
    std::lock_guard lock(mu_);
    check_usable();
    return control_;
}

void MemoryLedger::set_degrade(std::string_view node, int level) {
    std::lock_guard lock(mu_);
    check_usable();
    if (node.empty()) {
        control_.degrade_global = level;
        control_.degrade_by_node.clear();
    } else {
        control_.degrade_by_node[std::string(node)] = level;
    }
    ++control_.version;
    persist([&] { journal_->put_control(control_); });
}

void MemoryLedger::set_control_text(std::string ControlState::*field, std::string_view value) {
    std::lock_guard lock(mu_);
    check_usable();
    control_.*field = std::string(value);
    ++control_.version;
    persist([&] { journal_->put_control(control_); });
}

void MemoryLedger::set_limits(std::string_view rules_json) {
    set_control_text(&ControlState::limits_json, rules_json);
}

void MemoryLedger::set_protection(std::string_view protection_json) {
    set_control_text(&ControlState::protection_json, protection_json);
}

void MemoryLedger::publish_events(std::span<const NodeEvent> events) {
    std::lock_guard lock(events_mu_);
    for (NodeEvent e : events) {
        e.seq = ++last_event_seq_;
        node_events_.push_back(std::move(e));
    }
    while (node_events_.size() > kept_events) node_events_.pop_front();
}

std::vector<NodeEvent> MemoryLedger::events_since(std::uint64_t since, std::size_t max) {
    std::lock_guard lock(events_mu_);
    std::vector<NodeEvent> out;
    auto it = std::upper_bound(node_events_.begin(), node_events_.end(), since,
                               [](std::uint64_t s, const NodeEvent& e) { return s < e.seq; });
    for (; it != node_events_.end() && out.size() < max; ++it) out.push_back(*it);
    return out;
}

void MemoryLedger::set_allocation(std::string_view sale,
                                  const std::map<std::string, std::int64_t>& targets) {
    std::lock_guard lock(mu_);
    check_usable();
    SaleRecord* s = find_sale(sale);
    if (!s) return;
    s->allocation = targets;
    ++control_.version;
    persist_sale(*s);
    persist([&] { journal_->put_control(control_); });
}

std::map<std::string, std::int64_t> MemoryLedger::allocation(std::string_view sale) {
    std::lock_guard lock(mu_);
    check_usable();
    const SaleRecord* s = find_sale(sale);
    return s ? s->allocation : std::map<std::string, std::int64_t>{};
}

}  // namespace seckill::store
