#include "backend/ledger_actions.h"

#include <boost/json.hpp>
#include <algorithm>
#include <numeric>
#include <variant>
#include <QStringList>

#include "core/degrade.h"
#include "node/limits_json.h"
#include "node/rebalance_sale.h"

namespace seckill::ui::ledger_actions {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString q(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

struct Normalised {
    std::string rules;  // the document as the node writes it back
    std::string error;  // or why it was refused
};

// Rules parsed and written back in the node's own form, so every node reads exactly
// what the validator accepted.
Normalised normalise_limits(const std::string& rules_json) {
    boost::system::error_code ec;
    const auto doc = boost::json::parse(rules_json, ec);
    if (ec) return {{}, "not valid JSON: " + ec.message()};
    auto rules = node::rules_from_json(doc);
    if (auto* err = std::get_if<std::string>(&rules)) return {{}, *err};
    return {boost::json::serialize(node::rules_to_json(std::get<std::vector<limit::Rule>>(rules))), {}};
}

}  // namespace

ActionResult create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now) {
    const QString what = QStringLiteral("create sale");
    if (auto err = validate(config)) return ActionResult::failed(what, q(config.id), q(*err));
    if (!ledger.create_sale(config, SaleState::scheduled, now))
        return ActionResult::failed(what, q(config.id), QStringLiteral("a sale with this id exists"));
    return ActionResult::done(what, q(config.id),
                              QStringLiteral("%1 units, %2 per user, pay within %3 s")
                                  .arg(config.total)
                                  .arg(config.per_user_limit)
                                  .arg(config.pay_timeout_s));
}

ActionResult set_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                            Millis now) {
    const QString what = QStringLiteral("sale → %1").arg(q(to_string(state)));
    switch (ledger.set_sale_state(sale, state, now)) {
        case store::StateChange::done: return ActionResult::done(what, q(sale), QStringLiteral("done"));
        case store::StateChange::not_found:
            return ActionResult::failed(what, q(sale), QStringLiteral("no such sale"));
        case store::StateChange::invalid:
            return ActionResult::failed(what, q(sale), QStringLiteral("an ended sale stays ended"));
    }
    return ActionResult::failed(what, q(sale), QStringLiteral("unknown answer from the ledger"));
}

ActionResult set_degrade(store::Ledger& ledger, const std::string& node, int level) {
    const QString what = QStringLiteral("degrade");
    const QString target = node.empty() ? QStringLiteral("all nodes") : q(node);
    const auto parsed = degrade_level_from_int(level);
    if (!parsed) return ActionResult::failed(what, target, QStringLiteral("level must be 0 to 3"));
    ledger.set_degrade(node, level);
    return ActionResult::done(what, target,
                              QStringLiteral("level %1 (%2)").arg(level).arg(q(to_string(*parsed))));
}

ActionResult set_limits(store::Ledger& ledger, const std::string& rules_json) {
    const QString what = QStringLiteral("set limits");
    const QString target = QStringLiteral("all nodes");
    const Normalised normal = normalise_limits(rules_json);
    if (!normal.error.empty()) return ActionResult::failed(what, target, q(normal.error));
    ledger.set_limits(normal.rules);
    return ActionResult::done(what, target, q(normal.rules));
}

ActionResult rebalance(store::Ledger& ledger, const std::string& sale,
                       const node::RebalanceRequest& request, Millis now, Millis node_ttl) {
    const QString what = QStringLiteral("rebalance %1").arg(q(node::to_string(request.strategy)));
    const auto out = node::rebalance_sale(ledger, sale, request, now, node_ttl);
    if (out.status != node::RebalanceOutcome::Status::done)
        return ActionResult::failed(what, q(sale), q(out.error));
    if (out.allocation.empty())
        return ActionResult::done(what, q(sale), QStringLiteral("targets cleared; nodes refill by demand"));
    QStringList targets;
    for (const auto& [node, units] : out.allocation) targets << QStringLiteral("%1=%2").arg(q(node)).arg(units);
    return ActionResult::done(what, q(sale), QStringLiteral("%1 of %2 unsold units: %3")
                                                 .arg(std::accumulate(out.allocation.begin(), out.allocation.end(),
                                                                      std::int64_t{0},
                                                                      [](std::int64_t a, const auto& t) { return a + t.second; }))
                                                 .arg(out.remaining)
                                                 .arg(targets.join(QStringLiteral(", "))));
}

ActionResult drain_node(store::Ledger& ledger, const std::string& node, Millis now, Millis node_ttl) {
    const QString what = QStringLiteral("drain node");
    const auto nodes = ledger.list_nodes(now, node_ttl);
    if (std::none_of(nodes.begin(), nodes.end(), [&](const store::NodeInfo& n) { return n.id == node; }))
        return ActionResult::failed(what, q(node), QStringLiteral("no registered node with this id"));
    QStringList sales;
    for (const SaleView& sale : ledger.list_sales(now)) {
        if (sale.state != SaleState::running) continue;
        auto targets = ledger.allocation(sale.config.id);
        targets[node] = 0;
        ledger.set_allocation(sale.config.id, targets);
        sales << q(sale.config.id);
    }
    if (sales.isEmpty()) return ActionResult::done(what, q(node), QStringLiteral("no running sale: nothing to return"));
    return ActionResult::done(what, q(node), QStringLiteral("lease target 0 on %1; the node keeps serving until it is stopped")
                                                 .arg(sales.join(QStringLiteral(", "))));
}

std::string limits_error(const std::string& rules_json) {
    return normalise_limits(rules_json).error;
}

}  // namespace seckill::ui::ledger_actions
