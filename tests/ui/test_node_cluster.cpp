// NodeCluster against two standalone seckill-node processes (embedded ledger each), the
// console attached by URL with the admin token: it sees both nodes and a sale created
// through it, buys reach the sale, degrade lands on the one node asked, the invariants are
// green, and rebalance and drain are refused with the reason. Hostile endpoints (nothing
// listening, garbage JSON, a huge body) fail the connection with a reason, never the console.
#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include "backend/node_cluster.h"
#include "support/eventually.h"
#include "support/http_client.h"
#include "support/node_process.h"
#include "support/sale_builder.h"
#include "window/console_options.h"
#include "window/main_window.h"
#include "window/window_settings.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;
using boost::beast::http::verb;

namespace {

const std::string token = "node-console-token";
QString l(const char* text) { return QString::fromLatin1(text); }
QString url_of(const NodeProcess& n) { return QStringLiteral("http://127.0.0.1:%1").arg(n.port()); }

int degrade_of(quint16 port) {
    const Reply r = HttpClient(port).request(verb::get, "/admin/v1/degrade", {}, token);
    return r.status == 200 ? int(r.json().at("level").as_int64()) : -1;
}

// What a test waits on and reports when the wait fails.
struct Watch {
    SnapshotPtr last;
    std::vector<ClusterEvent> events;  // every snapshot's, as the log pane collects them
    std::vector<ActionResult> results;
    std::vector<std::pair<ConsoleBackend::Connection, QString>> states;

    explicit Watch(NodeCluster& cluster) {
        QObject::connect(&cluster, &ConsoleBackend::snapshotReady, &cluster, [this](SnapshotPtr s) {
            events.insert(events.end(), s->events.begin(), s->events.end());
            last = std::move(s);
        });
        QObject::connect(&cluster, &ConsoleBackend::actionFinished, &cluster,
                         [this](const ActionResult& r) { results.push_back(r); });
        QObject::connect(&cluster, &ConsoleBackend::connectionChanged, &cluster,
                         [this](ConsoleBackend::Connection c, const QString& why) {
                             states.emplace_back(c, why);
                         });
    }
    bool is(ConsoleBackend::Connection c) const {
        return !states.empty() && states.back().first == c;
    }
    std::string state() const {
        return states.empty() ? "no connection change" : states.back().second.toStdString();
    }
    std::string sale(const std::string& id) const {
        const SaleView* s = last ? last->find_sale(id) : nullptr;
        if (!s) return "no sale " + id;
        return "total " + std::to_string(s->stock.total) + " sold " +
               std::to_string(s->stock.sold()) + " state " + std::string(to_string(s->state));
    }
    std::string invariants() const {
        if (!last || !last->invariants) return "no invariants";
        std::string out = last->invariants->ok ? "ok:" : "failed:";
        for (const auto& c : last->invariants->checks)
            out += " " + c.id + (c.ok ? "+ " : "- ") + c.detail;
        return out;
    }
};

// One canned answer to every connection: what a broken or hostile "node" sends.
class CannedServer : public QTcpServer {
  public:
    explicit CannedServer(QByteArray head, qint64 filler = 0)
        : head_(std::move(head)), filler_(filler) {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    s->readAll();
                    s->write(head_);
                    // A body far past any sane admin answer, in chunks while the client reads.
                    for (qint64 sent = 0;
                         sent < filler_ && s->state() == QAbstractSocket::ConnectedState;
                         sent += 1 << 20) {
                        s->write(QByteArray(1 << 20, 'x'));
                        s->waitForBytesWritten(50);
                    }
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }

  private:
    QByteArray head_;
    qint64 filler_;
};

}  // namespace

class NodeClusterTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void urlsAreChecked();
    void commandLineTakesNodes();
    void monitorsAndOperatesTwoNodes();
    void unreachableNodeFailsWithTheReason();
    void garbageAndHugeAnswersFailWithTheReason();
    void windowAttachesNodesAndRemembers();
    void sharedIdsAreQualified();

  private:
    QTemporaryDir dir_;
    std::unique_ptr<NodeProcess> a_, b_;
};

void NodeClusterTest::initTestCase() {
    QVERIFY(dir_.isValid());
    a_ = std::make_unique<NodeProcess>(l("a"), dir_.path());
    b_ = std::make_unique<NodeProcess>(l("b"), dir_.path());
    // a takes faults, b does not: the console must say which refused.
    QVERIFY2(a_->start({l("--embedded"), l("--threads"), l("1"), l("--allow-faults")},
                       QString::fromStdString(token)),
             qPrintable(a_->log()));
    QVERIFY2(b_->start({l("--embedded"), l("--threads"), l("1")}, QString::fromStdString(token)),
             qPrintable(b_->log()));
}

void NodeClusterTest::urlsAreChecked() {
    QCOMPARE(NodeCluster::urlError(l("http://10.0.0.7:8080")), QString());
    QCOMPARE(NodeCluster::urlError(l("http://node-1.example:80/")), QString());
    QCOMPARE(NodeCluster::urlError(l("http://[::1]:8080")), QString());
    QCOMPARE(
        NodeCluster({{l(" http://[::1]:8080/ "), l("http://Node-1.example:80")}}).description(),
        l("http://[::1]:8080, http://node-1.example:80"));
    for (const char* bad :
         {"redis://127.0.0.1:6379", "http://127.0.0.1", "http://:8080", "http://h:8080/admin",
          "http://h:8080?x=1", "http://u:p@h:8080", "127.0.0.1:8080", "", "http://h:99999"})
        QVERIFY2(!NodeCluster::urlError(l(bad)).isEmpty(), bad);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NodeCluster({{l("http://h")}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NodeCluster(NodeClusterOptions{}));
}

void NodeClusterTest::commandLineTakesNodes() {
    const QString app = l("seckill-console");
    auto parsed = parse_console_options({app, l("--node"), l("http://a:1"), l("--node"),
                                         l("http://b:2"), l("--admin-token-file"), l("/t")});
    QVERIFY(std::holds_alternative<ConsoleOptions>(parsed));
    QCOMPARE(std::get<ConsoleOptions>(parsed).node_urls,
             QStringList({l("http://a:1"), l("http://b:2")}));
    for (const char* other : {"--demo", "--nodes=2", "--redis=redis://h:1", "--scenario=f"}) {
        auto refused = parse_console_options({app, l("--node"), l("http://a:1"), l(other)});
        QVERIFY2(std::holds_alternative<QString>(refused), other);
        QVERIFY(std::get<QString>(refused).contains(l("--node")));
    }
}

void NodeClusterTest::monitorsAndOperatesTwoNodes() {
    NodeCluster cluster({{url_of(*a_), url_of(*b_)},
                         std::chrono::milliseconds(200),
                         QString::fromStdString(token)});
    Watch w(cluster);
    QVERIFY(!cluster.canRebalance());
    cluster.open();
    SECKILL_WAIT_FOR(
        w.last && w.last->nodes_up() == 2 && w.is(ConsoleBackend::Connection::connected),
        "both nodes up and connected", w.state(), 10'000);

    // One sale on both nodes: each sells its own 10 units, the console shows 20.
    cluster.createSale(sale_config("shop", 10));
    cluster.setSaleState(l("shop"), SaleState::running);
    cluster.selectSale(l("shop"));
    SECKILL_WAIT_FOR(w.results.size() == 2, "create and start", std::to_string(w.results.size()),
                     10'000);
    for (const auto& r : w.results) QVERIFY2(r.ok, qPrintable(r.message));
    std::string sold_on_b;
    for (NodeProcess* n : {a_.get(), b_.get()}) {
        Reply bought;
        SECKILL_WAIT_FOR((bought = HttpClient(n->port()).request(
                              verb::post, "/v1/sales/shop/buy?user=u-" + n->sid()))
                                 .status == 201,
                         "a buy on the node", bought.describe(), 5000);
        sold_on_b = std::string(bought.json().at("order_id").as_string());
    }
    SECKILL_WAIT_FOR(w.sale("shop") == "total 20 sold 2 state running",
                     "the merged sale with both buys", w.sale("shop"), 10'000);
    // The order journey of b's order: a does not know it, b answers with its DB's write time.
    std::optional<node::OrderJourney> journey;
    connect(&cluster, &ConsoleBackend::orderJourneyReady, this,
            [&](const QString&, const JourneyAnswer& a) { journey = a.journey; });
    SECKILL_WAIT_FOR((cluster.orderJourney(QString::fromStdString(sold_on_b)),
                      eventually([&] { return journey && journey->written_at > 0; }, 1000)),
                     "b's order journey with its write time",
                     journey ? journey->order.user : std::string("no answer"), 10'000);
    QCOMPARE(journey->order.user, "u-" + b_->sid());
    SECKILL_WAIT_FOR(w.last->selected_sale == "shop" && w.last->invariants &&
                         w.last->invariants->ok &&
                         w.invariants().find("a: ") != std::string::npos &&
                         w.invariants().find("b: ") != std::string::npos,
                     "both nodes' invariants, green", w.invariants(), 10'000);
    // I4 includes each node's own order DB.
    QVERIFY2(w.invariants().find("order DB holds") != std::string::npos, w.invariants().c_str());

    cluster.setDegrade(l("b"), 2);
    SECKILL_WAIT_FOR(degrade_of(b_->port()) == 2, "b at level 2",
                     std::to_string(degrade_of(b_->port())), 5000);
    QCOMPARE(degrade_of(a_->port()), 0);
    SECKILL_WAIT_FOR(
        w.last->control.degrade_by_node.count("b") && w.last->control.degrade_by_node.at("b") == 2,
        "the snapshot to show b's level", std::to_string(w.last->control.degrade_by_node.size()),
        5000);
    cluster.setDegrade({}, 0);
    SECKILL_WAIT_FOR(degrade_of(b_->port()) == 0, "b back at 0",
                     std::to_string(degrade_of(b_->port())), 5000);

    SECKILL_WAIT_FOR(w.results.size() == 4, "both degrade results",
                     std::to_string(w.results.size()), 5000);
    QVERIFY2(w.results[2].ok && w.results[3].ok,
             qPrintable(w.results[2].message + w.results[3].message));
    // Faults go to the node named: a takes them and logs the event the log pane shows; b
    // (no --allow-faults) refuses in its own words.
    store::FaultSpec slow;
    slow.kind = store::FaultKind::ledger_latency;
    slow.ms = 1;
    slow.duration_ms = 30'000;
    cluster.injectFaults({l("a"), l("b")}, {slow});
    SECKILL_WAIT_FOR(w.results.size() == 6, "both fault results", std::to_string(w.results.size()),
                     10'000);
    QVERIFY2(w.results[4].ok, qPrintable(w.results[4].message));
    QVERIFY2(!w.results[5].ok && w.results[5].message.contains(l("--allow-faults")),
             qPrintable(w.results[5].message));
    auto logged = [&] {
        return std::any_of(w.events.begin(), w.events.end(), [](const ClusterEvent& e) {
            return e.node == "a" && e.kind == "fault_injected";
        });
    };
    SECKILL_WAIT_FOR(logged(), "a's fault_injected event",
                     std::to_string(w.events.size()) + " events", 10'000);
    cluster.clearFaults({l("a")});
    SECKILL_WAIT_FOR(w.results.size() == 7, "faults cleared", std::to_string(w.results.size()),
                     10'000);
    QVERIFY2(w.results[6].ok, qPrintable(w.results[6].message));

    const std::size_t before = w.results.size();
    cluster.rebalance(l("shop"), RebalanceRequest{});
    cluster.drainNode(l("a"));
    cluster.ensureNodes(3);
    SECKILL_WAIT_FOR(w.results.size() == before + 3, "three refusals",
                     std::to_string(w.results.size()), 5000);
    for (std::size_t i = before; i < w.results.size(); ++i) {
        QVERIFY(!w.results[i].ok);
        const bool said = w.results[i].message.contains(l("no peers")) ||
                          w.results[i].message.contains(l("started by the operator"));
        QVERIFY2(said, qPrintable(w.results[i].message));
    }
    // A degrade for a node no attached registry lists is refused, not sent anywhere.
    cluster.setDegrade(l("zz"), 1);
    SECKILL_WAIT_FOR(w.results.size() == before + 4, "the refusal",
                     std::to_string(w.results.size()), 5000);
    QVERIFY(!w.results.back().ok);

    // b goes away: failed with b's address, a stays on the board, b shown dead.
    b_->kill();
    SECKILL_WAIT_FOR(w.is(ConsoleBackend::Connection::failed), "failed once b is gone", w.state(),
                     10'000);
    QVERIFY2(w.states.back().second.contains(url_of(*b_)), qPrintable(w.states.back().second));
    SECKILL_WAIT_FOR(w.last->nodes_up() == 1 && w.last->nodes.size() == 2, "a up, b dead",
                     std::to_string(w.last->nodes_up()), 5000);
    QVERIFY2(b_->start({l("--embedded"), l("--threads"), l("1")}, QString::fromStdString(token)),
             qPrintable(b_->log()));
    SECKILL_WAIT_FOR(w.is(ConsoleBackend::Connection::connected), "connected again", w.state(),
                     10'000);
}

void NodeClusterTest::unreachableNodeFailsWithTheReason() {
    // A port just closed, on a loopback address no other test binds (they all use
    // 127.0.0.1), so nothing under `ctest -j` can start listening there meanwhile.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress(QStringLiteral("127.0.0.77")), 0));
    const QString gone = QStringLiteral("http://127.0.0.77:%1").arg(probe.serverPort());
    probe.close();
    NodeCluster cluster({{gone}, std::chrono::milliseconds(200), QString::fromStdString(token)});
    Watch w(cluster);
    cluster.open();
    SECKILL_WAIT_FOR(w.is(ConsoleBackend::Connection::failed), "failed", w.state(), 10'000);
    QVERIFY2(
        w.states.back().second.contains(gone) && w.states.back().second.contains(l("no answer")),
        qPrintable(w.states.back().second));
    // Reported on change only.
    const std::size_t changes = w.states.size();
    QTest::qWait(800);
    QCOMPARE(w.states.size(), changes);

    NodeCluster no_token({{url_of(*a_)}, std::chrono::milliseconds(200), {}});
    Watch t(no_token);
    no_token.open();
    SECKILL_WAIT_FOR(t.is(ConsoleBackend::Connection::failed) &&
                         t.states.back().second.contains(l("--admin-token-file")),
                     "failed for want of a token", t.state(), 10'000);
}

void NodeClusterTest::garbageAndHugeAnswersFailWithTheReason() {
    CannedServer garbage(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: "
        "close\r\n\r\n{\"nodes\":");
    CannedServer wrong_shape(
        "HTTP/1.1 200 OK\r\nContent-Length: 14\r\nConnection: close\r\n\r\n{\"nodes\":\"no\"}");
    CannedServer huge("HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n",
                      100 << 20);
    // Valid JSON for every route, with a stock no node can have: summing it must not overflow.
    const QByteArray absurd =
        R"({"nodes":[],"sales":[{"sale":"x","total":9223372036854775807,"remaining":-1}]})";
    CannedServer out_of_range(
        "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(absurd.size()) +
        "\r\nConnection: close\r\n\r\n" + absurd);
    const std::pair<CannedServer*, const char*> cases[] = {{&garbage, "not JSON"},
                                                           {&wrong_shape, "no \"nodes\" list"},
                                                           {&huge, "body limit"},
                                                           {&out_of_range, "outside"}};
    for (const auto& [server, reason] : cases) {
        NodeCluster cluster(
            {{server->url()}, std::chrono::milliseconds(200), QString::fromStdString(token)});
        Watch w(cluster);
        cluster.open();
        SECKILL_WAIT_FOR(w.is(ConsoleBackend::Connection::failed), "failed with a reason",
                         w.state(), 15'000);
        const QString why = w.states.back().second;
        QVERIFY2(why.contains(server->url()) && why.contains(l(reason)), qPrintable(why));
    }
}

// File ▸ Attach to node… and --node end in MainWindow::attachNodes: a malformed URL is
// refused with the reason, good ones show the nodes and are remembered, and switching to
// local nodes keeps them for the next time.
void NodeClusterTest::windowAttachesNodesAndRemembers() {
    QSettings settings(dir_.filePath(l("settings.ini")), QSettings::IniFormat);
    MainWindow w(settings, nullptr, dir_.filePath(l("console")), 250);
    w.setRemoteAdminToken(QString::fromStdString(token));
    const QString refused = w.attachNodes({url_of(*a_), l("http://127.0.0.1")});
    QVERIFY2(refused.contains(l("port")), qPrintable(refused));
    QVERIFY(w.backend() == nullptr);
    QVERIFY(!w.attachNodes({}).isEmpty());
    QCOMPARE(w.attachNodes({url_of(*a_), l(" ") + url_of(*b_)}), QString());
    QVERIFY(qobject_cast<NodeCluster*>(w.backend()) != nullptr);
    SECKILL_WAIT_FOR(w.lastSnapshot() && w.lastSnapshot()->nodes_up() == 2,
                     "both nodes in the window",
                     w.lastSnapshot() ? std::to_string(w.lastSnapshot()->nodes_up())
                                      : std::string("no snapshot"),
                     10'000);
    ConnectionSettings last = last_connection(settings);
    QCOMPARE(last.kind, l("node"));
    QCOMPARE(last.node_urls, QStringList({url_of(*a_), url_of(*b_)}));
    w.connectLocal(1);
    // Remembered once the local cluster is up, never before (an attach that fails is not).
    SECKILL_WAIT_FOR(last_connection(settings).kind == l("local"), "the local cluster remembered",
                     last_connection(settings).kind.toStdString(), 10'000);
    last = last_connection(settings);
    QCOMPARE(last.node_urls, QStringList({url_of(*a_), url_of(*b_)}));
}

// Two nodes that both call themselves "a" (as two seckill-nodes left at their default
// id would): each is shown as a@host:port, and a degrade for one reaches that one only.
void NodeClusterTest::sharedIdsAreQualified() {
    const QString twin_dir = dir_.filePath(l("twin"));
    QVERIFY(QDir().mkpath(twin_dir));
    NodeProcess twin(l("a"), twin_dir);
    QVERIFY2(twin.start({l("--embedded"), l("--threads"), l("1")}, QString::fromStdString(token)),
             qPrintable(twin.log()));
    NodeCluster cluster({{url_of(*a_), url_of(twin)},
                         std::chrono::milliseconds(200),
                         QString::fromStdString(token)});
    Watch w(cluster);
    cluster.open();
    const std::string first = "a@127.0.0.1:" + std::to_string(a_->port());
    const std::string second = "a@127.0.0.1:" + std::to_string(twin.port());
    auto ids = [&] {
        std::string out;
        if (w.last)
            for (const auto& n : w.last->nodes) out += n.info.id + " ";
        return out;
    };
    SECKILL_WAIT_FOR(w.last && w.last->nodes_up() == 2 && ids() == first + " " + second + " ",
                     "both nodes, qualified", ids(), 10'000);
    cluster.setDegrade(QString::fromStdString(second), 1);
    SECKILL_WAIT_FOR(degrade_of(twin.port()) == 1, "the twin at level 1",
                     std::to_string(degrade_of(twin.port())), 5000);
    QCOMPARE(degrade_of(a_->port()), 0);
    SECKILL_WAIT_FOR(w.last->control.degrade_by_node.count(second) &&
                         w.last->control.degrade_by_node.at(second) == 1,
                     "the snapshot to show the twin's level", ids(), 5000);
}

QTEST_MAIN(NodeClusterTest)
#include "test_node_cluster.moc"
