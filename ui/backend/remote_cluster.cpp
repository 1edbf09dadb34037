#include "backend/remote_cluster.h"

#include <stdexcept>

#include "backend/ledger_actions.h"
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
    reader_ = std::make_unique<SnapshotReader>(*ledger_, nullptr, clock());

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

SnapshotPtr RemoteCluster::poll() { return std::make_shared<const ClusterSnapshot>(reader_->read()); }

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
        QStringLiteral("nodes of a Redis cluster are started by the operator (seckill-node --redis %1)")
            .arg(options_.url)));
}

}  // namespace seckill::ui
