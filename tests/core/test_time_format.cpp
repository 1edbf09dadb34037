// RFC 3339 as API v1 uses it: pay_before, starts_at and ends_at go out as UTC with
// milliseconds and come back from admins with any offset. Expected values were computed
// independently (Python datetime), not with the code under test.
#include <QtTest>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "core/time_format.h"

using seckill::format_rfc3339;
using seckill::Millis;
using seckill::parse_rfc3339;

namespace QTest {
template <>
inline char* toString(const std::optional<Millis>& t) {
    return qstrdup(t ? std::to_string(*t).c_str() : "nothing");
}
}  // namespace QTest

namespace {

std::optional<Millis> parse(const QByteArray& text) {
    return parse_rfc3339(std::string_view(text.constData(), std::size_t(text.size())));
}

}  // namespace

class TestTimeFormat : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void format_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("unix epoch") << 0LL << QByteArray("1970-01-01T00:00:00.000Z");
        QTest::newRow("id epoch") << 1'704'067'200'000LL << QByteArray("2024-01-01T00:00:00.000Z");
        QTest::newRow("manual clock default")
            << 1'700'000'000'123LL << QByteArray("2023-11-14T22:13:20.123Z");
        QTest::newRow("leap day") << 1'709'210'096'789LL << QByteArray("2024-02-29T12:34:56.789Z");
        QTest::newRow("century leap day +1")
            << 951'868'800'000LL << QByteArray("2000-03-01T00:00:00.000Z");
        QTest::newRow("end of 2099")
            << 4'102'444'799'999LL << QByteArray("2099-12-31T23:59:59.999Z");
        // Negative times floor towards the past, not towards zero.
        QTest::newRow("1 ms before epoch") << -1LL << QByteArray("1969-12-31T23:59:59.999Z");
        QTest::newRow("1.5 s before epoch") << -1'500LL << QByteArray("1969-12-31T23:59:58.500Z");
    }

    void format() {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, text);
        QCOMPARE(QByteArray::fromStdString(format_rfc3339(ms)), text);
        QCOMPARE(parse(text), std::optional<Millis>(ms));
    }

    void roundTripAcrossCenturies() {
        std::mt19937_64 rng(20240101);
        std::uniform_int_distribution<Millis> any(-86'400'000LL * 365 * 50, 4'102'444'799'999LL);
        for (int i = 0; i < 20'000; ++i) {
            const Millis t = any(rng);
            const std::string text = format_rfc3339(t);
            const auto back = parse_rfc3339(text);
            if (back != std::optional<Millis>(t))
                QFAIL(qPrintable(
                    QString::fromStdString(text + " did not round-trip to " + std::to_string(t))));
        }
    }

    void parseAccepts_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms");
        const qint64 nov21 = 1'795'255'200'000;  // 2026-11-21T10:00:00Z
        QTest::newRow("Z, no fraction") << QByteArray("2026-11-21T10:00:00Z") << nov21;
        QTest::newRow("lower-case t and z") << QByteArray("2026-11-21t10:00:00z") << nov21;
        QTest::newRow("+08:00") << QByteArray("2026-11-21T18:00:00+08:00") << nov21;
        QTest::newRow("-05:30") << QByteArray("2026-11-21T04:30:00-05:30") << nov21;
        QTest::newRow("+00:00") << QByteArray("2026-11-21T10:00:00+00:00") << nov21;
        QTest::newRow("-00:00") << QByteArray("2026-11-21T10:00:00-00:00") << nov21;
        QTest::newRow("+23:59") << QByteArray("2026-11-22T09:59:00+23:59") << nov21;
        QTest::newRow("offset crosses the year")
            << QByteArray("2024-01-01T01:00:00+02:00") << 1'704'063'600'000LL;
        QTest::newRow("negative offset crosses the day")
            << QByteArray("2023-12-31T23:30:00-06:00") << 1'704'087'000'000LL;
        QTest::newRow(".1") << QByteArray("2026-11-21T10:00:00.1Z") << nov21 + 100;
        QTest::newRow(".12") << QByteArray("2026-11-21T10:00:00.12Z") << nov21 + 120;
        QTest::newRow(".123") << QByteArray("2026-11-21T10:00:00.123Z") << nov21 + 123;
        // Beyond milliseconds the digits are truncated, not rounded.
        QTest::newRow(".123999") << QByteArray("2026-11-21T10:00:00.123999Z") << nov21 + 123;
        QTest::newRow(".000000001") << QByteArray("2026-11-21T10:00:00.000000001Z") << nov21;
        QTest::newRow("fraction with offset")
            << QByteArray("2026-11-21T18:00:00.5+08:00") << nov21 + 500;
        QTest::newRow("leap day") << QByteArray("2024-02-29T12:34:56.789Z") << 1'709'210'096'789LL;
        // RFC 3339 allows a leap second; without a leap table it lands on the next minute.
        QTest::newRow("leap second") << QByteArray("1999-12-31T23:59:60Z") << 946'684'800'000LL;
    }

    void parseAccepts() {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        QCOMPARE(parse(text), std::optional<Millis>(ms));
    }

    void parseRejectsMalformed_data() {
        QTest::addColumn<QByteArray>("text");
        const char* rows[] = {
            "",
            "2024-01-01",
            "2024-01-01T00:00:00",   // no zone
            "2024-01-01 00:00:00Z",  // space for T
            "2024-01-01T00:00Z",     // no seconds
            "2024-1-01T00:00:00Z",   // one-digit month
            "24-01-01T00:00:00Z",    // two-digit year
            "2024/01/01T00:00:00Z",
            "2024-01-01T00.00.00Z",
            "abcd-01-01T00:00:00Z",
            "2024-0a-01T00:00:00Z",
            "2024-00-10T00:00:00Z",  // month 0
            "2024-13-01T00:00:00Z",  // month 13
            "2024-01-00T00:00:00Z",  // day 0
            "2024-01-32T00:00:00Z",  // day 32
            "2024-01-01T24:00:00Z",
            "2024-01-01T23:60:00Z",
            "2024-01-01T23:59:61Z",
            "2024-01-01T00:00:00.Z",  // dot without digits
            "2024-01-01T00:00:00.12aZ",
            "2024-01-01T00:00:00,5Z",  // comma fraction is ISO 8601, not RFC 3339
            "2024-01-01T00:00:00+8:00",
            "2024-01-01T00:00:00+0800",
            "2024-01-01T00:00:00+08",
            "2024-01-01T00:00:00+08:00:00",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00+08:60",
            "2024-01-01T00:00:00*08:00",
            "2024-01-01T00:00:00Zjunk",
            "2024-01-01T00:00:00ZZ",
            "2024-01-01T00:00:00Z ",
            " 2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00UTC",
            "+2024-01-01T00:00:00Z",
            "-2024-01-01T00:00:00Z",
        };
        for (const char* r : rows) QTest::newRow(r[0] ? r : "(empty)") << QByteArray(r);
        QTest::newRow("NUL inside") << QByteArray("2024-01-01T00:00:00\0Z", 21);
        QTest::newRow("full-width digits") << QByteArray(
            "\xef\xbc\x92"
            "024-01-01T00:00:00Z");
    }

    void parseRejectsMalformed() {
        QFETCH(QByteArray, text);
        QCOMPARE(parse(text), std::optional<Millis>());
    }

    // "Nothing on any deviation" includes days the month does not have; accepting them
    // silently moves an admin's typo into the next month.
    void parseRejectsImpossibleDates_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("Feb 30") << QByteArray("2024-02-30T00:00:00Z");
        QTest::newRow("Feb 29, not a leap year") << QByteArray("2023-02-29T00:00:00Z");
        QTest::newRow("Feb 29, 1900") << QByteArray("1900-02-29T00:00:00Z");
        QTest::newRow("Apr 31") << QByteArray("2024-04-31T00:00:00Z");
        QTest::newRow("Nov 31") << QByteArray("2026-11-31T10:00:00Z");
    }

    void parseRejectsImpossibleDates() {
        QFETCH(QByteArray, text);
        QCOMPARE(parse(text), std::optional<Millis>());
    }

    void parseAcceptsLastDayOfEachMonth() {
        const int last[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // 2024
        for (int m = 1; m <= 12; ++m) {
            const QByteArray text = QByteArray("2024-") +
                                    QByteArray::number(m).rightJustified(2, '0') + "-" +
                                    QByteArray::number(last[m - 1]) + "T00:00:00Z";
            const auto t = parse(text);
            QVERIFY2(t.has_value(), text.constData());
            QCOMPARE(QByteArray::fromStdString(format_rfc3339(*t)), text.left(19) + ".000Z");
        }
        QVERIFY(parse("2000-02-29T00:00:00Z").has_value());  // divisible by 400
    }
};

QTEST_APPLESS_MAIN(TestTimeFormat)
#include "test_time_format.moc"
