// Operator actions from the console change what the embedded nodes do, seen from outside
// over HTTP, and each lands in the audit log (pane and file) with its result.
#include <QtTest>
#include <fstream>

#include "console_fixture.h"
#include "models/audit_log_model.h"
#include "models/node_table_model.h"
#include "loadrun/load_plan.h"
#include "support/http_client.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;
namespace http = boost::beast::http;

class OperatorActionsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void actionsChangeEnginesAndAreAudited();
};

namespace {

unsigned short port_of(const SnapshotPtr& snap, const std::string& node) {
    for (const auto& n : snap->nodes)
        if (n.info.id == node) return parse_target(n.info.address)->port;
    return 0;
}

std::string token_in(const QTemporaryDir& dir) {
    std::ifstream in(dir.filePath(QStringLiteral("data/admin-token")).toStdString());
    std::string token;
    std::getline(in, token);
    return token;
}

int degrade_of(unsigned short port, const std::string& token) {
    const Reply r = HttpClient(port).request(http::verb::get, "/admin/v1/degrade", {}, token);
    return r.status == 200 ? int(r.json().at("level").as_int64()) : -1;
}

int buy_status(unsigned short port, const std::string& sale, const std::string& user) {
    return HttpClient(port).request(http::verb::post, "/v1/sales/" + sale + "/buy?user=" + user).status;
}

bool audited(const AuditLogModel& model, const QString& what, const QString& target, bool ok) {
    for (int r = 0; r < model.rowCount(); ++r) {
        const ActionResult* e = model.entry(r);
        if (e->what.startsWith(what) && e->target == target && e->ok == ok) return true;
    }
    return false;
}

}  // namespace

void OperatorActionsTest::actionsChangeEnginesAndAreAudited() {
    ConsoleFixture f(2);
    MainWindow& w = *f.window;
    OperatorActions& act = *w.actions();
    QVERIFY(eventually([&] { return f.snapshot() && f.snapshot()->nodes_up() == 2; }, 10'000));
    const SnapshotPtr first = f.snapshot();
    const unsigned short n1 = port_of(first, "n1"), n2 = port_of(first, "n2");
    const std::string token = token_in(f.dir);
    QVERIFY(n1 && n2 && !token.empty());
    const Clock& clock = SystemClock::instance();

    SaleConfig c;
    c.id = "ops";
    c.name = "ops";
    c.total = 100;  // room for the pause probes below
    QVERIFY(act.createSale(c, true));
    QVERIFY(eventually([&] { return buy_status(n1, "ops", "alice") == 201; }));
    QVERIFY(eventually([&] { return audited(*w.auditModel(), QStringLiteral("create sale"), QStringLiteral("ops"), true); }));

    // Degrade every node to 2: both engines reject buys.
    QVERIFY(act.degrade({}, 2));
    QVERIFY(eventually([&] { return degrade_of(n1, token) == 2 && degrade_of(n2, token) == 2; }));
    QCOMPARE(buy_status(n2, "ops", "bob"), 503);
    // Back to 0, then one node alone to 3.
    QVERIFY(act.degrade({}, 0));
    QVERIFY(act.degrade(QStringLiteral("n2"), 3));
    QVERIFY(eventually([&] { return degrade_of(n1, token) == 0 && degrade_of(n2, token) == 3; }));
    QVERIFY(eventually([&] { return w.nodeModel()->index(1, NodeTableModel::degrade).data().toInt() == 3; }));
    QVERIFY(act.degrade(QStringLiteral("n2"), 0));

    // Pause: nodes answer not_open; start again: they sell.
    QVERIFY(act.changeSaleState(QStringLiteral("ops"), SaleState::paused));
    // Until the pause lands a probe may still buy, so each probe is a new user: carol must
    // be fresh when she buys below.
    int probe = 0;
    QVERIFY(eventually([&] { return buy_status(n1, "ops", "probe" + std::to_string(++probe)) == 403; }));
    QCOMPARE(f.cluster().ledger().get_sale("ops", clock.now_ms())->state, SaleState::paused);
    QVERIFY(act.changeSaleState(QStringLiteral("ops"), SaleState::running));
    int status = 0;
    QVERIFY2(eventually([&] { return (status = buy_status(n2, "ops", "carol")) == 201; }), qPrintable(QString::number(status)));

    // A declined confirmation sends nothing and logs nothing. Earlier actions finish on
    // the worker thread, so their audit rows may still be arriving: wait for a quiet log.
    int rows_before = -1;
    QVERIFY(eventually([&] {
        rows_before = w.auditModel()->rowCount();
        QTest::qWait(300);
        return w.auditModel()->rowCount() == rows_before;
    }));
    act.setConfirm([](const QString&) { return false; });
    QVERIFY(!act.changeSaleState(QStringLiteral("ops"), SaleState::ended));
    QVERIFY(!act.drain(QStringLiteral("n2")));
    QTest::qWait(300);
    QCOMPARE(w.auditModel()->rowCount(), rows_before);
    QCOMPARE(f.cluster().ledger().get_sale("ops", clock.now_ms())->state, SaleState::running);
    act.setConfirm([](const QString&) { return true; });

    // Drain n2: it leaves the registry, its port closes, its lease is back in the pool.
    QVERIFY(act.drain(QStringLiteral("n2")));
    QVERIFY(eventually([&] {
        auto snap = f.snapshot();
        for (const auto& n : snap->nodes)
            if (n.info.id == "n2") return n.health == NodeHealth::drained;
        return false;
    }));
    for (const auto& n : f.cluster().ledger().list_nodes(clock.now_ms(), 5000)) QVERIFY(n.id != "n2");
    bool refused = false;
    try {
        buy_status(n2, "ops", "dave");
    } catch (const std::exception&) {
        refused = true;
    }
    QVERIFY(refused);
    QCOMPARE(buy_status(n1, "ops", "dave"), 201);
    QVERIFY(eventually([&] { return w.nodeModel()->index(1, NodeTableModel::health).data().toString() == QStringLiteral("drained"); }));

    // A failing action is logged as failed; draining twice finds no running node.
    QVERIFY(act.drain(QStringLiteral("n2")));
    QVERIFY(eventually([&] { return audited(*w.auditModel(), QStringLiteral("drain node"), QStringLiteral("n2"), false); }));

    // Every action is in the file too, with its result.
    QVERIFY(eventually([&] { return w.auditModel()->rowCount() >= 10; }));
    const auto rows = f.audit.recent(50);
    QCOMPARE(int(rows.size()), w.auditModel()->rowCount());
    int degrades = 0;
    for (const auto& r : rows) degrades += r.what == QStringLiteral("degrade") && r.ok;
    QCOMPARE(degrades, 4);
    QVERIFY(audited(*w.auditModel(), QStringLiteral("sale → paused"), QStringLiteral("ops"), true));
    QVERIFY(audited(*w.auditModel(), QStringLiteral("drain node"), QStringLiteral("n2"), true));
}

QTEST_MAIN(OperatorActionsTest)
#include "test_operator_actions.moc"
