// LeakyBucket against sequences computed by hand from ngx_http_limit_req_module.c:
//   ms = now - last (clamped), excess = max(0, excess - rate * ms / 1000 + 1000),
//   reject if excess > burst * 1000, else store it (and last = now when ms != 0).
#include <QtTest>

#include "decision_printer.h"
#include "limit/leaky_bucket.h"

using seckill::Millis;
using seckill::limit::Decision;
using seckill::limit::LeakyBucket;

namespace {

constexpr std::int64_t nodelay = LeakyBucket::no_delay_ever;

Decision ok(Millis delay = 0) { return Decision::allow(delay); }
Decision rejected(Millis retry) { return Decision::reject(retry); }

}  // namespace

class TestLeakyBucket : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void nodelayBurstOne() {
        LeakyBucket bucket(2'000, 1, nodelay);  // 2r/s burst=1 nodelay
        LeakyBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok());  // new node: excess 0, not charged
        QCOMPARE(state.excess, 0);
        QCOMPARE(bucket.check(state, 0), ok());  // 0 - 0 + 1000 = 1000 <= 1000
        QCOMPARE(state.excess, 1000);
        // 2000 > 1000. Needs 1000 drained: 1000 * 1000 / 2000 = 500 ms after last (0).
        QCOMPARE(bucket.check(state, 0), rejected(500));
        QCOMPARE(state.excess, 1000);  // untouched
        QCOMPARE(state.last, 0);
        // 1000 - 2000 * 499 / 1000 + 1000 = 1002 > 1000; one more millisecond will do.
        QCOMPARE(bucket.check(state, 499), rejected(1));
        QCOMPARE(bucket.check(state, 500), ok());  // 1000 - 1000 + 1000 = 1000
        QCOMPARE(state.last, 500);
        // 1000 - 400 + 1000 = 1600; passes at 500 + 500 = 1000, i.e. in 300 ms.
        QCOMPARE(bucket.check(state, 700), rejected(300));
        QCOMPARE(bucket.check(state, 5'000), ok());  // 1000 - 9000 + 1000 < 0 -> 0
        QCOMPARE(state.excess, 0);
        QCOMPARE(state.last, 5'000);
    }

    void burstZeroAllowsOnlyTheSteadyRate() {
        // 1r/m is 16 milli-r/s in nginx, so one request per 62.5 s, not 60 s.
        LeakyBucket bucket(16, 0);
        LeakyBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok());
        QCOMPARE(bucket.check(state, 0), rejected(62'500));  // ceil(1000 * 1000 / 16)
        // 16 * 62499 / 1000 = 999 drained: excess 1 > 0.
        QCOMPARE(bucket.check(state, 62'499), rejected(1));
        QCOMPARE(bucket.check(state, 62'500), ok());  // 1000 drained: 0 - 1000 + 1000 = 0
        QCOMPARE(state.excess, 0);
    }

    void plainDelayDelaysEveryExcessRequest() {
        LeakyBucket bucket(2'000, 5);  // 2r/s burst=5, no nodelay, no delay=
        LeakyBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok(0));
        // delay = excess * 1000 / rate = excess / 2
        QCOMPARE(bucket.check(state, 0), ok(500));          // excess 1000
        QCOMPARE(bucket.check(state, 0), ok(1'000));        // 2000
        QCOMPARE(bucket.check(state, 0), ok(1'500));        // 3000
        QCOMPARE(bucket.check(state, 0), ok(2'000));        // 4000
        QCOMPARE(bucket.check(state, 0), ok(2'500));        // 5000 = burst
        QCOMPARE(bucket.check(state, 0), rejected(500));    // 6000 > 5000
        QCOMPARE(bucket.check(state, 250), rejected(250));  // 5000 - 500 + 1000 = 5500
        QCOMPARE(bucket.check(state, 500), ok(2'500));      // 5000 - 1000 + 1000 = 5000
        QCOMPARE(bucket.check(state, 1'500), ok(2'000));    // 5000 - 2000 + 1000 = 4000
    }

    void delayNLetsTheFirstNThrough() {
        LeakyBucket bucket(2'000, 5, 2);  // 2r/s burst=5 delay=2
        LeakyBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok(0));
        // delay = (excess - 2000) * 1000 / rate once excess exceeds 2 requests
        QCOMPARE(bucket.check(state, 0), ok(0));      // 1000
        QCOMPARE(bucket.check(state, 0), ok(0));      // 2000
        QCOMPARE(bucket.check(state, 0), ok(500));    // 3000
        QCOMPARE(bucket.check(state, 0), ok(1'000));  // 4000
        QCOMPARE(bucket.check(state, 0), ok(1'500));  // 5000
        QCOMPARE(bucket.check(state, 0), rejected(500));
    }

    void nodelayServesTheWholeBurstAtOnce() {
        LeakyBucket bucket(2'000, 5, nodelay);
        LeakyBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok());
        for (int i = 1; i <= 5; ++i) QCOMPARE(bucket.check(state, 0), ok(0));
        QCOMPARE(state.excess, 5'000);
        QCOMPARE(bucket.check(state, 0), rejected(500));
    }

    void delayRoundsDown() {
        LeakyBucket bucket(3'000, 5);  // 3r/s
        LeakyBucket::State state;
        bucket.first(state, 0);
        QCOMPARE(bucket.check(state, 0), ok(333));  // 1000 * 1000 / 3000
    }

    void truncatedDrainIsLostLikeNginx() {
        // nginx moves `last` whenever ms != 0, even when rate * ms / 1000 rounds to 0.
        LeakyBucket bucket(16, 10, nodelay);  // 1r/m
        LeakyBucket::State state;
        bucket.first(state, 0);
        bucket.check(state, 0);                   // excess 1000
        QCOMPARE(bucket.check(state, 10), ok());  // 16 * 10 / 1000 = 0 drained
        QCOMPARE(state.excess, 2'000);
        QCOMPARE(state.last, 10);
    }

    void clockStepsBackLessThanAMinute() {
        LeakyBucket bucket(2'000, 5, nodelay);
        LeakyBucket::State state;
        bucket.first(state, 10'000);
        // ms = -1000 -> 0: no drain, and `last` stays ahead.
        QCOMPARE(bucket.check(state, 9'000), ok());
        QCOMPARE(state.excess, 1'000);
        QCOMPARE(state.last, 10'000);
        // Drained from 10000, not 9000: 1000 - 1000 + 1000 = 1000 (from 9000 it would be 0).
        QCOMPARE(bucket.check(state, 10'500), ok());
        QCOMPARE(state.excess, 1'000);
    }

    void rejectionWhileTheClockIsBehindWaitsForItToCatchUp() {
        LeakyBucket bucket(2'000, 1, nodelay);
        LeakyBucket::State state;
        bucket.first(state, 10'000);
        bucket.check(state, 10'000);  // excess 1000, last 10000
        // Drain must reach 1000, i.e. 500 ms after 10000: from 9000 that is 1500 ms.
        QCOMPARE(bucket.check(state, 9'000), rejected(1'500));
        QCOMPARE(bucket.check(state, 9'999), rejected(501));
        QCOMPARE(bucket.check(state, 10'500), ok());
    }

    void clockStepsBackMoreThanAMinute() {
        LeakyBucket bucket(2'000, 1, nodelay);
        LeakyBucket::State state;
        bucket.first(state, 100'000);
        // ms = -70000 -> 1: drains 2000 * 1 / 1000 = 2; 0 - 2 + 1000 < 0? no: 998.
        QCOMPARE(bucket.check(state, 30'000), ok());
        QCOMPARE(state.excess, 998);
        QCOMPARE(state.last, 30'000);  // ms != 0: nginx re-bases on the new clock
        // 998 + 1000 = 1998 > 1000; needs 998 drained: ceil(998000 / 2000) = 499.
        QCOMPARE(bucket.check(state, 30'000), rejected(499));
        QCOMPARE(bucket.check(state, 30'499), ok());  // 998 - 998 + 1000 = 1000
    }

    void rejectionFarBehindTheClockCountsTheWholeWay() {
        LeakyBucket bucket(2'000, 1, nodelay);
        LeakyBucket::State state;
        bucket.first(state, 100'000);
        bucket.check(state, 100'000);  // excess 1000
        // ms = -60001 -> 1: 1000 - 2 + 1000 = 1998 > 1000. Until the clock is back within a
        // minute of `last` every try drains 1 ms, then nothing until last + 500.
        QCOMPARE(bucket.check(state, 39'999), rejected(60'501));
        QCOMPARE(state.last, 100'000);
    }

    void hugeGapsDoNotOverflow() {
        LeakyBucket bucket(1'000'000'000'000, 1'000'000'000, nodelay);
        LeakyBucket::State state;
        bucket.first(state, 0);
        bucket.check(state, 0);
        QCOMPARE(bucket.check(state, std::numeric_limits<Millis>::max() / 2), ok());
        QCOMPARE(state.excess, 0);
    }
};

QTEST_APPLESS_MAIN(TestLeakyBucket)
#include "test_leaky_bucket.moc"
