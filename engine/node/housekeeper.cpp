#include "node/housekeeper.h"

#include <boost/json.hpp>
#include <cstdio>
#include <exception>
#include <set>

#include "core/log.h"
#include "core/thread_name.h"
#include "node/engine.h"
#include "node/limits_json.h"
#include "node/pipeline.h"
#include "node/protection/faults_json.h"

namespace seckill::node {

Housekeeper::~Housekeeper() { stop(); }

void Housekeeper::start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        name_this_thread("seckill-keeper");
        std::unique_lock guard(mu_);
        while (!stopping_) {
            guard.unlock();
            tick();
            guard.lock();
            wake_.wait_for(guard, std::chrono::milliseconds(engine_.options().tick_ms),
                           [this] { return stopping_; });
        }
    });
}

void Housekeeper::stop() {
    {
        std::lock_guard lock(mu_);
        if (!thread_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Housekeeper::tick() {
    // A frozen node neither beats nor expires: peers must see it go silent.
    engine_.freeze().wait();
    const Millis now = engine_.clock().now_ms();
    protect();
    engine_.sales().for_each([now](SaleSlot& slot) { slot.holders.sweep(now); });
    try {
        // A node another process replaced stays out: no ledger calls, readyz says why.
        if (engine_.membership().retired()) return;
        if (engine_.membership().rejoin_due()) {
            // Ask first whether another process took this node id over; registering again
            // would fence that one, which would then fence this one, and so on.
            heartbeat(engine_.clock().now_ms());
            if (engine_.membership().retired()) return;
            engine_.rejoin();
            last_heartbeat_ = std::chrono::steady_clock::now();
        }
        // The heartbeat first: a slow or failing duty below must not make peers take this
        // node for dead while it still believes it may sell.
        const auto since = std::chrono::steady_clock::now() - last_heartbeat_;
        if (since >= std::chrono::milliseconds(engine_.options().heartbeat_ms))
            heartbeat(engine_.clock().now_ms());
        engine_.sales().for_each([this](SaleSlot& slot) {
            if (slot.resync_due.load(std::memory_order_acquire)) engine_.leases().resync(slot);
        });
        engine_.group_commit().orphans().cancel_some(engine_.ledger(), engine_.sales(),
                                                     engine_.leases(), now);
        sync_sales(now);
        expire(now);
        apply_control();
        engine_.sales().for_each(
            [this](SaleSlot& slot) { engine_.leases().settle_to_target(slot); });
        queue_depth_.store(engine_.ledger().queue_depth(), std::memory_order_relaxed);
        engine_.events().publish(engine_.ledger());
        engine_.set_ledger_reachable(true);
    } catch (const Fenced&) {
        // A lease call found the registration stale; the node is suspended and rejoins at
        // the next tick.
        engine_.set_ledger_reachable(true);
    } catch (const std::exception&) {
        // The ledger is unreachable; buys already answer 503 on their own calls, and
        // /readyz reports it. The next tick tries again.
        engine_.set_ledger_reachable(false);
    }
}

void Housekeeper::sync_sales(Millis now) {
    std::set<std::string, std::less<>> listed;
    for (SaleView& view : engine_.ledger().list_sales(now)) {
        listed.insert(view.config.id);
        auto [slot, added] = engine_.sales().find_or_add(view);
        slot->gone.store(false, std::memory_order_relaxed);
        if (!added) slot->set_view(view);
        if (view.state == SaleState::ended) {
            // Units left in an ended sale's lease can never sell here; the pool keeps the
            // count honest for reports.
            engine_.leases().return_all(*slot);
        } else {
            // The pool as of this tick: without it a node that emptied the pool would never
            // see units another node returned, and a rebalance raising its target would not
            // settle (settle_to_target skips the ledger while the hint reads 0).
            slot->pool_hint.store(view.stock.pool, std::memory_order_relaxed);
            engine_.leases().reopen_if_restocked(*slot, view.stock.pool);
        }
    }
    // A sale the ledger no longer lists (it lost its data) is not sold here either.
    engine_.sales().for_each([&](SaleSlot& slot) {
        if (!listed.contains(slot.id())) slot.gone.store(true, std::memory_order_relaxed);
    });
}

void Housekeeper::expire(Millis now) {
    // Bounded per tick so a backlog never starves the other duties; a large one is
    // worked off at 10,000 per tick.
    for (int round = 0; round < 10; ++round) {
        const auto expired = engine_.ledger().expire_due(now, 1000);
        for (const auto& order : expired) {
            if (SaleSlot* slot = engine_.sales().find(order.sale)) {
                slot->holders.remove(order.user);
                engine_.leases().reopen_if_restocked(*slot, 1);
            }
        }
        expired_.fetch_add(expired.size(), std::memory_order_relaxed);
        if (expired.size() < 1000) break;
    }
}

void Housekeeper::apply_control() {
    const store::ControlState control = engine_.ledger().control();
    if (control_seen_ && control.version == control_version_) return;
    control_seen_ = true;
    control_version_ = control.version;
    apply_allocations();
    engine_.protection().apply(control.protection_json);
    const int level = control.degrade_for(engine_.options().node_id);
    if (auto l = degrade_level_from_int(level)) engine_.admission().set_degrade(*l);
    if (!control.limits_json.empty()) {
        boost::system::error_code ec;
        const auto doc = boost::json::parse(control.limits_json, ec);
        if (!ec) {
            auto rules = rules_from_json(doc);
            if (auto* r = std::get_if<std::vector<limit::Rule>>(&rules))
                engine_.admission().set_rules(std::move(*r));
        }
    }
}

void Housekeeper::protect() {
    const Millis now = steady_ms();
    if (now - signal_at_ >= 1000) {
        const auto latest = engine_.metrics().latency(Route::buy).snapshot();
        const auto window = latest.minus(signal_latency_);
        buy_p99_ms_ = window.count ? window.quantile_us(0.99) / 1000.0 : 0.0;
        signal_latency_ = latest;
        signal_at_ = now;
    }
    SignalValues v{};
    v[std::size_t(Signal::buy_p99_ms)] = buy_p99_ms_;
    CircuitBreaker& breaker = engine_.protection().ledger_breaker();
    breaker.refresh(now);
    v[std::size_t(Signal::ledger_breaker)] = breaker.state() == BreakerState::open ? 1.0 : 0.0;
    v[std::size_t(Signal::ledger_error_ratio)] = breaker.error_ratio(now);
    v[std::size_t(Signal::order_queue_depth)] =
        double(queue_depth_.load(std::memory_order_relaxed));
    v[std::size_t(Signal::inflight_buys)] = double(engine_.group_commit().waiting());
    engine_.protection().tick(v, now);
}

void Housekeeper::apply_allocations() {
    const std::string& me = engine_.options().node_id;
    engine_.sales().for_each([&](SaleSlot& slot) {
        const auto targets = engine_.ledger().allocation(slot.id());
        const auto it = targets.find(me);
        // A node the rebalance did not name (it joined later) refills by demand.
        slot.lease_target.store(it == targets.end() ? -1 : it->second, std::memory_order_relaxed);
    });
}

void Housekeeper::heartbeat(Millis now) {
    const auto sent = std::chrono::steady_clock::now();
    compare_leases(now);
    const auto rtt_from = std::chrono::steady_clock::now();
    const auto result = engine_.ledger().heartbeat(engine_.options().node_id, stats_json(), now,
                                                   engine_.membership().epoch());
    last_heartbeat_ = sent;
    // Timed from after compare_leases: the heartbeat call alone, one ledger round trip.
    ledger_rtt_us_.store(std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - rtt_from)
                             .count(),
                         std::memory_order_relaxed);
    switch (result) {
        case store::HeartbeatResult::ok:
            engine_.membership().renewed(sent);
            break;
        case store::HeartbeatResult::fenced:
            if (!engine_.membership().suspended())
                log::warn("fenced", {{"node", engine_.options().node_id},
                                     {"action", "dropping its lease and rejoining"},
                                     {"why", "the ledger took this node for dead"}});
            engine_.membership().suspend(
                "this node's registration was fenced (taken for dead); rejoining");
            return;
        case store::HeartbeatResult::superseded:
            log::error("superseded",
                       {{"node", engine_.options().node_id},
                        {"why", "another process registered as node " + engine_.options().node_id +
                                    " after this one"},
                        {"action", "stopped selling, will not register again: stop this process"}});
            engine_.membership().retire("another process registered as node " +
                                        engine_.options().node_id +
                                        " after this one; this one stopped selling: stop it");
            return;
        case store::HeartbeatResult::reset:
            log::error("ledger_reset",
                       {{"node", engine_.options().node_id},
                        {"why", "the ledger lost its data (identity changed)"},
                        {"action", "dropping every lease and cache, registering again"}});
            engine_.membership().suspend("the ledger lost its data (identity changed); rejoining");
            return;
    }
    // Any live node may return a dead node's lease; the ledger makes it happen once.
    engine_.ledger().reclaim_dead_nodes(now, engine_.options().node_ttl_ms);
}

void Housekeeper::compare_leases(Millis now) {
    std::map<std::string, std::int64_t> local, recorded;
    engine_.sales().for_each([&](SaleSlot& s) { local[s.id()] = s.lease.available(); });
    for (store::NodeInfo& n : engine_.ledger().list_nodes(now, engine_.options().node_ttl_ms))
        if (n.id == engine_.options().node_id) recorded = std::move(n.leases);
    disagreements_ = agreement_.observe(local, recorded);
}

std::string Housekeeper::stats_json() { return to_json(stats()); }

HeartbeatStats Housekeeper::stats() {
    HeartbeatStats s;
    NodeMetrics& m = engine_.metrics();
    for (const BuyOutcomeInfo& o : buy_outcomes) s.buys[std::size_t(o.outcome)] = m.buys(o.outcome);
    s.pipeline = pipeline_counts(engine_);
    // Latency over the time since the last heartbeat, not since start: a dashboard wants
    // what is happening now.
    const auto latest = m.latency(Route::buy).snapshot();
    const auto window = latest.minus(last_buy_latency_);
    last_buy_latency_ = latest;
    s.p50_ms = window.quantile_us(0.50) / 1000.0;
    s.p99_ms = window.quantile_us(0.99) / 1000.0;
    s.latency_buckets = window.buckets;
    engine_.sales().for_each([&](SaleSlot& slot) {
        const std::int64_t available = slot.lease.available();
        s.leases[slot.id()] = available;
        s.lease += available;
        if (const auto n = slot.undersold.load(std::memory_order_relaxed); n > 0)
            s.undersold[slot.id()] = n;
        if (const auto t = slot.lease_target.load(std::memory_order_relaxed); t >= 0)
            s.lease_targets[slot.id()] = t;
    });
    // I7 and I8 as this node sees them (see LeaseAgreement and BuyService).
    for (const auto& [sale, d] : disagreements_) s.lease_disagreements[sale] = {d.local, d.ledger};
    for (const store::ActiveFault& f : engine_.faults().active()) s.faults.push_back(report(f));
    s.requests = m.total_requests();
    s.rps = double(s.requests - std::min(s.requests, last_requests_)) /
            (double(engine_.options().heartbeat_ms) / 1000.0);
    last_requests_ = s.requests;
    s.weight = engine_.options().weight;
    s.heartbeat_ms = engine_.options().heartbeat_ms;
    s.ttl_ms = engine_.options().node_ttl_ms;
    s.sold = engine_.group_commit().committed();
    s.queue_depth = queue_depth_.load(std::memory_order_relaxed);  // as of the last good tick
    s.order_writer = engine_.order_db() != nullptr;
    s.degrade_level = int(engine_.admission().degrade());
    s.degrade_manual = int(engine_.admission().manual_degrade());
    s.degrade_auto = int(engine_.admission().auto_degrade());
    s.ledger_breaker = to_string(engine_.protection().ledger_breaker().state());
    s.order_db_breaker = to_string(engine_.protection().order_db_breaker().state());
    s.epoch = engine_.membership().epoch();
    s.may_sell = engine_.membership().may_sell();
    s.fenced = engine_.membership().fenced_total();
    // What this node applied, so an operator sees a change has landed everywhere.
    s.control_version = control_version_;
    return s;
}

}  // namespace seckill::node
