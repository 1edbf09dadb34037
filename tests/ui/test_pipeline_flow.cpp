// The Pipeline view's numbers without a cluster: a heartbeat's "pipeline" object read into
// NodeStats by the stage table, summed over nodes with the console's own order writer,
// counted from a base, rates over the window, and the flow each arrow carries.
#include <QtTest>

#include "backend/node_stats.h"
#include "models/pipeline_flow.h"
#include "views/pipeline_view.h"

using namespace seckill;
using namespace seckill::ui;
using node::Stage;

class PipelineFlowTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void heartbeatStagesAreReadByTheTable();
    void countsFromTheBaseRatesAndFlow();
};

namespace {

NodeStatus node_with(std::initializer_list<std::pair<Stage, std::uint64_t>> counts) {
    NodeStatus n;
    for (const auto& [s, v] : counts) n.stats.pipeline[std::size_t(s)] = v;
    return n;
}

ClusterSnapshot snap_at(Millis at, std::vector<NodeStatus> nodes, std::int64_t console_events = 0) {
    ClusterSnapshot s;
    s.taken_at = at;
    s.nodes = std::move(nodes);
    s.console_order_events = console_events;
    return s;
}

}  // namespace

void PipelineFlowTest::heartbeatStagesAreReadByTheTable() {
    const NodeStats s = parse_node_stats(
        R"({"pipeline":{"arrived":10,"sold_out":6,"lease":4,"ledger_commit":2,"reserved":4,"order_db":0,"unknown":9}})",
        0);
    QCOMPARE(s.pipeline[std::size_t(Stage::arrived)], std::uint64_t(10));
    QCOMPARE(s.pipeline[std::size_t(Stage::sold_out)], std::uint64_t(6));
    QCOMPARE(s.pipeline[std::size_t(Stage::ledger_commit)], std::uint64_t(2));
    QCOMPARE(s.pipeline[std::size_t(Stage::rate_limited)], std::uint64_t(0));  // absent: 0
    // A node too old to report stages: all zero.
    QCOMPARE(parse_node_stats(R"({"requests":5})", 0).pipeline, node::StageCounts{});
    // Nodes add up; the console's own order writer counts in the order-DB stage.
    const auto sum =
        snap_at(0, {node_with({{Stage::arrived, 3}}), node_with({{Stage::arrived, 4}})}, 7)
            .pipeline();
    QCOMPARE(sum[std::size_t(Stage::arrived)], std::uint64_t(7));
    QCOMPARE(sum[std::size_t(Stage::order_db)], std::uint64_t(7));
}

void PipelineFlowTest::countsFromTheBaseRatesAndFlow() {
    PipelineFlow flow;
    flow.rebase(snap_at(0, {node_with({{Stage::arrived, 100}, {Stage::sold_out, 100}})}));
    flow.update(snap_at(0, {node_with({{Stage::arrived, 100}, {Stage::sold_out, 100}})}));
    flow.update(snap_at(1000, {node_with({{Stage::arrived, 150},
                                          {Stage::rate_limited, 5},
                                          {Stage::sold_out, 130},
                                          {Stage::lease, 15},
                                          {Stage::ledger_commit, 3},
                                          {Stage::reserved, 14}})}));
    QCOMPARE(flow.count(Stage::arrived), std::uint64_t(50));  // since the base
    QCOMPARE(flow.count(Stage::sold_out), std::uint64_t(30));
    QCOMPARE(flow.rate(Stage::arrived), 50.0);  // 50 in one second
    QCOMPARE(flow.peak(Stage::arrived), 50.0);
    // Into the sold-out flag: arrivals less the rate limited; into the lease: less the
    // sold out as well; into group commit: what the lease passed on.
    QCOMPARE(flow.flowInto(Stage::sold_out), std::uint64_t(45));
    QCOMPARE(flow.flowInto(Stage::limit_reached), std::uint64_t(15));
    QCOMPARE(flow.flowInto(Stage::ledger_commit), std::uint64_t(15));
    QCOMPARE(flow.rateInto(Stage::sold_out), 45.0);
    // A node that left takes its counters: never below the base.
    flow.update(snap_at(2000, {}));
    QCOMPARE(flow.count(Stage::arrived), std::uint64_t(0));
    QCOMPARE(flow.peak(Stage::arrived), 50.0);

    PipelineView view;
    view.rebase(snap_at(0, {}), QStringLiteral("now"));
    view.setSnapshot(snap_at(1000, {node_with({{Stage::lease, 10}, {Stage::ledger_commit, 4}})}));
    QVERIFY2(view.boxText(Stage::ledger_commit).contains(QStringLiteral("4 ledger calls")),
             qPrintable(view.boxText(Stage::ledger_commit)));
    QVERIFY(view.boxText(Stage::ledger_commit).contains(QStringLiteral("2.5 buys/call")));
    QVERIFY(view.heightForWidth(1600) < view.heightForWidth(400));  // fewer columns, more rows
}

QTEST_MAIN(PipelineFlowTest)
#include "test_pipeline_flow.moc"
