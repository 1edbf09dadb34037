// The trainer's demo on three embedded nodes: the Pipeline view's counts equal the
// ledger's and the load generator's, the slow-motion preset keeps its rate (paused on
// the way), the summary's numbers are the order DB's, and the demo ends its own sale —
// and a new demo ends the previous one's. Group commit off: one ledger call per buy.
#include <QDockWidget>
#include <QMenuBar>
#include <QtTest>

#include "console_fixture.h"
#include "dialogs/demo_dialog.h"
#include "store/order_db.h"
#include "views/demo_summary_view.h"
#include "views/load_panel.h"
#include "views/pipeline_view.h"
#include "window/demo_scenario.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;
using node::Stage;

class ConsoleDemoTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void pipelineAndSummaryEqualTheLedgerAndTheOrderDb();
    void slowMotionKeepsItsRateThroughAPause();
    void aNewDemoEndsThePreviousSale();
    void groupCommitOffSendsEveryBuyToTheLedger();
};

namespace {

DemoPlan short_plan() {
    DemoPlan p;
    p.stock = 200;
    p.pay_timeout_s = 2;  // deadlines pass within the test
    p.load.users = 5000;
    p.load.profile = load::Profile::constant;
    p.load.rate = 600;
    p.load.duration_s = 3;
    p.load.connections = 6;
    p.load.pay_share = 0.5;
    p.load.cancel_share = 0.2;
    p.load.pay_delay_ms = 100;
    return p;
}

SaleState ledger_state(ConsoleFixture& f, const std::string& sale) {
    const auto v = f.cluster().ledger().get_sale(sale, SystemClock::instance().now_ms());
    return v ? v->state : SaleState::scheduled;
}

std::string flow_text(const PipelineFlow& flow) {
    std::string s;
    for (const node::StageInfo& st : node::pipeline_stages)
        s += std::string(st.key) + "=" + std::to_string(flow.count(st.stage)) + " ";
    return s;
}

}  // namespace

void ConsoleDemoTest::pipelineAndSummaryEqualTheLedgerAndTheOrderDb() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    QSignalSpy loaded(w.loadPanel(), &LoadPanel::finished);
    QSignalSpy summaries(w.demo(), &DemoScenario::finished);
    w.runDemo(short_plan());
    const std::string sale = w.demo()->saleId().toStdString();
    // The Pipeline dock comes up with the demo, and View has its switch.
    auto* dock = w.findChild<QDockWidget*>(QStringLiteral("dock.pipeline"));
    QVERIFY(dock);
    SECKILL_WAIT_FOR(dock->isVisible(), "the Pipeline dock shown when the demo starts", "hidden",
                     20'000);
    bool in_view_menu = false;
    for (QAction* top : w.menuBar()->actions())
        if (top->menu() && top->menu()->title() == QStringLiteral("&View"))
            in_view_menu = top->menu()->actions().contains(dock->toggleViewAction());
    QVERIFY(in_view_menu);
    SECKILL_WAIT_FOR(!loaded.isEmpty(), "the demo's load to finish",
                     flow_text(w.pipeline()->flow()), 30'000);
    const auto report = loaded.first().first().value<load::LoadReport>();
    const std::int64_t created = [&] {
        std::int64_t n = 0;
        if (auto it = report.buys.find("reserved"); it != report.buys.end()) n = it->second;
        return n;
    }();
    QVERIFY(created > 0);
    QCOMPARE(report.transport_errors, std::int64_t(0));

    // The view's counts, once the nodes' heartbeats carry the last answers: every buy the
    // generator sent arrived, every 201 is a reservation, and each is an order in the ledger.
    std::string seen;
    SECKILL_WAIT_FOR(
        ([&] {
            const PipelineFlow& flow = w.pipeline()->flow();
            const auto orders = f.cluster().ledger().order_tally(sale).orders;
            seen = flow_text(flow) + " | load " + std::to_string(report.total_buys()) + " buys, " +
                   std::to_string(created) + " reserved | ledger orders " + std::to_string(orders);
            // A unit taken can still be refused by the ledger (a buyer at the limit
            // on two nodes at once): lease >= reserved.
            return flow.count(Stage::arrived) == std::uint64_t(report.total_buys()) &&
                   flow.count(Stage::reserved) == std::uint64_t(created) && orders == created &&
                   flow.count(Stage::lease) >= std::uint64_t(created);
        }()),
        "arrived = the load's buys, reserved = the load's 201s = the ledger's orders", seen,
        15'000);
    const PipelineFlow& flow = w.pipeline()->flow();
    std::uint64_t stopped = 0;
    for (Stage s : {Stage::rate_limited, Stage::degraded, Stage::not_open, Stage::sold_out,
                    Stage::limit_reached, Stage::unavailable})
        stopped += flow.count(s);
    QCOMPARE(stopped + flow.count(Stage::reserved),
             flow.count(Stage::arrived));  // the funnel adds up
    QVERIFY2(flow.count(Stage::ledger_commit) > 0 &&
                 flow.count(Stage::ledger_commit) <= flow.count(Stage::lease),
             flow_text(flow).c_str());

    // The summary comes once the payment deadlines have passed; the sale is ended by then.
    SECKILL_WAIT_FOR(!summaries.isEmpty(), "the demo's summary after the payment deadlines",
                     std::to_string(int(w.demo()->phase())), 30'000);
    const auto summary = summaries.first().first().value<DemoSummary>();
    QCOMPARE(summary.sale, sale);
    QCOMPARE(ledger_state(f, sale), SaleState::ended);
    store::OrderDb db(f.cluster().orderDbPath().toStdString());
    const auto by_status = db.count_by_status(sale);
    auto db_count = [&](store::OrderStatus s) {
        auto it = by_status.find(s);
        return it == by_status.end() ? std::int64_t(0) : it->second;
    };
    QCOMPARE(summary.orders, db.count_orders(sale));
    QCOMPARE(summary.orders, created);
    QCOMPARE(summary.paid, db_count(store::OrderStatus::paid));
    QCOMPARE(summary.cancelled, db_count(store::OrderStatus::cancelled));
    QCOMPARE(summary.expired, db_count(store::OrderStatus::expired));
    QCOMPARE(db_count(store::OrderStatus::reserved), std::int64_t(0));
    QCOMPARE(summary.paid + summary.cancelled + summary.expired, created);
    const auto view = f.cluster().ledger().get_sale(sale, SystemClock::instance().now_ms());
    QCOMPARE(summary.paid, view->stock.paid);
    QCOMPARE(summary.unsold, view->stock.remaining());
    QCOMPARE(summary.buys, report.total_buys());
    QCOMPARE(summary.stages.size(), node::pipeline_stages.size());
    QVERIFY2(summary.invariants_hold(), summary.to_text().c_str());
    // Shown in the window and exportable.
    QVERIFY(w.demoDialog()->isVisible());
    QVERIFY(w.demoDialog()->summaryView()->text().contains(QString::fromStdString(sale)));
    const QString json = f.dir.filePath(QStringLiteral("summary.json"));
    QCOMPARE(w.demoDialog()->summaryView()->save(json, DemoSummaryView::Format::json), QString());
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(("\"paid\":" + std::to_string(summary.paid)).c_str()));
}

void ConsoleDemoTest::slowMotionKeepsItsRateThroughAPause() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    QSignalSpy loaded(w.loadPanel(), &LoadPanel::finished);
    QSignalSpy summaries(w.demo(), &DemoScenario::finished);
    DemoDialog& dialog = *w.demoDialog();
    dialog.choosePreset(1);
    DemoPlan plan = dialog.plan();
    QCOMPARE(plan.load.rate, 5.0);
    QCOMPARE(plan.stock, std::int64_t(50));
    plan.load.duration_s = 8;  // the preset's rate over a shorter run
    w.runDemo(plan);
    SECKILL_WAIT_FOR(
        w.demo()->phase() == DemoScenario::Phase::loading && w.loadPanel()->running() &&
            w.pipeline()->flow().count(Stage::arrived) >= 5,
        "the slow demo's first buys in the Pipeline view", flow_text(w.pipeline()->flow()), 20'000);

    // Paused: nothing arrives over several heartbeats; resumed: buys arrive again.
    w.loadPanel()->setPaused(true);
    for (int i = 0; i < 3; ++i)
        f.fresh_snapshot();  // past a heartbeat after the last buy let through
    const auto held = w.pipeline()->flow().count(Stage::arrived);
    for (int i = 0; i < 4; ++i) f.fresh_snapshot();
    QCOMPARE(w.pipeline()->flow().count(Stage::arrived), held);
    w.loadPanel()->setPaused(false);
    SECKILL_WAIT_FOR(w.pipeline()->flow().count(Stage::arrived) > held,
                     "buys to arrive again after resume", flow_text(w.pipeline()->flow()), 10'000);

    SECKILL_WAIT_FOR(!loaded.isEmpty(), "the slow load to finish", flow_text(w.pipeline()->flow()),
                     30'000);
    const auto report = loaded.first().first().value<load::LoadReport>();
    // The run's own count over its own running time (the pause not counted).
    const double rate = double(report.total_buys()) / report.seconds;
    QVERIFY2(std::abs(rate - 5.0) <= 0.5, qPrintable(QStringLiteral("%1 buys in %2 s = %3/s")
                                                         .arg(report.total_buys())
                                                         .arg(report.seconds)
                                                         .arg(rate)));

    // The operator ends it before the deadlines: the sale ends and the summary says so.
    w.demo()->endNow();
    SECKILL_WAIT_FOR(!summaries.isEmpty(), "the summary of a demo ended by the operator",
                     std::to_string(int(w.demo()->phase())), 30'000);
    QVERIFY(summaries.first().first().value<DemoSummary>().ended_early);
    QCOMPARE(ledger_state(f, w.demo()->saleId().toStdString()), SaleState::ended);
}

void ConsoleDemoTest::aNewDemoEndsThePreviousSale() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    DemoPlan first = short_plan();
    first.load.duration_s = 30;
    w.runDemo(first);
    const std::string old_sale = w.demo()->saleId().toStdString();
    SECKILL_WAIT_FOR(w.demo()->phase() == DemoScenario::Phase::loading, "the first demo's load",
                     std::to_string(int(w.demo()->phase())), 20'000);
    w.loadPanel()->stop();
    SECKILL_WAIT_FOR(!w.loadPanel()->running(), "the first load to stop", "running", 10'000);
    w.runDemo(short_plan());
    QVERIFY(w.demo()->saleId().toStdString() != old_sale);
    SECKILL_WAIT_FOR(ledger_state(f, old_sale) == SaleState::ended,
                     "the first demo's sale to be ended",
                     std::to_string(int(ledger_state(f, old_sale))), 10'000);
}

void ConsoleDemoTest::groupCommitOffSendsEveryBuyToTheLedger() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    QSignalSpy loaded(w.loadPanel(), &LoadPanel::finished);
    w.demoDialog()->choosePreset(2);
    DemoPlan plan = w.demoDialog()->plan();
    QVERIFY(!plan.groupCommit());
    plan.stock = 100;
    plan.load.duration_s = 2;
    plan.load.rate = 300;
    plan.load.profile = load::Profile::constant;
    w.runDemo(plan);  // new nodes, each committing one buy per ledger call
    QCOMPARE(f.cluster().options().commit_batch, std::size_t(1));
    SECKILL_WAIT_FOR(!loaded.isEmpty(), "the load without group commit",
                     flow_text(w.pipeline()->flow()), 30'000);
    std::string seen;
    SECKILL_WAIT_FOR(([&] {
                         const PipelineFlow& flow = w.pipeline()->flow();
                         seen = flow_text(flow);
                         const auto created =
                             loaded.first().first().value<load::LoadReport>().buys["reserved"];
                         return flow.count(Stage::reserved) == std::uint64_t(created) &&
                                flow.count(Stage::ledger_commit) == flow.count(Stage::lease);
                     }()),
                     "one ledger call per buy that took a unit", seen, 15'000);
}

QTEST_MAIN(ConsoleDemoTest)
#include "test_console_demo.moc"
