// The Scenarios dock of MainWindow: turns a run request (a file, where to run it) into a
// job for the scenario runner — on the local cluster's own nodes, or on processes the
// runner starts as `seckill-load scenario` does — or refuses it with one sentence.
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QStandardPaths>

#include "audit/audit_trail.h"
#include "backend/local_cluster.h"
#include "scenariorun/local_scenario.h"
#include "scenariorun/scenario_files.h"
#include "views/scenario_panel.h"
#include "window/main_window.h"
#include "window/scrollable.h"

namespace seckill::ui {

void MainWindow::buildScenariosDock() {
    scenarios_ = new ScenarioPanel(this);
    scenarios_->setScenarioFiles(shipped_scenarios(), shipped_scenario_dir());
    auto* dock = new QDockWidget(tr("Scenarios"), this);
    dock->setObjectName(QStringLiteral("dock.scenarios"));  // saveState() keys docks by name
    dock->setWidget(scrollable(scenarios_, dock));
    // A tab beside the Faults dock, raised when a run starts: QA watches the verdict fill
    // in on the right while the run's faults appear as bands on the charts.
    addDockWidget(Qt::RightDockWidgetArea, dock);
    if (auto* faults = findChild<QDockWidget*>(QStringLiteral("dock.faults"))) {
        tabifyDockWidget(faults, dock);
        faults->raise();
    }
    // Wide enough for the verdict's numbers; the charts keep the rest.
    resizeDocks({dock}, {460}, Qt::Horizontal);
    connect(
        scenarios_, &ScenarioPanel::runRequested, this,
        [this](const QString& file, ScenarioPanel::Where where) { runScenario(file, int(where)); });
    connect(
        scenarios_, &ScenarioPanel::runStarted, this,
        [this, dock](const QString& name, const QString& about) {
            dock->raise();
            audit_trail_->record(ActionResult::done(QStringLiteral("run scenario"), name, about));
        });
    connect(scenarios_, &ScenarioPanel::runFinished, this,
            [this](const QString& name, bool pass, const QString& outcome) {
                audit_trail_->record(
                    pass ? ActionResult::done(QStringLiteral("scenario verdict"), name, outcome)
                         : ActionResult::failed(QStringLiteral("scenario verdict"), name, outcome));
            });
}

QString MainWindow::runScenario(const QString& file, int where) {
    scenarios_->choose(file);  // the picker shows what runs, whoever asked (Run, --scenario)
    auto parsed = read_scenario(file);
    if (auto* why = std::get_if<QString>(&parsed)) {
        scenarios_->refuse(*why);
        return *why;
    }
    ScenarioJob job;
    job.spec = std::get<scenario::ScenarioSpec>(std::move(parsed));
    QString about;
    const QString refused = where == int(ScenarioPanel::Where::local)
                                ? localJob(job, about)
                                : processJob(job, file, about);
    if (!refused.isEmpty()) {
        scenarios_->refuse(refused);
        return refused;
    }
    scenarios_->start(std::move(job), about);
    return {};
}

// The runner's `targets` cluster on the local nodes: the runner's faults reach them
// through /admin/v1/faults (embedded nodes take faults: the console is their operator),
// so they show as bands on the charts like the Faults dock's.
QString MainWindow::localJob(ScenarioJob& job, QString& about) {
    auto* local = qobject_cast<LocalCluster*>(backend_.get());
    if (!local)
        return tr(
            "the console is attached to a cluster it did not start: connect a local cluster, or "
            "run the "
            "scenario on processes");
    const std::string token = local->adminToken();
    if (token.empty() || !last_) return tr("the local cluster is not up yet");
    std::vector<LocalTarget> targets;
    for (const NodeStatus& n : last_->nodes)
        if (n.health == NodeHealth::up && !n.info.address.empty())
            targets.push_back({n.info.id, n.info.address});
    const auto asked_ttl = job.spec.cluster.node_ttl_given ? job.spec.cluster.node_ttl_ms : 0;
    const std::string suffix =
        "-" + QDateTime::currentDateTime().toString(QStringLiteral("HHmmss")).toStdString();
    auto mapped = on_local_nodes(std::move(job.spec), targets, suffix);
    if (auto* why = std::get_if<QString>(&mapped)) return *why;
    job.spec = std::get<scenario::ScenarioSpec>(std::move(mapped));
    job.admin_token = token;
    QStringList nodes;
    for (const auto& n : job.spec.cluster.nodes)
        nodes << QString::fromStdString(n.id + " " + n.address);
    about = tr("Runs on this console's local cluster (%1), sale %2. Process actions are staged as "
               "faults "
               "(kill → node_crash, stop…cont → node_freeze).")
                .arg(nodes.join(QStringLiteral(", ")), QString::fromStdString(job.spec.sale.id));
    // Reclaim waits for the nodes' own TTL: a file written for a shorter one is judged on this.
    if (asked_ttl && asked_ttl != job.spec.cluster.node_ttl_ms)
        about += tr(" Node TTL %1 s (the file asks %2 s).")
                     .arg(double(job.spec.cluster.node_ttl_ms) / 1000)
                     .arg(double(asked_ttl) / 1000);
    return {};
}

// As `seckill-load scenario` runs it: the runner starts its own seckill-node processes
// (and redis-server, nginx), in a work dir under the console's data dir. Faults there are
// in other processes: they are in the report, not on this console's charts.
QString MainWindow::processJob(ScenarioJob& job, const QString& file, QString& about) {
    const auto& c = job.spec.cluster;
    if (c.kind == scenario::ClusterSpec::Kind::targets) {
        const QByteArray token = qgetenv("SECKILL_ADMIN_TOKEN");
        if (token.isEmpty())
            return tr("a targets scenario needs the nodes' admin token in $SECKILL_ADMIN_TOKEN");
        job.admin_token = token.toStdString();
        about = tr("Runs on the targets the file names.");
        return {};
    }
    job.paths.node_binary = node_binary().toStdString();
    if (job.paths.node_binary.empty())
        return tr(
            "no seckill-node next to the console (set $SECKILL_NODE_BINARY) to start the "
            "scenario's processes");
    if (c.ledger == scenario::ClusterSpec::Ledger::redis &&
        (job.paths.redis_binary =
             QStandardPaths::findExecutable(QStringLiteral("redis-server")).toStdString())
            .empty())
        return tr("redis-server is not on PATH (scripts/bootstrap installs it)");
    if (c.nginx && (job.paths.nginx_binary =
                        QStandardPaths::findExecutable(QStringLiteral("nginx")).toStdString())
                       .empty())
        return tr("nginx is not installed (scripts/bootstrap installs nginx-light)");
    const QString dir = QDir(data_dir_).filePath(
        QStringLiteral("scenarios/%1-%2")
            .arg(QFileInfo(file).completeBaseName(),
                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    if (!QDir().mkpath(dir)) return tr("cannot create the work directory %1").arg(dir);
    job.paths.work_dir = dir.toStdString();
    // A fresh token for nodes only this run talks to, from the OS's random source.
    job.admin_token = QString::number(QRandomGenerator::system()->generate64(), 16).toStdString() +
                      QString::number(QRandomGenerator::system()->generate64(), 16).toStdString();
    about = tr("Runs on %1 seckill-node process(es) the runner starts%2; logs and data in %3. Its "
               "faults are in "
               "the report, not on this console's charts.")
                .arg(c.nodes.size())
                .arg(c.ledger == scenario::ClusterSpec::Ledger::redis ? tr(" with redis-server")
                                                                      : QString(),
                     dir);
    return {};
}

}  // namespace seckill::ui
