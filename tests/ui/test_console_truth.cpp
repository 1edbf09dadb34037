// The console under failure, against real processes: a redis-server and two seckill-node
// processes on it. What it shows must be true when something goes wrong — a frozen Redis
// greys the window out instead of leaving the last snapshot looking live, a reply lost to
// the freeze is re-checked and logged with what really happened, and a node killed -9
// turns late, then dead, and its rate leaves the cluster's sum.
#include <signal.h>

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>

#include "backend/remote_cluster.h"
#include "models/node_table_model.h"
#include "support/eventually.h"
#include "support/http_client.h"
#include "support/node_process.h"
#include "support/redis_server.h"
#include "views/charts_panel.h"
#include "views/history_chart.h"
#include "views/tile.h"
#include "views/tiles_panel.h"
#include "window/main_window.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;
using boost::beast::http::verb;

namespace {

const std::string token = "console-truth-token";
const QString qtoken = QString::fromStdString(token);

const NodeStatus* node_of(const SnapshotPtr& snap, const std::string& id) {
    if (!snap) return nullptr;
    for (const NodeStatus& n : snap->nodes)
        if (n.info.id == id) return &n;
    return nullptr;
}

std::string describe_nodes(const SnapshotPtr& snap) {
    if (!snap) return "no snapshot";
    std::string out;
    for (const NodeStatus& n : snap->nodes)
        out += n.info.id + "=" + health_name(n.health) + " (" + n.health_detail + ", " +
               std::to_string(n.requests_per_s) + " req/s) ";
    return out + "sum " + std::to_string(snap->buys_per_s()) + " buys/s";
}

}  // namespace

class ConsoleTruthTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void aFrozenRedisGreysTheWindowAndBreaksTheCharts();
    void aReplyLostToTheFreezeIsRecheckedWithTheRealOutcome();
    void aKilledNodeTurnsLateThenDeadAndLeavesTheSum();

  private:
    void freezeRedis() { ::kill(pid_t(redis_->pid()), SIGSTOP); }
    void thawRedis() { ::kill(pid_t(redis_->pid()), SIGCONT); }

    QTemporaryDir dir_;
    std::unique_ptr<RedisServer> redis_;
    std::vector<std::unique_ptr<NodeProcess>> nodes_;
};

void ConsoleTruthTest::initTestCase() {
    QVERIFY(dir_.isValid());
    redis_ = std::make_unique<RedisServer>();
    for (const char* id : {"n1", "n2"}) {
        auto node = std::make_unique<NodeProcess>(QString::fromLatin1(id), dir_.path());
        // Beats 3 s apart: a killed node's heartbeat stays fresh for 6 s, so "late" within
        // that can only come from its unanswered /healthz (HealthProbe); a 10 s TTL for "dead".
        QVERIFY2(node->start({QStringLiteral("--redis"), QString::fromStdString(redis_->url()),
                              QStringLiteral("--threads"), QStringLiteral("1"),
                              QStringLiteral("--heartbeat-ms"), QStringLiteral("3000"),
                              QStringLiteral("--node-ttl-ms"), QStringLiteral("10000")},
                             qtoken),
                 id);
        nodes_.push_back(std::move(node));
    }
    const Reply created =
        HttpClient(nodes_[0]->port())
            .request(verb::post, "/admin/v1/sales", R"({"sale":"truth","total":1000000})", token);
    QCOMPARE(created.status, 201);
    QCOMPARE(HttpClient(nodes_[0]->port())
                 .request(verb::post, "/admin/v1/sales/truth/start", {}, token)
                 .status,
             200);
}

void ConsoleTruthTest::aFrozenRedisGreysTheWindowAndBreaksTheCharts() {
    QSettings settings(dir_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow w(settings, nullptr, dir_.filePath(QStringLiteral("console")), 250);
    QCOMPARE(w.attachRedis(QString::fromStdString(redis_->url())), QString());
    w.show();
    std::string seen;
    auto live = [&] {
        seen = describe_nodes(w.lastSnapshot()) + "; stale: " + w.tiles()->stale().toStdString();
        return w.lastSnapshot() && w.lastSnapshot()->nodes_up() == 2 &&
               w.tiles()->stale().isEmpty();
    };
    SECKILL_WAIT_FOR(live(), "both nodes up and fresh data", seen, 15'000);

    freezeRedis();
    // No snapshot can be read: within a few refreshes every view says its data is old.
    auto stale = [&] {
        const Tile* nodes = w.tiles()->tile(QStringLiteral("nodes"));
        seen = "stale: '" + w.tiles()->stale().toStdString() + "', nodes tile stale " +
               std::to_string(nodes->isStale()) + ", table stale '" +
               w.nodeModel()->stale().toStdString() + "'";
        return w.tiles()->stale().startsWith(QStringLiteral("no data for")) && nodes->isStale() &&
               !w.nodeModel()->stale().isEmpty();
    };
    SECKILL_WAIT_FOR(stale(), "tiles and the node table greyed out with the reason", seen, 15'000);
    // The node table's "up" is grey, not green, and its tooltip says why.
    const QModelIndex health = w.nodeModel()->index(0, NodeTableModel::health);
    QCOMPARE(health.data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::gray));
    QVERIFY(health.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("no data for")));

    thawRedis();
    SECKILL_WAIT_FOR(live(), "fresh data again after Redis resumed", seen, 20'000);
    // The outage is a gap in the charts, not a straight line across it.
    auto broken = [&] {
        const int pieces = w.charts()->requests()->segmentsShown(0);
        seen = std::to_string(pieces) + " pieces, " +
               std::to_string(w.charts()->history().gaps().size()) + " gaps";
        return pieces >= 2 && !w.charts()->history().gaps().empty();
    };
    SECKILL_WAIT_FOR(broken(), "the requests chart drawn in two pieces around the outage", seen,
                     10'000);
}

void ConsoleTruthTest::aReplyLostToTheFreezeIsRecheckedWithTheRealOutcome() {
    RemoteCluster cluster({QString::fromStdString(redis_->url()), std::chrono::milliseconds(250)});
    std::vector<ActionResult> results;
    connect(&cluster, &ConsoleBackend::actionFinished, this,
            [&](const ActionResult& r) { results.push_back(r); });
    SnapshotPtr last;
    connect(&cluster, &ConsoleBackend::snapshotReady, this,
            [&](SnapshotPtr s) { last = std::move(s); });
    cluster.open();
    SECKILL_WAIT_FOR(last != nullptr, "a first snapshot", "none", 10'000);

    freezeRedis();
    cluster.setDegrade(QString(), 1);
    std::string seen;
    auto said = [&](bool (*pick)(const ActionResult&)) {
        seen.clear();
        for (const ActionResult& r : results)
            seen += QStringLiteral("%1 %2: %3; ").arg(r.what, r.target, r.message).toStdString();
        return std::any_of(results.begin(), results.end(), pick);
    };
    SECKILL_WAIT_FOR(said([](const ActionResult& r) { return r.unknown; }),
                     "an 'unknown — re-checking' result", seen, 20'000);
    const ActionResult unknown = results.front();
    QCOMPARE(unknown.target, QStringLiteral("all nodes"));  // never an empty target
    QVERIFY2(unknown.message.startsWith(QStringLiteral("unknown — re-checking")),
             qPrintable(unknown.message));

    thawRedis();
    SECKILL_WAIT_FOR(said([](const ActionResult& r) { return r.rechecked; }),
                     "the re-checked outcome", seen, 20'000);
    const auto rechecked = std::find_if(results.begin(), results.end(),
                                        [](const ActionResult& r) { return r.rechecked; });
    // Whatever happened to the lost call, the log now says what the ledger holds.
    const int level = cluster.ledger().control().degrade_global;
    QCOMPARE(rechecked->ok, level == 1);
    QVERIFY2(rechecked->message.startsWith(QStringLiteral("re-checked: ")),
             qPrintable(rechecked->message));
    QVERIFY2(rechecked->message.contains(QString::number(level)), qPrintable(rechecked->message));
    cluster.ledger().set_degrade("", 0);
}

void ConsoleTruthTest::aKilledNodeTurnsLateThenDeadAndLeavesTheSum() {
    RemoteCluster cluster({QString::fromStdString(redis_->url()), std::chrono::milliseconds(250)});
    SnapshotPtr last;
    connect(&cluster, &ConsoleBackend::snapshotReady, this,
            [&](SnapshotPtr s) { last = std::move(s); });
    cluster.open();

    // Buyers on n2 only, so the cluster's rate is n2's.
    std::atomic<bool> stop{false};
    const unsigned short n2_port = nodes_[1]->port();
    std::thread buyers([&] {
        for (int i = 0; !stop.load(); ++i) {
            try {
                HttpClient(n2_port).request(verb::post,
                                            "/v1/sales/truth/buy?user=u" + std::to_string(i));
            } catch (const std::exception&) {
                if (stop.load()) break;
            }
        }
    });
    std::string seen;
    auto busy = [&] {
        seen = describe_nodes(last);
        const NodeStatus* n2 = node_of(last, "n2");
        return n2 && n2->health == NodeHealth::up && n2->requests_per_s > 0 &&
               last->buys_per_s() > 0;
    };
    SECKILL_WAIT_FOR(busy(), "n2 up and selling, its rate in the sum", seen, 15'000);

    nodes_[1]->kill();
    stop = true;
    buyers.join();
    // Its port closed: /healthz goes unanswered, so n2 is late within a probe period,
    // while its heartbeat is still fresh; its last rate is no longer summed.
    auto late = [&] {
        seen = describe_nodes(last);
        const NodeStatus* n2 = node_of(last, "n2");
        return n2 && n2->health == NodeHealth::late && n2->requests_per_s == 0 &&
               last->buys_per_s() == 0 && last->nodes_up() == 1;
    };
    SECKILL_WAIT_FOR(late(), "n2 late with its rate out of the sum", seen, 10'000);
    QVERIFY2(
        node_of(last, "n2")->health_detail.find("does not answer /healthz") != std::string::npos,
        seen.c_str());
    auto dead = [&] {
        seen = describe_nodes(last);
        const NodeStatus* n2 = node_of(last, "n2");
        return n2 && n2->health == NodeHealth::dead;
    };
    SECKILL_WAIT_FOR(dead(), "n2 dead after its 10 s TTL", seen, 25'000);
}

QTEST_MAIN(ConsoleTruthTest)
#include "test_console_truth.moc"
