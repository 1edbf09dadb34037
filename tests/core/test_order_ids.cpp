// OrderIdGenerator (snowflake layout: 41 bits ms, 10 bits worker, 12 bits sequence, then
// 64 random bits in the id text) and the API v1 id patterns. Every clock here is a ManualClock, so
// "same millisecond" and "clock stepped back" are exact situations, not races against the wall
// clock.
#include <QtTest>
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"

using seckill::ManualClock;
using seckill::Millis;
using seckill::OrderIdGenerator;

namespace {

constexpr std::uint64_t seq_mask = (1u << OrderIdGenerator::sequence_bits) - 1;
constexpr Millis t0 = 1'750'000'000'000;  // some time in 2025, well inside the 41-bit range

std::uint64_t sequence_of(std::uint64_t id) { return id & seq_mask; }

bool strictly_increasing(const std::vector<std::uint64_t>& ids) {
    return std::adjacent_find(ids.begin(), ids.end(), [](auto a, auto b) { return a >= b; }) ==
           ids.end();
}

}  // namespace

class TestOrderIds : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void millionIdsFromFourThreadsAreUniqueAndIncreasing() {
        ManualClock clock(t0);
        OrderIdGenerator gen(clock, 7);
        constexpr int threads = 4;
        constexpr int per_thread = 250'000;
        std::vector<std::vector<std::uint64_t>> ids(threads);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                auto& mine = ids[std::size_t(t)];
                mine.reserve(per_thread);
                for (int i = 0; i < per_thread; ++i) {
                    // Ticking now and then mixes fresh milliseconds with exhausted ones
                    // (4 threads x 1000 ids per tick is close to the 4096 per ms limit).
                    if (i % 1000 == 999) clock.advance(1);
                    mine.push_back(gen.next());
                }
            });
        }
        for (auto& th : pool) th.join();

        std::vector<std::uint64_t> all;
        all.reserve(std::size_t(threads) * per_thread);
        for (const auto& mine : ids) {
            QVERIFY(strictly_increasing(mine));
            all.insert(all.end(), mine.begin(), mine.end());
        }
        std::sort(all.begin(), all.end());
        QCOMPARE(all.size(), std::size_t(1'000'000));
        QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());
        QVERIFY(std::all_of(all.begin(), all.end(),
                            [](auto id) { return OrderIdGenerator::worker_of(id) == 7; }));
    }

    void workerAndTimeRoundTrip_data() {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<uint>("worker");
        // Not the epoch millisecond itself: there the packed (ms, seq) of the first id is 0,
        // which equals the generator's "nothing issued yet" value, so it starts at seq 1.
        QTest::newRow("epoch+1, worker 0") << qint64(OrderIdGenerator::epoch_ms + 1) << 0u;
        QTest::newRow("epoch+1, worker 1") << qint64(OrderIdGenerator::epoch_ms + 1) << 1u;
        QTest::newRow("2025, worker 513") << qint64(t0) << 513u;
        QTest::newRow("2025, max worker") << qint64(t0) << uint(OrderIdGenerator::max_worker);
        // The last millisecond the 41 bits can hold (year 2093).
        QTest::newRow("last ms, max worker")
            << qint64(OrderIdGenerator::epoch_ms + (Millis(1) << 41) - 1)
            << uint(OrderIdGenerator::max_worker);
    }

    void workerAndTimeRoundTrip() {
        QFETCH(qint64, now);
        QFETCH(uint, worker);
        ManualClock clock(now);
        OrderIdGenerator gen(clock, worker);
        const std::uint64_t first = gen.next();
        const std::uint64_t second = gen.next();
        QCOMPARE(OrderIdGenerator::time_of(first), Millis(now));
        QCOMPARE(OrderIdGenerator::worker_of(first), std::uint32_t(worker));
        QCOMPARE(sequence_of(first), std::uint64_t(0));
        QCOMPARE(OrderIdGenerator::time_of(second), Millis(now));
        QCOMPARE(OrderIdGenerator::worker_of(second), std::uint32_t(worker));
        QCOMPARE(sequence_of(second), std::uint64_t(1));
    }

    void epochMillisecondStillRoundTrips() {
        ManualClock clock(OrderIdGenerator::epoch_ms);
        OrderIdGenerator gen(clock, 0);
        const std::uint64_t first = gen.next();
        QCOMPARE(OrderIdGenerator::time_of(first), OrderIdGenerator::epoch_ms);
        QVERIFY(gen.next() > first);
    }

    void twoWorkersOnOneClockNeverCollide() {
        ManualClock clock(t0);
        OrderIdGenerator a(clock, 1);
        OrderIdGenerator b(clock, 2);
        std::unordered_set<std::uint64_t> seen;
        // 10,000 each: both exhaust and borrow milliseconds, and the clock moves meanwhile.
        for (int i = 0; i < 10'000; ++i) {
            if (i % 3000 == 2999) clock.advance(1);
            QVERIFY(seen.insert(a.next()).second);
            QVERIFY(seen.insert(b.next()).second);
        }
        QCOMPARE(seen.size(), std::size_t(20'000));
    }

    void twoWorkersOnTwoThreadsNeverCollide() {
        ManualClock clock(t0);
        OrderIdGenerator a(clock, 0);
        OrderIdGenerator b(clock, OrderIdGenerator::max_worker);
        std::vector<std::uint64_t> ia, ib;
        std::thread ta([&] {
            for (int i = 0; i < 50'000; ++i) ia.push_back(a.next());
        });
        std::thread tb([&] {
            for (int i = 0; i < 50'000; ++i) ib.push_back(b.next());
        });
        ta.join();
        tb.join();
        std::unordered_set<std::uint64_t> seen(ia.begin(), ia.end());
        for (auto id : ib) QVERIFY(seen.insert(id).second);
        QCOMPARE(seen.size(), std::size_t(100'000));
    }

    void clockSteppingBackKeepsIdsIncreasing() {
        ManualClock clock(t0);
        OrderIdGenerator gen(clock, 3);
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < 10; ++i) ids.push_back(gen.next());
        clock.set(t0 - 5'000);  // NTP step back
        for (int i = 0; i < 10; ++i) ids.push_back(gen.next());
        QVERIFY(strictly_increasing(ids));
        // Time in the id does not follow the clock back.
        QCOMPARE(OrderIdGenerator::time_of(ids.back()), t0);
        QCOMPARE(sequence_of(ids.back()), std::uint64_t(19));

        clock.set(t0 + 1'000);
        const std::uint64_t later = gen.next();
        QVERIFY(later > ids.back());
        QCOMPARE(OrderIdGenerator::time_of(later), t0 + 1'000);
        QCOMPARE(sequence_of(later), std::uint64_t(0));
        QCOMPARE(OrderIdGenerator::worker_of(later), std::uint32_t(3));
    }

    void moreThan4096InOneMsBorrowsTheNext() {
        ManualClock clock(t0);
        OrderIdGenerator gen(clock, 9);
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < 3 * 4096 + 5; ++i) ids.push_back(gen.next());
        QVERIFY(strictly_increasing(ids));  // strictly increasing implies unique
        QCOMPARE(OrderIdGenerator::time_of(ids[4095]), t0);
        QCOMPARE(sequence_of(ids[4095]), std::uint64_t(4095));
        QCOMPARE(OrderIdGenerator::time_of(ids[4096]), t0 + 1);
        QCOMPARE(sequence_of(ids[4096]), std::uint64_t(0));
        QCOMPARE(OrderIdGenerator::time_of(ids.back()), t0 + 3);
        for (auto id : ids) QCOMPARE(OrderIdGenerator::worker_of(id), std::uint32_t(9));

        // The real clock catching up with the borrowed milliseconds must not reuse them.
        clock.advance(2);
        const std::uint64_t next = gen.next();
        QVERIFY(next > ids.back());
        QCOMPARE(OrderIdGenerator::time_of(next), t0 + 3);
    }

    void workerAboveMaxThrows() {
        ManualClock clock(t0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OrderIdGenerator(clock, 1024));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OrderIdGenerator(clock, 0xffffffffu));
        OrderIdGenerator gen(clock, OrderIdGenerator::max_worker);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gen.set_worker(1024));
        // A refused worker number leaves the old one in place.
        QCOMPARE(OrderIdGenerator::worker_of(gen.next()), OrderIdGenerator::max_worker);
        gen.set_worker(5);
        QCOMPARE(OrderIdGenerator::worker_of(gen.next()), std::uint32_t(5));
    }

    void nextStringIsAValidOrderId() {
        ManualClock clock(t0);
        OrderIdGenerator gen(clock, 42);
        const std::string text = gen.next_string();
        QVERIFY(seckill::is_valid_order_id(text));
        const std::uint64_t parsed = OrderIdGenerator::snowflake_of(text);
        QCOMPARE(parsed, std::stoull(text.substr(0, 16), nullptr, 16));
        QCOMPARE(OrderIdGenerator::worker_of(parsed), std::uint32_t(42));
        QCOMPARE(OrderIdGenerator::time_of(parsed), t0);
        QVERIFY(gen.next() > parsed);
    }

    void idTextsSortByTimeAndCarryRandomBits() {
        // Same clock, same worker: the Snowflake halves differ only in sequence, so the
        // text order is the generation order; the random halves are all different and use
        // every hex digit (64 random bits each, not a counter).
        ManualClock clock(t0);
        OrderIdGenerator gen(clock, 3);
        std::vector<std::string> ids;
        std::unordered_set<std::string> tails;
        std::unordered_set<char> digits;
        for (int i = 0; i < 5000; ++i) {
            if (i % 1000 == 999) clock.advance(1);
            ids.push_back(gen.next_string());
            QVERIFY(seckill::is_valid_order_id(ids.back()));
            tails.insert(ids.back().substr(16));
            for (char c : ids.back().substr(16)) digits.insert(c);
        }
        QVERIFY(std::is_sorted(ids.begin(), ids.end()));
        QCOMPARE(tails.size(), ids.size());
        QCOMPARE(digits.size(), std::size_t(16));
        // Another thread draws from its own buffer, not a copy of this one.
        std::string other;
        std::thread([&] { other = gen.next_string(); }).join();
        QVERIFY(other.substr(16) != ids.back().substr(16));
    }

    void idPatterns_data() {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        const QByteArray c32(32, 'a'), c33(33, 'a'), c64(64, 'Z'), c65(65, 'Z');

        for (const char* kind : {"sale", "node"}) {
            const QByteArray k(kind);
            QTest::addRow("%s: one char", kind) << k << QByteArray("a") << true;
            QTest::addRow("%s: every allowed class", kind) << k << QByteArray("Az09_-") << true;
            QTest::addRow("%s: 32 chars", kind) << k << c32 << true;
            QTest::addRow("%s: 33 chars", kind) << k << c33 << false;
            QTest::addRow("%s: empty", kind) << k << QByteArray() << false;
        }
        QTest::newRow("user: 64 chars") << QByteArray("user") << c64 << true;
        QTest::newRow("user: 65 chars") << QByteArray("user") << c65 << false;
        QTest::newRow("user: 33 chars") << QByteArray("user") << c33 << true;
        QTest::newRow("user: empty") << QByteArray("user") << QByteArray() << false;

        // Characters outside [A-Za-z0-9_-], for every kind of text id.
        const QList<QByteArray> bad = {
            QByteArray("a b"),     QByteArray("a.b"),  QByteArray("a/b"),  QByteArray("a@b"),
            QByteArray("a\nb"),    QByteArray("a+b"),  QByteArray("a:b"),  QByteArray("\xc3\xa9"),
            QByteArray("a\0b", 3), QByteArray("a%2F"), QByteArray("a\tb"), QByteArray("~")};
        for (const char* kind : {"sale", "user", "node"})
            for (qsizetype i = 0; i < bad.size(); ++i)
                QTest::addRow("%s: bad char %lld", kind, qlonglong(i))
                    << QByteArray(kind) << bad[i] << false;

        const QByteArray order("order");
        const QByteArray hex32("0123456789abcdef0123456789abcdef");
        QTest::newRow("order: 32 hex") << order << hex32 << true;
        QTest::newRow("order: all zero") << order << QByteArray(32, '0') << true;
        QTest::newRow("order: all f") << order << QByteArray(32, 'f') << true;
        QTest::newRow("order: 31 hex") << order << hex32.left(31) << false;
        QTest::newRow("order: 33 hex") << order << hex32 + "0" << false;
        QTest::newRow("order: old decimal id") << order << QByteArray("12345") << false;
        QTest::newRow("order: 20 digits") << order << QByteArray(20, '9') << false;
        QTest::newRow("order: empty") << order << QByteArray() << false;
        QTest::newRow("order: upper case") << order << hex32.toUpper() << false;
        QTest::newRow("order: g") << order << QByteArray(31, 'a') + "g" << false;
        QTest::newRow("order: minus") << order << "-" + hex32.left(31) << false;
        QTest::newRow("order: space") << order << " " + hex32.left(31) << false;
        QTest::newRow("order: 0x") << order << "0x" + hex32.left(30) << false;
        QTest::newRow("order: nul")
            << order << hex32.left(16) + QByteArray(1, '\0') + hex32.left(15) << false;
    }

    void idPatterns() {
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        const std::string_view id(text.constData(), std::size_t(text.size()));
        bool got = false;
        if (kind == "sale")
            got = seckill::is_valid_sale_id(id);
        else if (kind == "user")
            got = seckill::is_valid_user_id(id);
        else if (kind == "node")
            got = seckill::is_valid_node_id(id);
        else if (kind == "order")
            got = seckill::is_valid_order_id(id);
        else
            QFAIL("unknown id kind in test data");
        QCOMPARE(got, valid);
    }
};

QTEST_APPLESS_MAIN(TestOrderIds)
#include "test_order_ids.moc"
