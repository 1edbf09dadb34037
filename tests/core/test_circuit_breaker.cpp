// The circuit breaker's state machine on a clock the test moves: what opens it (error
// ratio, slow ratio, only past the minimum of calls and inside the window), what it does
// open (refuses), and how half-open probes close or reopen it.
#include <QtTest>
#include <vector>

#include "core/circuit_breaker.h"

using namespace seckill;

class CircuitBreakerTest : public QObject {
    Q_OBJECT

    static BreakerSettings small() {
        BreakerSettings s;
        s.min_calls = 4;
        s.error_ratio = 0.5;
        s.slow_ratio = 0.5;
        s.slow_ms = 100;
        s.window_ms = 1000;
        s.open_ms = 500;
        s.probes = 2;
        return s;
    }

  private Q_SLOTS:
    void opensOnErrorRatioOnlyPastMinimumCalls() {
        CircuitBreaker b(small());
        std::vector<BreakerTransition> seen;
        b.on_transition([&](const BreakerTransition& t) { seen.push_back(t); });
        for (int i = 0; i < 3; ++i) b.record(true, 1, 10);
        QCOMPARE(b.state(), BreakerState::closed);  // 3 failures < 4 calls minimum
        b.record(false, 1, 10);
        QCOMPARE(b.state(), BreakerState::open);  // 3 of 4 failed: 0.75 >= 0.5
        QCOMPARE(seen.size(), std::size_t(1));
        QCOMPARE(seen[0].to, BreakerState::open);
        QVERIFY2(seen[0].reason.find("failed 3 of 4") != std::string::npos, seen[0].reason.c_str());
        QCOMPARE(b.opened_total(), std::uint64_t(1));
    }

    void staysClosedBelowTheRatio() {
        CircuitBreaker b(small());
        for (int i = 0; i < 30; ++i)
            b.record(i % 3 == 2, 1, 10);  // every third fails: never over a third
        QCOMPARE(b.state(), BreakerState::closed);
        QVERIFY(b.allow(10));
    }

    void opensOnSlowCalls() {
        CircuitBreaker b(small());
        for (int i = 0; i < 4; ++i) b.record(false, 150, 10);
        QCOMPARE(b.state(), BreakerState::open);
    }

    void oldCallsLeaveTheWindow() {
        CircuitBreaker b(small());
        for (int i = 0; i < 3; ++i) b.record(true, 1, 0);
        // A second later those failures are out of the window: 1 failure of 1 call.
        b.record(true, 1, 1500);
        QCOMPARE(b.state(), BreakerState::closed);
    }

    void openRefusesThenProbesAndASuccessCloses() {
        CircuitBreaker b(small());
        for (int i = 0; i < 4; ++i) b.record(true, 1, 100);
        QVERIFY(!b.allow(200));
        QCOMPARE(b.retry_after_ms(200), std::int64_t(400));
        QVERIFY(b.allow(600));  // open time over: half-open, first probe
        QCOMPARE(b.state(), BreakerState::half_open);
        QVERIFY(b.allow(600));   // second probe
        QVERIFY(!b.allow(600));  // no more than `probes`
        b.record(false, 5, 610);
        QCOMPARE(b.state(), BreakerState::closed);
        QVERIFY(b.allow(610));
    }

    void aFailedOrSlowProbeReopens() {
        CircuitBreaker b(small());
        for (int i = 0; i < 4; ++i) b.record(true, 1, 100);
        QVERIFY(b.allow(600));
        b.record(false, 150, 610);  // slow probe
        QCOMPARE(b.state(), BreakerState::open);
        QVERIFY(!b.allow(700));
        QCOMPARE(b.opened_total(), std::uint64_t(2));
    }

    void probesThatNeverReportAreReplaced() {
        CircuitBreaker b(small());
        for (int i = 0; i < 4; ++i) b.record(true, 1, 100);
        QVERIFY(b.allow(600));
        QVERIFY(b.allow(600));
        QVERIFY(!b.allow(900));
        QVERIFY(b.allow(1100));  // another open time later, new permits
    }

    void disabledNeverOpens() {
        BreakerSettings s = small();
        s.enabled = false;
        CircuitBreaker b(s);
        for (int i = 0; i < 50; ++i) b.record(true, 1, 10);
        QCOMPARE(b.state(), BreakerState::closed);
        QVERIFY(b.allow(10));
    }

    void reconfiguringCloses() {
        CircuitBreaker b(small());
        for (int i = 0; i < 4; ++i) b.record(true, 1, 100);
        QCOMPARE(b.state(), BreakerState::open);
        b.configure(small());
        QCOMPARE(b.state(), BreakerState::closed);
        QCOMPARE(b.error_ratio(100), 0.0);
    }
};

QTEST_GUILESS_MAIN(CircuitBreakerTest)
#include "test_circuit_breaker.moc"
