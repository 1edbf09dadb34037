#include "backend/remote_cluster.h"

#include <stdexcept>

#include "backend/fault_wire.h"
#include "backend/ledger_actions.h"
#include "backend/node_admin_client.h"
#include "backend/node_admin_result.h"
#include "backend/node_wire.h"
#include "store/redis/redis_ledger.h"

namespace seckill::ui {
namespace {

std::string s(const QString& q) { return q.toStdString(); }

store::redis::RedisUrl parse(const QString& url) {
    auto parsed = store::redis::parse_redis_url(s(url.trimmed()));
    if (auto* err = std::get_if<std::string>(&parsed)) throw std::invalid_argument(*err);
    return std::get<store::redis::RedisUrl>(parsed);
}

}  // namespace

RemoteCluster::RemoteCluster(RemoteClusterOptions options, QObject* parent)
    : LedgerBackend(options.refresh, parent), options_(std::move(options)) {
    store::redis::RedisLedgerOptions ledger_options;
    // The console reads control state once per snapshot anyway; a subscriber thread
    // would only add a second connection.
    ledger_options.watch_control = false;
    ledger_ = std::make_unique<store::redis::RedisLedger>(parse(options_.url), ledger_options);
    options_.url = QString::fromStdString(parse(options_.url).to_string());
    orders_ =
        std::make_unique<RemoteOrderTally>(*ledger_, s(options_.admin_token), clock(), nodeTtl());
    reader_ = std::make_unique<SnapshotReader>(*ledger_, orders_.get(), clock());

    // Reported on change only: a Redis that stays down fails every poll, 4 times a second.
    connect(&worker_, &BackendWorker::pollFailed, this, [this](const QString& why) {
        if (state_ == Connection::failed && why == last_error_) return;
        state_ = Connection::failed;
        last_error_ = why;
        Q_EMIT connectionChanged(state_, QStringLiteral("%1: %2").arg(options_.url, why));
    });
    connect(&worker_, &BackendWorker::pollSucceeded, this, [this] {
        if (state_ == Connection::connected) return;
        state_ = Connection::connected;
        last_error_.clear();
        Q_EMIT connectionChanged(state_, description());
    });
}

RemoteCluster::~RemoteCluster() {
    worker_.stop();  // before the ledger and reader it uses go
}

QString RemoteCluster::urlError(const QString& url) {
    auto parsed = store::redis::parse_redis_url(s(url.trimmed()));
    auto* err = std::get_if<std::string>(&parsed);
    return err ? QString::fromStdString(*err) : QString();
}

QString RemoteCluster::description() const { return options_.url; }

store::Ledger& RemoteCluster::ledger() { return *ledger_; }

void RemoteCluster::open() {
    state_ = Connection::connecting;
    Q_EMIT connectionChanged(state_, QStringLiteral("attaching to %1").arg(options_.url));
    worker_.start();
}

SnapshotPtr RemoteCluster::poll() {
    reader_->set_unanswered(probe_.unanswered());
    ClusterSnapshot snap = reader_->read();
    std::map<std::string, std::string> addresses;
    for (const NodeStatus& n : snap.nodes)
        if (n.health != NodeHealth::dead && !n.info.address.empty())
            addresses[n.info.id] = n.info.address;
    probe_.watch(std::move(addresses));
    snap.events = events_.read(*ledger_);
    return std::make_shared<const ClusterSnapshot>(std::move(snap));
}

std::optional<node::OrderJourney> RemoteCluster::journeyOf(const std::string& orderId) {
    auto j = node::order_journey(*ledger_, nullptr, orderId);
    if (!j || !j->written() || options_.admin_token.isEmpty()) return j;
    // Writers split the queue between their DBs: the one that stored it says when.
    for (const store::NodeInfo& n : ledger_->list_nodes(clock().now_ms(), nodeTtl())) {
        if (!n.alive || !is_order_writer(n)) continue;
        const AdminReply r =
            call_node_admin(n.address, "GET", "/admin/v1/orders/" + orderId,
                            s(options_.admin_token), {}, std::chrono::milliseconds(1000));
        if (r.status != 200) continue;
        try {
            const node::OrderJourney stored = node_wire::order_journey(r.body);
            if (!stored.in_order_db) continue;
            j->in_order_db = true;
            j->written_at = stored.written_at;
            break;
        } catch (const std::exception&) {
            // A writer answering garbage leaves the time unknown; the ledger's half stands.
        }
    }
    return j;
}

ActionResult RemoteCluster::callNode(const QString& what, const std::string& node,
                                     const std::string& method, const std::string& body) {
    const QString target = QString::fromStdString(node);
    if (options_.admin_token.isEmpty())
        return ActionResult::failed(what, target, missing_admin_token());
    std::string address;
    for (const store::NodeInfo& n : ledger_->list_nodes(clock().now_ms(), nodeTtl()))
        if (n.id == node && n.alive) address = n.address;
    if (address.empty())
        return ActionResult::failed(what, target,
                                    QStringLiteral("no live node with this id in the registry"));
    return admin_result(
        what, target,
        call_node_admin(address, method, "/admin/v1/faults", s(options_.admin_token), body));
}

void RemoteCluster::injectFaults(const QStringList& nodes,
                                 const std::vector<store::FaultSpec>& faults) {
    const std::string body = faults_body(faults);
    QStringList what;
    for (const store::FaultSpec& f : faults) what << describe(f);
    for (const QString& node : nodes) {
        worker_.submit(QStringLiteral("inject faults"), node, [this, node = s(node), body, what] {
            ActionResult r = callNode(QStringLiteral("inject faults"), node, "POST", body);
            if (r.ok) r.message = what.join(QStringLiteral("; "));
            return r;
        });
    }
}

void RemoteCluster::clearFaults(const QStringList& nodes) {
    QStringList targets = nodes;
    if (targets.isEmpty()) {
        // Every node that is up, as the last snapshot saw them; one result each, since
        // each node may answer differently (one without --allow-faults refuses).
        worker_.submit(QStringLiteral("clear faults"), QStringLiteral("all nodes"), [this] {
            QStringList cleared, refused;
            for (const store::NodeInfo& n : ledger_->list_nodes(clock().now_ms(), nodeTtl())) {
                if (!n.alive) continue;
                const ActionResult r = callNode(QStringLiteral("clear faults"), n.id, "DELETE", {});
                (r.ok ? cleared : refused) << (r.ok ? QString::fromStdString(n.id)
                                                    : QStringLiteral("%1 (%2)").arg(
                                                          QString::fromStdString(n.id), r.message));
            }
            const QString what = QStringLiteral("clear faults"),
                          target = QStringLiteral("all nodes");
            if (!refused.isEmpty())
                return ActionResult::failed(
                    what, target,
                    QStringLiteral("cleared on %1; not on %2")
                        .arg(cleared.isEmpty() ? QStringLiteral("none")
                                               : cleared.join(QStringLiteral(", ")),
                             refused.join(QStringLiteral("; "))));
            return ActionResult::done(
                what, target,
                QStringLiteral("cleared on %1").arg(cleared.join(QStringLiteral(", "))));
        });
        return;
    }
    for (const QString& node : targets) {
        worker_.submit(QStringLiteral("clear faults"), node, [this, node = s(node)] {
            ActionResult r = callNode(QStringLiteral("clear faults"), node, "DELETE", {});
            if (r.ok) r.message = QStringLiteral("every fault cleared");
            return r;
        });
    }
}

void RemoteCluster::selectSale(const QString& sale) {
    worker_.post([this, sale = s(sale)] { reader_->select_sale(sale); });
}

void RemoteCluster::drainNode(const QString& node) {
    worker_.submit(QStringLiteral("drain node"), node, [this, node = s(node)] {
        return ledger_actions::drain_node(*ledger_, node, clock().now_ms(), nodeTtl());
    });
}

void RemoteCluster::ensureNodes(int count) {
    Q_EMIT actionFinished(ActionResult::failed(
        QStringLiteral("start nodes"), QString::number(count),
        QStringLiteral(
            "nodes of a Redis cluster are started by the operator (seckill-node --redis %1)")
            .arg(options_.url)));
}

}  // namespace seckill::ui
