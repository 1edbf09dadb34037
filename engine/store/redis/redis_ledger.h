#pragma once
// The ledger on a Redis shared by every node (docs/design.md §4). Each multi-key change is one
// Lua script (resources/redis), so Redis applies it atomically; a batch of buys is one
// EVALSHA. Any Redis failure throws (RedisUnavailable derives from runtime_error): the
// node answers 503 and nothing half-done is left behind.
#include <atomic>
#include <memory>
#include <mutex>

#include "store/ledger.h"
#include "store/redis/redis_pool.h"

namespace seckill::store::redis {

class ControlWatch;

struct RedisLedgerOptions {
    Timeouts timeouts;
    // How long a node's heartbeat key lives; a node silent longer is dead to its peers.
    Millis heartbeat_ttl_ms = 5000;
    // A writer's unacknowledged events pass to another writer after this long.
    Millis writer_claim_idle_ms = 30'000;
    // Subscribe to control changes; off, control() reads Redis every time.
    bool watch_control = true;
};

class RedisLedger final : public Ledger {
  public:
    RedisLedger(RedisUrl url, RedisLedgerOptions options);
    ~RedisLedger() override;

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
    void publish_events(std::span<const NodeEvent> events) override;
    std::vector<NodeEvent> events_since(std::uint64_t since, std::size_t max) override;
    void set_allocation(std::string_view sale,
                        const std::map<std::string, std::int64_t>& targets) override;
    std::map<std::string, std::int64_t> allocation(std::string_view sale) override;

    std::optional<InvariantReport> check_invariants(std::string_view sale, Millis now,
                                                    Millis node_ttl, Millis grace) override;
    std::optional<InvariantReport> audit_invariants(std::string_view sale, Millis now,
                                                    Millis grace) override;
    OrderTally order_tally(std::string_view sale) override;

    // Deletes every key this ledger owns. Tests only: no seckill-node flag calls it.
    void wipe();
    RedisPool& pool() { return pool_; }

  private:
    std::vector<std::string> sale_ids();
    std::optional<std::string> sale_of_order(std::string_view order_id);
    OrderUpdate update_order(std::string_view order_id, Millis now, std::string_view op);
    ControlState fetch_control();
    void set_control(std::vector<std::string> field_values);
    std::int64_t return_leases_of(const std::vector<std::string>& nodes);
    std::vector<NodeInfo> read_nodes(Millis now, Millis ttl);

    RedisPool pool_;
    RedisLedgerOptions options_;
    std::unique_ptr<ControlWatch> watch_;
    std::mutex identity_mu_;
    // The data set's identity as this process last saw it (see keys::identity).
    std::string identity_;
    std::mutex claim_mu_;
    std::chrono::steady_clock::time_point next_claim_{};
};

}  // namespace seckill::store::redis
