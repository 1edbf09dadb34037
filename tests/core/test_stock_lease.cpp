// StockLease: the node-local share of stock. The property that matters is that concurrent
// takers never hand out more units than were added, and never fewer while units remain.
#include <QtTest>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "core/stock_lease.h"

using seckill::StockLease;

class TestStockLease : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void emptyLeaseRefuses() {
        StockLease lease;
        QCOMPARE(lease.available(), std::int64_t(0));
        QVERIFY(!lease.try_take());
        QVERIFY(!lease.sold_out());
        QCOMPARE(lease.drain(), std::int64_t(0));
        QCOMPARE(lease.take_up_to(5), std::int64_t(0));
    }

    void takeUntilEmptyThenRefill() {
        StockLease lease;
        lease.add(3);
        QCOMPARE(lease.available(), std::int64_t(3));
        QVERIFY(lease.try_take());
        QVERIFY(lease.try_take());
        QVERIFY(lease.try_take());
        QVERIFY(!lease.try_take());
        QCOMPARE(lease.available(), std::int64_t(0));  // a refused take leaves no debt
        lease.add(1);                                  // a unit handed back after limit_reached
        QVERIFY(lease.try_take());
        QVERIFY(!lease.try_take());
    }

    void drainEmptiesAndReports() {
        StockLease lease;
        lease.add(7);
        QVERIFY(lease.try_take());
        QCOMPARE(lease.drain(), std::int64_t(6));
        QCOMPARE(lease.available(), std::int64_t(0));
        QVERIFY(!lease.try_take());
        QCOMPARE(lease.drain(), std::int64_t(0));
    }

    void takeUpTo_data() {
        QTest::addColumn<qint64>("have");
        QTest::addColumn<qint64>("ask");
        QTest::addColumn<qint64>("taken");
        QTest::addColumn<qint64>("left");
        QTest::newRow("part") << 10LL << 3LL << 3LL << 7LL;
        QTest::newRow("exactly all") << 10LL << 10LL << 10LL << 0LL;
        QTest::newRow("more than held") << 10LL << 15LL << 10LL << 0LL;
        QTest::newRow("empty lease") << 0LL << 5LL << 0LL << 0LL;
        QTest::newRow("ask zero") << 10LL << 0LL << 0LL << 10LL;
        QTest::newRow("ask negative") << 10LL << -2LL << 0LL << 10LL;
    }

    void takeUpTo() {
        QFETCH(qint64, have);
        QFETCH(qint64, ask);
        QFETCH(qint64, taken);
        QFETCH(qint64, left);
        StockLease lease;
        lease.add(have);
        QCOMPARE(lease.take_up_to(ask), std::int64_t(taken));
        QCOMPARE(lease.available(), std::int64_t(left));
    }

    void addingUnitsClearsTheSoldOutFlag() {
        StockLease lease;
        QVERIFY(lease.mark_sold_out());  // empty: raised
        QVERIFY(lease.sold_out());
        // Units in the lease are sellable: adding them clears the flag in the same step.
        lease.add(2);
        QVERIFY(!lease.sold_out());
        QCOMPARE(lease.available(), std::int64_t(2));
        QVERIFY(!lease.mark_sold_out());  // not empty: not raised
        QVERIFY(!lease.state().sold_out);
        // A test may still stage the wrong state; state() shows both halves at once.
        lease.set_sold_out(true);
        QVERIFY(lease.state().sold_out);
        QCOMPARE(lease.state().units, std::int64_t(2));
        QVERIFY(lease.try_take());
        QCOMPARE(lease.drain(), std::int64_t(1));
        QVERIFY(lease.sold_out());  // drain keeps the flag
        lease.set_sold_out(false);
        QVERIFY(!lease.sold_out());
        QCOMPARE(lease.available(), std::int64_t(0));
    }

    void eightThreadsTakeExactlyTheLease() {
        constexpr int threads = 8;
        constexpr int attempts_per_thread = 100'000 / threads;
        StockLease lease;
        lease.add(10'000);
        std::atomic<int> successes{0};
        std::vector<int> per_thread(threads, 0);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                int mine = 0;
                for (int i = 0; i < attempts_per_thread; ++i) mine += lease.try_take();
                per_thread[std::size_t(t)] = mine;
                successes.fetch_add(mine);
            });
        }
        for (auto& th : pool) th.join();
        QCOMPARE(successes.load(), 10'000);
        int sum = 0;
        for (int n : per_thread) sum += n;
        QCOMPARE(sum, 10'000);
        QCOMPARE(lease.available(), std::int64_t(0));
        QVERIFY(!lease.try_take());
    }

    void takersAndRebalancerShareExactly() {
        // Buyers take one at a time while a rebalancer pulls batches back: every unit goes to
        // exactly one of them.
        StockLease lease;
        lease.add(10'000);
        std::atomic<std::int64_t> taken{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < 6; ++t)
            pool.emplace_back([&] {
                for (int i = 0; i < 5'000; ++i) taken.fetch_add(lease.try_take());
            });
        for (int t = 0; t < 2; ++t)
            pool.emplace_back([&] {
                for (int i = 0; i < 1'000; ++i) taken.fetch_add(lease.take_up_to(7));
            });
        for (auto& th : pool) th.join();
        QCOMPARE(taken.load() + lease.drain(), std::int64_t(10'000));
        QCOMPARE(lease.available(), std::int64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestStockLease)
#include "test_stock_lease.moc"
