#include "backend/local_cluster.h"

#include <QDateTime>
#include <QDir>
#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "backend/fault_wire.h"
#include "backend/local_node_set.h"
#include "backend/snapshot_reader.h"
#include "node/http/admin_token.h"
#include "node/operations/fault_operations.h"
#include "store/order_db.h"
#include "store/order_writer.h"

namespace seckill::ui {

// An engine runs its crash handler on a detached thread ~100 ms after a node_crash, by
// which time the console may be closing: the handler only ever reaches the cluster through
// this relay, which the cluster empties (under the lock) before it goes away.
struct LocalCluster::CrashRelay {
    std::mutex mu;
    LocalCluster* cluster = nullptr;

    void crash(const std::string& id) {
        std::lock_guard lock(mu);
        if (cluster) cluster->worker_.post([c = cluster, id] { c->crashNode(id); });
    }
};

struct LocalCluster::Session {
    Session(store::Ledger& ledger, const std::string& db_path, const std::string& token,
            LocalNodeSet::CrashHandler on_crash, std::size_t commit_batch)
        : db(db_path),
          writer(ledger, db),
          nodes(ledger, clock(), token, std::move(on_crash), commit_batch),
          reader(ledger, &db, clock()) {
        writer.start();
    }
    ~Session() {
        nodes.stop_all();
        writer.stop();  // after the nodes: their last commits are written too
    }
    static const Clock& clock() { return SystemClock::instance(); }

    store::OrderDb db;
    store::OrderWriter writer;
    LocalNodeSet nodes;
    SnapshotReader reader;
    // Each node's event log is read from where the last poll stopped (its own numbering).
    std::map<std::string, std::uint64_t> event_cursor;
    // What the console itself saw happen (a crash), for the next snapshot's events.
    std::vector<ClusterEvent> own_events;

    // An ended sale's orders by status, counted again only when the writer wrote more.
    const std::map<std::string, std::int64_t>& ended_orders(const std::string& sale) {
        const std::uint64_t written = writer.written();
        if (sale != tallied_sale || written != tallied_written) {
            tally.clear();
            for (const auto& [status, n] : db.count_by_status(sale))
                tally[std::string(store::to_string(status))] = n;
            tallied_sale = sale;
            tallied_written = written;
        }
        return tally;
    }
    std::string tallied_sale;
    std::uint64_t tallied_written = 0;
    std::map<std::string, std::int64_t> tally;
};

namespace {
std::string s(const QString& q) { return q.toStdString(); }
}  // namespace

LocalCluster::LocalCluster(LocalClusterOptions options, QObject* parent)
    : LedgerBackend(options.refresh, parent),
      options_(std::move(options)),
      crash_relay_(std::make_shared<CrashRelay>()) {
    crash_relay_->cluster = this;
    db_path_ = QDir(options_.data_dir)
                   .filePath(QStringLiteral("orders-%1.db")
                                 .arg(QDateTime::currentDateTime().toString(
                                     QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
    connect(&worker_, &BackendWorker::pollFailed, this, [this](const QString& why) {
        poll_failing_ = true;
        Q_EMIT connectionChanged(Connection::failed, why);
    });
    connect(&worker_, &BackendWorker::pollSucceeded, this, [this] {
        if (!poll_failing_) return;
        poll_failing_ = false;
        Q_EMIT connectionChanged(Connection::connected, description());
    });
}

LocalCluster::~LocalCluster() {
    {
        std::lock_guard lock(crash_relay_->mu);
        crash_relay_->cluster = nullptr;  // a crash that fires from now on finds no one
    }
    worker_.runAndWait([this] { session_.reset(); });
    worker_.stop();
}

std::optional<node::OrderJourney> LocalCluster::journeyOf(const std::string& orderId) {
    return node::order_journey(ledger_, session_ ? &session_->db : nullptr, orderId);
}

QString LocalCluster::description() const {
    return QStringLiteral("local cluster, %1 nodes").arg(running_nodes_.load());
}

std::string LocalCluster::adminToken() const {
    std::lock_guard lock(token_mu_);
    return admin_token_;
}

void LocalCluster::open() {
    Q_EMIT connectionChanged(Connection::connecting,
                             QStringLiteral("starting %1 local nodes").arg(options_.nodes));
    // Queued ahead of the first poll, so that poll already sees the nodes.
    worker_.post([this] { startSession(); });
    worker_.start();
}

void LocalCluster::startSession() {
    try {
        if (!QDir().mkpath(options_.data_dir))
            throw std::runtime_error("cannot create the data directory " + s(options_.data_dir));
        const auto token = node::http::load_admin_token({}, s(options_.data_dir));
        session_ = std::make_unique<Session>(
            ledger_, s(db_path_), token.value,
            [relay = crash_relay_](const std::string& id) { relay->crash(id); },
            options_.commit_batch);
        {
            std::lock_guard lock(token_mu_);
            admin_token_ = token.value;
        }
        for (int i = 0; i < options_.nodes; ++i) session_->nodes.add();
        running_nodes_ = session_->nodes.running();
        Q_EMIT connectionChanged(Connection::connected,
                                 QStringLiteral("local cluster: %1 nodes, orders in %2")
                                     .arg(session_->nodes.running())
                                     .arg(db_path_));
    } catch (const std::exception& e) {
        session_.reset();
        Q_EMIT connectionChanged(Connection::failed, QString::fromUtf8(e.what()));
    }
}

SnapshotPtr LocalCluster::poll() {
    if (!session_) throw std::runtime_error("the local cluster is not running");
    ClusterSnapshot snap = session_->reader.read();
    snap.console_order_events = std::int64_t(session_->writer.written());
    if (const SaleView* sale = snap.find_sale(snap.selected_sale);
        sale && sale->state == SaleState::ended)
        snap.order_db_statuses = session_->ended_orders(snap.selected_sale);
    // A drained node has left the registry; the operator still wants to see it.
    for (const std::string& id : session_->nodes.drained()) {
        NodeStatus n;
        n.info.id = id;
        n.health = NodeHealth::drained;
        snap.nodes.push_back(std::move(n));
    }
    addFaultsAndEvents(snap);
    return std::make_shared<const ClusterSnapshot>(std::move(snap));
}

void LocalCluster::addFaultsAndEvents(ClusterSnapshot& snap) {
    const std::vector<std::string> crashed = session_->nodes.crashed();
    for (NodeStatus& n : snap.nodes) {
        if (std::find(crashed.begin(), crashed.end(), n.info.id) != crashed.end()) {
            // Still registered until its peers reclaim it; its stats are its last words.
            n.health = NodeHealth::crashed;
            n.stats.faults.clear();
        } else if (LocalNode* node = session_->nodes.find(n.info.id)) {
            // The engine's own list, not the heartbeat's: a node whose ledger is down
            // cannot beat, and the faults are what the operator needs to see then.
            n.stats.faults = fault_views(node->engine().faults().active(), snap.taken_at);
        }
    }
    // Read from each engine rather than the ledger's copy: a node that cannot reach the
    // ledger (ledger_down) publishes nothing until it can, and its events say why.
    for (const auto& node : session_->nodes.all()) {
        std::uint64_t& cursor = session_->event_cursor[node->id()];
        for (const store::NodeEvent& e : node->engine().events().since(cursor, 200)) {
            cursor = std::max(cursor, e.seq);
            snap.events.push_back(cluster_event(e));
        }
    }
    for (ClusterEvent& e : session_->own_events) snap.events.push_back(std::move(e));
    session_->own_events.clear();
    std::stable_sort(snap.events.begin(), snap.events.end(),
                     [](const ClusterEvent& a, const ClusterEvent& b) { return a.at < b.at; });
}

void LocalCluster::crashNode(const std::string& id) {
    if (!session_ || !session_->nodes.crash(id)) return;
    running_nodes_ = session_->nodes.running();
    session_->own_events.push_back(
        {0, clock().now_ms(), id, "node_crashed", R"({"kind":"node_crashed"})"});
}

void LocalCluster::selectSale(const QString& sale) {
    worker_.post([this, sale = s(sale)] {
        if (session_) session_->reader.select_sale(sale);
    });
}

void LocalCluster::saleChanged(const std::string& sale) {
    if (session_) session_->nodes.refresh_sale(sale);
}

void LocalCluster::drainNode(const QString& node) {
    worker_.submit(QStringLiteral("drain node"), node, [this, node] {
        const QString what = QStringLiteral("drain node");
        if (!session_ || !session_->nodes.drain(s(node)))
            return ActionResult::failed(what, node, QStringLiteral("no running node with this id"));
        running_nodes_ = session_->nodes.running();
        return ActionResult::done(what, node,
                                  QStringLiteral("stopped; lease returned, queued buys committed"));
    });
}

void LocalCluster::injectFaults(const QStringList& nodes,
                                const std::vector<store::FaultSpec>& faults) {
    const std::string body = faults_body(faults);
    QStringList what;
    for (const store::FaultSpec& f : faults) {
        what << describe(f);
        // Said rather than hidden: the fault is set, but nothing here reads it.
        if (store::to_string(f.kind).rfind("order_db_", 0) == 0)
            what << QStringLiteral(
                "(no effect on an embedded node: it writes no order DB of its own, the "
                "console's one order writer does; try it on a seckill-node --order-writer)");
    }
    for (const QString& node : nodes) {
        worker_.submit(QStringLiteral("inject faults"), node, [this, node, body, what] {
            const QString action = QStringLiteral("inject faults");
            LocalNode* n = session_ ? session_->nodes.find(s(node)) : nullptr;
            if (!n)
                return ActionResult::failed(action, node,
                                            QStringLiteral("no running node with this id"));
            // The same operation as PUT /admin/v1/faults, with the same checks and words.
            const auto r = node::inject_faults(n->engine(), body, false);
            if (!r.ok())
                return ActionResult::failed(action, node, QString::fromStdString(r.sentence));
            return ActionResult::done(action, node, what.join(QStringLiteral("; ")));
        });
    }
}

void LocalCluster::clearFaults(const QStringList& nodes) {
    const QString target =
        nodes.isEmpty() ? QStringLiteral("all nodes") : nodes.join(QStringLiteral(", "));
    worker_.submit(QStringLiteral("clear faults"), target, [this, nodes, target] {
        const QString action = QStringLiteral("clear faults");
        if (!session_) return ActionResult::failed(action, target, QStringLiteral("not running"));
        QStringList cleared, missing;
        for (const auto& n : session_->nodes.all()) {
            const QString id = QString::fromStdString(n->id());
            if (n->running() && (nodes.isEmpty() || nodes.contains(id))) {
                n->engine().clear_faults();
                cleared << id;
            }
        }
        for (const QString& id : nodes)
            if (!cleared.contains(id)) missing << id;
        if (!missing.isEmpty())
            return ActionResult::failed(
                action, target,
                QStringLiteral("cleared on %1; no running node %2")
                    .arg(cleared.isEmpty() ? QStringLiteral("none")
                                           : cleared.join(QStringLiteral(", ")),
                         missing.join(QStringLiteral(", "))));
        return ActionResult::done(
            action, target,
            QStringLiteral("cleared on %1").arg(cleared.join(QStringLiteral(", "))));
    });
}

void LocalCluster::ensureNodes(int count) {
    worker_.submit(QStringLiteral("start nodes"), QString::number(count), [this, count] {
        const QString what = QStringLiteral("start nodes");
        if (!session_)
            return ActionResult::failed(what, QString::number(count),
                                        QStringLiteral("not running"));
        QStringList started;
        while (session_->nodes.running() < count)
            started << QString::fromStdString(session_->nodes.add().id());
        running_nodes_ = session_->nodes.running();
        return ActionResult::done(
            what, QString::number(count),
            started.isEmpty() ? QStringLiteral("already running")
                              : QStringLiteral("started ") + started.join(QStringLiteral(", ")));
    });
}

}  // namespace seckill::ui
