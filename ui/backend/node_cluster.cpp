#include "backend/node_cluster.h"

#include <QUrl>
#include <algorithm>
#include <stdexcept>

#include "backend/fault_wire.h"  // cluster_event
#include "backend/node_admin_client.h"
#include "backend/node_admin_result.h"
#include "backend/node_wire.h"
#include "backend/snapshot_reader.h"
#include "core/clock.h"

namespace seckill::ui {
namespace {

std::string s(const QString& q) { return q.toStdString(); }
QString q(const std::string& s) { return QString::fromStdString(s); }

constexpr Millis invariants_every_ms = ReaderOptions{}.invariants_every_ms;
constexpr std::size_t event_backlog =
    50;  // as LedgerEventFeed: context on attach, not the whole log
constexpr std::size_t event_page = 1000;  // the most GET /admin/v1/events gives at once
// A node keeps store::kept_events; more pages than that holds means its numbers do not move.
constexpr int max_event_pages = int(store::kept_events / event_page) + 1;

}  // namespace

QString NodeCluster::urlError(const QString& url) {
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid()) return QStringLiteral("not a URL: %1").arg(u.errorString());
    if (u.scheme() != QLatin1String("http"))
        return QStringLiteral("a node URL starts with http://");
    if (u.host().isEmpty()) return QStringLiteral("the URL names no host");
    if (u.port() <= 0) return QStringLiteral("the URL names no port (http://HOST:PORT)");
    if (!u.userInfo().isEmpty() || u.hasQuery() || u.hasFragment() ||
        (!u.path().isEmpty() && u.path() != QLatin1String("/")))
        return QStringLiteral("a node URL is http://HOST:PORT with nothing after the port");
    return {};
}

NodeCluster::NodeCluster(NodeClusterOptions options, QObject* parent)
    : ConsoleBackend(parent),
      options_(std::move(options)),
      token_(s(options_.admin_token)),
      worker_([this] { return poll(); }, options_.refresh) {
    if (options_.urls.isEmpty()) throw std::invalid_argument("no node URL given");
    for (QString& url : options_.urls) {
        if (const QString err = urlError(url); !err.isEmpty())
            throw std::invalid_argument(s(url + QStringLiteral(": ") + err));
        // host:port ([v6]:port), as call_node_admin and the registry's addresses write it.
        const QString authority = QUrl(url.trimmed()).authority(QUrl::FullyEncoded);
        url = QStringLiteral("http://") + authority;
        endpoints_.push_back({s(authority), {}, std::nullopt, {}});
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
    // A second, not the default three: reads run one node after another inside a poll,
    // and a frozen node must not make every other node's numbers look stale.
    const AdminReply r =
        call_node_admin(address, "GET", path, token, {}, std::chrono::milliseconds(1000));
    if (r.status == 200) return r.body;
    if (r.status == 0) throw std::runtime_error(r.error);
    throw std::runtime_error("GET " + path + ": HTTP " + std::to_string(r.status) + ": " +
                             r.sentence());
}

void add_sale(std::vector<SaleView>& sales, SaleView sale) {
    auto same = std::find_if(sales.begin(), sales.end(),
                             [&](const SaleView& s) { return s.config.id == sale.config.id; });
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
        e.degrade = node_wire::degrade(fetch(e.address, token_, "/admin/v1/degrade"));
        for (const auto& ev : readEvents(e)) snap.events.push_back(cluster_event(ev));
        e.registry = std::move(registry);
        e.failed.clear();
        return {};
    } catch (const std::exception& ex) {
        // Its nodes stay on the board with their last heartbeat: late at once (unanswered),
        // dead once that heartbeat is older than their TTL, so the operator sees which went.
        e.failed = ex.what();
        return QStringLiteral("http://%1: %2").arg(q(e.address), QString::fromUtf8(ex.what()));
    }
}

std::vector<store::NodeEvent> NodeCluster::readEvents(Endpoint& e) {
    // On attach, page to the end of the node's log keeping the tail, as LedgerEventFeed
    // does; after that one page per poll, a longer burst arriving over the next few.
    const bool attaching = !e.event_cursor;
    std::vector<store::NodeEvent> out;
    for (int page = 0; page < (attaching ? max_event_pages : 1); ++page) {
        const std::uint64_t since = e.event_cursor.value_or(0);
        auto batch = node_wire::events(fetch(e.address, token_,
                                             "/admin/v1/events?max=" + std::to_string(event_page) +
                                                 "&since=" + std::to_string(since)));
        const bool more = batch.size() == event_page && !batch.empty() && batch.back().seq > since;
        e.event_cursor = batch.empty() ? since : std::max(since, batch.back().seq);
        out.insert(out.end(), std::make_move_iterator(batch.begin()),
                   std::make_move_iterator(batch.end()));
        if (attaching && out.size() > event_backlog)
            out.erase(out.begin(), out.end() - std::ptrdiff_t(event_backlog));
        if (!more) break;
    }
    return out;
}

SnapshotPtr NodeCluster::poll() {
    ClusterSnapshot snap;
    QStringList failures;
    std::vector<store::NodeInfo> registry;
    std::map<std::string, std::string> unanswered;
    for (Endpoint& e : endpoints_)
        if (QString why = read(e, snap); !why.isEmpty()) failures << why;
    // Stamped once the reads are done: a read that waited on a slow node holds the data of
    // then (as SnapshotReader::read).
    snap.taken_at = SystemClock::instance().now_ms();
    for (const Endpoint& e : endpoints_) {
        for (store::NodeInfo n : e.registry) {
            n.id = shownId(e, n.id);
            // Its numbers are the last it gave: they leave the sums (judged late).
            if (!e.failed.empty()) unanswered[n.id] = e.failed, n.alive = true;
            registry.push_back(std::move(n));
        }
        if (!e.degrade.first.empty())
            snap.control.degrade_by_node[shownId(e, e.degrade.first)] = e.degrade.second;
        if (snap.control.limits_json.empty()) snap.control.limits_json = e.limits_json;
    }
    for (const store::NodeInfo& n : registry) {
        if (!n.alive || unanswered.contains(n.id)) continue;
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
    snap.nodes = watch_.statuses(std::move(registry), snap.taken_at, steady_ms(), unanswered);
    snap.selected_sale = followed_sale(snap, selected_);
    if (QString why = readInvariants(snap); !why.isEmpty()) failures << why;
    QMetaObject::invokeMethod(
        this, [this, f = failures.join(QStringLiteral("; "))] { pollEnded(f); },
        Qt::QueuedConnection);
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
                const AdminReply r = call_node_admin(
                    e.address, "GET", node_wire::sale_route(snap.selected_sale, "/invariants"),
                    token_);
                if (r.status == 404) continue;  // this node does not sell that sale
                if (r.status != 200) {
                    checked_at_ = 0;  // try again at the next poll
                    return QStringLiteral("http://%1: invariants: %2")
                        .arg(q(e.address), q(r.sentence()));
                }
                try {
                    reports.emplace_back(shownId(e, e.registry.front().id),
                                         node_wire::invariants(r.body));
                } catch (const std::exception& ex) {
                    checked_at_ = 0;
                    return QStringLiteral("http://%1: invariants: %2")
                        .arg(q(e.address), QString::fromUtf8(ex.what()));
                }
            }
            if (reports.size() == 1) last_report_ = std::move(reports.front().second);
            if (reports.size() > 1) last_report_ = node_wire::joined(reports);
        }
    }
    snap.invariants = last_report_;
    return {};
}

}  // namespace seckill::ui
