// Rule: names of keys and algorithms, rate assignment and the sentences validation gives.
#include <QtTest>
#include <vector>

#include "limit/rule.h"

Q_DECLARE_METATYPE(seckill::limit::Rule)

using seckill::limit::parse_algorithm;
using seckill::limit::parse_key;
using seckill::limit::Rule;
using seckill::limit::set_rate;
using seckill::limit::to_string;
using seckill::limit::validate;

namespace {

Rule leaky(std::string name, std::string_view rate) {
    Rule rule;
    rule.name = std::move(name);
    if (auto problem = set_rate(rule, rate)) qFatal("bad rate in test: %s", problem->c_str());
    return rule;
}

Rule window(std::string name, Rule::Algorithm algorithm, int limit, seckill::Millis window_ms) {
    Rule rule;
    rule.name = std::move(name);
    rule.algorithm = algorithm;
    rule.limit = limit;
    rule.window_ms = window_ms;
    return rule;
}

QString problem_with(const Rule& rule) {
    std::optional<std::string> problem = validate(rule);
    return problem ? QString::fromStdString(*problem) : QString();
}

}  // namespace

class TestLimitRule : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void namesRoundTrip() {
        for (Rule::Key key : {Rule::Key::global, Rule::Key::ip, Rule::Key::user}) {
            QCOMPARE(parse_key(to_string(key)), std::optional<Rule::Key>(key));
        }
        for (auto algorithm : {Rule::Algorithm::leaky, Rule::Algorithm::token,
                               Rule::Algorithm::fixed_window, Rule::Algorithm::sliding_window}) {
            QCOMPARE(parse_algorithm(to_string(algorithm)),
                     std::optional<Rule::Algorithm>(algorithm));
        }
        QCOMPARE(to_string(Rule::Key::ip), std::string_view("ip"));
        QCOMPARE(to_string(Rule::Algorithm::sliding_window), std::string_view("sliding_window"));
        QVERIFY(!parse_key("IP"));
        QVERIFY(!parse_key("session"));
        QVERIFY(!parse_algorithm("leaky_bucket"));
        QVERIFY(!parse_algorithm(""));
    }

    void setRateKeepsNumberAndText() {
        Rule rule = leaky("per-ip", "600r/m");
        QCOMPARE(rule.rate, 10'000);
        QCOMPARE(rule.rate_text, std::string("600r/m"));
        std::optional<std::string> problem = set_rate(rule, "10r/h");
        QVERIFY(problem);
        QCOMPARE(*problem,
                 std::string("rule \"per-ip\": the rate \"10r/h\" must end in r/s or r/m"));
        QCOMPARE(rule.rate, 10'000);  // unchanged on error
        QCOMPARE(rule.rate_text, std::string("600r/m"));
    }

    void validRulesPass() {
        QCOMPARE(problem_with(leaky("per-ip", "10r/s")), QString());
        Rule token = leaky("burst", "5r/s");
        token.algorithm = Rule::Algorithm::token;
        token.burst = 10;
        token.nodelay = true;  // ignored by the token bucket, so a full JSON object is fine
        QCOMPARE(problem_with(token), QString());
        QCOMPARE(problem_with(window("w", Rule::Algorithm::fixed_window, 100, 1'000)), QString());
        QCOMPARE(problem_with(window("s", Rule::Algorithm::sliding_window, 1, 86'400'000)),
                 QString());
    }

    void invalidRulesAreExplained_data() {
        QTest::addColumn<Rule>("rule");
        QTest::addColumn<QString>("sentence");

        QTest::newRow("no name") << leaky("", "1r/s") << QStringLiteral("every rule needs a name");
        Rule no_rate;
        no_rate.name = "per-ip";
        QTest::newRow("leaky without rate")
            << no_rate
            << QStringLiteral(
                   "rule \"per-ip\" (leaky) needs a rate such as \"10r/s\" or \"600r/m\"");
        Rule token = leaky("t", "1r/s");
        token.algorithm = Rule::Algorithm::token;
        QTest::newRow("token without capacity")
            << token
            << QStringLiteral(
                   "rule \"t\" (token) needs a burst of at least 1, the bucket's capacity");
        Rule negative_burst = leaky("b", "1r/s");
        negative_burst.burst = -1;
        QTest::newRow("negative burst")
            << negative_burst
            << QStringLiteral("rule \"b\" (leaky) needs a burst between 0 and 1000000000");
        Rule both = leaky("d", "1r/s");
        both.nodelay = true;
        both.delay = 3;
        QTest::newRow("nodelay and delay")
            << both
            << QStringLiteral(
                   "rule \"d\" (leaky) sets both nodelay and delay; nodelay means no "
                   "request is delayed, delay=N that the first N are not, so choose one");
        Rule negative_delay = leaky("d", "1r/s");
        negative_delay.delay = -2;
        QTest::newRow("negative delay")
            << negative_delay << QStringLiteral("rule \"d\" (leaky) needs a delay of 0 or more");
        QTest::newRow("window without limit")
            << window("w", Rule::Algorithm::fixed_window, 0, 1'000)
            << QStringLiteral(
                   "rule \"w\" (fixed_window) needs a limit between 1 and 1000000000 "
                   "requests per window");
        QTest::newRow("window without length")
            << window("s", Rule::Algorithm::sliding_window, 5, 0)
            << QStringLiteral(
                   "rule \"s\" (sliding_window) needs a window_ms between 1 and 86400000");
        QTest::newRow("window over a day")
            << window("s", Rule::Algorithm::sliding_window, 5, 86'400'001)
            << QStringLiteral(
                   "rule \"s\" (sliding_window) needs a window_ms between 1 and 86400000");
    }
    void invalidRulesAreExplained() {
        QFETCH(Rule, rule);
        QFETCH(QString, sentence);
        QCOMPARE(problem_with(rule), sentence);
    }

    void setsNeedUniqueNames() {
        std::vector<Rule> rules{leaky("a", "1r/s"), leaky("b", "1r/s"), leaky("a", "2r/s")};
        QCOMPARE(validate(rules),
                 std::optional<std::string>("two rules are named \"a\"; names must be unique"));
        rules.pop_back();
        QCOMPARE(validate(rules), std::optional<std::string>());
        rules.push_back(leaky("", "1r/s"));
        QCOMPARE(validate(rules), std::optional<std::string>("every rule needs a name"));
    }
};

QTEST_APPLESS_MAIN(TestLimitRule)
#include "test_limit_rule.moc"
