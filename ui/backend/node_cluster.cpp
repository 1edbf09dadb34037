#include "backend/node_cluster.h"

#include <QUrl>
#include <algorithm>
#include <stdexcept>

#include "backend/fault_wire.h"
#include "backend/node_admin_client.h"
#include "backend/node_admin_result.h"
#include "backend/node_wire.h"
#include "backend/snapshot_reader.h"
#include "core/clock.h"
#include "core/ids.h"

namespace seckill::ui {
namespace {

std::string s(const QString& q) { return q.toStdString(); }
QString q(const std::string& s) { return QString::fromStdString(s); }

constexpr Millis invariants_every_ms = ReaderOptions{}.invariants_every_ms;
constexpr std::size_t event_backlog = 50;  // as LedgerEventFeed: context on attach, not the whole log
const QString no_peers = QStringLiteral("a standalone node has no peers to move units to: each attached node "
                                        "sells only the units of its own ledger");

std::string sale_path(const std::string& sale, const char* tail) { return "/admin/v1/sales/" + sale + tail; }

}  // namespace

QString NodeCluster::urlError(const QString& url) {
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid()) return QStringLiteral("not a URL: %1").arg(u.errorString());
    if (u.scheme() != QLatin1String("http")) return QStringLiteral("a node URL starts with http://");
    if (u.host().isEmpty()) return QStringLiteral("the URL names no host");
    if (u.port() <= 0) return QStringLiteral("the URL names no port (http://HOST:PORT)");
    if (!u.userInfo().isEmpty() || u.hasQuery() || u.hasFragment() || (!u.path().isEmpty() && u.path() != QLatin1String("/")))
        return QStringLiteral("a node URL is http://HOST:PORT with nothing after the port");
    return {};
}

NodeCluster::NodeCluster(NodeClusterOptions options, QObject* parent)
    : ConsoleBackend(parent), options_(std::move(options)), token_(s(options_.admin_token)),
      worker_([this] { return poll(); }, options_.refresh) {
    if (options_.urls.isEmpty()) throw std::invalid_argument("no node URL given");
    for (QString& url : options_.urls) {
        if (const QString err = urlError(url); !err.isEmpty()) throw std::invalid_argument(s(url + QStringLiteral(": ") + err));
        const QUrl u(url.trimmed());
        url = QStringLiteral("http://%1:%2").arg(u.host(QUrl::FullyEncoded)).arg(u.port());
        const QString host = u.host().contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(u.host()) : u.host();
        endpoints_.push_back({s(QStringLiteral("%1:%2").arg(host).arg(u.port())), {}, std::nullopt, {}});
    }
    connect(&worker_, &BackendWorker::snapshotReady, this, &ConsoleBackend::snapshotReady);
    connect(&worker_, &BackendWorker::actionFinished, this, &ConsoleBackend::actionFinished);
    connect(&worker_, &BackendWorker::pollFailed, this, &NodeCluster::pollEnded);
}

NodeCluster::~NodeCluster() { worker_.stop(); }

QString NodeCluster::description() const { return options_.urls.join(QStringLiteral(", ")); }

void NodeCluster::open() {
    state_ = Connection::connecting;
    Q_EMIT connectionChanged(state_, QStringLiteral("attaching to %1").arg(description()));
    worker_.start();
}

void NodeCluster::pollEnded(const QString& failure) {
    // On change only: a node that stays away fails every poll, 4 times a second.
    const Connection now = failure.isEmpty() ? Connection::connected : Connection::failed;
    if (now == state_ && failure == last_error_) return;
    state_ = now;
    last_error_ = failure;
    Q_EMIT connectionChanged(state_, failure.isEmpty() ? description() : failure);
}

namespace {

// GET `path` of one node; throws the reason when there is no 200 answer.
std::string fetch(const std::string& address, const std::string& token, const std::string& path) {
    if (token.empty()) throw std::runtime_error(s(missing_admin_token()));
    const AdminReply r = call_node_admin(address, "GET", path, token);
    if (r.status == 200) return r.body;
    if (r.status == 0) throw std::runtime_error(r.error);
    throw std::runtime_error("GET " + path + ": HTTP " + std::to_string(r.status) + ": " + r.sentence());
}

void add_sale(std::vector<SaleView>& sales, SaleView sale) {
    auto same = std::find_if(sales.begin(), sales.end(), [&](const SaleView& s) { return s.config.id == sale.config.id; });
    if (same == sales.end()) return sales.push_back(std::move(sale));
    // One sale sold by several nodes, each from its own stock; its state is the first URL's.
    same->config.total += sale.config.total;
    same->stock.total += sale.stock.total;
    same->stock.pool += sale.stock.pool;
    same->stock.reserved += sale.stock.reserved;
    same->stock.paid += sale.stock.paid;
}

}  // namespace

QString NodeCluster::read(Endpoint& e, ClusterSnapshot& snap) {
    try {
        auto registry = node_wire::nodes(fetch(e.address, token_, "/admin/v1/nodes"));
        for (SaleView& sale : node_wire::sales(fetch(e.address, token_, "/admin/v1/sales")))
            add_sale(snap.sales, std::move(sale));
        e.limits_json = fetch(e.address, token_, "/admin/v1/limits");
        const auto degrade = node_wire::degrade(fetch(e.address, token_, "/admin/v1/degrade"));
        const bool first = !e.event_cursor;
        auto events = node_wire::events(fetch(e.address, token_, "/admin/v1/events?since=" +
                                                                 std::to_string(e.event_cursor.value_or(0)) +
                                                                 (first ? "&max=1000" : "&max=500")));
        if (first && events.size() > event_backlog) events.erase(events.begin(), events.end() - std::ptrdiff_t(event_backlog));
        e.event_cursor = events.empty() ? e.event_cursor.value_or(0) : events.back().seq;
        for (const auto& ev : events) snap.events.push_back(cluster_event(ev));
        snap.control.degrade_by_node[degrade.first] = degrade.second;
        e.registry = std::move(registry);
        return {};
    } catch (const std::exception& ex) {
        // Its nodes stay on the board, dead, so the operator sees which one went.
        for (store::NodeInfo& n : e.registry) n.alive = false;
        return QStringLiteral("http://%1: %2").arg(q(e.address), QString::fromUtf8(ex.what()));
    }
}

SnapshotPtr NodeCluster::poll() {
    ClusterSnapshot snap;
    snap.taken_at = SystemClock::instance().now_ms();
    QStringList failures;
    std::vector<store::NodeInfo> registry;
    for (Endpoint& e : endpoints_) {
        if (QString why = read(e, snap); !why.isEmpty()) failures << why;
        registry.insert(registry.end(), e.registry.begin(), e.registry.end());
        if (snap.control.limits_json.empty()) snap.control.limits_json = e.limits_json;
    }
    for (const store::NodeInfo& n : registry) {
        if (!n.alive) continue;
        snap.queue_depth += node_wire::queue_depth(n);
        // The API gives what remains; the nodes' leases are the part of it they hold.
        for (const auto& [sale, units] : n.leases)
            for (SaleView& v : snap.sales)
                if (v.config.id == sale) {
                    const std::int64_t moved = std::min(units, v.stock.pool);
                    v.stock.pool -= moved;
                    v.stock.leased += moved;
                }
    }
    snap.nodes = node_statuses(std::move(registry), snap.taken_at, rates_);
    snap.selected_sale = followed_sale(snap, selected_);
    if (QString why = readInvariants(snap); !why.isEmpty()) failures << why;
    QMetaObject::invokeMethod(this, [this, f = failures.join(QStringLiteral("; "))] { pollEnded(f); }, Qt::QueuedConnection);
    return std::make_shared<const ClusterSnapshot>(std::move(snap));
}

QString NodeCluster::readInvariants(ClusterSnapshot& snap) {
    if (snap.selected_sale != checked_sale_ || snap.taken_at - checked_at_ >= invariants_every_ms) {
        // The invariants recount the sale's orders on each node, so at most once a second.
        last_report_.reset();
        checked_sale_ = snap.selected_sale;
        checked_at_ = snap.taken_at;
        if (!snap.selected_sale.empty()) {
            std::vector<std::pair<std::string, store::InvariantReport>> reports;
            for (const Endpoint& e : endpoints_) {
                if (e.registry.empty() || !e.registry.front().alive) continue;
                const AdminReply r = call_node_admin(e.address, "GET", sale_path(snap.selected_sale, "/invariants"), token_);
                if (r.status == 404) continue;  // this node does not sell that sale
                if (r.status != 200) {
                    checked_at_ = 0;  // try again at the next poll
                    return QStringLiteral("http://%1: invariants: %2").arg(q(e.address), q(r.sentence()));
                }
                try {
                    reports.emplace_back(e.registry.front().id, node_wire::invariants(r.body));
                } catch (const std::exception& ex) {
                    checked_at_ = 0;
                    return QStringLiteral("http://%1: invariants: %2").arg(q(e.address), QString::fromUtf8(ex.what()));
                }
            }
            if (reports.size() == 1) last_report_ = std::move(reports.front().second);
            if (reports.size() > 1) last_report_ = node_wire::joined(reports);
        }
    }
    snap.invariants = last_report_;
    return {};
}

NodeCluster::Endpoint* NodeCluster::owner(const std::string& node) {
    for (Endpoint& e : endpoints_)
        for (const store::NodeInfo& n : e.registry)
            if (n.id == node) return &e;
    return nullptr;
}

ActionResult NodeCluster::everywhere(const QString& what, const QString& target, const std::string& method,
                                     const std::string& path, const std::string& body) {
    if (token_.empty()) return ActionResult::failed(what, target, missing_admin_token());
    QStringList done, refused;
    for (const Endpoint& e : endpoints_) {
        const ActionResult r = admin_result(what, target, call_node_admin(e.address, method, path, token_, body));
        (r.ok ? done : refused) << (r.ok ? q(e.address) : QStringLiteral("%1 (%2)").arg(q(e.address), r.message));
        checked_at_ = 0;  // the next snapshot shows the change in the invariants too
    }
    if (!refused.isEmpty())
        return ActionResult::failed(what, target, QStringLiteral("done on %1; not on %2")
                                                      .arg(done.isEmpty() ? QStringLiteral("none") : done.join(QStringLiteral(", ")),
                                                           refused.join(QStringLiteral("; "))));
    return ActionResult::done(what, target, QStringLiteral("done on %1").arg(done.join(QStringLiteral(", "))));
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
        const char* verb = state == SaleState::running ? "/start"
                           : state == SaleState::paused ? "/pause"
                           : state == SaleState::ended  ? "/end"
                                                        : nullptr;
        if (!verb) return ActionResult::failed(what, q(sale), QStringLiteral("a sale cannot be set back to scheduled"));
        if (!is_valid_sale_id(sale)) return ActionResult::failed(what, q(sale), QStringLiteral("sale id must match [A-Za-z0-9_-]{1,32}"));
        return everywhere(what, q(sale), "POST", sale_path(sale, verb), {});
    });
}

void NodeCluster::setDegrade(const QString& node, int level) {
    worker_.submit(QStringLiteral("degrade"), node, [this, node = s(node), level] {
        const QString what = QStringLiteral("degrade");
        const std::string body = node_wire::degrade_body(node, level);
        if (node.empty()) return everywhere(what, QStringLiteral("all nodes"), "PUT", "/admin/v1/degrade", body);
        const Endpoint* e = owner(node);
        if (!e) return ActionResult::failed(what, q(node), QStringLiteral("no attached node has this id"));
        if (token_.empty()) return ActionResult::failed(what, q(node), missing_admin_token());
        return admin_result(what, q(node), call_node_admin(e->address, "PUT", "/admin/v1/degrade", token_, body),
                            QStringLiteral("level %1").arg(level));
    });
}

void NodeCluster::setLimits(const QString& rulesJson) {
    worker_.submit(QStringLiteral("set limits"), QStringLiteral("all nodes"), [this, json = s(rulesJson)] {
        return everywhere(QStringLiteral("set limits"), QStringLiteral("all nodes"), "PUT", "/admin/v1/limits", json);
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
        QStringLiteral("attached nodes are started by the operator (seckill-node --embedded), then attached "
                       "with --node http://HOST:PORT")));
}

void NodeCluster::injectFaults(const QStringList& nodes, const std::vector<store::FaultSpec>& faults) {
    const std::string body = faults_body(faults);
    QStringList described;
    for (const store::FaultSpec& f : faults) described << describe(f);
    for (const QString& node : nodes) {
        worker_.submit(QStringLiteral("inject faults"), node, [this, node, body, described] {
            const QString what = QStringLiteral("inject faults");
            const Endpoint* e = owner(s(node));
            if (!e) return ActionResult::failed(what, node, QStringLiteral("no attached node has this id"));
            if (token_.empty()) return ActionResult::failed(what, node, missing_admin_token());
            return admin_result(what, node, call_node_admin(e->address, "POST", "/admin/v1/faults", token_, body),
                                described.join(QStringLiteral("; ")));
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
            const Endpoint* e = owner(s(node));
            if (!e) return ActionResult::failed(what, node, QStringLiteral("no attached node has this id"));
            if (token_.empty()) return ActionResult::failed(what, node, missing_admin_token());
            return admin_result(what, node, call_node_admin(e->address, "DELETE", "/admin/v1/faults", token_),
                                QStringLiteral("every fault cleared"));
        });
    }
}

}  // namespace seckill::ui
