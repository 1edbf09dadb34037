// Scenario files are hostile input: every shipped one parses, and each malformed one is
// refused with a sentence naming the field at fault.
#include <QDir>
#include <QFile>
#include <QtTest>

#include "scenario/scenario_spec.h"

using namespace seckill::scenario;

namespace {

const char* base =
    R"({"name":"t","cluster":{"kind":"processes","ledger":"redis","nodes":[{"id":"n1"},{"id":"n2"}]},
  "load":{"duration_s":10},"timeline":[{"at_s":2,"node":"n2","action":"kill"}]})";

std::string error_of(const std::string& text) {
    auto r = parse_scenario(text);
    auto* e = std::get_if<std::string>(&r);
    return e ? *e : std::string();
}

}  // namespace

class ScenarioSpecTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void shippedScenariosParse();
    void aValidOneHasWhatItSays();
    void malformed_data();
    void malformed();
};

void ScenarioSpecTest::shippedScenariosParse() {
    const QDir dir(QStringLiteral(SECKILL_SCENARIO_DIR));
    const auto files = dir.entryList({QStringLiteral("*.json")});
    QVERIFY(files.size() >= 9);
    for (const auto& name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto text = f.readAll().toStdString();
        QVERIFY2(error_of(text).empty(), (name.toStdString() + ": " + error_of(text)).c_str());
    }
}

void ScenarioSpecTest::aValidOneHasWhatItSays() {
    auto r = parse_scenario(base);
    QVERIFY(std::holds_alternative<ScenarioSpec>(r));
    const auto& s = std::get<ScenarioSpec>(r);
    QCOMPARE(s.cluster.nodes.size(), std::size_t(2));
    QCOMPARE(s.timeline.size(), std::size_t(1));
    QCOMPARE(s.timeline[0].at_ms, std::int64_t(2000));
    QVERIFY(s.timeline[0].action == Action::kill);
    QCOMPARE(s.load.sale, s.sale.id);
}

void ScenarioSpecTest::malformed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("names");
    auto row = [](const char* tag, const char* text, const char* names) {
        QTest::newRow(tag) << QString::fromUtf8(text) << QString::fromUtf8(names);
    };
    row("not json", "{", "not JSON");
    row("array", "[]", "JSON object");
    row("no name", R"({"cluster":{"kind":"targets","nodes":[{"id":"a","address":"127.0.0.1:1"}]}})",
        "name is required");
    row("typo", R"({"name":"t","clusterr":{}})", "clusterr is not a known field");
    row("kind", R"({"name":"t","cluster":{"kind":"vms","nodes":[{"id":"a"}]}})", "cluster.kind");
    row("two embedded",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"},{"id":"b"}]}})",
        "cluster.nodes");
    row("dup node",
        R"({"name":"t","cluster":{"kind":"processes","ledger":"redis","nodes":[{"id":"a"},{"id":"a"}]}})",
        "cluster.nodes[1].id");
    row("bad node id", R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a b"}]}})",
        "cluster.nodes[0].id");
    row("off loopback",
        R"({"name":"t","cluster":{"kind":"targets","nodes":[{"id":"a","address":"10.0.0.1:80"}]}})",
        "cluster.nodes[0].address");
    row("runner flag",
        R"({"name":"t","cluster":{"kind":"processes","node_flags":["--listen","0.0.0.0:1"],"nodes":[{"id":"a"}]}})",
        "cluster.node_flags may not contain --listen");
    row("total",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"sale":{"total":1e999}})",
        "sale.total");
    row("total neg",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"sale":{"total":-5}})",
        "sale.total");
    row("total 2^64",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"sale":{"total":18446744073709551615}})",
        "sale.total");
    row("shares",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"load":{"pay":0.7,"cancel":0.5}})",
        "load.pay");
    row("profile",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"load":{"profile":"zigzag"}})",
        "load.profile");
    row("unknown node",
        R"({"name":"t","cluster":{"kind":"processes","ledger":"redis","nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"zz","action":"kill"}]})",
        "timeline[0].node");
    row("kill needs node",
        R"({"name":"t","cluster":{"kind":"processes","ledger":"redis","nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"action":"kill"}]})",
        "timeline[0].node is required");
    row("redis on embedded",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"action":"redis_kill"}]})",
        "timeline[0].action");
    row("kill a target",
        R"({"name":"t","cluster":{"kind":"targets","nodes":[{"id":"a","address":"127.0.0.1:9"}]},"timeline":[{"at_s":1,"node":"a","action":"kill"}]})",
        "timeline[0].action");
    row("after load",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"load":{"duration_s":5},"timeline":[{"at_s":9,"node":"a","action":"kill"}]})",
        "timeline[0].at_s");
    row("at nan",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"timeline":[{"at_s":"soon","node":"a","action":"kill"}]})",
        "timeline[0].at_s");
    row("fault not allowed",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"ledger_down","duration_s":2}}]})",
        "allow_faults");
    row("fault kind",
        R"({"name":"t","cluster":{"kind":"processes","allow_faults":true,"nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"meteor","duration_s":2}}]})",
        "timeline[0].fault.kind");
    row("latency ms",
        R"({"name":"t","cluster":{"kind":"processes","allow_faults":true,"nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"ledger_latency","duration_s":2}}]})",
        "timeline[0].fault.ms is required");
    row("crash duration",
        R"({"name":"t","cluster":{"kind":"processes","allow_faults":true,"nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"node_crash","duration_s":2}}]})",
        "timeline[0].fault.duration_s");
    row("ratio",
        R"({"name":"t","cluster":{"kind":"processes","allow_faults":true,"nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"ledger_error","ratio":2,"duration_s":2}}]})",
        "timeline[0].fault.ratio");
    // The node's own bounds (store/fault_plan.h): a scenario parsed with wider ones used to
    // stage a fault the node then refused mid-run.
    row("fault ms past the node's bound",
        R"({"name":"t","cluster":{"kind":"processes","allow_faults":true,"nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"ledger_latency","ms":600000,"duration_s":2}}]})",
        "timeline[0].fault.ms");
    row("fault ratio under the node's bound",
        R"({"name":"t","cluster":{"kind":"processes","allow_faults":true,"nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"node":"a","fault":{"kind":"ledger_error","ratio":0,"duration_s":2}}]})",
        "timeline[0].fault.ratio");
    row("degrade level",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"timeline":[{"at_s":1,"action":"degrade","level":9}]})",
        "timeline[0].level");
    row("bounds share",
        R"({"name":"t","cluster":{"kind":"processes","nodes":[{"id":"a"}]},"bounds":{"min_share_after":1.5}})",
        "bounds.min_share_after");
}

void ScenarioSpecTest::malformed() {
    QFETCH(QString, text);
    QFETCH(QString, names);
    const std::string e = error_of(text.toStdString());
    QVERIFY2(!e.empty(), "accepted");
    QVERIFY2(e.find(names.toStdString()) != std::string::npos, e.c_str());
}

QTEST_GUILESS_MAIN(ScenarioSpecTest)
#include "test_scenario_spec.moc"
