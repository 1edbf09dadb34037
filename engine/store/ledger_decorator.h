#pragma once
// A ledger that hands every call to another one, with a hook before and after each: the
// base of FaultyLedger (injects failures) and the circuit breaker's recorder, so neither
// repeats the thirty forwarding methods and neither is an `if` inside a real ledger.
#include <chrono>

#include "store/ledger.h"

namespace seckill::store {

enum class LedgerCall {
    create_sale,
    get_sale,
    list_sales,
    set_sale_state,
    grant_lease,
    return_lease,
    commit,
    get_order,
    pay,
    cancel,
    expire_due,
    read_events,
    ack_events,
    queue_depth,
    register_node,
    heartbeat,
    deregister_node,
    reclaim_dead_nodes,
    list_nodes,
    control,
    set_degrade,
    set_limits,
    set_protection,
    set_allocation,
    allocation,
    publish_events,
    events_since,
    check_invariants,
    audit_invariants,
    order_tally,
};

class LedgerDecorator : public Ledger {
  public:
    explicit LedgerDecorator(Ledger& inner) : inner_(inner) {}

    bool create_sale(const SaleConfig& config, SaleState initial, Millis now) override;
    std::optional<SaleView> get_sale(std::string_view sale, Millis now) override;
    std::vector<SaleView> list_sales(Millis now) override;
    StateChange set_sale_state(std::string_view sale, SaleState state, Millis now) override;
    LeaseGrant grant_lease(std::string_view sale, std::string_view node, std::int64_t want,
                           std::uint64_t epoch) override;
    std::int64_t return_lease(std::string_view sale, std::string_view node,
                              std::int64_t count) override;
    std::vector<CommitResult> commit(std::string_view sale, std::string_view node,
                                     std::span<const CommitItem> items, Millis now,
                                     std::uint64_t epoch) override;
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
                              std::uint64_t epoch) override;
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

  protected:
    // Runs before the call reaches the inner ledger; throwing stops it there.
    virtual void before(LedgerCall) {}
    // Runs after the inner ledger answered (`failed` false) or threw (`failed` true; the
    // exception then goes on to the caller), with how long the call took.
    virtual void after(LedgerCall, bool /*failed*/, std::chrono::steady_clock::duration) {}

  private:
    template <class Fn>
    decltype(auto) around(LedgerCall call, Fn&& fn);

    Ledger& inner_;
};

}  // namespace seckill::store
