#include "backend/local_cluster.h"

#include <QDateTime>
#include <QDir>
#include <stdexcept>

#include "backend/local_node_set.h"
#include "backend/snapshot_reader.h"
#include "node/http/admin_token.h"
#include "store/order_db.h"
#include "store/order_writer.h"

namespace seckill::ui {

struct LocalCluster::Session {
    Session(store::Ledger& ledger, const std::string& db_path, const std::string& token)
        : db(db_path), writer(ledger, db), nodes(ledger, clock(), token), reader(ledger, &db, clock()) {
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
};

namespace {
std::string s(const QString& q) { return q.toStdString(); }
}  // namespace

LocalCluster::LocalCluster(LocalClusterOptions options, QObject* parent)
    : LedgerBackend(options.refresh, parent), options_(std::move(options)) {
    db_path_ = QDir(options_.data_dir)
                   .filePath(QStringLiteral("orders-%1.db")
                                 .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
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
    worker_.runAndWait([this] { session_.reset(); });
    worker_.stop();
}

QString LocalCluster::description() const {
    return QStringLiteral("local cluster, %1 nodes").arg(running_nodes_.load());
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
        session_ = std::make_unique<Session>(ledger_, s(db_path_), token.value);
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
    // A drained node has left the registry; the operator still wants to see it.
    for (const std::string& id : session_->nodes.drained()) {
        NodeStatus n;
        n.info.id = id;
        n.health = NodeHealth::drained;
        snap.nodes.push_back(std::move(n));
    }
    return std::make_shared<const ClusterSnapshot>(std::move(snap));
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
        return ActionResult::done(what, node, QStringLiteral("stopped; lease returned, queued buys committed"));
    });
}

void LocalCluster::ensureNodes(int count) {
    worker_.submit(QStringLiteral("start nodes"), QString::number(count), [this, count] {
        const QString what = QStringLiteral("start nodes");
        if (!session_) return ActionResult::failed(what, QString::number(count), QStringLiteral("not running"));
        QStringList started;
        while (session_->nodes.running() < count)
            started << QString::fromStdString(session_->nodes.add().id());
        running_nodes_ = session_->nodes.running();
        return ActionResult::done(what, QString::number(count),
                                  started.isEmpty() ? QStringLiteral("already running")
                                                    : QStringLiteral("started ") + started.join(QStringLiteral(", ")));
    });
}

}  // namespace seckill::ui
