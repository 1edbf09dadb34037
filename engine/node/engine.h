#pragma once
// One node's engine without its HTTP front: the sales it knows, leases, group commit,
// order ids, admission state, metrics and the background housekeeping. The HTTP server
// and the console's embedded nodes both drive a node through this class.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/ids.h"
#include "node/admission.h"
#include "node/buy_service.h"
#include "node/group_commit.h"
#include "node/housekeeper.h"
#include "node/lease_manager.h"
#include "node/membership.h"
#include "node/node_metrics.h"
#include "node/protection/breaker_ledger.h"
#include "node/protection/event_log.h"
#include "node/protection/freeze_gate.h"
#include "node/protection/protection.h"
#include "node/sales_table.h"
#include "store/fault_plan.h"
#include "store/faulty_ledger.h"
#include "store/ledger.h"
#include "store/order_db.h"
#include "store/order_writer.h"

namespace seckill::node {

struct EngineOptions {
    std::string node_id = "n1";
    std::string address;             // host:port shown in the node registry
    std::int64_t lease_batch = 64;   // most units one refill takes from the pool
    std::size_t commit_batch = 512;  // most buys one ledger commit call carries
    Millis tick_ms = 100;            // housekeeping period
    Millis heartbeat_ms = 1000;
    Millis node_ttl_ms = 5000;      // a node silent this long is dead
    Millis expiry_grace_ms = 5000;  // I6: how late an expiry may be
    int weight = 1;                 // capacity relative to other nodes (nginx, rebalance)
    // The longest a buyer waits on the ledger: past it the answer is 503 (the unit goes
    // back, or a reservation made too late is cancelled). Ledger timeouts fit inside it.
    Millis buy_budget_ms = 250;
};

class Engine {
  public:
    // `orders` may be null: this node then writes no order DB (another node does).
    // Every call to `ledger` goes through the node's fault plan (empty unless QA injects
    // faults) and the breaker's recorder; ledger() is that guarded path.
    Engine(store::Ledger& ledger, store::OrderDb* orders, const Clock& clock,
           EngineOptions options);
    ~Engine();

    // Where the node serves, as the registry shows it; set before start().
    void set_address(std::string address) { options_.address = std::move(address); }
    // Registers the node, loads the sales and starts the background threads.
    void start();
    // Commits queued buys, returns every leased unit, leaves the registry and writes every
    // queued order event: after stop() nothing this node confirmed is only in memory.
    void stop();
    // Ends the node as a crash would (the console's embedded node_crash): selling stops at
    // once, the threads stop, and nothing goes back to the pool and no goodbye reaches the
    // ledger — its peers reclaim the lease when its heartbeat expires, as after kill -9.
    void abandon();

    BuyService& buys() { return buys_; }
    store::Ledger& ledger() { return ledger_; }
    store::OrderDb* order_db() { return orders_; }
    // The name this node's order writer reads the ledger's events under (its node id: a
    // shared ledger tells its writers apart by name).
    std::string_view order_writer_name() const { return options_.node_id; }
    SalesTable& sales() { return sales_; }
    LeaseManager& leases() { return leases_; }
    Admission& admission() { return admission_; }
    NodeMetrics& metrics() { return metrics_; }
    const Clock& clock() const { return clock_; }
    const EngineOptions& options() const { return options_; }
    GroupCommit& group_commit() { return commit_; }
    Housekeeper& housekeeper() { return *housekeeper_; }
    Protection& protection() { return protection_; }
    EventLog& events() { return events_; }
    store::FaultPlan& faults() { return faults_; }
    const FreezeGate& freeze() const { return freeze_; }
    const store::OrderWriter* order_writer() const { return writer_.get(); }

    // Injects faults (QA): `replace` drops the active ones first. A node_crash runs the
    // crash handler shortly after, so the caller's answer still goes out.
    void inject_faults(const std::vector<store::FaultSpec>& faults, bool replace);
    void clear_faults();
    // What a node_crash does: by default the process dies by SIGKILL (nothing returned,
    // nothing flushed); the console's embedded nodes abandon just the one node.
    void set_crash_handler(std::function<void()> crash) { crash_ = std::move(crash); }

    // Makes a sale the ledger just created (or changed) visible to buys at once,
    // instead of at the next housekeeping tick.
    void refresh_sale(std::string_view sale);
    Membership& membership() { return membership_; }
    bool ledger_reachable() const { return membership_.ledger_reachable(); }
    void set_ledger_reachable(bool ok) { membership_.set_ledger_reachable(ok); }

    // Starts over with the ledger after a fence or a ledger reset: drops every local unit
    // and cached holder, registers again (new epoch, possibly a new worker number), and
    // returns whatever the ledger still counts under this node. Selling resumes when done.
    void rejoin();

  private:
    // Declared first: the ledger path below is built on them.
    store::FaultPlan faults_;
    store::FaultyLedger faulty_;
    EventLog events_;
    Admission admission_;
    Protection protection_;
    BreakerLedger guarded_;
    FreezeGate freeze_;
    store::Ledger& ledger_;
    store::OrderDb* orders_;
    std::function<void()> crash_;
    // Registers with the ledger and takes the new worker number and epoch.
    void join();

    const Clock& clock_;
    EngineOptions options_;
    Membership membership_;
    SalesTable sales_;
    LeaseManager leases_;
    GroupCommit commit_;
    OrderIdGenerator ids_;
    BuyService buys_;
    NodeMetrics metrics_;
    std::unique_ptr<store::OrderWriter> writer_;
    std::unique_ptr<Housekeeper> housekeeper_;
    bool started_ = false;
};

}  // namespace seckill::node
