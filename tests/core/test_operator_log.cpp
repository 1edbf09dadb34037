// The operator log's line format: logfmt that journald, grep and log shippers split
// without a parser of ours — one line per event, values quoted only when they must be.
#include <QtTest>
#include <string>

#include "core/log.h"

namespace oplog = seckill::log;

class TestOperatorLog : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void plainValuesStayBare() {
        QCOMPARE(oplog::format(oplog::Level::info, "started", {{"node", "n1"}, {"port", 8080}}),
                 std::string("level=info event=started node=n1 port=8080"));
    }
    void valuesThatWouldSplitAreQuotedAndEscaped() {
        QCOMPARE(oplog::format(oplog::Level::warn, "fenced", {{"why", "taken for dead"}}),
                 std::string("level=warn event=fenced why=\"taken for dead\""));
        QCOMPARE(oplog::format(oplog::Level::error, "x", {{"json", "{\"a\":\"b=c\"}"}}),
                 std::string("level=error event=x json=\"{\\\"a\\\":\\\"b=c\\\"}\""));
        QCOMPARE(oplog::format(oplog::Level::error, "x", {{"empty", ""}}),
                 std::string("level=error event=x empty=\"\""));
    }
    void oneEventIsOneLine() {
        const std::string line =
            oplog::format(oplog::Level::info, "x", {{"why", "two\nlines\tand tab"}});
        QCOMPARE(line, std::string("level=info event=x why=\"two\\nlines and tab\""));
        QVERIFY(line.find('\n') == std::string::npos);
    }
    void levelsParseAndFilter() {
        QCOMPARE(oplog::parse_level("warning"), std::optional(oplog::Level::warn));
        QCOMPARE(oplog::parse_level("debug"), std::optional(oplog::Level::debug));
        QVERIFY(!oplog::parse_level("verbose"));
        oplog::set_level(oplog::Level::warn);
        QVERIFY(!oplog::enabled(oplog::Level::info));
        QVERIFY(oplog::enabled(oplog::Level::error));
        oplog::set_level(oplog::Level::info);
        QVERIFY(oplog::enabled(oplog::Level::info));
        QVERIFY(!oplog::enabled(oplog::Level::debug));
    }
};

QTEST_APPLESS_MAIN(TestOperatorLog)
#include "test_operator_log.moc"
