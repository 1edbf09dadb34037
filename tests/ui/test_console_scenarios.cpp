// The Scenarios dock on a local cluster of two embedded nodes, driven through its widgets:
// a short scenario (a few seconds of load, ledger_down on n1) runs from the panel with the
// CLI's runner and verdict, every check row ends green, the fault shows as a band on the
// charts, and the exported report parses; a file with a bad field shows the parser's own
// sentence and runs nothing; Stop mid-load ends the run cleanly.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "console_fixture.h"
#include "models/verdict_model.h"
#include "scenario/report.h"
#include "scenario/run.h"
#include "scenario/scenario_spec.h"
#include "views/charts_panel.h"
#include "views/history_chart.h"
#include "views/scenario_panel.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

// SECKILL_WAIT_FOR with a probe that reports what it saw. The bound is the suite's safety
// net, not a claim about timing.
#define AWAIT(what, ...)                                                     \
    do {                                                                     \
        QString seen_;                                                       \
        auto probe_ = __VA_ARGS__;                                           \
        SECKILL_WAIT_FOR(probe_(seen_), what, seen_.toStdString(), 120'000); \
    } while (0)

class ConsoleScenariosTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void shortScenarioPassesOnTheLocalCluster();
    void badFieldShowsTheParsersSentence();
    void stopMidRunEndsCleanly();
    void killIsStagedAsACrash();
    void onProcessesAsTheCliRunsIt();
};

namespace {

// A scenario as an operator would write one for seckill-node processes; the console runs
// it on its own nodes n1 and n2.
QByteArray scenario_json(double load_s, const char* extra_load_field = "") {
    return QStringLiteral(R"({
  "name": "console test: ledger down on n1",
  "cluster": {"kind": "processes", "ledger": "redis", "allow_faults": true, "nodes": [{"id": "n1"}, {"id": "n2"}]},
  "sale": {"id": "ctest", "total": 20000, "per_user_limit": 1, "pay_timeout_s": 600},
  "load": {"users": 1000000, "rate": 200, "duration_s": %1, "connections": 4, "pay": 0.3, "cancel": 0.1,
           "pay_delay_ms": 200%2},
  "timeline": [{"at_s": 1.5, "node": "n1", "fault": {"kind": "ledger_down", "duration_s": 1.5}}],
  "bounds": {"undersell_grace_s": 3, "undersell_max": 0, "answer_within_ms": 1000, "min_share_before": 0.99,
             "min_share_during": 0.9, "min_share_after": 0.99, "recovery_max_s": 3}
})")
        .arg(load_s)
        .arg(QString::fromLatin1(extra_load_field))
        .toUtf8();
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) return {};
    return path;
}

// Picks `path` with Open… (the file dialog answered) and the local cluster, then Run.
void run_from_panel(ScenarioPanel& panel, const QString& path) {
    panel.setAskPath([path](const QString&, const QString&, bool) { return path; });
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("scenario.open")),
                      Qt::LeftButton);
    auto* where = panel.findChild<QComboBox*>(QStringLiteral("scenario.where"));
    where->setCurrentIndex(where->findData(int(ScenarioPanel::Where::local)));
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("scenario.run")),
                      Qt::LeftButton);
}

void await_nodes(ConsoleFixture& f, int n) {
    AWAIT("the local nodes up", [&](QString& seen) {
        seen = f.snapshot() ? QString::number(f.snapshot()->nodes_up())
                            : QStringLiteral("no snapshot");
        return f.snapshot() && f.snapshot()->nodes_up() == n;
    });
}

// The checks that failed, with their sentences (the whole report is too long for QtTest).
std::string failures(const scenario::RunReport& r) {
    std::string out;
    for (const auto* list : {&r.verdict.checks, &r.run_checks})
        for (const auto& c : *list)
            if (!c.pass) out += c.id + ": " + c.summary + "; ";
    return out;
}

QString rows(const VerdictModel& m) {
    QString out;
    for (int r = 0; r < m.rowCount(); ++r)
        out += m.index(r, 0).data().toString() + QLatin1Char(' ') +
               m.index(r, 1).data().toString() + QStringLiteral(": ") +
               m.index(r, 2).data().toString() + QStringLiteral("; ");
    return out;
}

}  // namespace

void ConsoleScenariosTest::shortScenarioPassesOnTheLocalCluster() {
    ConsoleFixture f(2);
    ScenarioPanel& panel = *f.window->scenarios();
    VerdictModel& verdict = *panel.verdict();
    QAbstractItemModelTester tester(&verdict,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(panel.runner(), &ScenarioRunner::finished);
    QSignalSpy entries(panel.runner(), &ScenarioRunner::timelineEntry);
    await_nodes(f, 2);
    const QString file = write(f.dir, QStringLiteral("ledger_down_short.json"), scenario_json(5));
    QVERIFY(!file.isEmpty());

    run_from_panel(panel, file);
    QVERIFY2(panel.running(), qPrintable(panel.outcome()));
    // Every check listed, grey, before anything is judged.
    QCOMPARE(verdict.rowCount(), int(scenario::check_ids().size()));
    QCOMPARE(verdict.pending(), verdict.rowCount());
    QCOMPARE(verdict.index(0, 0).data(VerdictModel::state_role).toInt(),
             int(VerdictModel::State::pending));

    // The timeline's fault reached n1 through /admin/v1/faults: a band on the charts.
    AWAIT("the ledger_down entry carried out", [&](QString& seen) {
        seen = QString::number(entries.count());
        return entries.count() >= 1;
    });
    QVERIFY(entries.front().at(3).toBool());
    QCOMPARE(entries.front().at(2).toString(), QStringLiteral("n1"));
    AWAIT("a band on the requests chart", [&](QString& seen) {
        seen = QString::number(f.window->charts()->requests()->bandsShown());
        return f.window->charts()->requests()->bandsShown() >= 1;
    });
    AWAIT("the run to finish", [&](QString& seen) {
        seen = panel.findChild<QLabel*>(QStringLiteral("scenario.phase"))->text();
        return finished.count() == 1;
    });
    QVERIFY2(finished.front().front().toBool(), failures(*panel.runner()->report()).c_str());
    QCOMPARE(verdict.pending(), 0);
    for (int r = 0; r < verdict.rowCount(); ++r)
        QVERIFY2(verdict.state(r) == VerdictModel::State::pass, qPrintable(rows(verdict)));
    QVERIFY(panel.outcome().startsWith(QStringLiteral("PASS")));

    // Export: the runner's JSON report, and the window beside it.
    const QString out = f.dir.filePath(QStringLiteral("report.json"));
    panel.setAskPath(
        [out](const QString&, const QString&, bool save) { return save ? out : QString(); });
    auto* export_button = panel.findChild<QPushButton*>(QStringLiteral("scenario.export"));
    QVERIFY(export_button->isEnabled());
    QTest::mouseClick(export_button, Qt::LeftButton);
    QFile report(out);
    QVERIFY(report.open(QIODevice::ReadOnly));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(report.readAll(), &err);
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
    QCOMPARE(doc.object().value(QStringLiteral("pass")).toBool(), true);
    QCOMPARE(doc.object().value(QStringLiteral("checks")).toArray().size(), verdict.rowCount());
    QCOMPARE(doc.object().value(QStringLiteral("faults")).toArray().size(), 1);
    QVERIFY(QFileInfo(f.dir.filePath(QStringLiteral("report.png"))).size() > 0);
}

void ConsoleScenariosTest::badFieldShowsTheParsersSentence() {
    ConsoleFixture f(2);
    ScenarioPanel& panel = *f.window->scenarios();
    QAbstractItemModelTester tester(panel.verdict(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    await_nodes(f, 2);
    const QByteArray text = scenario_json(5, R"(, "speed": 3)");
    const QString file = write(f.dir, QStringLiteral("bad.json"), text);
    const auto parsed =
        scenario::parse_scenario(std::string_view(text.constData(), std::size_t(text.size())));
    QVERIFY(std::holds_alternative<std::string>(parsed));
    QSignalSpy started(&panel, &ScenarioPanel::runStarted);

    run_from_panel(panel, file);
    QCOMPARE(panel.outcome(),
             QStringLiteral("bad.json: ") + QString::fromStdString(std::get<std::string>(parsed)));
    QVERIFY(panel.outcome().contains(QStringLiteral("speed")));
    QVERIFY(!panel.running());
    QCOMPARE(started.count(), 0);
    QCOMPARE(panel.verdict()->rowCount(), 0);
}

void ConsoleScenariosTest::stopMidRunEndsCleanly() {
    ConsoleFixture f(2);
    ScenarioPanel& panel = *f.window->scenarios();
    QAbstractItemModelTester tester(panel.verdict(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(panel.runner(), &ScenarioRunner::finished);
    QSignalSpy phases(panel.runner(), &ScenarioRunner::phaseChanged);
    await_nodes(f, 2);
    // Longer than any test bound: only Stop ends this load.
    const QString file = write(f.dir, QStringLiteral("long.json"), scenario_json(600));

    run_from_panel(panel, file);
    AWAIT("the load to start", [&](QString& seen) {
        seen.clear();
        for (const auto& p : phases) seen += p.front().toString() + QLatin1Char(' ');
        return seen.contains(QStringLiteral("load"));
    });
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("scenario.stop")),
                      Qt::LeftButton);
    AWAIT("the run to end", [&](QString& seen) {
        seen = panel.findChild<QLabel*>(QStringLiteral("scenario.phase"))->text();
        return finished.count() == 1;
    });
    QCOMPARE(finished.front().front().toBool(), false);
    QVERIFY(!panel.running());
    QVERIFY(panel.findChild<QPushButton*>(QStringLiteral("scenario.run"))->isEnabled());
    const auto report = panel.runner()->report();
    QVERIFY(report);
    QCOMPARE(report->run_checks.back().id, std::string("run"));
    QVERIFY2(report->run_checks.back().summary.find("stopped during the load") != std::string::npos,
             report->run_checks.back().summary.c_str());
    // Nothing was judged on a cut-short history: the verdict's rows stay grey.
    QCOMPARE(panel.verdict()->failed(), 1);
    // The cluster is untouched: both nodes still serve.
    await_nodes(f, 2);
}

void ConsoleScenariosTest::killIsStagedAsACrash() {
    ConsoleFixture f(2);
    ScenarioPanel& panel = *f.window->scenarios();
    QAbstractItemModelTester tester(panel.verdict(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(panel.runner(), &ScenarioRunner::finished);
    await_nodes(f, 2);
    QByteArray text = scenario_json(4);
    text.replace(
        R"({"at_s": 1.5, "node": "n1", "fault": {"kind": "ledger_down", "duration_s": 1.5}})",
        R"({"at_s": 1.5, "node": "n2", "action": "kill"})");
    // An embedded crash closes the node's port when the console's worker gets to it, not
    // at once as kill -9 does: the few buys in flight on n2 then can wait past 1 s (about
    // 4 of 280 in the first runs). Stated as this scenario's bound rather than hidden.
    text.replace(R"("min_share_after": 0.99)", R"("min_share_after": 0.95)");
    QVERIFY(text.contains("kill") && text.contains("0.95"));
    const QString file = write(f.dir, QStringLiteral("kill.json"), text);

    run_from_panel(panel, file);
    AWAIT("n2 shown as crashed", [&](QString& seen) {
        seen.clear();
        if (!f.snapshot()) return false;
        for (const auto& n : f.snapshot()->nodes)
            if (n.info.id == "n2") seen = QString::fromUtf8(health_name(n.health));
        return seen == QStringLiteral("crashed");
    });
    // The survivors reclaim n2's lease after the embedded nodes' TTL; the runner waits for it.
    AWAIT("the run to finish", [&](QString& seen) {
        seen = panel.findChild<QLabel*>(QStringLiteral("scenario.phase"))->text();
        return finished.count() == 1;
    });
    QVERIFY2(finished.front().front().toBool(), failures(*panel.runner()->report()).c_str());
}

void ConsoleScenariosTest::onProcessesAsTheCliRunsIt() {
    qputenv("SECKILL_NODE_BINARY", SECKILL_NODE_BIN);
    ConsoleFixture f(1);
    ScenarioPanel& panel = *f.window->scenarios();
    QSignalSpy finished(panel.runner(), &ScenarioRunner::finished);
    const QString file = write(f.dir, QStringLiteral("processes.json"), QByteArray(R"({
  "name": "console test: one seckill-node process, a slow ledger for 1 s",
  "cluster": {"kind": "processes", "ledger": "embedded", "allow_faults": true, "nodes": [{"id": "n1"}]},
  "sale": {"id": "proc", "total": 5000},
  "load": {"users": 1000000, "rate": 100, "duration_s": 3, "connections": 4, "pay": 0.3},
  "timeline": [{"at_s": 1, "node": "n1", "fault": {"kind": "ledger_latency", "ms": 20, "duration_s": 1}}],
  "bounds": {"undersell_grace_s": 3, "min_share_during": 0.9, "recovery_max_s": 3}
})"));
    panel.setAskPath([file](const QString&, const QString&, bool) { return file; });
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("scenario.open")),
                      Qt::LeftButton);
    auto* where = panel.findChild<QComboBox*>(QStringLiteral("scenario.where"));
    where->setCurrentIndex(where->findData(int(ScenarioPanel::Where::processes)));
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("scenario.run")),
                      Qt::LeftButton);
    QVERIFY2(panel.running(), qPrintable(panel.outcome()));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("scenario.about"))
                ->text()
                .contains(QStringLiteral("seckill-node process")));
    AWAIT("the run to finish", [&](QString& seen) {
        seen = panel.findChild<QLabel*>(QStringLiteral("scenario.phase"))->text();
        return finished.count() == 1;
    });
    QVERIFY2(finished.front().front().toBool(), failures(*panel.runner()->report()).c_str());
    // Its work dir (node logs and data) is kept under the console's data dir.
    QVERIFY(QString::fromStdString(panel.runner()->report()->work_dir)
                .startsWith(f.dir.filePath(QStringLiteral("data"))));
}

QTEST_MAIN(ConsoleScenariosTest)
#include "test_console_scenarios.moc"
