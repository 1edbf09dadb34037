#pragma once
// The embedded ledger: all state in this process behind one mutex. Group commit keeps
// the number of calls near (stock + refills + flushes), so one lock is not the limit.
#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <unordered_map>

#include "store/ledger.h"

namespace seckill::store {

class MemoryLedger final : public Ledger {
public:
    bool create_sale(const SaleConfig& config, SaleState initial, Millis now) override;
    std::optional<SaleView> get_sale(std::string_view sale, Millis now) override;
    std::vector<SaleView> list_sales(Millis now) override;
    StateChange set_sale_state(std::string_view sale, SaleState state, Millis now) override;

    LeaseGrant grant_lease(std::string_view sale, std::string_view node,
                           std::int64_t want) override;
    std::int64_t return_lease(std::string_view sale, std::string_view node,
                              std::int64_t count) override;

    std::vector<CommitResult> commit(std::string_view sale, std::string_view node,
                                     std::span<const CommitItem> items, Millis now) override;

    std::optional<Order> get_order(std::string_view order_id) override;
    OrderUpdate pay(std::string_view order_id, Millis now) override;
    OrderUpdate cancel(std::string_view order_id, Millis now) override;
    std::vector<Order> expire_due(Millis now, std::size_t max) override;

    std::vector<OrderEvent> read_events(std::string_view consumer, std::size_t max) override;
    void ack_events(std::span<const OrderEvent> events) override;
    std::int64_t queue_depth() override;

    std::uint32_t register_node(std::string_view node, std::string_view address,
                                Millis now) override;
    void heartbeat(std::string_view node, std::string_view stats_json, Millis now) override;
    void deregister_node(std::string_view node) override;
    std::int64_t reclaim_dead_nodes(Millis now, Millis ttl) override;
    std::vector<NodeInfo> list_nodes(Millis now, Millis ttl) override;

    ControlState control() override;
    void set_degrade(std::string_view node, int level) override;
    void set_limits(std::string_view rules_json) override;
    void set_allocation(std::string_view sale,
                        const std::map<std::string, std::int64_t>& targets) override;
    std::map<std::string, std::int64_t> allocation(std::string_view sale) override;

    std::optional<InvariantReport> check_invariants(std::string_view sale, Millis now,
                                                    Millis node_ttl, Millis grace) override;
    OrderTally order_tally(std::string_view sale) override;

private:
    struct SaleRecord {
        SaleConfig config;
        SaleState stored_state = SaleState::scheduled;
        StockCounts stock;
        std::map<std::string, std::int64_t, std::less<>> leases;  // node -> unsold units
        std::unordered_map<std::string, int> holdings;  // user -> reserved + paid units
        std::int64_t orders = 0;           // orders ever created
        std::int64_t reserved_events = 0;  // `reserved` events ever appended
        std::map<std::string, std::int64_t> allocation;  // node -> desired lease
    };
    struct OrderRecord {
        Order order;
        std::uint64_t created_seq = 0;  // seq of its `reserved` event
    };
    struct NodeRecord {
        NodeInfo info;
    };
    using Deadline = std::pair<Millis, std::string>;  // (pay_before, order id)

    SaleRecord* find_sale(std::string_view sale);
    SaleView view_of(const SaleRecord& s, Millis now) const;
    void append_event(const Order& order, bool creates);
    // Ends a reservation that returns its unit (cancel, expiry).
    void release(OrderRecord& rec, OrderStatus to, Millis now);
    std::int64_t return_all_leases_of(std::string_view node);

    std::mutex mu_;
    std::map<std::string, SaleRecord, std::less<>> sales_;
    std::unordered_map<std::string, OrderRecord> orders_;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
    // Unacknowledged, by seq. One process has one order writer, so every read hands out
    // the oldest events again until they are acknowledged.
    std::map<std::uint64_t, OrderEvent> events_;
    std::uint64_t last_seq_ = 0;
    std::map<std::string, NodeRecord, std::less<>> nodes_;
    ControlState control_;
};

}  // namespace seckill::store
