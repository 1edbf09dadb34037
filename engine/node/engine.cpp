#include "node/engine.h"

#include <csignal>
#include <thread>

namespace seckill::node {

Engine::Engine(store::Ledger& ledger, store::OrderDb* orders, const Clock& clock,
               EngineOptions options)
    : faults_(),
      // An injected timeout hangs as long as a real ledger call may take (the Redis
      // command timeout is half the buy budget).
      faulty_(ledger, faults_, std::chrono::milliseconds(options.buy_budget_ms / 2)),
      events_(options.node_id, clock),
      protection_(admission_, events_),
      guarded_(faulty_, protection_.ledger_breaker()),
      freeze_(faults_),
      ledger_(guarded_),
      orders_(orders),
      crash_([] { std::raise(SIGKILL); }),
      clock_(clock),
      options_(std::move(options)),
      membership_(std::chrono::milliseconds(options_.node_ttl_ms),
                  std::chrono::milliseconds(options_.heartbeat_ms)),
      leases_(ledger_, membership_, options_.node_id, options_.lease_batch),
      commit_(ledger_, leases_, membership_, clock, options_.node_id, options_.commit_batch,
              freeze_),
      ids_(clock, 0),
      buys_(sales_, leases_, commit_, ids_, membership_, clock, protection_.ledger_breaker()),
      housekeeper_(std::make_unique<Housekeeper>(*this)) {
    if (orders_) {
        store::OrderWriter::Options writer;
        writer.consumer = std::string(order_writer_name());
        writer.faults = &faults_;
        writer.breaker = &protection_.order_db_breaker();
        writer_ = std::make_unique<store::OrderWriter>(ledger_, *orders_, writer);
    }
}

Engine::~Engine() { stop(); }

void Engine::start() {
    if (started_) return;
    const Millis now = clock_.now_ms();
    join();
    for (const SaleView& view : ledger_.list_sales(now)) {
        sales_.find_or_add(view);
        // A fresh process holds no units; whatever the ledger still counts as this node's
        // lease is left from a previous run that was killed, and goes back to the pool.
        ledger_.return_lease(view.config.id, options_.node_id, view.config.total);
    }
    commit_.start();
    if (writer_) writer_->start();
    housekeeper_->tick();
    housekeeper_->start();
    started_ = true;
}

void Engine::stop() {
    if (!started_) return;
    started_ = false;
    // A frozen node's threads wait at the freeze gate; stopping thaws them (a stop during
    // an hour-long freeze must not take the hour).
    faults_.clear();
    housekeeper_->stop();
    commit_.stop();
    // A replaced node's id, leases and registration belong to the process that took it
    // over: this one leaves them alone.
    if (!membership_.retired()) {
        try {
            sales_.for_each([this](SaleSlot& slot) { leases_.return_all(slot); });
            ledger_.deregister_node(options_.node_id);
        } catch (const std::exception&) {
            // The ledger is gone; survivors reclaim this node's leases when its heartbeat
            // expires (I5), so nothing is stranded for good.
        }
    }
    if (writer_) writer_->stop();
}

void Engine::abandon() {
    // stop() leaves a retired node's registration and leases alone.
    membership_.retire("this node crashed (injected fault)");
    stop();
}

void Engine::join() {
    const auto sent = std::chrono::steady_clock::now();
    const store::Registration r =
        ledger_.register_node(options_.node_id, options_.address, clock_.now_ms());
    ids_.set_worker(r.worker);
    membership_.joined(r, sent);
}

void Engine::rejoin() {
    // Each lease goes to zero on both sides, as for a no_lease verdict.
    sales_.for_each([this](SaleSlot& slot) {
        slot.holders.clear();
        leases_.resync(slot);
    });
    // Until join() succeeds the node stays suspended (buys answer 503).
    join();
}

void Engine::refresh_sale(std::string_view sale) {
    if (auto view = ledger_.get_sale(sale, clock_.now_ms())) {
        auto [slot, added] = sales_.find_or_add(*view);
        if (!added) slot->set_view(*view);
        leases_.reopen_if_restocked(*slot, view->stock.pool);
    }
}

void Engine::inject_faults(const std::vector<store::FaultSpec>& faults, bool replace) {
    if (replace) faults_.clear();
    bool crash = false;
    for (const store::FaultSpec& f : faults) {
        const store::ActiveFault a = faults_.add(f);
        events_.record("fault_injected", {{"fault", to_string(f.kind)},
                                          {"id", a.id},
                                          {"duration_s", double(f.duration_ms) / 1000.0},
                                          {"ratio", f.ratio}});
        crash = crash || f.kind == store::FaultKind::node_crash;
    }
    if (crash) {
        // Late enough for the caller's reply to leave; the process (or node) then ends
        // with no goodbye to the ledger, as a kill -9 would.
        std::thread([crash = crash_] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            crash();
        }).detach();
    }
}

void Engine::clear_faults() {
    faults_.clear();
    events_.record("faults_cleared", {});
}

}  // namespace seckill::node
