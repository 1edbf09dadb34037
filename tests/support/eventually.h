#pragma once
// Polling for tests that wait on threads: the condition is re-checked every 10 ms while
// the Qt event loop keeps running (queued signals are delivered meanwhile).
#include <QDeadlineTimer>
#include <QTest>

namespace seckill::testing {

// Polls `f` until it returns true; unlike QTRY_*, never evaluates it once more after it
// succeeded, so it suits calls with effects (a buy).
template <class F>
bool eventually(F&& f, int timeout_ms = 5000) {
    QDeadlineTimer deadline(timeout_ms);
    while (!deadline.hasExpired()) {
        if (f()) return true;
        QTest::qWait(10);
    }
    return f();
}

}  // namespace seckill::testing
