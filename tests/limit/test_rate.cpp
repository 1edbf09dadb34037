// parse_rate / format_rate: nginx's rate syntax and its integer scaling.
#include <QtTest>

#include "limit/rate.h"

using seckill::limit::format_rate;
using seckill::limit::MilliRate;
using seckill::limit::parse_rate;

class TestRate : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void parsesLikeNginx_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("milli");
        // nginx: rate * 1000 / scale, scale 1 for r/s and 60 for r/m, truncated.
        QTest::newRow("10r/s") << QStringLiteral("10r/s") << qint64{10'000};
        QTest::newRow("1r/s") << QStringLiteral("1r/s") << qint64{1'000};
        QTest::newRow("600r/m") << QStringLiteral("600r/m") << qint64{10'000};
        QTest::newRow("30r/m") << QStringLiteral("30r/m") << qint64{500};
        QTest::newRow("1r/m truncates") << QStringLiteral("1r/m") << qint64{16};  // 1000/60
        QTest::newRow("leading zeros") << QStringLiteral("007r/s") << qint64{7'000};
        QTest::newRow("largest") << QStringLiteral("1000000000r/s") << qint64{1'000'000'000'000};
    }
    void parsesLikeNginx() {
        QFETCH(QString, text);
        QFETCH(qint64, milli);
        std::string error;
        std::optional<MilliRate> rate = parse_rate(text.toStdString(), &error);
        QVERIFY2(rate.has_value(), error.c_str());
        QCOMPARE(*rate, milli);
        QVERIFY(error.empty());
    }

    void rejectsBadInput_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("words") << QStringLiteral("abc") << QStringLiteral("r/s or r/m");
        QTest::newRow("zero") << QStringLiteral("0r/s") << QStringLiteral("at least 1");
        QTest::newRow("negative") << QStringLiteral("-1r/s") << QStringLiteral("whole number");
        QTest::newRow("plus sign") << QStringLiteral("+1r/s") << QStringLiteral("whole number");
        QTest::newRow("per hour") << QStringLiteral("10r/h") << QStringLiteral("r/s or r/m");
        QTest::newRow("bare number") << QStringLiteral("10") << QStringLiteral("r/s or r/m");
        QTest::newRow("no number") << QStringLiteral("r/s") << QStringLiteral("whole number");
        QTest::newRow("fraction") << QStringLiteral("1.5r/s") << QStringLiteral("whole number");
        QTest::newRow("space") << QStringLiteral("10 r/s") << QStringLiteral("whole number");
        QTest::newRow("above cap")
            << QStringLiteral("1000000001r/s") << QStringLiteral("too large");
        QTest::newRow("int64 overflow")
            << QStringLiteral("99999999999999999999r/s") << QStringLiteral("too large");
    }
    void rejectsBadInput() {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        std::string error;
        QVERIFY(!parse_rate(text.toStdString(), &error).has_value());
        QVERIFY2(QString::fromStdString(error).contains(mentions), error.c_str());
        QVERIFY(!parse_rate(text.toStdString()).has_value());  // the error is optional
    }

    void formatsBack() {
        QCOMPARE(format_rate(10'000), std::string("10r/s"));
        QCOMPARE(format_rate(500), std::string("30r/m"));
        QCOMPARE(format_rate(16), std::string("1r/m"));
        QCOMPARE(format_rate(16'666), std::string("1000r/m"));
        // 1001 milli-r/s is no whole r/m (60.06/min); the nearest is written.
        QCOMPARE(format_rate(1'001), std::string("60r/m"));
    }

    void everyParsedRateFormatsToTheSameRate() {
        for (int n = 1; n <= 5000; ++n) {
            for (const char* unit : {"r/s", "r/m"}) {
                std::string text = std::to_string(n) + unit;
                MilliRate rate = parse_rate(text).value();
                QCOMPARE(parse_rate(format_rate(rate)), std::optional<MilliRate>(rate));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestRate)
#include "test_rate.moc"
