// Automatic degrade rules on a clock the test moves (trigger, hold, hysteresis, the
// highest level wins) and the protection document's validation sentences.
#include <QtTest>
#include <variant>

#include "node/protection/auto_degrade.h"
#include "node/protection/protection_config.h"

using namespace seckill;
using namespace seckill::node;

namespace {

SignalValues with(Signal s, double v) {
    SignalValues values{};
    values[std::size_t(s)] = v;
    return values;
}

DegradeRule rule(Signal s, double above, double below, DegradeLevel level, Millis hold) {
    return DegradeRule{s, above, below, level, hold};
}

}  // namespace

class ProtectionRules : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void raisesAboveTheTriggerAndHoldsThroughTheHysteresisBand() {
        AutoDegrade a;
        a.set_rules({rule(Signal::buy_p99_ms, 200, 100, DegradeLevel::cached_reads, 1000)});
        QVERIFY(!a.evaluate(with(Signal::buy_p99_ms, 150), 0));  // under the trigger
        const auto up = a.evaluate(with(Signal::buy_p99_ms, 250), 10);
        QVERIFY(up);
        QCOMPARE(up->to, DegradeLevel::cached_reads);
        QVERIFY2(up->reason.find("buy_p99_ms 250 above 200") != std::string::npos,
                 up->reason.c_str());
        // Between below and above: held, whatever the time.
        QVERIFY(!a.evaluate(with(Signal::buy_p99_ms, 150), 5000));
        // Below the recovery threshold but inside the hold time since the last trigger.
        QVERIFY(!a.evaluate(with(Signal::buy_p99_ms, 250), 6000));
        QVERIFY(!a.evaluate(with(Signal::buy_p99_ms, 50), 6500));
        const auto down = a.evaluate(with(Signal::buy_p99_ms, 50), 7000);
        QVERIFY(down);
        QCOMPARE(down->to, DegradeLevel::normal);
        QCOMPARE(a.level(), DegradeLevel::normal);
    }

    void theHighestHeldLevelWins() {
        AutoDegrade a;
        a.set_rules({rule(Signal::order_queue_depth, 1000, 500, DegradeLevel::cached_reads, 0),
                     rule(Signal::ledger_breaker, 0.5, 0.5, DegradeLevel::reject_buys, 0)});
        SignalValues v{};
        v[std::size_t(Signal::order_queue_depth)] = 2000;
        QCOMPARE(a.evaluate(v, 0)->to, DegradeLevel::cached_reads);
        v[std::size_t(Signal::ledger_breaker)] = 1;
        QCOMPARE(a.evaluate(v, 1)->to, DegradeLevel::reject_buys);
        v[std::size_t(Signal::ledger_breaker)] = 0;  // the queue rule still holds level 1
        QCOMPARE(a.evaluate(v, 2)->to, DegradeLevel::cached_reads);
        v[std::size_t(Signal::order_queue_depth)] = 0;
        QCOMPARE(a.evaluate(v, 3)->to, DegradeLevel::normal);
    }

    void newRulesStartFromNormal() {
        AutoDegrade a;
        a.set_rules({rule(Signal::inflight_buys, 10, 5, DegradeLevel::paused, 0)});
        QVERIFY(a.evaluate(with(Signal::inflight_buys, 11), 0));
        a.set_rules({});
        QCOMPARE(a.level(), DegradeLevel::normal);
        QVERIFY(!a.evaluate(with(Signal::inflight_buys, 1e9), 1));
    }

    void configRoundTrips() {
        auto parsed = protection_from_json(
            R"({"breaker":{"error_ratio":0.25,"open_s":3,"probes":2},"pinned":true,)"
            R"("rules":[{"signal":"buy_p99_ms","above":300,"below":150,"level":2,"hold_s":5}]})");
        QVERIFY(std::holds_alternative<ProtectionConfig>(parsed));
        const auto& c = std::get<ProtectionConfig>(parsed);
        QCOMPARE(c.ledger_breaker.error_ratio, 0.25);
        QCOMPARE(c.ledger_breaker.open_ms, std::int64_t(3000));
        QCOMPARE(c.order_db_breaker.open_ms, BreakerSettings{}.open_ms);  // left out: default
        QCOMPARE(c.rules.at(0).hold_ms, std::int64_t(5000));
        auto again = protection_from_json(protection_to_json(c));
        QCOMPARE(protection_to_json(std::get<ProtectionConfig>(again)), protection_to_json(c));
    }

    void badConfigsSayWhatIsWrong_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("not json") << "{"
                                  << "not valid JSON";
        QTest::newRow("unknown") << R"({"brakes":{}})"
                                 << "unknown field brakes";
        QTest::newRow("ratio") << R"({"breaker":{"error_ratio":2}})"
                               << "breaker.error_ratio must be between";
        QTest::newRow("probes") << R"({"breaker":{"probes":1.5}})"
                                << "breaker.probes must be a whole number";
        QTest::newRow("breaker field") << R"({"order_db_breaker":{"colour":1}})"
                                       << "order_db_breaker: unknown field colour";
        QTest::newRow("signal") << R"({"rules":[{"signal":"moon","above":1}]})"
                                << "rules[0].signal: unknown signal moon";
        QTest::newRow("no above") << R"({"rules":[{"signal":"buy_p99_ms"}]})"
                                  << "rules[0].above is required";
        QTest::newRow("band") << R"({"rules":[{"signal":"buy_p99_ms","above":10,"below":20}]})"
                              << "below must not be above";
        QTest::newRow("level") << R"({"rules":[{"signal":"buy_p99_ms","above":10,"level":4}]})"
                               << "rules[0].level must be between";
        QTest::newRow("nan-ish") << R"({"rules":[{"signal":"buy_p99_ms","above":1e300}]})"
                                 << "rules[0].above must be between";
        QTest::newRow("pinned") << R"({"pinned":"yes"})"
                                << "pinned must be true or false";
    }
    void badConfigsSayWhatIsWrong() {
        QFETCH(QString, body);
        QFETCH(QString, sentence);
        auto parsed = protection_from_json(body.toStdString());
        QVERIFY(std::holds_alternative<std::string>(parsed));
        const auto& err = std::get<std::string>(parsed);
        QVERIFY2(err.find(sentence.toStdString()) != std::string::npos, err.c_str());
    }
};

QTEST_GUILESS_MAIN(ProtectionRules)
#include "test_protection_rules.moc"
