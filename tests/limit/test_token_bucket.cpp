// TokenBucket against hand-computed sequences. Tokens are millionths of a request and
// refill by rate (milli-r/s) * elapsed ms per millisecond.
#include <QtTest>

#include "decision_printer.h"
#include "limit/token_bucket.h"

using seckill::limit::Decision;
using seckill::limit::TokenBucket;

namespace {
constexpr std::int64_t token = TokenBucket::one_token;
Decision ok() { return Decision::allow(); }
Decision rejected(seckill::Millis retry) { return Decision::reject(retry); }
}  // namespace

class TestTokenBucket : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void startsFullAndRefillsAtTheRate() {
        TokenBucket bucket(2'000, 2);  // 2r/s, capacity 2
        TokenBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok());  // 2 tokens -> 1
        QCOMPARE(state.tokens, token);
        QCOMPARE(bucket.check(state, 0), ok());           // 1 -> 0
        QCOMPARE(bucket.check(state, 0), rejected(500));  // 1e6 / 2000 per ms = 500 ms
        QCOMPARE(bucket.check(state, 499), rejected(1));  // 998000 refilled, 2000 short
        QCOMPARE(bucket.check(state, 500), ok());         // 1000000 -> 0
        QCOMPARE(state.tokens, 0);
        // A long pause refills only to capacity: two pass, the third waits.
        QCOMPARE(bucket.check(state, 10'000), ok());
        QCOMPARE(bucket.check(state, 10'000), ok());
        QCOMPARE(bucket.check(state, 10'000), rejected(500));
    }

    void slowRateCheckedEveryMillisecondStillRefills() {
        // 1r/m = 16 milli-r/s = 16 millionths per ms: one token after 62500 ms. Counting in
        // thousandths, 16 * 1 / 1000 would round to 0 on every call and never refill.
        TokenBucket bucket(16, 1);
        TokenBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok());
        QCOMPARE(bucket.check(state, 1), rejected(62'499));  // (1e6 - 16) / 16, rounded up
        int allowed = 0;
        for (seckill::Millis t = 2; t < 62'500; ++t) allowed += bucket.check(state, t).allowed;
        QCOMPARE(allowed, 0);
        QCOMPARE(bucket.check(state, 62'500), ok());
    }

    void clockStepsBack() {
        TokenBucket bucket(2'000, 1);
        TokenBucket::State state;
        QCOMPARE(bucket.first(state, 10'000), ok());
        // Back 5 s: no refill, and `last` follows the clock so it does not stall.
        QCOMPARE(bucket.check(state, 5'000), rejected(500));
        QCOMPARE(state.last, 5'000);
        QCOMPARE(bucket.check(state, 5'500), ok());
    }

    void capacityAndRateExtremesDoNotOverflow() {
        TokenBucket bucket(1'000'000'000'000, 1'000'000'000);
        TokenBucket::State state;
        QCOMPARE(bucket.first(state, 0), ok());
        QCOMPARE(bucket.check(state, std::numeric_limits<seckill::Millis>::max() / 2), ok());
        QCOMPARE(state.tokens, (1'000'000'000LL - 1) * token);
    }
};

QTEST_APPLESS_MAIN(TestTokenBucket)
#include "test_token_bucket.moc"
