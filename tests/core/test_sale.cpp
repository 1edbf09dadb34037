// Sale configuration rules (the admin API's 400 messages) and the schedule-driven state
// every node derives on its own from the stored state and the clock.
#include <QtTest>
#include <optional>
#include <string>

#include "core/sale.h"

using seckill::Millis;
using seckill::SaleConfig;
using seckill::SaleState;

namespace seckill {
inline char* toString(SaleState s) { return qstrdup(std::string(to_string(s)).c_str()); }
}  // namespace seckill

Q_DECLARE_METATYPE(seckill::SaleState)

namespace {

constexpr qint64 none = -1;  // stands for "no starts_at / ends_at" in data rows

SaleConfig valid_config() {
    SaleConfig c;
    c.id = "s1";
    c.name = "Phone";
    c.total = 1'000;
    c.per_user_limit = 1;
    c.pay_timeout_s = 600;
    return c;
}

std::optional<Millis> opt(qint64 v) { return v == none ? std::nullopt : std::optional<Millis>(v); }

QByteArray message(const std::optional<std::string>& m) {
    return m ? QByteArray::fromStdString(*m) : QByteArray("(valid)");
}

}  // namespace

class TestSale : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void validate_data() {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<int>("name_len");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<int>("limit");
        QTest::addColumn<qint64>("pay_timeout");
        QTest::addColumn<qint64>("starts");
        QTest::addColumn<qint64>("ends");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray ok("(valid)");
        const QByteArray id_msg("sale id must match [A-Za-z0-9_-]{1,32}");
        const QByteArray name_msg("name must be at most 200 bytes");
        const QByteArray total_msg("total must be between 1 and 100000000");
        const QByteArray limit_msg("per_user_limit must be between 1 and 1000");
        const QByteArray pay_msg("pay_timeout_s must be between 1 and 604800");
        const QByteArray window_msg("ends_at must be after starts_at");
        const QByteArray s1("s1");

        QTest::newRow("baseline") << s1 << 5 << 1000LL << 1 << 600LL << none << none << ok;
        QTest::newRow("lowest bounds")
            << QByteArray("a") << 0 << 1LL << 1 << 1LL << none << none << ok;
        QTest::newRow("highest bounds") << QByteArray(32, 'x') << 200 << 100'000'000LL << 1000
                                        << 604'800LL << none << none << ok;
        QTest::newRow("only starts_at") << s1 << 5 << 10LL << 1 << 600LL << 1000LL << none << ok;
        QTest::newRow("only ends_at") << s1 << 5 << 10LL << 1 << 600LL << none << 1000LL << ok;
        QTest::newRow("window") << s1 << 5 << 10LL << 1 << 600LL << 1000LL << 1001LL << ok;

        QTest::newRow("empty id") << QByteArray() << 5 << 10LL << 1 << 600LL << none << none
                                  << id_msg;
        QTest::newRow("33 char id")
            << QByteArray(33, 'x') << 5 << 10LL << 1 << 600LL << none << none << id_msg;
        QTest::newRow("id with space")
            << QByteArray("a b") << 5 << 10LL << 1 << 600LL << none << none << id_msg;
        QTest::newRow("201 byte name")
            << s1 << 201 << 10LL << 1 << 600LL << none << none << name_msg;
        QTest::newRow("total 0") << s1 << 5 << 0LL << 1 << 600LL << none << none << total_msg;
        QTest::newRow("total negative")
            << s1 << 5 << -5LL << 1 << 600LL << none << none << total_msg;
        QTest::newRow("total 1e8+1")
            << s1 << 5 << 100'000'001LL << 1 << 600LL << none << none << total_msg;
        QTest::newRow("limit 0") << s1 << 5 << 10LL << 0 << 600LL << none << none << limit_msg;
        QTest::newRow("limit 1001")
            << s1 << 5 << 10LL << 1001 << 600LL << none << none << limit_msg;
        QTest::newRow("pay timeout 0") << s1 << 5 << 10LL << 1 << 0LL << none << none << pay_msg;
        QTest::newRow("pay timeout 7d+1s")
            << s1 << 5 << 10LL << 1 << 604'801LL << none << none << pay_msg;
        QTest::newRow("ends == starts")
            << s1 << 5 << 10LL << 1 << 600LL << 1000LL << 1000LL << window_msg;
        QTest::newRow("ends < starts")
            << s1 << 5 << 10LL << 1 << 600LL << 1000LL << 999LL << window_msg;
        // Only the first problem is reported, in field order.
        QTest::newRow("bad id and total")
            << QByteArray() << 5 << 0LL << 0 << 0LL << none << none << id_msg;
        QTest::newRow("bad total and limit")
            << s1 << 5 << 0LL << 0 << 600LL << none << none << total_msg;
    }

    void validate() {
        QFETCH(QByteArray, id);
        QFETCH(int, name_len);
        QFETCH(qint64, total);
        QFETCH(int, limit);
        QFETCH(qint64, pay_timeout);
        QFETCH(qint64, starts);
        QFETCH(qint64, ends);
        QFETCH(QByteArray, expected);
        SaleConfig c = valid_config();
        c.id = id.toStdString();
        c.name = std::string(std::size_t(name_len), 'n');
        c.total = total;
        c.per_user_limit = limit;
        c.pay_timeout_s = pay_timeout;
        c.starts_at = opt(starts);
        c.ends_at = opt(ends);
        QCOMPARE(message(seckill::validate(c)), expected);
    }

    void effectiveState_data() {
        QTest::addColumn<SaleState>("stored");
        QTest::addColumn<qint64>("starts");
        QTest::addColumn<qint64>("ends");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<SaleState>("expected");
        using S = SaleState;
        QTest::newRow("scheduled, no schedule")
            << S::scheduled << none << none << 5'000LL << S::scheduled;
        QTest::newRow("before start")
            << S::scheduled << 1'000LL << 2'000LL << 999LL << S::scheduled;
        QTest::newRow("at start") << S::scheduled << 1'000LL << 2'000LL << 1'000LL << S::running;
        QTest::newRow("just before end")
            << S::scheduled << 1'000LL << 2'000LL << 1'999LL << S::running;
        QTest::newRow("at end") << S::scheduled << 1'000LL << 2'000LL << 2'000LL << S::ended;
        QTest::newRow("scheduled past end, no start")
            << S::scheduled << none << 2'000LL << 3'000LL << S::ended;
        QTest::newRow("running, no schedule")
            << S::running << none << none << 5'000LL << S::running;
        QTest::newRow("running before end")
            << S::running << none << 2'000LL << 1'500LL << S::running;
        QTest::newRow("running after end") << S::running << none << 2'000LL << 2'500LL << S::ended;
        // A stored running state is the operator's word even before starts_at.
        QTest::newRow("running before start")
            << S::running << 1'000LL << none << 500LL << S::running;
        QTest::newRow("paused after start")
            << S::paused << 1'000LL << 2'000LL << 1'500LL << S::paused;
        QTest::newRow("paused at end") << S::paused << 1'000LL << 2'000LL << 2'000LL << S::ended;
        QTest::newRow("ended before start") << S::ended << 1'000LL << 5'000LL << 0LL << S::ended;
        QTest::newRow("ended inside window")
            << S::ended << 1'000LL << 5'000LL << 2'000LL << S::ended;
        QTest::newRow("ended, no schedule") << S::ended << none << none << 0LL << S::ended;
    }

    void effectiveState() {
        QFETCH(SaleState, stored);
        QFETCH(qint64, starts);
        QFETCH(qint64, ends);
        QFETCH(qint64, now);
        QFETCH(SaleState, expected);
        SaleConfig c = valid_config();
        c.starts_at = opt(starts);
        c.ends_at = opt(ends);
        QCOMPARE(seckill::effective_state(stored, c, now), expected);
    }

    void stateTextRoundTrip() {
        for (auto s :
             {SaleState::scheduled, SaleState::running, SaleState::paused, SaleState::ended}) {
            const auto parsed = seckill::parse_sale_state(seckill::to_string(s));
            QVERIFY(parsed.has_value());
            QCOMPARE(*parsed, s);
        }
        QCOMPARE(seckill::to_string(SaleState::running), std::string_view("running"));
        QCOMPARE(seckill::to_string(static_cast<SaleState>(42)), std::string_view("unknown"));
    }

    void stateTextRejects_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("capitalised") << QByteArray("Running");
        QTest::newRow("prefix") << QByteArray("run");
        QTest::newRow("trailing space") << QByteArray("ended ");
        QTest::newRow("unknown") << QByteArray("unknown");
        QTest::newRow("with NUL") << QByteArray("paused\0", 7);
    }

    void stateTextRejects() {
        QFETCH(QByteArray, text);
        QVERIFY(!seckill::parse_sale_state(
            std::string_view(text.constData(), std::size_t(text.size()))));
    }

    void stockCountsDerivedFigures() {
        seckill::StockCounts c{100, 40, 25, 20, 15};
        QCOMPARE(c.remaining(), std::int64_t(65));
        QCOMPARE(c.sold(), std::int64_t(35));
        QCOMPARE(c.remaining() + c.sold(), c.total);
    }
};

QTEST_APPLESS_MAIN(TestSale)
#include "test_sale.moc"
