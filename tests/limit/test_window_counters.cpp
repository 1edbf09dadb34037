// FixedWindow and SlidingWindow against hand-computed sequences.
#include <QtTest>

#include "decision_printer.h"
#include "limit/fixed_window.h"
#include "limit/sliding_window.h"

using seckill::limit::Decision;
using seckill::limit::FixedWindow;
using seckill::limit::SlidingWindow;

namespace {
Decision ok() { return Decision::allow(); }
Decision rejected(seckill::Millis retry) { return Decision::reject(retry); }
}  // namespace

class TestWindowCounters : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void fixedWindowCountsPerAlignedWindow() {
        FixedWindow window(3, 1'000);
        FixedWindow::State state;
        QCOMPARE(window.first(state, 1'200), ok());  // window [1000, 2000): 1
        QCOMPARE(state.window_start, 1'000);
        QCOMPARE(window.check(state, 1'500), ok());         // 2
        QCOMPARE(window.check(state, 1'999), ok());         // 3
        QCOMPARE(window.check(state, 1'999), rejected(1));  // next window at 2000
        QCOMPARE(window.check(state, 1'700), rejected(300));
        QCOMPARE(window.check(state, 2'000), ok());  // new window: 1
        QCOMPARE(state.count, 1);
    }

    void fixedWindowIgnoresAClockStepBack() {
        FixedWindow window(3, 1'000);
        FixedWindow::State state;
        window.first(state, 2'000);
        // 1500 lies in [1000, 2000) but counts against the newest window, [2000, 3000).
        QCOMPARE(window.check(state, 1'500), ok());
        QCOMPARE(window.check(state, 1'500), ok());
        QCOMPARE(window.check(state, 1'500), rejected(1'500));  // 3000 - 1500
        QCOMPARE(state.window_start, 2'000);
    }

    void fixedWindowBeforeTheEpochAlignsDown() {
        FixedWindow window(1, 1'000);
        FixedWindow::State state;
        QCOMPARE(window.first(state, -1), ok());
        QCOMPARE(state.window_start, -1'000);
        QCOMPARE(window.check(state, -1), rejected(1));
    }

    void slidingWindowWeighsThePreviousWindow() {
        SlidingWindow window(10, 1'000);
        SlidingWindow::State state;
        QCOMPARE(window.first(state, 1'000), ok());  // window [1000, 2000): current 1
        for (int i = 2; i <= 10; ++i) QCOMPARE(window.check(state, 1'000), ok());
        // current 10 = limit: must wait for the next window, where 10 * (1000 - e) < 10000
        // needs e >= 1, so t = 2001: 901 ms from 1100.
        QCOMPARE(window.check(state, 1'100), rejected(901));
        QCOMPARE(window.check(state, 2'000), rejected(1));  // 10 * 1000 + 0 = 10000, not below
        QCOMPARE(window.check(state, 2'001), ok());         // 10 * 999 = 9990 < 10000
        QCOMPARE(state.previous, 10);
        QCOMPARE(state.current, 1);
        QCOMPARE(window.check(state, 2'250), ok());  // 10 * 750 + 1 * 1000 = 8500
        QCOMPARE(window.check(state, 2'250), ok());  // 7500 + 2000 = 9500
        // 7500 + 3000 = 10500. 10 * (1000 - e) + 3000 < 10000 needs e > 300: t = 2301.
        QCOMPARE(window.check(state, 2'250), rejected(51));
        QCOMPARE(window.check(state, 2'300), rejected(1));  // 7000 + 3000 = 10000
        QCOMPARE(window.check(state, 2'301), ok());         // 6990 + 3000 = 9990
        // A gap of more than one window forgets both counts.
        QCOMPARE(window.check(state, 4'500), ok());
        QCOMPARE(state.previous, 0);
        QCOMPARE(state.current, 1);
    }

    void slidingWindowRetryAtTheStartOfAWindow() {
        SlidingWindow window(2, 1'000);
        SlidingWindow::State state;
        window.first(state, 1'000);
        window.check(state, 1'000);  // current 2
        // New window, previous 2, e = 0: 2 * 1000 = 2000, not below 2000; e = 1 suffices.
        QCOMPARE(window.check(state, 2'000), rejected(1));
        QCOMPARE(window.check(state, 2'001), ok());         // 2 * 999 = 1998
        QCOMPARE(window.check(state, 2'500), rejected(1));  // 2 * 500 + 1000 = 2000
        QCOMPARE(window.check(state, 2'501), ok());         // 2 * 499 + 1000 = 1998
    }

    void slidingWindowClockStepBackCountsAsTheWindowStart() {
        SlidingWindow window(2, 1'000);
        SlidingWindow::State state;
        window.first(state, 1'000);
        window.check(state, 1'000);
        window.check(state, 2'001);
        window.check(state, 2'501);  // window 2000: previous 2, current 2
        // 1999 is before the current window: e = 0, 2 * 1000 + 2 * 1000 = 4000. current is at
        // the limit, so wait for window 3000 plus 1 ms: 3001 - 1999 = 1002.
        QCOMPARE(window.check(state, 1'999), rejected(1'002));
        QCOMPARE(window.check(state, 3'000), rejected(1));
        QCOMPARE(window.check(state, 3'001), ok());
    }
};

QTEST_APPLESS_MAIN(TestWindowCounters)
#include "test_window_counters.moc"
