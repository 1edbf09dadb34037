#pragma once
// Operator routes under /admin/v1 (bearer token checked by the router): sales, their
// state and invariants, degrade level, limiter rules, the node registry, rebalancing.
#include <string_view>

#include "node/engine.h"
#include "node/http/http_types.h"

namespace seckill::node::http {

class AdminApi {
  public:
    explicit AdminApi(Engine& engine) : engine_(engine) {}

    Response create_sale(const Request& req);
    Response list_sales();
    Response set_state(std::string_view sale, SaleState state);
    Response invariants(std::string_view sale);
    // The full recount (Ledger::audit_invariants): O(orders), in short ledger calls.
    Response audit(std::string_view sale);
    // The order DB's half of I4 for a console that cannot open the DB itself (attached to
    // Redis): {"orders": N, "conflicts": M}. 409 on a node that writes no orders.
    Response order_tally(std::string_view sale);
    // One order's journey (node/order_journey.h): the ledger's record with its queue
    // position, and when this node's order DB stored it if the node writes orders.
    Response order(std::string_view order_id);
    Response get_degrade();
    Response put_degrade(const Request& req);
    Response get_limits();
    Response put_limits(const Request& req);
    Response nodes();
    Response rebalance(std::string_view sale, const Request& req);
    // QA and self-protection (admin_api_protection.cpp).
    Response get_faults();
    Response put_faults(const Request& req, bool replace);
    Response delete_faults();
    Response get_protection();
    Response put_protection(const Request& req);
    // ?since=N&max=M&scope=cluster|node
    Response events(const Request& req);

  private:
    Response faults_reply();
    Engine& engine_;
};

}  // namespace seckill::node::http
