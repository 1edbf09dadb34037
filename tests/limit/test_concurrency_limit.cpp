// ConcurrencyLimit: permits count in-flight work and give their slot back however they end.
#include <QtTest>
#include <atomic>
#include <thread>
#include <vector>

#include "limit/concurrency_limit.h"

using seckill::limit::ConcurrencyLimit;

class TestConcurrencyLimit : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void permitsReleaseOnDestruction() {
        ConcurrencyLimit limit(2);
        {
            ConcurrencyLimit::Permit first = limit.try_acquire();
            ConcurrencyLimit::Permit second = limit.try_acquire();
            QVERIFY(first);
            QVERIFY(second);
            QVERIFY(!limit.try_acquire());
            QCOMPARE(limit.in_use(), 2);
        }
        QCOMPARE(limit.in_use(), 0);
    }

    void movingAPermitMovesTheSlot() {
        ConcurrencyLimit limit(2);
        ConcurrencyLimit::Permit first = limit.try_acquire();
        ConcurrencyLimit::Permit moved = std::move(first);
        QVERIFY(!first);  // NOLINT(bugprone-use-after-move): checking the moved-from state
        QVERIFY(moved);
        QCOMPARE(limit.in_use(), 1);

        ConcurrencyLimit::Permit other = limit.try_acquire();
        QCOMPARE(limit.in_use(), 2);
        other = std::move(moved);  // `other` gives back its own slot and takes moved's
        QCOMPARE(limit.in_use(), 1);
        other = ConcurrencyLimit::Permit{};
        QCOMPARE(limit.in_use(), 0);
    }

    void explicitReleaseIsIdempotent() {
        ConcurrencyLimit limit(1);
        ConcurrencyLimit::Permit permit = limit.try_acquire();
        permit.release();
        permit.release();
        QCOMPARE(limit.in_use(), 0);
        QVERIFY(limit.try_acquire());
    }

    void neverExceedsTheMaximumAcrossThreads() {
        ConcurrencyLimit limit(3);
        std::atomic<int> over_limit{0};
        std::atomic<int> granted{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 20'000; ++i) {
                    ConcurrencyLimit::Permit permit = limit.try_acquire();
                    if (!permit) continue;
                    granted.fetch_add(1);
                    if (limit.in_use() > limit.max()) over_limit.fetch_add(1);
                }
            });
        }
        for (auto& thread : threads) thread.join();
        QCOMPARE(over_limit.load(), 0);
        QVERIFY(granted.load() > 0);
        QCOMPARE(limit.in_use(), 0);
    }
};

QTEST_APPLESS_MAIN(TestConcurrencyLimit)
#include "test_concurrency_limit.moc"
