// NodeCluster's operator actions: each is one admin call per node it concerns, run on the
// worker in the order asked, its answer worded by admin_result.
#include <QStringList>
#include <algorithm>

#include "backend/fault_wire.h"
#include "backend/node_admin_client.h"
#include "backend/node_admin_result.h"
#include "backend/node_cluster.h"
#include "backend/node_wire.h"
#include "core/ids.h"

namespace seckill::ui {
namespace {

std::string s(const QString& q) { return q.toStdString(); }
QString q(const std::string& s) { return QString::fromStdString(s); }

const QString no_peers = QStringLiteral(
    "a standalone node has no peers to move units to: each attached node "
    "sells only the units of its own ledger");

}  // namespace

std::string NodeCluster::shownId(const Endpoint& e, const std::string& id) const {
    const auto lists = [&](const Endpoint& other) {
        return std::any_of(other.registry.begin(), other.registry.end(),
                           [&](const auto& n) { return n.id == id; });
    };
    const auto holders = std::count_if(endpoints_.begin(), endpoints_.end(), lists);
    return holders > 1 ? id + "@" + e.address : id;
}

NodeCluster::Target NodeCluster::owner(const std::string& shown) const {
    for (const Endpoint& e : endpoints_)
        for (const store::NodeInfo& n : e.registry)
            if (shownId(e, n.id) == shown) return {&e, n.id};
    return {};
}

ActionResult NodeCluster::onNode(const QString& what, const QString& shown, const Target& target,
                                 const std::string& method, const std::string& path,
                                 const std::string& body, const QString& done) {
    if (!target.endpoint)
        return ActionResult::failed(what, shown, QStringLiteral("no attached node has this id"));
    if (token_.empty()) return ActionResult::failed(what, shown, missing_admin_token());
    checked_at_ = 0;  // the next snapshot shows the change in the invariants too
    return admin_result(
        what, shown, call_node_admin(target.endpoint->address, method, path, token_, body), done);
}

ActionResult NodeCluster::everywhere(const QString& what, const QString& target,
                                     const std::string& method, const std::string& path,
                                     const std::string& body) {
    if (token_.empty()) return ActionResult::failed(what, target, missing_admin_token());
    QStringList done, refused;
    for (const Endpoint& e : endpoints_) {
        const ActionResult r =
            admin_result(what, target, call_node_admin(e.address, method, path, token_, body));
        (r.ok ? done : refused) << (r.ok ? q(e.address)
                                         : QStringLiteral("%1 (%2)").arg(q(e.address), r.message));
        checked_at_ = 0;  // the next snapshot shows the change in the invariants too
    }
    if (!refused.isEmpty())
        return ActionResult::failed(
            what, target,
            QStringLiteral("done on %1; not on %2")
                .arg(done.isEmpty() ? QStringLiteral("none") : done.join(QStringLiteral(", ")),
                     refused.join(QStringLiteral("; "))));
    return ActionResult::done(what, target,
                              QStringLiteral("done on %1").arg(done.join(QStringLiteral(", "))));
}

void NodeCluster::selectSale(const QString& sale) {
    worker_.post([this, sale = s(sale)] { selected_ = sale; });
}

void NodeCluster::createSale(const SaleConfig& config) {
    worker_.submit(QStringLiteral("create sale"), q(config.id), [this, config] {
        return everywhere(QStringLiteral("create sale"), q(config.id), "POST", "/admin/v1/sales",
                          node_wire::create_sale_body(config));
    });
}

void NodeCluster::setSaleState(const QString& sale, SaleState state) {
    worker_.submit(QStringLiteral("sale state"), sale, [this, sale = s(sale), state] {
        const QString what = QStringLiteral("sale state");
        const char* verb = state == SaleState::running  ? "/start"
                           : state == SaleState::paused ? "/pause"
                           : state == SaleState::ended  ? "/end"
                                                        : nullptr;
        if (!verb)
            return ActionResult::failed(what, q(sale),
                                        QStringLiteral("a sale cannot be set back to scheduled"));
        if (!is_valid_sale_id(sale))
            return ActionResult::failed(what, q(sale),
                                        QStringLiteral("sale id must match [A-Za-z0-9_-]{1,32}"));
        return everywhere(what, q(sale), "POST", node_wire::sale_route(sale, verb), {});
    });
}

void NodeCluster::setDegrade(const QString& node, int level) {
    worker_.submit(QStringLiteral("degrade"), node, [this, node = s(node), level] {
        const QString what = QStringLiteral("degrade");
        if (node.empty())
            return everywhere(what, QStringLiteral("all nodes"), "PUT", "/admin/v1/degrade",
                              node_wire::degrade_body({}, level));
        // The node's own id in the body: the one shown may carry "@host:port" (see shownId).
        const Target t = owner(node);
        return onNode(what, q(node), t, "PUT", "/admin/v1/degrade",
                      node_wire::degrade_body(t.id, level), QStringLiteral("level %1").arg(level));
    });
}

void NodeCluster::setLimits(const QString& rulesJson) {
    worker_.submit(QStringLiteral("set limits"), QStringLiteral("all nodes"),
                   [this, json = s(rulesJson)] {
                       return everywhere(QStringLiteral("set limits"), QStringLiteral("all nodes"),
                                         "PUT", "/admin/v1/limits", json);
                   });
}

void NodeCluster::drainNode(const QString& node) {
    worker_.submit(QStringLiteral("drain node"), node, [node] {
        return ActionResult::failed(QStringLiteral("drain node"), node, no_peers);
    });
}

void NodeCluster::rebalance(const QString& sale, const RebalanceRequest&) {
    worker_.submit(QStringLiteral("rebalance"), sale, [sale] {
        return ActionResult::failed(QStringLiteral("rebalance"), sale, no_peers);
    });
}

void NodeCluster::ensureNodes(int count) {
    Q_EMIT actionFinished(ActionResult::failed(
        QStringLiteral("start nodes"), QString::number(count),
        QStringLiteral(
            "attached nodes are started by the operator (seckill-node --embedded), then attached "
            "with --node http://HOST:PORT")));
}

void NodeCluster::injectFaults(const QStringList& nodes,
                               const std::vector<store::FaultSpec>& faults) {
    const std::string body = faults_body(faults);
    QStringList described;
    for (const store::FaultSpec& f : faults) described << describe(f);
    for (const QString& node : nodes) {
        worker_.submit(QStringLiteral("inject faults"), node, [this, node, body, described] {
            return onNode(QStringLiteral("inject faults"), node, owner(s(node)), "POST",
                          "/admin/v1/faults", body, described.join(QStringLiteral("; ")));
        });
    }
}

void NodeCluster::clearFaults(const QStringList& nodes) {
    const QString what = QStringLiteral("clear faults");
    if (nodes.isEmpty()) {
        worker_.submit(what, QStringLiteral("all nodes"), [this, what] {
            return everywhere(what, QStringLiteral("all nodes"), "DELETE", "/admin/v1/faults", {});
        });
        return;
    }
    for (const QString& node : nodes) {
        worker_.submit(what, node, [this, node, what] {
            return onNode(what, node, owner(s(node)), "DELETE", "/admin/v1/faults", {},
                          QStringLiteral("every fault cleared"));
        });
    }
}

void NodeCluster::orderJourney(const QString& orderId) {
    worker_.post([this, id = s(orderId)] {
        // Each attached node is its own ledger: the first that knows the id answers.
        JourneyAnswer answer;
        QStringList failures;
        if (token_.empty())
            answer.error = missing_admin_token();
        else if (!is_valid_order_id(id))
            answer.error =
                QString::fromLatin1(order_id_rule.data(), qsizetype(order_id_rule.size()));
        for (const Endpoint& e : endpoints_) {
            if (!answer.error.isEmpty() || answer.journey) break;
            const AdminReply reply =
                call_node_admin(e.address, "GET", "/admin/v1/orders/" + id, token_);
            if (reply.status == 404) continue;
            try {
                if (reply.status != 200) throw std::runtime_error(reply.sentence());
                answer.journey = node_wire::order_journey(reply.body);
            } catch (const std::exception& err) {
                failures << QStringLiteral("%1: %2").arg(q(e.address),
                                                         QString::fromUtf8(err.what()));
            }
        }
        // Unknown everywhere that answered; a node that could not be asked may hold it.
        if (!answer.journey && answer.error.isEmpty())
            answer.error = failures.join(QStringLiteral("; "));
        QMetaObject::invokeMethod(
            this, [this, id, answer] { Q_EMIT orderJourneyReady(q(id), answer); },
            Qt::QueuedConnection);
    });
}

}  // namespace seckill::ui
