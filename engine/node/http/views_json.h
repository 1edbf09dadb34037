#pragma once
// JSON shapes of API v1 for sales, orders and nodes.
#include <boost/json/object.hpp>

#include "core/sale.h"
#include "node/order_journey.h"
#include "store/types.h"

namespace seckill::node::http {

boost::json::object sale_json(const SaleView& sale);
boost::json::object order_json(const store::Order& order);
// order_json and where the order is: in_ledger, in_order_db, written_at (null when unknown).
boost::json::object order_journey_json(const OrderJourney& journey);
boost::json::object node_json(const store::NodeInfo& node);
boost::json::object invariants_json(const store::InvariantReport& report);

}  // namespace seckill::node::http
