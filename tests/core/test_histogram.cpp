// Latency histogram and sharded counters. Quantiles are checked against values worked out
// by hand from the bucket bounds (linear interpolation inside the bucket, as Prometheus'
// histogram_quantile does), so a change of method shows up as a number, not a vibe.
#include <QtTest>
#include <cstdint>
#include <thread>
#include <vector>

#include "core/metrics/counter.h"
#include "core/metrics/histogram.h"

using seckill::metrics::Counter;
using seckill::metrics::Histogram;

namespace {

std::size_t bucket_of(std::uint64_t us) {
    Histogram h;
    h.observe_us(us);
    const auto s = h.snapshot();
    for (std::size_t i = 0; i < Histogram::bucket_count; ++i)
        if (s.buckets[i] == 1) return i;
    return Histogram::bucket_count;  // not found: fails every comparison below
}

template <class F>
void on_threads(int n, F f) {
    std::vector<std::thread> pool;
    for (int t = 0; t < n; ++t) pool.emplace_back(f, t);
    for (auto& th : pool) th.join();
}

}  // namespace

class TestHistogram : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void emptyHistogram() {
        Histogram h;
        const auto s = h.snapshot();
        QCOMPARE(s.count, std::uint64_t(0));
        QCOMPARE(s.sum_us, std::uint64_t(0));
        QCOMPARE(s.quantile_us(0.5), 0.0);
        QCOMPARE(s.quantile_us(1.0), 0.0);
    }

    void bucketEdges_data() {
        QTest::addColumn<qulonglong>("us");
        QTest::addColumn<int>("bucket");
        // Upper bounds are inclusive ("le"), as in Prometheus.
        QTest::newRow("0") << 0ULL << 0;
        QTest::newRow("50") << 50ULL << 0;
        QTest::newRow("51") << 51ULL << 1;
        QTest::newRow("250") << 250ULL << 2;
        QTest::newRow("251") << 251ULL << 3;
        QTest::newRow("300") << 300ULL << 3;
        QTest::newRow("20 ms") << 20'000ULL << 8;
        QTest::newRow("10 s") << 10'000'000ULL << 18;
        QTest::newRow("10 s + 1") << 10'000'001ULL << 19;
        QTest::newRow("huge") << qulonglong(UINT64_MAX / 2) << 19;
    }

    void bucketEdges() {
        QFETCH(qulonglong, us);
        QFETCH(int, bucket);
        QCOMPARE(bucket_of(us), std::size_t(bucket));
    }

    void quantilesOfASkewedSample_data() {
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        // 100 x 300 us (bucket 250..500) and 1 x 20 ms (bucket 10000..25000); rank = q * 101.
        QTest::newRow("p50") << 0.5 << 250 + 250 * (50.5 / 100);
        QTest::newRow("p90") << 0.9 << 250 + 250 * (90.9 / 100);
        QTest::newRow("p99") << 0.99 << 250 + 250 * (99.99 / 100);
        QTest::newRow("p99.9") << 0.999 << 10'000 + 15'000 * (100.899 - 100);
        QTest::newRow("max") << 1.0 << 25'000.0;
    }

    void quantilesOfASkewedSample() {
        QFETCH(double, q);
        QFETCH(double, expected);
        Histogram h;
        for (int i = 0; i < 100; ++i) h.observe_us(300);
        h.observe_us(20'000);
        const auto s = h.snapshot();
        QCOMPARE(s.count, std::uint64_t(101));
        QCOMPARE(s.sum_us, std::uint64_t(100 * 300 + 20'000));
        QCOMPARE(s.buckets[3], std::uint64_t(100));
        QCOMPARE(s.buckets[8], std::uint64_t(1));
        QCOMPARE(s.quantile_us(q), expected);
    }

    void p50StaysInsideItsBucket() {
        Histogram h;
        for (int i = 0; i < 100; ++i) h.observe_us(300);
        h.observe_us(20'000);
        const double p50 = h.snapshot().quantile_us(0.5);
        QVERIFY(p50 > 250 && p50 <= 500);
    }

    void infBucketReportsItsLowerEdge() {
        Histogram h;
        for (int i = 0; i < 10; ++i) h.observe_us(60'000'000);
        const auto s = h.snapshot();
        QCOMPARE(s.buckets[Histogram::bucket_count - 1], std::uint64_t(10));
        QCOMPARE(s.quantile_us(0.5), 10'000'000.0);
        QCOMPARE(s.quantile_us(1.0), 10'000'000.0);
    }

    void uniformWithinOneBucketInterpolates() {
        Histogram h;
        for (int i = 0; i < 4; ++i) h.observe_us(700);  // bucket 500..1000
        const auto s = h.snapshot();
        QCOMPARE(s.quantile_us(0.25), 625.0);
        QCOMPARE(s.quantile_us(0.5), 750.0);
        QCOMPARE(s.quantile_us(1.0), 1'000.0);
    }

    void minusGivesTheWindow() {
        Histogram h;
        for (int i = 0; i < 100; ++i) h.observe_us(300);
        const auto before = h.snapshot();
        for (int i = 0; i < 10; ++i) h.observe_us(2'000);  // bucket 1000..2500
        const auto after = h.snapshot();

        const auto window = after.minus(before);
        QCOMPARE(window.count, std::uint64_t(10));
        QCOMPARE(window.sum_us, std::uint64_t(20'000));
        QCOMPARE(window.buckets[5], std::uint64_t(10));
        QCOMPARE(window.buckets[3], std::uint64_t(0));
        QCOMPARE(window.quantile_us(0.5), 1'000 + 1'500 * 0.5);
        // The whole history is still dominated by the early fast requests.
        QVERIFY(after.quantile_us(0.5) <= 500);

        const auto nothing = after.minus(after);
        QCOMPARE(nothing.count, std::uint64_t(0));
        QCOMPARE(nothing.quantile_us(0.99), 0.0);
    }

    void countersSumAcrossThreads() {
        // More threads than shards, so some threads share a shard.
        constexpr int threads = 20;
        Counter c;
        on_threads(threads, [&](int) {
            for (int i = 0; i < 50'000; ++i) c.add();
        });
        QCOMPARE(c.value(), std::uint64_t(threads) * 50'000);
        c.add(7);
        QCOMPARE(c.value(), std::uint64_t(threads) * 50'000 + 7);
    }

    void histogramSumsAcrossThreads() {
        constexpr int threads = 8;
        constexpr int per_thread = 10'000;
        Histogram h;
        on_threads(threads, [&](int t) {
            for (int i = 0; i < per_thread; ++i) h.observe_us(std::uint64_t(t + 1) * 100);
        });
        const auto s = h.snapshot();
        QCOMPARE(s.count, std::uint64_t(threads * per_thread));
        QCOMPARE(s.sum_us,
                 std::uint64_t(per_thread) * (100 + 200 + 300 + 400 + 500 + 600 + 700 + 800));
        QCOMPARE(s.buckets[1], std::uint64_t(per_thread));      // 100
        QCOMPARE(s.buckets[2], std::uint64_t(per_thread));      // 200
        QCOMPARE(s.buckets[3], std::uint64_t(3 * per_thread));  // 300, 400, 500
        QCOMPARE(s.buckets[4], std::uint64_t(3 * per_thread));  // 600, 700, 800
    }
};

QTEST_APPLESS_MAIN(TestHistogram)
#include "test_histogram.moc"
