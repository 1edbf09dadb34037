// Operator actions from the console change what the embedded nodes do, seen from outside
// over HTTP, and each lands in the audit log (pane and file) with its result.
#include <QtTest>
#include <fstream>

#include "console_fixture.h"
#include "loadrun/load_plan.h"
#include "models/audit_log_model.h"
#include "models/node_table_model.h"
#include "support/http_client.h"
#include "support/sale_builder.h"

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
    return HttpClient(port)
        .request(http::verb::post, "/v1/sales/" + sale + "/buy?user=" + user)
        .status;
}

bool audited(const AuditLogModel& model, const QString& what, const QString& target, bool ok) {
    for (int r = 0; r < model.rowCount(); ++r) {
        const ActionResult* e = model.entry(r);
        if (e->what.startsWith(what) && e->target == target && e->ok == ok) return true;
    }
    return false;
}

std::string levels(unsigned short n1, unsigned short n2, const std::string& token) {
    return "n1 " + std::to_string(degrade_of(n1, token)) + ", n2 " +
           std::to_string(degrade_of(n2, token));
}

// Rows of the operator's own actions (a node's events may arrive at any time), `what` empty = all.
int operator_rows(const AuditLogModel& model, const QString& what = {}) {
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const AuditEntry* e = model.entry(r);
        n += !e->automatic && (what.isEmpty() || e->what == what);
    }
    return n;
}

int newest_operator_row(const AuditLogModel& model) {
    for (int r = 0; r < model.rowCount(); ++r)
        if (!model.entry(r)->automatic) return r;
    return -1;
}

std::string rows_text(const AuditLogModel& model) {
    QStringList out;
    for (int r = 0; r < model.rowCount() && r < 12; ++r)
        out << model.entry(r)->what + QLatin1Char(' ') + model.entry(r)->target;
    return out.join(QStringLiteral("; ")).toStdString();
}

}  // namespace

void OperatorActionsTest::actionsChangeEnginesAndAreAudited() {
    ConsoleFixture f(2);
    MainWindow& w = *f.window;
    OperatorActions& act = *w.actions();
    SECKILL_WAIT_FOR(
        f.snapshot() && f.snapshot()->nodes_up() == 2, "two local nodes up",
        f.snapshot() ? std::to_string(f.snapshot()->nodes_up()) + " up" : "no snapshot", 10'000);
    const SnapshotPtr first = f.snapshot();
    const unsigned short n1 = port_of(first, "n1"), n2 = port_of(first, "n2");
    const std::string token = token_in(f.dir);
    QVERIFY(n1 && n2 && !token.empty());
    const Clock& clock = SystemClock::instance();

    QVERIFY(act.createSale(sale_config("ops", 100), true));  // room for the pause probes below
    int status = 0;
    SECKILL_WAIT_FOR((status = buy_status(n1, "ops", "alice")) == 201,
                     "alice's buy on n1 answered 201", std::to_string(status), 5000);
    SECKILL_WAIT_FOR(
        audited(*w.auditModel(), QStringLiteral("create sale"), QStringLiteral("ops"), true),
        "the \"create sale\" row", rows_text(*w.auditModel()), 5000);

    // Degrade every node to 2: both engines reject buys.
    QVERIFY(act.degrade({}, 2));
    SECKILL_WAIT_FOR(degrade_of(n1, token) == 2 && degrade_of(n2, token) == 2,
                     "both nodes at degrade level 2", levels(n1, n2, token), 5000);
    QCOMPARE(buy_status(n2, "ops", "bob"), 503);
    // Back to 0, then one node alone to 3.
    QVERIFY(act.degrade({}, 0));
    QVERIFY(act.degrade(QStringLiteral("n2"), 3));
    SECKILL_WAIT_FOR(degrade_of(n1, token) == 0 && degrade_of(n2, token) == 3,
                     "n1 at level 0, n2 at 3", levels(n1, n2, token), 5000);
    SECKILL_WAIT_FOR(
        w.nodeModel()->index(1, NodeTableModel::degrade).data().toInt() == 3,
        "n2's row showing level 3",
        w.nodeModel()->index(1, NodeTableModel::degrade).data().toString().toStdString(), 5000);
    QVERIFY(act.degrade(QStringLiteral("n2"), 0));

    // Pause: nodes answer not_open; start again: they sell.
    QVERIFY(act.changeSaleState(QStringLiteral("ops"), SaleState::paused));
    // Until the pause lands a probe may still buy, so each probe is a new user: carol must
    // be fresh when she buys below.
    int probe = 0;
    SECKILL_WAIT_FOR((status = buy_status(n1, "ops", "probe" + std::to_string(++probe))) == 403,
                     "a buy on the paused sale answered 403", std::to_string(status), 5000);
    QCOMPARE(f.cluster().ledger().get_sale("ops", clock.now_ms())->state, SaleState::paused);
    QVERIFY(act.changeSaleState(QStringLiteral("ops"), SaleState::running));
    SECKILL_WAIT_FOR((status = buy_status(n2, "ops", "carol")) == 201,
                     "carol's buy on n2 after the restart", std::to_string(status), 5000);

    // A declined confirmation sends nothing and logs nothing. The worker runs actions in
    // order, so once the restart's row is in, every earlier action's row is too.
    SECKILL_WAIT_FOR(operator_rows(*w.auditModel(), QStringLiteral("sale → running")) == 2,
                     "the second \"sale → running\" row (creation, restart)",
                     rows_text(*w.auditModel()), 5000);
    const int rows_before = operator_rows(*w.auditModel());
    act.setConfirm([](const QString&) { return false; });
    QVERIFY(!act.changeSaleState(QStringLiteral("ops"), SaleState::ended));
    QVERIFY(!act.drain(QStringLiteral("n2")));
    // A marker behind them on the same worker: had either been sent, its row would come
    // before the marker's.
    QVERIFY(act.degrade(QStringLiteral("n1"), 0));
    SECKILL_WAIT_FOR(operator_rows(*w.auditModel()) == rows_before + 1,
                     "only the marker's row after the declined actions", rows_text(*w.auditModel()),
                     5000);
    QCOMPARE(w.auditModel()->entry(newest_operator_row(*w.auditModel()))->what,
             QStringLiteral("degrade"));
    QCOMPARE(f.cluster().ledger().get_sale("ops", clock.now_ms())->state, SaleState::running);
    act.setConfirm([](const QString&) { return true; });

    // Drain n2: it leaves the registry, its port closes, its lease is back in the pool.
    QVERIFY(act.drain(QStringLiteral("n2")));
    auto n2_health = [&]() -> std::string {
        for (const auto& n : f.snapshot()->nodes)
            if (n.info.id == "n2") return health_name(n.health);
        return "not listed";
    };
    SECKILL_WAIT_FOR(n2_health() == "drained", "n2 drained in the snapshot", n2_health(), 5000);
    for (const auto& n : f.cluster().ledger().list_nodes(clock.now_ms(), 5000))
        QVERIFY(n.id != "n2");
    bool refused = false;
    try {
        buy_status(n2, "ops", "dave");
    } catch (const std::exception&) {
        refused = true;
    }
    QVERIFY(refused);
    QCOMPARE(buy_status(n1, "ops", "dave"), 201);
    SECKILL_WAIT_FOR(
        w.nodeModel()->index(1, NodeTableModel::health).data().toString() ==
            QStringLiteral("drained"),
        "n2's row showing drained",
        w.nodeModel()->index(1, NodeTableModel::health).data().toString().toStdString(), 5000);

    // A failing action is logged as failed; draining twice finds no running node.
    QVERIFY(act.drain(QStringLiteral("n2")));
    SECKILL_WAIT_FOR(
        audited(*w.auditModel(), QStringLiteral("drain node"), QStringLiteral("n2"), false),
        "a failed \"drain node\" row for n2", rows_text(*w.auditModel()), 5000);

    // Every action is in the file too, with its result (a node's events are the pane's only).
    const auto rows = f.audit.recent(50);
    QCOMPARE(int(rows.size()), operator_rows(*w.auditModel()));
    int degrades = 0;
    for (const auto& r : rows) degrades += r.what == QStringLiteral("degrade") && r.ok;
    QCOMPARE(degrades, 5);  // four, and the marker
    QVERIFY(audited(*w.auditModel(), QStringLiteral("sale → paused"), QStringLiteral("ops"), true));
    QVERIFY(audited(*w.auditModel(), QStringLiteral("drain node"), QStringLiteral("n2"), true));
}

QTEST_MAIN(OperatorActionsTest)
#include "test_operator_actions.moc"
