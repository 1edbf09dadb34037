#pragma once
// The embedded ledger: all state in this process behind one mutex. Group commit keeps
// the number of calls near (stock + refills + flushes), so one lock is not the limit.
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <unordered_map>

#include "core/spread_map.h"
#include "store/ledger.h"
#include "store/ledger_journal.h"

namespace seckill::store {

class MemoryLedger final : public Ledger {
  public:
    // Memory only: everything is lost with the process (tests, the console's demo).
    MemoryLedger() = default;
    // Durable: rebuilds the ledger from the journal, and writes every change there before
    // the call returns. If a write fails (disk full), the ledger refuses every further call
    // (throws, so nodes answer 503) rather than answer from state the disk does not hold;
    // a restart resumes from what was stored.
    explicit MemoryLedger(LedgerJournal& journal);

    // Event seqs continue above `seq`. The order DB keeps the highest seq it saw per order;
    // after a power loss it may be ahead of the journal (two files, each synced on its own),
    // and a reused seq would make it ignore a newer change.
    void continue_after(std::uint64_t seq);

    bool create_sale(const SaleConfig& config, SaleState initial, Millis now) override;
    std::optional<SaleView> get_sale(std::string_view sale, Millis now) override;
    std::vector<SaleView> list_sales(Millis now) override;
    StateChange set_sale_state(std::string_view sale, SaleState state, Millis now) override;

    LeaseGrant grant_lease(std::string_view sale, std::string_view node, std::int64_t want,
                           std::uint64_t epoch = any_epoch) override;
    std::int64_t return_lease(std::string_view sale, std::string_view node,
                              std::int64_t count) override;

    std::vector<CommitResult> commit(std::string_view sale, std::string_view node,
                                     std::span<const CommitItem> items, Millis now,
                                     std::uint64_t epoch = any_epoch) override;

    std::optional<Order> get_order(std::string_view order_id) override;
    OrderUpdate pay(std::string_view order_id, Millis now) override;
    OrderUpdate cancel(std::string_view order_id, Millis now) override;
    std::vector<Order> expire_due(Millis now, std::size_t max) override;

    std::vector<OrderEvent> read_events(std::string_view consumer, std::size_t max) override;
    void ack_events(std::span<const OrderEvent> events) override;
    std::int64_t queue_depth() override;

    Registration register_node(std::string_view node, std::string_view address,
                               Millis now) override;
    HeartbeatResult heartbeat(std::string_view node, std::string_view stats_json, Millis now,
                              std::uint64_t epoch = any_epoch) override;
    void deregister_node(std::string_view node) override;
    std::int64_t reclaim_dead_nodes(Millis now, Millis ttl) override;
    std::vector<NodeInfo> list_nodes(Millis now, Millis ttl) override;

    ControlState control() override;
    void set_degrade(std::string_view node, int level) override;
    void set_limits(std::string_view rules_json) override;
    void set_protection(std::string_view protection_json) override;
    void set_allocation(std::string_view sale,
                        const std::map<std::string, std::int64_t>& targets) override;
    std::map<std::string, std::int64_t> allocation(std::string_view sale) override;

    void publish_events(std::span<const NodeEvent> events) override;
    std::vector<NodeEvent> events_since(std::uint64_t since, std::size_t max) override;

    std::optional<InvariantReport> check_invariants(std::string_view sale, Millis now,
                                                    Millis node_ttl, Millis grace) override;
    std::optional<InvariantReport> audit_invariants(std::string_view sale, Millis now,
                                                    Millis grace) override;
    OrderTally order_tally(std::string_view sale) override;

  private:
    struct SaleRecord {
        SaleConfig config;
        SaleState stored_state = SaleState::scheduled;
        StockCounts stock;
        std::map<std::string, std::int64_t, std::less<>> leases;  // node -> unsold units
        SpreadMap<int> holdings;                                  // user -> reserved + paid units
        std::int64_t orders = 0;                                  // orders ever created
        std::int64_t reserved_events = 0;                         // `reserved` events ever appended
        std::map<std::string, std::int64_t> allocation;           // node -> desired lease
        // Order writers handed its events (not journaled: an embedded ledger has one, in
        // the same process, and it is named again at its next read after a restart).
        std::set<std::string, std::less<>> writers;
    };
    struct OrderRecord {
        Order order;
        std::uint64_t created_seq = 0;  // seq of its `reserved` event
        std::uint64_t last_seq = 0;     // seq of its latest event
    };
    struct NodeRecord {
        NodeInfo info;
        std::uint64_t epoch = 0;
        bool fenced = false;  // reclaimed as dead: calls with its epoch are refused
    };
    using Deadline = std::pair<Millis, std::string>;  // (pay_before, order id)

    void restore(const LedgerImage& image);
    // Replaces one text field of the control state and bumps its version.
    void set_control_text(std::string ControlState::*field, std::string_view value);
    // Throws once a journal write has failed (see the constructor).
    void check_usable() const;
    // Runs one journal write; a failure poisons the ledger.
    void persist(const std::function<void()>& write);
    JournaledSale journaled(const SaleRecord& s) const;
    JournaledOrder journaled(const OrderRecord& rec) const;
    void persist_sale(const SaleRecord& s);
    void persist_orders(std::span<const OrderRecord* const> recs);

    SaleRecord* find_sale(std::string_view sale);
    SaleView view_of(const SaleRecord& s, Millis now) const;
    void append_event(const Order& order, bool creates);
    // Ends a reservation that returns its unit (cancel, expiry).
    void release(OrderRecord& rec, OrderStatus to, Millis now);
    std::int64_t return_all_leases_of(std::string_view node);
    // True when `epoch` is the node's live registration (or any_epoch).
    bool current(std::string_view node, std::uint64_t epoch) const;

    std::mutex mu_;
    std::map<std::string, SaleRecord, std::less<>> sales_;
    // Spread and deque-backed: growing them never copies or rehashes every order at once
    // while the mutex is held (see SpreadMap).
    SpreadMap<OrderRecord> orders_;
    std::priority_queue<Deadline, std::deque<Deadline>, std::greater<>> deadlines_;
    // Unacknowledged, by seq. One process has one order writer, so every read hands out
    // the oldest events again until they are acknowledged.
    std::map<std::uint64_t, OrderEvent> events_;
    std::uint64_t last_seq_ = 0;
    std::map<std::string, NodeRecord, std::less<>> nodes_;
    // The last epoch handed to each node id; kept after deregistration so a stale process
    // of a re-registered id never matches again.
    std::map<std::string, std::uint64_t, std::less<>> last_epoch_;
    ControlState control_;
    LedgerJournal* journal_ = nullptr;
    // Events live outside the journal: they explain decisions, they are not the record of
    // a sale, and a restart starts a new log.
    std::mutex events_mu_;
    std::deque<NodeEvent> node_events_;
    std::uint64_t last_event_seq_ = 0;
    std::uint64_t acked_through_ = 0;  // what the journal last stored as written
    std::string broken_;               // why the journal failed; empty while it works
};

}  // namespace seckill::store
