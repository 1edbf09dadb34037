#include "backend/ledger_actions.h"

#include <algorithm>
#include <numeric>
#include <QStringList>

#include "node/operations/control_operations.h"
#include "node/operations/sale_operations.h"

namespace seckill::ui::ledger_actions {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString q(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// The operation's own sentence either way: the log shows what the admin API would answer.
template <class T>
ActionResult result(const QString& what, const QString& target, const node::OperationResult<T>& out) {
    return out.ok() ? ActionResult::done(what, target, q(out.sentence))
                    : ActionResult::failed(what, target, q(out.sentence));
}

}  // namespace

ActionResult create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now) {
    return result(QStringLiteral("create sale"), q(config.id), node::create_sale(ledger, config, now));
}

ActionResult set_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                            Millis now) {
    return result(QStringLiteral("sale → %1").arg(q(to_string(state))), q(sale),
                  node::set_sale_state(ledger, sale, state, now));
}

ActionResult set_degrade(store::Ledger& ledger, const std::string& node, int level) {
    return result(QStringLiteral("degrade"), node.empty() ? QStringLiteral("all nodes") : q(node),
                  node::set_degrade(ledger, node, level));
}

ActionResult set_limits(store::Ledger& ledger, const std::string& rules_json) {
    return result(QStringLiteral("set limits"), QStringLiteral("all nodes"), node::set_limits(ledger, rules_json));
}

ActionResult rebalance(store::Ledger& ledger, const std::string& sale,
                       const node::RebalanceRequest& request, Millis now, Millis node_ttl) {
    const QString what = QStringLiteral("rebalance %1").arg(q(node::to_string(request.strategy)));
    const auto out = node::rebalance(ledger, sale, request, now, node_ttl);
    if (!out.ok()) return result(what, q(sale), out);
    const auto& allocation = out.value.allocation;
    if (allocation.empty())
        return ActionResult::done(what, q(sale), QStringLiteral("targets cleared; nodes refill by demand"));
    QStringList targets;
    for (const auto& [node, units] : allocation) targets << QStringLiteral("%1=%2").arg(q(node)).arg(units);
    const std::int64_t placed = std::accumulate(allocation.begin(), allocation.end(), std::int64_t{0},
                                                [](std::int64_t a, const auto& t) { return a + t.second; });
    return ActionResult::done(what, q(sale), QStringLiteral("%1 of %2 unsold units: %3")
                                                 .arg(placed)
                                                 .arg(out.value.remaining)
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

}  // namespace seckill::ui::ledger_actions
