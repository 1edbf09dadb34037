// Every item model of the console through QAbstractItemModelTester, fed the way the window
// feeds it (whole snapshots, same rows again, rows added and removed), and the pure pieces
// the models rely on: stats parsing, rates, history, report merging, audit log, CSV.
#include <sqlite3.h>

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include "audit/audit_log.h"
#include "backend/node_health.h"
#include "backend/node_stats.h"
#include "backend/node_watch.h"
#include "backend/rate_tracker.h"
#include "history/metric_history.h"
#include "loadrun/load_plan.h"
#include "models/audit_log_model.h"
#include "models/invariants_model.h"
#include "models/load_results_model.h"
#include "models/node_table_model.h"
#include "models/sales_table_model.h"
#include "node/operations/control_operations.h"
#include "window/sale_report.h"

using namespace seckill;
using namespace seckill::ui;
using Tester = QAbstractItemModelTester;

class UiModelsTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void nodeTableModel();
    void salesAndInvariantsModels();
    void auditLogModelAndFile();
    void auditLogMigratesAnOldFile();
    void loadResultsModel();
    void statsParsingAndRates();
    void healthRatesAndMergedLatency();
    void historyKeepsFiveMinutes();
    void limitsValidation();
    void saleReportQuotesFields();
};

namespace {

NodeStatus node_status(const std::string& id, Millis heartbeat, std::int64_t requests,
                       std::int64_t reserved) {
    NodeStatus n;
    n.info.id = id;
    n.info.address = "127.0.0.1:1";
    n.info.last_heartbeat = heartbeat;
    n.stats.requests = requests;
    n.stats.buys[std::size_t(ResultBand::reserved)] = reserved;
    return n;
}

ClusterSnapshot snapshot_with_sales(std::initializer_list<const char*> ids) {
    ClusterSnapshot snap;
    snap.taken_at = 1'750'000'000'000;
    for (const char* id : ids) {
        SaleView v;
        v.config.id = id;
        v.config.name = id;
        v.config.total = 100;
        v.stock = {100, 60, 10, 20, 10};
        v.state = SaleState::running;
        snap.sales.push_back(v);
    }
    return snap;
}

}  // namespace

void UiModelsTest::nodeTableModel() {
    NodeTableModel model;
    Tester tester(&model, Tester::FailureReportingMode::QtTest);
    ClusterSnapshot snap;
    snap.taken_at = 2000;
    snap.nodes = {node_status("n1", 1500, 10, 1), node_status("n2", 1800, 20, 2)};
    snap.nodes[0].heartbeat_age_ms = 500;  // as NodeWatch measured it
    model.update(snap);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, NodeTableModel::id).data().toString(), QStringLiteral("n2"));
    QCOMPARE(model.index(0, NodeTableModel::heartbeat).data().toString(),
             QStringLiteral("0.5 s ago"));
    // Same nodes again: rows stay (dataChanged), a view keeps its selection.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.update(snap);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    snap.nodes.push_back(node_status("n3", 1900, 0, 0));
    snap.nodes.back().health = NodeHealth::drained;
    model.update(snap);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.index(2, NodeTableModel::health).data().toString(), QStringLiteral("drained"));
    // A drained node still answers buyers (sold out): its rate is a rate. A late one's is not.
    QCOMPARE(model.index(2, NodeTableModel::qps).data().toString(), QStringLiteral("0"));
    snap.nodes.back().health = NodeHealth::late;
    model.update(snap);
    QCOMPARE(model.index(2, NodeTableModel::qps).data().toString(), QStringLiteral("–"));
    model.update(ClusterSnapshot{});
    QCOMPARE(model.rowCount(), 0);
}

void UiModelsTest::salesAndInvariantsModels() {
    SalesTableModel sales;
    InvariantsModel invariants;
    Tester t1(&sales, Tester::FailureReportingMode::QtTest);
    Tester t2(&invariants, Tester::FailureReportingMode::QtTest);
    ClusterSnapshot snap = snapshot_with_sales({"a", "b"});
    store::InvariantReport report;
    report.add({"I1", true, "pool + lease + reserved + paid = total"});
    report.add({"I2", false, "oversold by 1"});
    snap.invariants = report;
    sales.update(snap);
    invariants.update(snap);
    QCOMPARE(sales.rowCount(), 2);
    QCOMPARE(sales.rowOf("b"), 1);
    QCOMPARE(sales.index(0, SalesTableModel::sold).data().toLongLong(), 30LL);
    QCOMPARE(sales.index(0, SalesTableModel::remaining).data().toLongLong(), 70LL);
    QCOMPARE(invariants.rowCount(), 2);
    QVERIFY(!invariants.allHold());
    QCOMPARE(invariants.index(1, InvariantsModel::meaning).data().toString(),
             QStringLiteral("no oversell"));
    QCOMPARE(invariants.index(1, InvariantsModel::id).data(Qt::DecorationRole).value<QColor>(),
             QColor(0xc6, 0x28, 0x28));
    // The node-reported lights: I7 lease agreement, I8 no undersell.
    report.add({"I7", true, "2 live nodes agree with the ledger on their leases"});
    report.add({"I8", false, "1 sold_out answers while the node held units"});
    snap.invariants = report;
    invariants.update(snap);
    QCOMPARE(invariants.rowCount(), 4);
    QCOMPARE(invariants.index(2, InvariantsModel::meaning).data().toString(),
             QStringLiteral("leases agree"));
    QCOMPARE(invariants.index(3, InvariantsModel::meaning).data().toString(),
             QStringLiteral("no undersell"));
    QCOMPARE(invariants.index(3, InvariantsModel::id).data(Qt::DecorationRole).value<QColor>(),
             QColor(0xc6, 0x28, 0x28));
    snap = snapshot_with_sales({"b"});
    sales.update(snap);
    invariants.update(snap);
    QCOMPARE(sales.rowCount(), 1);
    QCOMPARE(invariants.rowCount(), 0);
    QVERIFY(invariants.allHold());
}

void UiModelsTest::auditLogModelAndFile() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("audit.db")).toStdString();
    {
        AuditLog log(path);
        log.append(ActionResult::done(QStringLiteral("degrade"), QStringLiteral("all nodes"),
                                      QStringLiteral("level 2")));
        log.append(ActionResult::failed(QStringLiteral("drain node"), QStringLiteral("n9"),
                                        QStringLiteral("no, \"quoted\"")));
        log.append(ActionResult::lost(QStringLiteral("degrade"), QStringLiteral("all nodes"),
                                      QStringLiteral("timed out")));
    }
    AuditLog reopened(path);
    auto rows = reopened.recent(10);
    QCOMPARE(rows.size(), std::size_t(3));
    // A lost reply stays "unknown" in the file, neither a success nor a refusal.
    QVERIFY(rows[0].unknown && !rows[0].ok);
    {
        AuditLogModel lost;
        lost.load({rows[0]});
        QCOMPARE(lost.index(0, AuditLogModel::result).data().toString(), QStringLiteral("unknown"));
    }
    rows.erase(rows.begin());
    QCOMPARE(rows[0].what, QStringLiteral("drain node"));  // newest first
    QVERIFY(!rows[0].ok);
    QCOMPARE(rows[0].message, QStringLiteral("no, \"quoted\""));
    QVERIFY(rows[1].ok);
    QVERIFY(rows[1].when.isValid());

    AuditLogModel model;
    Tester tester(&model, Tester::FailureReportingMode::QtTest);
    model.load(rows);
    QCOMPARE(model.rowCount(), 2);
    for (int i = 0; i < AuditLogModel::max_rows + 5; ++i)
        model.prepend(ActionResult::done(QStringLiteral("x"), QString::number(i), QString()));
    QCOMPARE(model.rowCount(), AuditLogModel::max_rows);
    QCOMPARE(model.index(0, AuditLogModel::target).data().toString(),
             QString::number(AuditLogModel::max_rows + 4));
    QCOMPARE(model.index(0, AuditLogModel::result).data().toString(), QStringLiteral("ok"));
}

// A file from before the cluster and operator columns opens, keeps its rows (with those
// columns empty: not known) and takes new rows with them.
void UiModelsTest::auditLogMigratesAnOldFile() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("old.db")).toStdString();
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(
                 db,
                 "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, what TEXT NOT NULL,"
                 " target TEXT NOT NULL, ok INTEGER NOT NULL, message TEXT NOT NULL);"
                 "INSERT INTO audit (at, what, target, ok, message)"
                 " VALUES ('2026-11-01T10:00:00.000Z', 'degrade', 'all nodes', 1, 'level 2');",
                 nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
    {
        AuditLog log(path);
        AuditEntry entry(ActionResult::done(QStringLiteral("attach"),
                                            QStringLiteral("redis://h:6379/0"), QString()),
                         QStringLiteral("redis://h:6379/0"), QStringLiteral("ops"));
        log.append(entry);
    }
    AuditLog reopened(path);  // a second open finds the columns there and adds nothing
    const auto rows = reopened.recent(10);
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0].what, QStringLiteral("attach"));
    QCOMPARE(rows[0].cluster, QStringLiteral("redis://h:6379/0"));
    QCOMPARE(rows[0].operator_name, QStringLiteral("ops"));
    QCOMPARE(rows[1].message, QStringLiteral("level 2"));
    QVERIFY(rows[1].cluster.isEmpty() && rows[1].operator_name.isEmpty());
}

void UiModelsTest::loadResultsModel() {
    LoadResultsModel model;
    Tester tester(&model, Tester::FailureReportingMode::QtTest);
    load::LoadReport a, b;
    a.seconds = 2;
    a.buys = {{"reserved", 10}, {"sold_out", 90}};
    a.latency.buckets[3] = 100;
    a.latency.count = 100;
    b.seconds = 3;
    b.buys = {{"reserved", 5}, {"rate_limited", 5}};
    b.paid = 2;
    b.latency.buckets[4] = 10;
    b.latency.count = 10;
    const load::LoadReport merged = merge_reports({a, b});
    QCOMPARE(merged.seconds, 3.0);
    QCOMPARE(merged.buys.at("reserved"), std::int64_t(15));
    QCOMPARE(merged.total_buys(), std::int64_t(110));
    QCOMPARE(merged.latency.count, std::uint64_t(110));
    model.update(merged);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("rate_limited"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("15"));
    model.update(a);  // other statuses: the rows change
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("reserved"));
}

void UiModelsTest::statsParsingAndRates() {
    const NodeStats s = parse_node_stats(
        R"({"requests":40,"buys":{"reserved":3,"sold_out":20,"limit_reached":2,"not_open":1,"unavailable":4},)"
        R"("p50_ms":0.5,"p99_ms":2.5,"lease":7,"sold":3,"degrade_level":2})");
    QCOMPARE(s.requests, std::int64_t(40));
    QCOMPARE(s.buys[std::size_t(ResultBand::reserved)], std::int64_t(3));
    QCOMPARE(s.buys[std::size_t(ResultBand::refused)], std::int64_t(3));
    QCOMPARE(s.buys[std::size_t(ResultBand::error)], std::int64_t(4));
    QCOMPARE(s.p99_ms, 2.5);
    QCOMPARE(s.degrade_level, 2);
    QCOMPARE(parse_node_stats("not json").requests, std::int64_t(0));

    RateTracker rates;
    std::vector<NodeStatus> nodes{node_status("n1", 1000, 100, 10)};
    rates.update(nodes);
    QCOMPARE(nodes[0].requests_per_s, 0.0);
    nodes = {node_status("n1", 1500, 400, 20)};
    rates.update(nodes);
    QCOMPARE(nodes[0].requests_per_s, 600.0);  // 300 requests in half a second
    QCOMPARE(nodes[0].buys_per_s[0], 20.0);
    nodes = {node_status("n1", 1500, 400, 20)};  // no new heartbeat: the last rate stands
    rates.update(nodes);
    QCOMPARE(nodes[0].requests_per_s, 600.0);
    nodes = {node_status("n1", 2500, 50, 0)};  // restarted node: counters began again
    rates.update(nodes);
    QCOMPARE(nodes[0].requests_per_s, 50.0);  // all new since its previous beat
}

void UiModelsTest::healthRatesAndMergedLatency() {
    // Health by the node's own cadence, on the heartbeat's age as the console measured it:
    // late once a beat is missed, dead past its TTL, and late at once when its /healthz goes
    // unanswered (killed: the beat is merely recent).
    store::NodeInfo info;
    info.last_heartbeat = 10'000;
    NodeStats stats = parse_node_stats(R"({"heartbeat_ms":500,"ttl_ms":3000})");
    QCOMPARE(stats.heartbeat_ms, Millis(500));
    std::string why;
    QCOMPARE(judge_health(info, stats, 900, {}, why), NodeHealth::up);
    QVERIFY(why.empty());
    QCOMPARE(judge_health(info, stats, 1100, {}, why), NodeHealth::late);
    QVERIFY2(why.find("heartbeat 1.1 s ago") != std::string::npos, why.c_str());
    QCOMPARE(judge_health(info, stats, 3100, {}, why), NodeHealth::dead);
    QCOMPARE(judge_health(info, stats, 100, "Connection refused", why), NodeHealth::late);
    QVERIFY2(why.find("Connection refused") != std::string::npos, why.c_str());
    info.alive = false;  // the registry's own verdict
    QCOMPARE(judge_health(info, stats, 100, {}, why), NodeHealth::dead);
    // A hostile cadence reads as the default instead of overflowing the judgement.
    QCOMPARE(parse_node_stats(R"({"heartbeat_ms":9223372036854775807})").heartbeat_ms,
             Millis(1000));

    // Ages on the console's clock: a node whose clock runs 90 s ahead is up while its
    // stamp keeps moving, and ages from the moment its stamp stops.
    NodeWatch watch;
    store::NodeInfo ahead;
    ahead.id = "ahead";
    ahead.stats_json = R"({"heartbeat_ms":1000,"ttl_ms":5000})";
    for (Millis t = 0; t <= 3000; t += 1000) {
        ahead.last_heartbeat = 1'000'000 + 90'000 + t;
        QCOMPARE(watch.statuses({ahead}, 1'000'000 + t, 50'000 + t)[0].health, NodeHealth::up);
    }
    QCOMPARE(watch.statuses({ahead}, 1'005'500, 55'500)[0].health,
             NodeHealth::late);  // 2.5 s silent
    QCOMPARE(watch.statuses({ahead}, 1'009'000, 59'000)[0].health, NodeHealth::dead);  // 6 s silent

    // 5 buys/s arriving as a burst each second, beats landing early and late: the last two
    // beats alone would say 8.3/s; over the last 3 s it reads close to 5.
    RateTracker rates;
    const Millis beats[] = {0, 900, 2100, 2900, 4100, 4900, 6100};
    std::vector<NodeStatus> nodes;
    for (Millis at : beats) {
        const std::int64_t bought = 5 * (at / 1000 + 1);
        nodes = {node_status("n1", at, bought, bought)};
        rates.update(nodes);
    }
    const double rate = nodes[0].buys_per_s[std::size_t(ResultBand::reserved)];
    QVERIFY2(rate > 4.0 && rate < 7.0, qPrintable(QString::number(rate)));
    // A late node's rate is not summed, and is not shown as current.
    nodes[0].health = NodeHealth::late;
    rates.update(nodes);
    QCOMPARE(nodes[0].requests_per_s, 0.0);
    ClusterSnapshot snap;
    snap.nodes = nodes;
    QCOMPARE(snap.buys_per_s(), 0.0);

    // p99 of the merged histograms, not the worst node's: 99 fast buys on n1 and one slow
    // one on n2 put the cluster's p99 in the fast bucket.
    NodeStatus fast = node_status("n1", 0, 0, 0), slow = node_status("n2", 0, 0, 0);
    fast.stats.latency_buckets[1] = 99;  // 50–100 µs
    fast.stats.p99_ms = 0.1;
    slow.stats.latency_buckets[10] = 1;  // 50–100 ms
    slow.stats.p99_ms = 100;
    snap.nodes = {fast, slow};
    QVERIFY2(snap.p99_ms() < 1.0, qPrintable(QString::number(snap.p99_ms())));
    QVERIFY(snap.p99_ms() > 0.05);
}

void UiModelsTest::historyKeepsFiveMinutes() {
    MetricHistory history(1000);
    ClusterSnapshot snap = snapshot_with_sales({"a", "b"});
    snap.selected_sale = "a";
    snap.nodes = {node_status("n1", 0, 0, 0)};
    snap.nodes[0].buys_per_s = {5, 7, 0, 0, 0, 1};
    for (int i = 0; i < 400; ++i) {
        snap.taken_at = 1'000'000 + i * 1000;
        snap.queue_depth = i;
        history.append(snap);
    }
    QCOMPARE(history.size(), std::size_t(301));
    const auto queue = history.points(Metric::queue_depth);
    QCOMPARE(queue.size(), 301);
    QCOMPARE(queue.front(), QPointF(1'099'000, 99));  // wall-clock x: ms since the epoch
    QCOMPARE(queue.back(), QPointF(1'399'000, 399));
    QCOMPARE(history.points(Metric::sold_out_per_s, true).back().y(), 12.0);  // stacked on reserved
    QCOMPARE(history.max_value(Metric::error_per_s, true), 13.0);
    QCOMPARE(history.latest(Metric::sold), 30.0);
    QCOMPARE(history.segments(Metric::queue_depth).size(), std::size_t(1));
    QVERIFY(history.gaps().empty());

    // Selecting another sale keeps the cluster-wide series, and the first sale's stock
    // is still there when it is selected again.
    snap.selected_sale = "b";
    snap.taken_at += 1000;
    history.append(snap);
    QCOMPARE(history.size(), std::size_t(301));
    QCOMPARE(history.points(Metric::queue_depth).size(), 301);
    QCOMPARE(history.points(Metric::sold).size(), 301);  // b was listed all along
    snap.selected_sale = "a";
    snap.taken_at += 1000;
    history.append(snap);
    QCOMPARE(history.points(Metric::sold).size(), 301);

    // An outage: no snapshot for 20 s splits every series and is reported as a gap.
    const Millis before = snap.taken_at;
    snap.taken_at += 20'000;
    history.append(snap);
    QCOMPARE(history.segments(Metric::queue_depth).size(), std::size_t(2));
    QCOMPARE(history.segments(Metric::reserved_per_s, true).size(), std::size_t(2));
    QCOMPARE(history.segments(Metric::remaining).size(), std::size_t(2));
    const auto gaps = history.gaps();
    QCOMPARE(gaps.size(), std::size_t(1));
    QCOMPARE(gaps[0].first, before);
    QCOMPARE(gaps[0].second, snap.taken_at);
}

void UiModelsTest::limitsValidation() {
    QVERIFY(node::limits_error(
                R"({"rules":[{"name":"ip","key":"ip","algorithm":"leaky","rate":"10r/s"}]})")
                .empty());
    QVERIFY(node::limits_error(R"({"rules":[]})").empty());
    QVERIFY(!node::limits_error("{").empty());
    QVERIFY(!node::limits_error(R"({"rules":[{"key":"planet"}]})").empty());
}

void UiModelsTest::saleReportQuotesFields() {
    ClusterSnapshot snap = snapshot_with_sales({"s1"});
    snap.sales[0].config.name = "Spring, \"big\" sale";
    snap.selected_sale = "s1";
    store::InvariantReport report;
    report.add({"I1", true, "ok"});
    snap.invariants = report;
    const QString csv = sale_report_csv(snap);
    QVERIFY2(csv.contains(QStringLiteral("sale,name,\"Spring, \"\"big\"\" sale\"")),
             qPrintable(csv));
    QVERIFY(csv.contains(QStringLiteral("sale,sold,30")));
    QVERIFY(csv.contains(QStringLiteral("I1,conservation,yes,ok")));
}

QTEST_MAIN(UiModelsTest)
#include "test_ui_models.moc"
