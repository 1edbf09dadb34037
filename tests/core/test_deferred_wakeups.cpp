// DeferredWakeups: inside a scope a receiver's wake-up waits for the scope to close, runs
// once however many hand-offs asked for it, and a scope opened inside another adds
// nothing; outside any scope the caller is told to wake the receiver itself.
#include <QtTest>
#include <thread>

#include "core/deferred_wakeups.h"

using seckill::DeferredWakeups;

class TestDeferredWakeups : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void withoutAScopeTheCallerWakes() {
        int woken = 0;
        QVERIFY(!DeferredWakeups::defer(this, [&] { ++woken; }));
        QCOMPARE(woken, 0);
    }

    void oneWakeUpPerReceiverWhenTheScopeCloses() {
        int a = 0, b = 0;
        const int key_a = 0, key_b = 0;
        {
            DeferredWakeups scope;
            for (int i = 0; i < 100; ++i) {
                QVERIFY(DeferredWakeups::defer(&key_a, [&] { ++a; }));
                QVERIFY(DeferredWakeups::defer(&key_b, [&] { ++b; }));
            }
            QCOMPARE(a, 0);
            QCOMPARE(b, 0);
        }
        QCOMPARE(a, 1);
        QCOMPARE(b, 1);
        // Closed: the next hand-off is the caller's to wake again.
        QVERIFY(!DeferredWakeups::defer(&key_a, [&] { ++a; }));
    }

    void anInnerScopeWaitsForTheOuterOne() {
        int woken = 0;
        {
            DeferredWakeups outer;
            {
                DeferredWakeups inner;
                QVERIFY(DeferredWakeups::defer(this, [&] { ++woken; }));
            }
            QCOMPARE(woken, 0);
        }
        QCOMPARE(woken, 1);
    }

    void aWakeUpThatHandsOffAgainIsNotDeferred() {
        // A wake-up runs after the scope closed: what it hands off wakes at once.
        bool deferred_inside = true;
        {
            DeferredWakeups scope;
            DeferredWakeups::defer(this,
                                   [&] { deferred_inside = DeferredWakeups::defer(this, [] {}); });
        }
        QVERIFY(!deferred_inside);
    }

    void scopesBelongToTheirThread() {
        DeferredWakeups scope;
        bool deferred_elsewhere = true;
        std::thread other([&] { deferred_elsewhere = DeferredWakeups::defer(this, [] {}); });
        other.join();
        QVERIFY(!deferred_elsewhere);
    }
};

QTEST_APPLESS_MAIN(TestDeferredWakeups)
#include "test_deferred_wakeups.moc"
