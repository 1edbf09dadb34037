// A scenario file's cluster mapped onto the console's embedded nodes (local_scenario.h):
// nodes matched by id, process actions staged as the faults that do the same in process,
// what cannot be staged refused with a sentence; and the verdict model on its own under
// QAbstractItemModelTester (pending → judged, an unlisted check appended).
#include <QAbstractItemModelTester>
#include <QtTest>

#include "models/verdict_model.h"
#include "scenario/run.h"
#include "scenariorun/local_scenario.h"

using namespace seckill;
using namespace seckill::ui;

class LocalScenarioTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void processActionsBecomeFaults();
    void refusals();
    void verdictModel();
};

namespace {

scenario::ScenarioSpec parse(const std::string& timeline,
                             const std::string& nodes = R"([{"id":"n1"},{"id":"n2"}])") {
    const std::string text =
        R"({"name":"t","cluster":{"kind":"processes","ledger":"redis","allow_faults":true,"nodes":)" +
        nodes +
        R"(},"sale":{"id":"s","total":100},"load":{"rate":10,"duration_s":10},"timeline":)" +
        timeline + "}";
    auto parsed = scenario::parse_scenario(text);
    if (auto* why = std::get_if<std::string>(&parsed)) qFatal("%s", why->c_str());
    return std::get<scenario::ScenarioSpec>(std::move(parsed));
}

const std::vector<LocalTarget> two{{"n1", "127.0.0.1:1001"}, {"n2", "127.0.0.1:1002"}};

}  // namespace

void LocalScenarioTest::processActionsBecomeFaults() {
    auto mapped = on_local_nodes(
        parse(R"([{"at_s":1,"node":"n2","action":"stop"},{"at_s":3.5,"node":"n2","action":"cont"},
        {"at_s":4,"node":"n1","fault":{"kind":"ledger_down","duration_s":2}},{"at_s":6,"node":"n2","action":"kill"}])"),
        two, "-x");
    if (auto* why = std::get_if<QString>(&mapped)) QFAIL(qPrintable(*why));
    const auto& spec = std::get<scenario::ScenarioSpec>(mapped);
    QVERIFY(spec.cluster.kind == scenario::ClusterSpec::Kind::targets);
    QCOMPARE(spec.cluster.nodes[1].address, std::string("127.0.0.1:1002"));
    QCOMPARE(spec.sale.id, std::string("s-x"));
    QCOMPARE(spec.load.sale, std::string("s-x"));
    QCOMPARE(spec.timeline.size(), std::size_t(3));  // the cont is part of the freeze
    QVERIFY(spec.timeline[0].action == scenario::Action::fault);
    QCOMPARE(std::string(spec.timeline[0].body.at("kind").as_string()), std::string("node_freeze"));
    QCOMPARE(spec.timeline[0].fault_ms, std::int64_t(2500));
    QCOMPARE(std::string(spec.timeline[1].body.at("kind").as_string()), std::string("ledger_down"));
    QCOMPARE(std::string(spec.timeline[2].body.at("kind").as_string()), std::string("node_crash"));
    QCOMPARE(spec.timeline[2].fault_ms, std::int64_t(0));
    QVERIFY(!spec.timeline[2].body.contains("duration_s"));  // the engine refuses one on a crash
}

void LocalScenarioTest::refusals() {
    auto restart = on_local_nodes(
        parse(
            R"([{"at_s":1,"node":"n2","action":"kill"},{"at_s":2,"node":"n2","action":"restart"}])"),
        two, "");
    QVERIFY(std::get<QString>(restart).contains(QStringLiteral("run this scenario as processes")));
    auto redis = on_local_nodes(parse(R"([{"at_s":1,"action":"redis_kill"}])"), two, "");
    QVERIFY(std::get<QString>(redis).contains(QStringLiteral("Redis")));
    auto missing = on_local_nodes(parse("[]", R"([{"id":"n1"},{"id":"n3"}])"), two, "");
    QCOMPARE(std::get<QString>(missing),
             QStringLiteral("the scenario names node n3; the local cluster runs n1, n2: start more "
                            "nodes and run it again"));
}

void LocalScenarioTest::verdictModel() {
    VerdictModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<QString> ids;
    for (const auto& id : scenario::check_ids()) ids.push_back(QString::fromStdString(id));
    QCOMPARE(ids.front(), QStringLiteral("no_oversell"));
    QCOMPARE(ids.back(), QStringLiteral("recovered"));
    m.reset(ids);
    QCOMPARE(m.pending(), int(ids.size()));
    QCOMPARE(m.index(0, VerdictModel::result).data().toString(), QStringLiteral("pending"));
    m.judged(QStringLiteral("no_oversell"), true,
             QStringLiteral("most units held at once 3 of 10"));
    m.judged(QStringLiteral("availability"), false, QStringLiteral("before 0.5 of 10 (min 0.99)"));
    QCOMPARE(m.state(0), VerdictModel::State::pass);
    QCOMPARE(m.index(0, VerdictModel::summary).data().toString(),
             QStringLiteral("most units held at once 3 of 10"));
    QCOMPARE(m.failed(), 1);
    QCOMPARE(m.pending(), int(ids.size()) - 2);
    m.judged(QStringLiteral("run"), false, QStringLiteral("stopped"));
    QCOMPARE(m.rowCount(), int(ids.size()) + 1);
    m.reset({});
    QCOMPARE(m.rowCount(), 0);
}

QTEST_MAIN(LocalScenarioTest)
#include "test_local_scenario.moc"
