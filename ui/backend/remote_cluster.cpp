#include "backend/remote_cluster.h"

#include <stdexcept>

#include "backend/ledger_actions.h"
#include "store/redis/redis_ledger.h"

namespace seckill::ui {
namespace {

std::string s(const QString& q) { return q.toStdString(); }
const Clock& clock() { return SystemClock::instance(); }
// As the nodes' EngineOptions: a node silent this long is dead to the console too.
constexpr Millis node_ttl_ms = ReaderOptions{}.node_ttl_ms;

store::redis::RedisUrl parse(const QString& url) {
    auto parsed = store::redis::parse_redis_url(s(url.trimmed()));
    if (auto* err = std::get_if<std::string>(&parsed)) throw std::invalid_argument(*err);
    return std::get<store::redis::RedisUrl>(parsed);
}

}  // namespace

RemoteCluster::RemoteCluster(RemoteClusterOptions options, QObject* parent)
    : ConsoleBackend(parent), options_(std::move(options)), worker_([this] { return poll(); }, options_.refresh) {
    store::redis::RedisLedgerOptions ledger_options;
    // The console reads control state once per snapshot anyway; a subscriber thread
    // would only add a second connection.
    ledger_options.watch_control = false;
    ledger_ = std::make_unique<store::redis::RedisLedger>(parse(options_.url), ledger_options);
    options_.url = QString::fromStdString(parse(options_.url).to_string());
    reader_ = std::make_unique<SnapshotReader>(*ledger_, nullptr, clock());

    connect(&worker_, &BackendWorker::snapshotReady, this, &ConsoleBackend::snapshotReady);
    connect(&worker_, &BackendWorker::actionFinished, this, &ConsoleBackend::actionFinished);
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

void RemoteCluster::createSale(const SaleConfig& config) {
    worker_.submit(QStringLiteral("create sale"), QString::fromStdString(config.id), [this, config] {
        return ledger_actions::create_sale(*ledger_, config, clock().now_ms());
    });
}

void RemoteCluster::setSaleState(const QString& sale, SaleState state) {
    worker_.submit(QStringLiteral("sale state"), sale, [this, sale = s(sale), state] {
        return ledger_actions::set_sale_state(*ledger_, sale, state, clock().now_ms());
    });
}

void RemoteCluster::setDegrade(const QString& node, int level) {
    worker_.submit(QStringLiteral("degrade"), node, [this, node = s(node), level] {
        return ledger_actions::set_degrade(*ledger_, node, level);
    });
}

void RemoteCluster::setLimits(const QString& rulesJson) {
    worker_.submit(QStringLiteral("set limits"), QStringLiteral("all nodes"),
                   [this, json = s(rulesJson)] { return ledger_actions::set_limits(*ledger_, json); });
}

void RemoteCluster::drainNode(const QString& node) {
    worker_.submit(QStringLiteral("drain node"), node, [this, node = s(node)] {
        return ledger_actions::drain_node(*ledger_, node, clock().now_ms(), node_ttl_ms);
    });
}

void RemoteCluster::ensureNodes(int count) {
    Q_EMIT actionFinished(ActionResult::failed(
        QStringLiteral("start nodes"), QString::number(count),
        QStringLiteral("nodes of a Redis cluster are started by the operator (seckill-node --redis %1)")
            .arg(options_.url)));
}

void RemoteCluster::rebalance(const QString& sale, const RebalanceRequest& request) {
    worker_.submit(QStringLiteral("rebalance"), sale, [this, sale = s(sale), request] {
        return ledger_actions::rebalance(*ledger_, sale, request, clock().now_ms(), node_ttl_ms);
    });
}

}  // namespace seckill::ui
