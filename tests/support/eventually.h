#pragma once
// Polling for tests that wait on threads: the condition is re-checked every 10 ms while
// the Qt event loop keeps running (queued signals are delivered meanwhile).
#include <QDeadlineTimer>
#include <QTest>
#include <string>

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

// Waits up to `ms` for `cond`; on timeout the test fails saying what it waited for and the
// last value seen (`seen`: an expression giving a std::string, read after the last try).
#define SECKILL_WAIT_FOR(cond, what, seen, ms)                                                  \
    do {                                                                                        \
        if (!::seckill::testing::eventually([&] { return bool(cond); }, (ms)))                  \
            QFAIL(qPrintable(                                                                   \
                QStringLiteral("waited %1 ms for %2; last seen: %3")                            \
                    .arg(ms)                                                                    \
                    .arg(QString::fromUtf8(what), QString::fromStdString(std::string(seen))))); \
    } while (false)
