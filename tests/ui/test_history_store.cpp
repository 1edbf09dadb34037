// HistoryStore on its own: one sample a second, written in one transaction per flush,
// read back per cluster and sale (averaged into buckets for long stretches), pruned past
// its retention, and still there when the file is opened again.
#include <QTemporaryDir>
#include <QtTest>

#include "history/history_store.h"

using namespace seckill;
using namespace seckill::ui;

class HistoryStoreTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void keepsOneSampleASecondPerCluster();
    void longStretchesAreBucketed();
    void oldRowsArePruned();
};

namespace {

constexpr Millis t0 = 1'800'000'000'000;

ClusterSnapshot snapshot(Millis at, std::int64_t sold, std::int64_t queue = 0) {
    ClusterSnapshot s;
    s.taken_at = at;
    s.queue_depth = queue;
    SaleView v;
    v.config.id = "s1";
    v.stock.total = 100;
    v.stock.paid = sold;
    v.stock.pool = 100 - sold;
    s.sales.push_back(v);
    return s;
}

std::vector<double> ys(const SeriesSource& source, Metric m) {
    std::vector<double> out;
    for (const auto& piece : source.segments(m))
        for (const QPointF& p : piece) out.push_back(p.y());
    return out;
}

}  // namespace

void HistoryStoreTest::keepsOneSampleASecondPerCluster() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("history.db")).toStdString();
    {
        HistoryStore store(path);
        for (int i = 0; i < 12; ++i) store.add("a", snapshot(t0 + 250 * i, i));  // 4 a second, 3 s
        store.add("b", snapshot(t0, 50));
        QCOMPARE(store.pending(),
                 std::size_t(2 * 4));  // a: t0, +1 s, +2 s; b: t0 (cluster + sale rows)
        store.flush(t0 + 3000);
        QCOMPARE(store.pending(), std::size_t(0));
    }
    HistoryStore again(path);  // the rows outlive the store that wrote them
    const auto sales = again.sales("a");
    QCOMPARE(sales.size(), std::size_t(1));
    QCOMPARE(sales[0].first, t0);
    QCOMPARE(sales[0].last, t0 + 2000);
    const StoredHistory a = again.load("a", "s1", sales[0].first, sales[0].last);
    QCOMPARE(ys(a, Metric::sold), (std::vector<double>{0, 4, 8}));
    QCOMPARE(ys(a, Metric::remaining), (std::vector<double>{100, 96, 92}));
    QCOMPARE(a.segments(Metric::queue_depth).size(), std::size_t(1));
    QCOMPARE(ys(again.load("b", "s1", t0, t0 + 2000), Metric::sold), (std::vector<double>{50}));
    QVERIFY(again.sales("c").empty());
}

void HistoryStoreTest::longStretchesAreBucketed() {
    QTemporaryDir dir;
    HistoryStore store(dir.filePath(QStringLiteral("history.db")).toStdString());
    // An hour, one sample a second, then a ten-minute silence and one more sample.
    for (int i = 0; i < 3600; ++i)
        store.add("a", snapshot(t0 + 1000 * Millis(i), i % 2 ? 10 : 0, i % 2 ? 4 : 0));
    store.add("a", snapshot(t0 + 4'200'000, 0));
    store.flush(t0 + 4'200'000);
    const StoredHistory h = store.load("a", "s1", t0, t0 + 4'200'000, 100);
    QVERIFY2(h.samples() <= 101, qPrintable(QString::number(h.samples())));
    // Buckets average: a queue alternating 0 and 4 reads 2.
    QCOMPARE(ys(h, Metric::queue_depth).front(), 2.0);
    // The silence is a gap, not a line across it.
    QCOMPARE(h.gaps().size(), std::size_t(1));
    QCOMPARE(h.segments(Metric::sold).size(), std::size_t(2));
}

void HistoryStoreTest::oldRowsArePruned() {
    QTemporaryDir dir;
    HistoryStore store(dir.filePath(QStringLiteral("history.db")).toStdString());
    store.add("a", snapshot(t0, 1));
    const Millis later = t0 + HistoryStore::keep_ms + 5000;
    store.add("a", snapshot(later, 2));
    store.flush(later);
    QCOMPARE(ys(store.load("a", "s1", t0, later), Metric::sold), (std::vector<double>{2}));
    const auto sales = store.sales("a");
    QCOMPARE(sales.size(), std::size_t(1));
    QCOMPARE(sales[0].first, later);  // the sale now starts where its kept rows do
}

QTEST_GUILESS_MAIN(HistoryStoreTest)
#include "test_history_store.moc"
