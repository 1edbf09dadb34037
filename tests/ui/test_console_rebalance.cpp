// Rebalance from the console on a 3-node local cluster: the dialog accepts only what the
// nodes' own planner accepts, the targets reach the ledger, every embedded node's lease
// settles to its target through the pool, and the action is in the audit log.
#include <QDialogButtonBox>
#include <QPushButton>
#include <QtTest>

#include "console_fixture.h"
#include "dialogs/rebalance_dialog.h"
#include "models/audit_log_model.h"
#include "support/sale_builder.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

class ConsoleRebalanceTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void evenRebalanceSettlesEveryNode();
};

namespace {

// The units each node holds for `sale`, as the ledger records them.
std::map<std::string, std::int64_t> leases(store::Ledger& ledger, const std::string& sale) {
    std::map<std::string, std::int64_t> out;
    for (const auto& n : ledger.list_nodes(SystemClock::instance().now_ms(), 5000))
        out[n.id] = n.leases.contains(sale) ? n.leases.at(sale) : 0;
    return out;
}

std::string describe(const std::map<std::string, std::int64_t>& leases) {
    std::string out;
    for (const auto& [node, units] : leases) out += node + "=" + std::to_string(units) + " ";
    return out;
}

bool ok_enabled(const RebalanceDialog& d) {
    return d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled();
}

bool audited(const AuditLogModel& model, const QString& what, const QString& target) {
    for (int r = 0; r < model.rowCount(); ++r) {
        const ActionResult* e = model.entry(r);
        if (e->what == what && e->target == target && e->ok) return true;
    }
    return false;
}

}  // namespace

void ConsoleRebalanceTest::evenRebalanceSettlesEveryNode() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    SECKILL_WAIT_FOR(f.snapshot() && f.snapshot()->nodes_up() == 3, "three nodes up",
                     f.snapshot() ? std::to_string(f.snapshot()->nodes_up()) + " up"
                                  : std::string("no snapshot"),
                     10'000);
    QVERIFY(w.backend()->canRebalance());

    QVERIFY(w.actions()->createSale(sale_config("rb", 900), true));
    SaleState rb_state = SaleState::scheduled;
    auto rb_running = [&] {
        const auto snap = f.fresh_snapshot();
        const auto* sale = snap->find_sale("rb");
        if (sale) rb_state = sale->state;
        return sale && sale->state == SaleState::running;
    };
    SECKILL_WAIT_FOR(rb_running(), "sale rb running", std::string(to_string(rb_state)), 5000);

    // The dialog on the live snapshot: manual counts above the unsold units are refused,
    // even is accepted and asks for exactly what the backend will plan.
    RebalanceDialog dialog(*f.snapshot(), "rb", &w);
    dialog.setStrategy(node::RebalanceStrategy::manual);
    QVERIFY(ok_enabled(dialog));  // starts from an even split
    dialog.setNodeValue(0, 901);
    QVERIFY(!ok_enabled(dialog));
    dialog.setStrategy(node::RebalanceStrategy::even);
    QVERIFY(ok_enabled(dialog));
    const auto request = dialog.request();
    QVERIFY(request.strategy == node::RebalanceStrategy::even);

    QVERIFY(w.actions()->rebalanceSale(QStringLiteral("rb"), request));
    store::Ledger& ledger = f.cluster().ledger();
    const std::map<std::string, std::int64_t> even{{"n1", 300}, {"n2", 300}, {"n3", 300}};
    SECKILL_WAIT_FOR(ledger.allocation("rb") == even, "allocation of 300 per node",
                     describe(ledger.allocation("rb")), 5000);
    std::string seen;
    auto settled = [&](const std::map<std::string, std::int64_t>& want) {
        const auto now = leases(ledger, "rb");
        seen = describe(now);
        return now == want;
    };
    SECKILL_WAIT_FOR(settled(even), "every node's lease at the even target (300 each)", seen,
                     10'000);
    SECKILL_WAIT_FOR(
        audited(*w.auditModel(), QStringLiteral("rebalance even"), QStringLiteral("rb")),
        "the audit row of rebalance even",
        std::to_string(w.auditModel()->rowCount()) + " audit rows", 5000);

    // Manual moves units between nodes, again only through the pool.
    node::RebalanceRequest manual;
    manual.strategy = node::RebalanceStrategy::manual;
    manual.counts = {{"n1", 600}, {"n2", 0}, {"n3", 100}};
    QVERIFY(w.actions()->rebalanceSale(QStringLiteral("rb"), manual));
    SECKILL_WAIT_FOR(settled(manual.counts), "the leases at the manual plan n1=600 n2=0 n3=100",
                     seen, 10'000);
    const auto view = ledger.get_sale("rb", SystemClock::instance().now_ms());
    QCOMPARE(view->stock.pool + view->stock.leased, std::int64_t{900});

    // A plan the ledger refuses is audited as failed with the planner's reason.
    manual.counts = {{"n9", 1}};
    QVERIFY(w.actions()->rebalanceSale(QStringLiteral("rb"), manual));
    auto refused_n9 = [&] {
        const auto rows = f.audit.recent(50);
        return std::any_of(rows.begin(), rows.end(), [](const auto& r) {
            return r.what == QStringLiteral("rebalance manual") && !r.ok &&
                   r.message.contains(QStringLiteral("n9"));
        });
    };
    SECKILL_WAIT_FOR(refused_n9(), "a failed rebalance manual audit row naming n9",
                     std::to_string(f.audit.recent(50).size()) + " audit rows", 5000);
}

QTEST_MAIN(ConsoleRebalanceTest)
#include "test_console_rebalance.moc"
