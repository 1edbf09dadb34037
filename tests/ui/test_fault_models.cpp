// The pure pieces of the console's fault lab: the request body it sends for every fault
// kind is accepted by the engine's own parser; heartbeat faults are read with their end on
// the wall clock; the active-faults model under QAbstractItemModelTester (rows from
// snapshots, same rows again, time ticking, rows gone); the timeline of fault bands and
// event marks the charts draw; event sentences.
#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QtTest>

#include "backend/fault_wire.h"
#include "backend/node_stats.h"
#include "history/fault_timeline.h"
#include "models/active_faults_model.h"
#include "node/protection/faults_json.h"
#include "window/console_options.h"

using namespace seckill;
using namespace seckill::ui;

class FaultModelsTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void everyKindsBodyIsAcceptedByTheEngine();
    void heartbeatFaultsAndBreakers();
    void activeFaultsModel();
    void timelineOpensAndClosesBands();
    void eventSentences();
    void scheduledFaultOption();
};

namespace {

ClusterSnapshot with_faults(Millis at, std::vector<std::pair<std::string, FaultView>> faults) {
    ClusterSnapshot snap;
    snap.taken_at = at;
    for (auto& [node, fault] : faults) {
        auto it = std::find_if(snap.nodes.begin(), snap.nodes.end(),
                               [&](const NodeStatus& n) { return n.info.id == node; });
        if (it == snap.nodes.end()) {
            snap.nodes.emplace_back();
            snap.nodes.back().info.id = node;
            it = snap.nodes.end() - 1;
        }
        it->stats.faults.push_back(fault);
    }
    return snap;
}

FaultView fault(std::uint64_t id, const char* kind, Millis ends_at, double duration_s = 20) {
    FaultView f;
    f.id = id;
    f.kind = kind;
    f.ends_at = ends_at;
    f.duration_s = duration_s;
    return f;
}

}  // namespace

void FaultModelsTest::everyKindsBodyIsAcceptedByTheEngine() {
    for (const store::FaultKindInfo& k : store::fault_kinds) {
        store::FaultSpec spec;
        spec.kind = k.kind;
        spec.ms = 300;
        spec.jitter_ms = 50;
        spec.ratio = 0.5;
        spec.duration_ms = 12'000;
        const std::string body = faults_body({spec});
        auto parsed = node::faults_from_json(body, "n1");
        const auto* err = std::get_if<std::string>(&parsed);
        QVERIFY2(!err,
                 qPrintable(QString::fromStdString(body + ": " + (err ? *err : std::string()))));
        const store::FaultSpec& back = std::get<std::vector<store::FaultSpec>>(parsed).at(0);
        QCOMPARE(back.kind, k.kind);
        QCOMPARE(back.ratio, 0.5);
        QCOMPARE(back.ms, k.takes_latency ? std::int64_t(300) : std::int64_t(0));
        QCOMPARE(back.duration_ms, k.lasts ? std::int64_t(12'000) : std::int64_t(0));
    }
}

void FaultModelsTest::heartbeatFaultsAndBreakers() {
    const NodeStats s = parse_node_stats(
        R"({"faults":[{"id":3,"kind":"ledger_latency","ms":300,"jitter_ms":50,"ratio":1.0,"duration_s":20,"left_s":12.5}],)"
        R"("breakers":{"ledger":"open","order_db":"half_open"},"degrade_auto":2})",
        1'000'000);
    QCOMPARE(s.faults.size(), std::size_t(1));
    QCOMPARE(s.faults[0].kind, std::string("ledger_latency"));
    QCOMPARE(s.faults[0].ends_at, Millis(1'012'500));  // left_s counts from the report
    QCOMPARE(describe_parameters(s.faults[0]), QStringLiteral("300 ± 50 ms, every call, 20 s"));
    QCOMPARE(s.ledger_breaker, std::string("open"));
    QCOMPARE(s.order_db_breaker, std::string("half_open"));
    QCOMPARE(s.degrade_auto, 2);
    // An older node's stats have none of it.
    QCOMPARE(parse_node_stats(R"({"requests":1})").ledger_breaker, std::string("closed"));
}

void FaultModelsTest::activeFaultsModel() {
    ActiveFaultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(with_faults(10'000, {{"n1", fault(1, "ledger_down", 30'000)},
                                      {"n2", fault(1, "node_freeze", 20'000)}}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ActiveFaultsModel::left).data().toString(), QStringLiteral("20 s"));
    QCOMPARE(model.index(1, ActiveFaultsModel::node).data().toString(), QStringLiteral("n2"));
    // Same faults again: no reset, so the view keeps its place.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.update(with_faults(10'250, {{"n1", fault(1, "ledger_down", 30'000)},
                                      {"n2", fault(1, "node_freeze", 20'000)}}));
    QCOMPARE(resets.count(), 0);
    // Time passes between snapshots: only the time left changes, rounded up.
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.tick(18'500);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(0).value<QModelIndex>().column(), int(ActiveFaultsModel::left));
    QCOMPARE(model.index(1, ActiveFaultsModel::left).data().toString(), QStringLiteral("2 s"));
    QCOMPARE(model.index(1, 0).data(ActiveFaultsModel::seconds_left_role).toDouble(), 1.5);
    // n2's fault ended, and a stale report of one already over is left out.
    model.update(with_faults(21'000, {{"n1", fault(1, "ledger_down", 30'000)},
                                      {"n3", fault(4, "heartbeat_drop", 20'500)}}));
    QCOMPARE(model.rowCount(), 1);
    model.update(with_faults(31'000, {}));
    QCOMPARE(model.rowCount(), 0);
}

void FaultModelsTest::timelineOpensAndClosesBands() {
    FaultTimeline t;
    ClusterSnapshot s1 = with_faults(100'000, {{"n2", fault(7, "ledger_down", 115'000, 20)}});
    s1.events.push_back({1, 95'000, "n2", "fault_injected", R"({"kind":"fault_injected"})"});
    t.append(s1);
    QCOMPARE(t.bands().size(), std::size_t(1));
    QCOMPARE(t.bands()[0].from, Millis(95'000));  // its end less its duration
    QCOMPARE(t.bands()[0].to, Millis(115'000));
    QCOMPARE(t.marks().size(), std::size_t(1));
    QVERIFY(t.marks()[0].alarm);
    t.append(with_faults(100'250, {{"n2", fault(7, "ledger_down", 115'000, 20)}}));
    QCOMPARE(t.bands().size(), std::size_t(1));
    // Cleared early: the band ends where the fault was last missing.
    t.append(with_faults(104'000, {}));
    QCOMPARE(t.bands()[0].to, Millis(104'000));
    // A new fault with the same id on another node is another band.
    t.append(with_faults(105'000, {{"n1", fault(7, "ledger_latency", 125'000, 20)}}));
    QCOMPARE(t.bands().size(), std::size_t(2));
    // Five minutes on, both have scrolled out.
    t.append(with_faults(105'000 + 6 * 60'000, {}));
    QCOMPARE(t.bands().size(), std::size_t(0));
    QCOMPARE(t.marks().size(), std::size_t(0));
}

void FaultModelsTest::eventSentences() {
    ClusterEvent open{
        1, 0, "n1", "breaker_open",
        R"({"kind":"breaker_open","target":"ledger","reason":"error ratio 0.9 over 20 calls","value":0.9})"};
    QCOMPARE(describe(open), QStringLiteral("ledger breaker open: error ratio 0.9 over 20 calls"));
    QVERIFY(is_alarm(open));
    ClusterEvent lowered{
        2, 0, "n1", "degrade_lowered",
        R"({"kind":"degrade_lowered","level":0,"from":2,"signal":"p99_ms","value":3.5,"reason":""})"};
    QCOMPARE(describe(lowered), QStringLiteral("automatic degrade 2 → 0 (p99_ms = 3.5)"));
    QVERIFY(!is_alarm(lowered));
    const store::NodeEvent raw{5, 42, "n2", R"({"kind":"faults_cleared"})"};
    const ClusterEvent cleared = cluster_event(raw);
    QCOMPARE(cleared.kind, std::string("faults_cleared"));
    QCOMPARE(describe(cleared), QStringLiteral("every fault cleared"));
}

// seckill-console --fault NODE:KIND[*RATIO][:SECONDS[:MS]][@AT]
void FaultModelsTest::scheduledFaultOption() {
    auto ok = [](const char* text) {
        auto parsed = parse_scheduled_fault(QString::fromLatin1(text));
        if (auto* err = std::get_if<QString>(&parsed)) qWarning() << text << *err;
        return std::get_if<ScheduledFault>(&parsed) ? std::get<ScheduledFault>(parsed)
                                                    : ScheduledFault{};
    };
    const ScheduledFault a = ok("n2:ledger_down:20@5");
    QCOMPARE(a.node, QStringLiteral("n2"));
    QCOMPARE(a.spec.kind, store::FaultKind::ledger_down);
    QCOMPARE(a.spec.duration_ms, std::int64_t(20'000));
    QCOMPARE(a.at_s, 5.0);
    const ScheduledFault b = ok("n1:ledger_latency*0.25:30:120");
    QCOMPARE(b.spec.ms, std::int64_t(120));
    QCOMPARE(b.spec.ratio, 0.25);
    QCOMPARE(b.at_s, 0.0);
    QCOMPARE(ok("n3:node_crash").spec.duration_ms, std::int64_t(0));  // a crash lasts no time
    for (const char* bad : {"n1", "n1:no_such_kind", "n1:ledger_down:20:100", "n1:ledger_error*2",
                            "n1:ledger_down:x", "n1:ledger_down@-1", ":ledger_down"})
        QVERIFY2(std::holds_alternative<QString>(parse_scheduled_fault(QString::fromLatin1(bad))),
                 bad);
}

QTEST_MAIN(FaultModelsTest)
#include "test_fault_models.moc"
