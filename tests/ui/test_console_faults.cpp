// QA's fault lab in the console, driven through its widgets on a local cluster of three
// embedded nodes: a ledger_down injected from the Faults dock makes that node's buys 503
// over HTTP while the others sell, shows as an active fault with its time ticking down and
// as a band on the charts, and goes with Clear all; a crash from the Nodes context menu
// ends just that node (its port closes, the others sell, its lease returns to the pool
// after the TTL with every invariant green); the nodes' events reach the log pane.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

#include "console_fixture.h"
#include "loadrun/load_plan.h"
#include "models/active_faults_model.h"
#include "models/audit_log_model.h"
#include "models/node_table_model.h"
#include "support/http_client.h"
#include "support/sale_builder.h"
#include "views/charts_panel.h"
#include "views/faults_dock.h"
#include "views/history_chart.h"
#include "window/fault_actions.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;
namespace http = boost::beast::http;

// SECKILL_WAIT_FOR with a probe that reports what it saw as it looked. The bound is the
// suite's safety net, not a claim about timing.
#define AWAIT(what, ...)                                                    \
    do {                                                                    \
        QString seen_;                                                      \
        auto probe_ = __VA_ARGS__;                                          \
        SECKILL_WAIT_FOR(probe_(seen_), what, seen_.toStdString(), 60'000); \
    } while (0)

class ConsoleFaultsTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void faultsFromTheDockAndTheNodeMenu();
};

namespace {

unsigned short port_of(const SnapshotPtr& snap, const std::string& node) {
    for (const auto& n : snap->nodes)
        if (n.info.id == node) return parse_target(n.info.address)->port;
    return 0;
}

// A buy by a user never seen before; -1 when the node does not answer at all.
int fresh_buy(unsigned short port) {
    static int next = 0;
    try {
        return HttpClient(port)
            .request(http::verb::post, "/v1/sales/qa/buy?user=u" + std::to_string(++next))
            .status;
    } catch (const std::exception&) {
        return -1;
    }
}

// An operator action (`automatic` false) or a node's event in the log pane.
bool logged(const AuditLogModel& m, const QString& what, const QString& target, QString& seen,
            bool automatic) {
    seen.clear();
    for (int r = 0; r < m.rowCount(); ++r) {
        const ActionResult* e = m.entry(r);
        if (r < 6) seen += e->what + QLatin1Char('/') + e->target + QStringLiteral("; ");
        if (e->what == what && e->target == target && e->automatic == automatic) return true;
    }
    return false;
}

std::int64_t ledger_lease(store::Ledger& ledger, const std::string& node) {
    for (const auto& n : ledger.list_nodes(SystemClock::instance().now_ms(), 5000))
        if (n.id == node) {
            std::int64_t sum = 0;
            for (const auto& [sale, units] : n.leases) sum += units;
            return sum;
        }
    return 0;
}

int row_of(const QAbstractItemModel& m, const QString& node) {
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, 0).data().toString() == node) return r;
    return -1;
}

}  // namespace

void ConsoleFaultsTest::faultsFromTheDockAndTheNodeMenu() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    w.faultActions()->setConfirm([](const QString&) { return true; });
    w.faultActions()->setAskDuration(
        [](const QString&, double seconds) { return std::optional<double>(seconds); });
    FaultsDock& dock = *w.faultsDock();
    ActiveFaultsModel& active = *dock.activeModel();
    QAbstractItemModelTester tester(&active,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    AWAIT("three nodes up", [&](QString& seen) {
        seen = f.snapshot() ? QString::number(f.snapshot()->nodes_up())
                            : QStringLiteral("no snapshot");
        return f.snapshot() && f.snapshot()->nodes_up() == 3;
    });
    const SnapshotPtr first = f.snapshot();
    const unsigned short n1 = port_of(first, "n1"), n2 = port_of(first, "n2"),
                         n3 = port_of(first, "n3");

    QVERIFY(w.actions()->createSale(sale_config("qa", 5000), true));
    for (unsigned short port : {n1, n2, n3})
        AWAIT("each node to sell", [&](QString& seen) {
            const int s = fresh_buy(port);
            seen = QString::number(s);
            return s == 201;
        });

    // The dock: n2, ledger_down, 60 s, Inject.
    auto* nodes = dock.findChild<QListWidget*>(QStringLiteral("faults.nodes"));
    auto* kind = dock.findChild<QComboBox*>(QStringLiteral("faults.kind"));
    QVERIFY(nodes && kind);
    AWAIT("the dock to list three nodes", [&](QString& seen) {
        seen = QString::number(nodes->count());
        return nodes->count() == 3;
    });
    QCOMPARE(kind->count(), int(store::fault_kinds.size()));
    nodes->findItems(QStringLiteral("n2"), Qt::MatchExactly).front()->setCheckState(Qt::Checked);
    kind->setCurrentIndex(kind->findText(QStringLiteral("ledger_down")));
    dock.findChild<QDoubleSpinBox*>(QStringLiteral("faults.duration"))->setValue(60);
    QTest::mouseClick(dock.findChild<QPushButton*>(QStringLiteral("faults.inject")),
                      Qt::LeftButton);

    AWAIT("n2's buys to answer 503", [&](QString& seen) {
        const int s = fresh_buy(n2);
        seen = QString::number(s);
        return s == 503;
    });
    for (unsigned short port : {n1, n3})
        AWAIT("the other nodes to sell during the fault", [&](QString& seen) {
            const int s = fresh_buy(port);
            seen = QString::number(s);
            return s == 201;
        });
    AWAIT("an active ledger_down row for n2", [&](QString& seen) {
        const int r = row_of(active, QStringLiteral("n2"));
        seen = QStringLiteral("%1 rows").arg(active.rowCount());
        return r >= 0 && active.index(r, ActiveFaultsModel::kind).data().toString() ==
                             QStringLiteral("ledger_down");
    });
    const double left_at_first =
        active.index(0, 0).data(ActiveFaultsModel::seconds_left_role).toDouble();
    AWAIT("the time left to tick down", [&](QString& seen) {
        const double now = active.index(0, 0).data(ActiveFaultsModel::seconds_left_role).toDouble();
        seen = QStringLiteral("%1 s (first %2 s)").arg(now).arg(left_at_first);
        return now < left_at_first - 1.0;
    });
    AWAIT("a band on the requests chart", [&](QString& seen) {
        seen = QString::number(w.charts()->requests()->bandsShown());
        return w.charts()->requests()->bandsShown() >= 1;
    });
    AWAIT("the injection in the audit pane", [&](QString& seen) {
        return logged(*w.auditModel(), QStringLiteral("inject faults"), QStringLiteral("n2"), seen,
                      false);
    });
    AWAIT("n2's fault_injected event in the log pane", [&](QString& seen) {
        return logged(*w.auditModel(), QStringLiteral("fault_injected"), QStringLiteral("n2"), seen,
                      true);
    });

    QTest::mouseClick(dock.findChild<QPushButton*>(QStringLiteral("faults.clear")), Qt::LeftButton);
    AWAIT("the active-fault list to empty after Clear all", [&](QString& seen) {
        seen = QStringLiteral("%1 rows").arg(active.rowCount());
        return active.rowCount() == 0;
    });
    AWAIT("n2 to sell again", [&](QString& seen) {
        const int s = fresh_buy(n2);
        seen = QString::number(s);
        return s == 201;
    });
    AWAIT("the faults_cleared event", [&](QString& seen) {
        return logged(*w.auditModel(), QStringLiteral("faults_cleared"), QStringLiteral("n2"), seen,
                      true);
    });

    // n3 holds a lease; crash it from the Nodes table's context menu.
    AWAIT("n3 to hold units", [&](QString& seen) {
        const std::int64_t units = ledger_lease(f.cluster().ledger(), "n3");
        seen = QString::number(units);
        return units > 0 || (fresh_buy(n3), false);
    });
    QTableView& view = *w.nodesView();
    const int n3_row = row_of(*w.nodeModel(), QStringLiteral("n3"));
    QVERIFY(n3_row >= 0);
    view.setCurrentIndex(w.nodeModel()->index(n3_row, 0));
    QVERIFY(view.actions().contains(w.faultActions()->crashNode));
    w.faultActions()->crashNode->trigger();

    AWAIT("n3 to stop answering HTTP", [&](QString& seen) {
        const int s = fresh_buy(n3);
        seen = QString::number(s);
        return s == -1;
    });
    // As after kill -9, nothing went back: while n3 still counts as alive (its last beat
    // younger than the TTL) the ledger still records its units.
    for (const auto& n : f.cluster().ledger().list_nodes(SystemClock::instance().now_ms(), 5000))
        if (n.id == "n3" && n.alive)
            QVERIFY2(ledger_lease(f.cluster().ledger(), "n3") > 0,
                     "n3's lease returned by a crash");
    for (unsigned short port : {n1, n2})
        AWAIT("the survivors to keep selling", [&](QString& seen) {
            const int s = fresh_buy(port);
            seen = QString::number(s);
            return s == 201;
        });
    AWAIT("n3 shown as crashed", [&](QString& seen) {
        const int r = row_of(*w.nodeModel(), QStringLiteral("n3"));
        seen = r < 0 ? QStringLiteral("no row")
                     : w.nodeModel()->index(r, NodeTableModel::health).data().toString();
        return seen == QStringLiteral("crashed");
    });
    AWAIT("the node_crashed event in the log pane", [&](QString& seen) {
        return logged(*w.auditModel(), QStringLiteral("node_crashed"), QStringLiteral("n3"), seen,
                      true);
    });
    // After the TTL a survivor reclaims n3's lease: nothing stranded, every invariant green.
    AWAIT("n3's lease back in the pool", [&](QString& seen) {
        const std::int64_t units = ledger_lease(f.cluster().ledger(), "n3");
        seen = QStringLiteral("%1 units").arg(units);
        return units == 0;
    });
    AWAIT("every invariant green", [&](QString& seen) {
        const SnapshotPtr snap = f.fresh_snapshot();
        seen.clear();
        if (!snap->invariants) return seen = QStringLiteral("no report"), false;
        for (const auto& check : snap->invariants->checks)
            if (!check.ok) seen += QString::fromStdString(check.id + ": " + check.detail + "; ");
        return snap->invariants->ok;
    });
}

QTEST_MAIN(ConsoleFaultsTest)
#include "test_console_faults.moc"
