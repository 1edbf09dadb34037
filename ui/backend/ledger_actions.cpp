#include "backend/ledger_actions.h"

#include <QStringList>
#include <algorithm>
#include <numeric>

#include "node/operations/control_operations.h"
#include "node/operations/sale_operations.h"

namespace seckill::ui::ledger_actions {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString q(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// The operation's own sentence either way: the log shows what the admin API would answer.
// "Unavailable" is not a refusal: the call reached the ledger or not, nobody knows.
template <class T>
ActionResult result(const QString& what, const QString& target,
                    const node::OperationResult<T>& out) {
    if (out.ok()) return ActionResult::done(what, target, q(out.sentence));
    if (out.status == node::OperationStatus::unavailable)
        return ActionResult::lost(what, target, q(out.sentence));
    return ActionResult::failed(what, target, q(out.sentence));
}

QString node_target(const std::string& node) {
    return node.empty() ? QStringLiteral("all nodes") : q(node);
}

}  // namespace

ActionResult create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now) {
    return result(QStringLiteral("create sale"), q(config.id),
                  node::create_sale(ledger, config, now));
}

ActionResult set_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                            Millis now) {
    return result(QStringLiteral("sale → %1").arg(q(to_string(state))), q(sale),
                  node::set_sale_state(ledger, sale, state, now));
}

ActionResult set_degrade(store::Ledger& ledger, const std::string& node, int level) {
    return result(QStringLiteral("degrade"), node_target(node),
                  node::set_degrade(ledger, node, level));
}

ActionResult recheck_degrade(store::Ledger& ledger, const std::string& node, int level) {
    const QString what = QStringLiteral("degrade");
    const store::ControlState c = ledger.control();
    if (node.empty()) {
        if (c.degrade_global == level)
            return ActionResult::done(what, node_target(node),
                                      QStringLiteral("level %1 is in force").arg(level));
        return ActionResult::failed(
            what, node_target(node),
            QStringLiteral("the ledger holds level %1, not %2: the change did not land")
                .arg(c.degrade_global)
                .arg(level));
    }
    // A node runs at the higher of its own level and everyone's (ControlState::degrade_for):
    // the change landed when its own entry holds the level, and the log says what it runs at.
    auto own = c.degrade_by_node.find(node);
    if (own == c.degrade_by_node.end() || own->second != level)
        return ActionResult::failed(
            what, node_target(node),
            QStringLiteral("the ledger holds %1 for this node, not %2: the change did not land")
                .arg(own == c.degrade_by_node.end() ? QStringLiteral("no level")
                                                    : QString::number(own->second))
                .arg(level));
    const int runs = c.degrade_for(node);
    return ActionResult::done(
        what, node_target(node),
        runs == level ? QStringLiteral("level %1 is in force").arg(level)
                      : QStringLiteral("level %1 set; the node runs at %2, the level of every node")
                            .arg(level)
                            .arg(runs));
}

ActionResult recheck_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                                Millis now) {
    const QString what = QStringLiteral("sale → %1").arg(q(to_string(state)));
    const auto view = ledger.get_sale(sale, now);
    if (!view) return ActionResult::failed(what, q(sale), QStringLiteral("no such sale"));
    if (view->state == state)
        return ActionResult::done(what, q(sale),
                                  QStringLiteral("the sale is %1").arg(q(to_string(state))));
    return ActionResult::failed(
        what, q(sale),
        QStringLiteral("the sale is %1: the change did not land").arg(q(to_string(view->state))));
}

ActionResult recheck_create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now) {
    const auto view = ledger.get_sale(config.id, now);
    if (view && view->config.total == config.total)
        return ActionResult::done(
            QStringLiteral("create sale"), q(config.id),
            QStringLiteral("the sale exists with %1 units").arg(view->config.total));
    return ActionResult::failed(
        QStringLiteral("create sale"), q(config.id),
        view ? QStringLiteral("a sale with this id exists with %1 units, not %2")
                   .arg(view->config.total)
                   .arg(config.total)
             : QStringLiteral("no such sale: the change did not land"));
}

ActionResult recheck_limits(store::Ledger& ledger, const std::string& rules_json) {
    const QString what = QStringLiteral("set limits"), target = QStringLiteral("all nodes");
    // Compared as the operation stores them (normalised), so spacing does not count.
    const auto wanted = node::normal_limits(rules_json);
    if (ledger.control().limits_json == wanted)
        return ActionResult::done(what, target, QStringLiteral("the rules are in force"));
    return ActionResult::failed(
        what, target, QStringLiteral("the ledger holds other rules: the change did not land"));
}

ActionResult set_limits(store::Ledger& ledger, const std::string& rules_json) {
    return result(QStringLiteral("set limits"), QStringLiteral("all nodes"),
                  node::set_limits(ledger, rules_json));
}

ActionResult rebalance(store::Ledger& ledger, const std::string& sale,
                       const node::RebalanceRequest& request, Millis now, Millis node_ttl) {
    const QString what = QStringLiteral("rebalance %1").arg(q(node::to_string(request.strategy)));
    const auto out = node::rebalance(ledger, sale, request, now, node_ttl);
    if (!out.ok()) return result(what, q(sale), out);
    const auto& allocation = out.value.allocation;
    if (allocation.empty())
        return ActionResult::done(what, q(sale),
                                  QStringLiteral("targets cleared; nodes refill by demand"));
    QStringList targets;
    for (const auto& [node, units] : allocation)
        targets << QStringLiteral("%1=%2").arg(q(node)).arg(units);
    const std::int64_t placed =
        std::accumulate(allocation.begin(), allocation.end(), std::int64_t{0},
                        [](std::int64_t a, const auto& t) { return a + t.second; });
    return ActionResult::done(what, q(sale),
                              QStringLiteral("%1 of %2 unsold units: %3")
                                  .arg(placed)
                                  .arg(out.value.remaining)
                                  .arg(targets.join(QStringLiteral(", "))));
}

ActionResult drain_node(store::Ledger& ledger, const std::string& node, Millis now,
                        Millis node_ttl) {
    const QString what = QStringLiteral("drain node");
    const auto nodes = ledger.list_nodes(now, node_ttl);
    if (std::none_of(nodes.begin(), nodes.end(),
                     [&](const store::NodeInfo& n) { return n.id == node; }))
        return ActionResult::failed(what, q(node),
                                    QStringLiteral("no registered node with this id"));
    QStringList sales;
    for (const SaleView& sale : ledger.list_sales(now)) {
        if (sale.state != SaleState::running) continue;
        auto targets = ledger.allocation(sale.config.id);
        targets[node] = 0;
        ledger.set_allocation(sale.config.id, targets);
        sales << q(sale.config.id);
    }
    if (sales.isEmpty())
        return ActionResult::done(what, q(node),
                                  QStringLiteral("no running sale: nothing to return"));
    return ActionResult::done(
        what, q(node),
        QStringLiteral("lease target 0 on %1; the node keeps serving until it is stopped")
            .arg(sales.join(QStringLiteral(", "))));
}

}  // namespace seckill::ui::ledger_actions
