// Chart history that outlives the window and the post-sale PDF report, on a real local
// cluster: a sale's series are read back after the console is closed and reopened on the
// same data dir; the PDF renders and carries the sale's numbers; a broken history file is
// reported and the console goes on.
#include <QComboBox>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include "console_fixture.h"
#include "history/history_store.h"
#include "shopper.h"
#include "views/charts_panel.h"
#include "views/history_chart.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

class ConsoleHistoryTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void historySurvivesARestart();
    void pdfReportCarriesTheSaleNumbers();
    void brokenHistoryFileIsReported();
};

namespace {

const std::string cluster = "local cluster";

// A running sale of `total` units on the fixture's nodes with `buyers` units reserved.
std::vector<std::string> sale_with_buys(ConsoleFixture& f, const std::string& sale, int total,
                                        int buyers) {
    std::vector<std::string> orders;
    eventually([&] { return f.snapshot() && f.snapshot()->nodes_up() > 0; }, 10'000);
    SaleConfig c;
    c.id = sale;
    c.name = "History test";
    c.total = total;
    if (!f.window->actions()->createSale(c, true)) return orders;
    const Shopper shopper = Shopper::on(*f.snapshot());
    for (int i = 0; i < buyers; ++i) {
        std::string id;
        eventually([&] { return !(id = shopper.buy(sale, "u" + std::to_string(i))).empty(); },
                   5000);
        orders.push_back(id);
    }
    return orders;
}

// The stored sold count of `sale`, -1 when the file holds none yet.
double stored_sold(HistoryStore& store, const std::string& sale) {
    for (const StoredSale& s : store.sales(cluster))
        if (s.id == sale) {
            const auto pieces = store.load(cluster, sale, s.first, s.last).segments(Metric::sold);
            return pieces.empty() ? -1 : pieces.back().back().y();
        }
    return -1;
}

// Its standard output; nothing when it did not run or failed.
std::optional<QString> run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(p.readAllStandardOutput());
}

}  // namespace

void ConsoleHistoryTest::historySurvivesARestart() {
    ConsoleFixture f(1);
    QVERIFY(f.window->historyStore());
    QCOMPARE(sale_with_buys(f, "hist", 20, 3).size(), std::size_t(3));
    double sold = -1;
    SECKILL_WAIT_FOR((sold = stored_sold(*f.window->historyStore(), "hist")) == 3,
                     "the history file to hold sale hist with 3 sold", std::to_string(sold),
                     10'000);
    const QString data = f.dir.filePath(QStringLiteral("data"));
    QCOMPARE(QFile::permissions(data + QStringLiteral("/history.db")) & 0077,
             QFileDevice::Permissions());

    // Closed, and opened again on the same data dir: a new session whose ledger never
    // heard of "hist".
    f.window.reset();
    f.window = std::make_unique<MainWindow>(f.settings, &f.audit, data, 250);
    f.window->connectLocal(1);
    f.window->show();
    ChartsPanel& charts = *f.window->charts();
    QVERIFY(charts.rangeSelector()->isEnabled());
    const int hist = charts.saleSelector()->findData(QStringLiteral("hist"));
    QVERIFY2(hist >= 0, "the earlier sale is offered by the range selector");
    charts.saleSelector()->setCurrentIndex(hist);
    charts.rangeSelector()->setCurrentIndex(
        charts.rangeSelector()->findData(int(ChartsPanel::Range::sale)));
    QCOMPARE(charts.range(), ChartsPanel::Range::sale);
    const QList<QPointF> sold_line = charts.stock()->plotted(1);
    QVERIFY(!sold_line.isEmpty());
    QCOMPARE(sold_line.back().y(), 3.0);
    QCOMPARE(charts.stock()->plotted(0).back().y(), 17.0);  // remaining
    // The stretch shown is the sale's, not the new session's last minutes.
    const auto stored = f.window->historyStore()->sales(cluster);
    QVERIFY(!stored.empty());
    QCOMPARE(charts.stock()->timeRange().second,
             stored.back().id == "hist" ? stored.back().last : stored.front().last);
    // New snapshots keep coming without redrawing the stored stretch over.
    const SnapshotPtr seen = f.fresh_snapshot();
    QVERIFY(seen);
    QCOMPARE(charts.stock()->plotted(1).back().y(), 3.0);
    charts.rangeSelector()->setCurrentIndex(0);
    QCOMPARE(charts.range(), ChartsPanel::Range::live);
}

void ConsoleHistoryTest::pdfReportCarriesTheSaleNumbers() {
    ConsoleFixture f(1);
    const auto orders = sale_with_buys(f, "report", 20, 3);
    QCOMPARE(orders.size(), std::size_t(3));
    QCOMPARE(Shopper::on(*f.snapshot()).pay(orders[0], "u0"), 200);
    // The nodes count their buys in their heartbeats, once a second.
    auto settled = [&] {
        const SnapshotPtr s = f.fresh_snapshot();
        const SaleView* sale = s->find_sale("report");
        std::int64_t reserved = 0;
        for (const NodeStatus& n : s->nodes)
            reserved += n.stats.buys[std::size_t(ResultBand::reserved)];
        return sale && sale->stock.paid == 1 && s->invariants && reserved == 3;
    };
    SECKILL_WAIT_FOR(settled(),
                     "a snapshot with the paid unit, the invariants and the nodes' 3 reserved buys",
                     "", 10'000);
    const QString pdf = f.dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(f.window->exportPdfReport(pdf), QString());

    const QString text =
        run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")})
            .value_or(QString());
    QVERIFY2(text.contains(QStringLiteral("Sale report: report")), qPrintable(text.left(400)));
    QVERIFY(text.contains(QStringLiteral("Cluster: local cluster, 1 nodes")));
    // The tiles' row: total, paid, reserved, remaining, sold, state.
    QVERIFY2(QRegularExpression(QStringLiteral("\\b20\\s+1\\s+2\\s+17\\s+3\\s+running"))
                 .match(text)
                 .hasMatch(),
             qPrintable(text.left(1200)));
    QVERIFY(QRegularExpression(QStringLiteral("buys reserved\\s+3\\n")).match(text).hasMatch());
    QVERIFY2(text.contains(QStringLiteral("no lost confirmation")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("create sale")));  // the audit excerpt

    const QString png = f.dir.filePath(QStringLiteral("page"));
    QVERIFY(run(QStringLiteral("pdftoppm"),
                {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"),
                 QStringLiteral("-singlefile"), pdf, png}));
    const QImage page(png + QStringLiteral(".png"));
    QVERIFY(page.width() > 200);
    int inked = 0;
    for (int y = 0; y < page.height(); y += 2)
        for (int x = 0; x < page.width(); x += 2) inked += qGray(page.pixel(x, y)) < 200;
    QVERIFY2(inked > 500, qPrintable(QStringLiteral("%1 dark samples").arg(inked)));
}

void ConsoleHistoryTest::brokenHistoryFileIsReported() {
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QDir().mkpath(data);
    QFile junk(data + QStringLiteral("/history.db"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(8192, 'x'));  // not a database
    junk.close();
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow w(settings, nullptr, data, 250);
    w.connectLocal(1);
    w.show();
    QVERIFY(!w.historyStore());
    QVERIFY(w.historyState()->isVisible());
    QVERIFY2(w.historyState()->toolTip().contains(QStringLiteral("chart history")),
             qPrintable(w.historyState()->toolTip()));
    QVERIFY(!w.charts()->rangeSelector()->isEnabled());
    // The console goes on: snapshots arrive and the live charts draw.
    SECKILL_WAIT_FOR(w.lastSnapshot() && w.lastSnapshot()->nodes_up() == 1,
                     "a snapshot with the node up", "", 10'000);
}

QTEST_MAIN(ConsoleHistoryTest)
#include "test_console_history.moc"
