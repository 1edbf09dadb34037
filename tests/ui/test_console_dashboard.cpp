// A demo sale on three embedded nodes under load: tiles, charts, node table and
// invariants show non-zero numbers, and the same numbers the ledger holds.
#include <QtTest>

#include "console_fixture.h"
#include "models/invariants_model.h"
#include "models/node_table_model.h"
#include "views/allocation_chart.h"
#include "views/charts_panel.h"
#include "views/history_chart.h"
#include "views/load_panel.h"
#include "views/tile.h"
#include "views/tiles_panel.h"
#include "window/demo_scenario.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

class ConsoleDashboardTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void demoSaleShowsWhatTheLedgerHolds();
};

namespace {

std::int64_t tile_number(const MainWindow& w, const char* key) {
    QString text = w.tiles()->tile(QString::fromLatin1(key))->value();
    return text.remove(QLatin1Char(',')).toLongLong();
}

double max_y(const QList<QPointF>& points) {
    double top = 0;
    for (const QPointF& p : points) top = std::max(top, p.y());
    return top;
}

}  // namespace

void ConsoleDashboardTest::demoSaleShowsWhatTheLedgerHolds() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    QSignalSpy finished(w.loadPanel(), &LoadPanel::finished);
    DemoPlan plan;
    plan.load.duration_s = 4;
    plan.load.rate = 1500;
    w.demo()->start(*w.backend(), plan);
    const std::string sale = w.demo()->saleId().toStdString();

    // While the load runs, every node shows traffic in the table.
    std::string qps_seen;
    auto every_node_busy = [&] {
        const auto* m = w.nodeModel();
        qps_seen = std::to_string(m->rowCount()) + " rows, qps";
        bool all = m->rowCount() == 3;
        for (int r = 0; r < m->rowCount(); ++r) {
            const auto qps = m->index(r, NodeTableModel::qps).data().toLongLong();
            qps_seen += " " + std::to_string(qps);
            all = all && qps > 0;
        }
        return all;
    };
    SECKILL_WAIT_FOR(every_node_busy(), "every node's QPS in the node table", qps_seen, 15'000);
    SECKILL_WAIT_FOR(!finished.isEmpty(), "the demo load to finish", "still running", 20'000);
    const auto report = finished.first().first().value<load::LoadReport>();
    QVERIFY(report.buys.count("reserved"));
    QVERIFY(report.total_buys() > 1000);

    // Settled: the ledger's numbers reach the tiles within a refresh or two.
    std::string tiles_seen;
    auto tiles_match = [&] {
        const auto view = f.cluster().ledger().get_sale(sale, SystemClock::instance().now_ms());
        auto snap = f.fresh_snapshot();
        tiles_seen = "tiles total/paid/reserved/remaining " +
                     std::to_string(tile_number(w, "total")) + "/" +
                     std::to_string(tile_number(w, "paid")) + "/" +
                     std::to_string(tile_number(w, "reserved")) + "/" +
                     std::to_string(tile_number(w, "remaining"));
        if (view)
            tiles_seen += ", ledger paid/reserved/remaining " + std::to_string(view->stock.paid) +
                          "/" + std::to_string(view->stock.reserved) + "/" +
                          std::to_string(view->stock.remaining());
        return view && view->stock.sold() > 0 && tile_number(w, "total") == 1000 &&
               tile_number(w, "paid") == view->stock.paid &&
               tile_number(w, "reserved") == view->stock.reserved &&
               tile_number(w, "remaining") == view->stock.remaining();
    };
    SECKILL_WAIT_FOR(tiles_match(), "the tiles to show the ledger's numbers", tiles_seen, 5000);
    // The stock tiles add up on screen: paid + reserved + remaining = total.
    QCOMPARE(tile_number(w, "paid") + tile_number(w, "reserved") + tile_number(w, "remaining"),
             tile_number(w, "total"));
    QCOMPARE(w.tiles()->tile(QStringLiteral("nodes"))->value(), QStringLiteral("3 / 3"));
    QCOMPARE(w.tiles()->tile(QStringLiteral("degrade"))->value(), QStringLiteral("0"));

    // Charts: traffic by result was drawn, the stock chart ends at the ledger's count.
    ChartsPanel& charts = *w.charts();
    QVERIFY(max_y(charts.requests()->plotted(0)) > 0);  // reserved band
    // The sold-out band (stacked on reserved) is thick somewhere: the storm after sell-out.
    const auto reserved_top = charts.requests()->plotted(0),
               sold_out_top = charts.requests()->plotted(1);
    QCOMPARE(reserved_top.size(), sold_out_top.size());
    bool sold_out_seen = false;
    for (qsizetype i = 0; i < reserved_top.size(); ++i)
        sold_out_seen |= sold_out_top[i].y() > reserved_top[i].y();
    QVERIFY(sold_out_seen);
    QVERIFY(max_y(charts.latency()->plotted(1)) > 0);  // p99
    const auto sold_line = charts.stock()->plotted(1);
    const auto view = f.cluster().ledger().get_sale(sale, SystemClock::instance().now_ms());
    QCOMPARE(sold_line.back().y(), double(view->stock.sold()));

    // The allocation chart and the Nodes table's Lease column draw one number: the
    // selected sale's lease per node as the ledger records it; together the ledger's leased.
    std::string seen;
    auto agree = [&] {
        const auto v = f.cluster().ledger().get_sale(sale, SystemClock::instance().now_ms());
        const QList<qreal> bars = charts.allocation()->leaseValues();
        double sum = 0, column = 0;
        for (qreal b : bars) sum += b;
        for (int r = 0; r < w.nodeModel()->rowCount(); ++r)
            column += w.nodeModel()->index(r, NodeTableModel::lease).data().toDouble();
        seen = QStringLiteral("bars %1 (%2), Lease column %3, ledger leased %4")
                   .arg(sum)
                   .arg(bars.size())
                   .arg(column)
                   .arg(v ? v->stock.leased : -1)
                   .toStdString();
        return v && bars.size() == 3 && sum == double(v->stock.leased) && column == sum;
    };
    SECKILL_WAIT_FOR(agree(),
                     "allocation bars = Lease column = the ledger's leased units of the sale", seen,
                     10'000);

    QCOMPARE(w.invariantsModel()->rowCount(), 8);
    QVERIFY2(w.invariantsModel()->allHold(), "I1-I8 hold after the demo");

    // Exports: the chart as a PNG, the sale as CSV with the same sold count.
    const QString png = f.dir.filePath(QStringLiteral("requests.png"));
    QVERIFY(w.exportChart(QStringLiteral("requests"), png));
    QVERIFY(QImage(png).width() > 100);
    // The chart plus a caption strip (cluster, sale, time) under it.
    QVERIFY(QImage(png).height() > charts.requests()->height());
    const QString csv_path = f.dir.filePath(QStringLiteral("report.csv"));
    QCOMPARE(w.exportReport(csv_path), QString());
    QFile csv(csv_path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    QVERIFY(text.contains(QStringLiteral("sale,sale,") + QString::fromStdString(sale)));
    QVERIFY(text.contains(QStringLiteral("I4,no lost confirmation,yes")));
}

QTEST_MAIN(ConsoleDashboardTest)
#include "test_console_dashboard.moc"
