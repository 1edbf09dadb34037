// The trainer's side of MainWindow: the Pipeline dock (the buy path, stage by stage) and
// the Demo dialog (presets, controls, the summary when a demo is over).
#include <QDockWidget>
#include <QScrollArea>

#include "audit/audit_trail.h"
#include "backend/local_cluster.h"
#include "dialogs/demo_dialog.h"
#include "views/load_panel.h"
#include "views/pipeline_view.h"
#include "window/demo_scenario.h"
#include "window/main_window.h"
#include "window/scrollable.h"

namespace seckill::ui {

void MainWindow::buildPipelineDock() {
    pipeline_ = new PipelineView(this);
    auto* dock = new QDockWidget(tr("Pipeline"), this);
    dock->setObjectName(QStringLiteral("dock.pipeline"));  // saveState() keys docks by name
    dock->setWidget(scrollable(pipeline_, dock));
    // A row of its own across the window's width below the tables: the path reads left to
    // right. Hidden until a demo starts; the View menu brings it back any time.
    addDockWidget(Qt::BottomDockWidgetArea, dock, Qt::Vertical);
    dock->hide();

    demo_dialog_ = new DemoDialog(this);
    connect(demo_dialog_, &DemoDialog::runRequested, this,
            [this](const DemoPlan& plan) { runDemo(plan); });
    connect(demo_dialog_, &DemoDialog::endRequested, demo_, &DemoScenario::endNow);
    connect(demo_dialog_, &DemoDialog::pauseRequested, load_, &LoadPanel::setPaused);
    connect(demo_, &DemoScenario::phaseChanged, demo_dialog_, &DemoDialog::setPhase);
    connect(demo_, &DemoScenario::loadStarted, this, [this, dock](const QString& sale) {
        // Counted from the snapshot the load started on: this demo's buys only.
        if (last_) pipeline_->rebase(*last_, tr("demo sale %1 opened").arg(sale));
        dock->show();
        dock->raise();
        // Tall enough for every stage without scrolling, up to half the window: during a
        // demo the path is what the trainer talks about.
        const int want = pipeline_->heightForWidth(dock->width() - 20) +
                         dock->widget()->frameSize().height() -
                         dock->widget()->contentsRect().height() + 30;
        resizeDocks({dock}, {std::min(want, height() / 2)}, Qt::Vertical);
    });
    connect(demo_, &DemoScenario::finished, this, [this](const DemoSummary& summary) {
        demo_dialog_->showSummary(summary);
        demo_dialog_->show();
        demo_dialog_->raise();
        audit_trail_->record(ActionResult::done(
            QStringLiteral("demo summary"), QString::fromStdString(summary.sale),
            tr("%1 paid, %2 expired, %3 cancelled of %4 units; sale ended; invariants %5")
                .arg(summary.paid)
                .arg(summary.expired)
                .arg(summary.cancelled)
                .arg(summary.stock)
                .arg(summary.invariants_hold() ? tr("hold") : tr("do not all hold"))));
    });
}

void MainWindow::showDemoDialog() {
    demo_dialog_->show();
    demo_dialog_->raise();
    demo_dialog_->activateWindow();
}

void MainWindow::runDemo(const DemoPlan& plan) {
    // The demo is a trainer's sale on local nodes; it never creates a sale on a cluster
    // the console is attached to. Group commit on or off is the nodes' setting: a plan
    // that differs from the running nodes' starts new ones.
    auto* local = qobject_cast<LocalCluster*>(backend_.get());
    if (!local && !mayDetach(tr("start local nodes"))) return;
    if (!local || local->options().commit_batch != plan.commit_batch)
        connectLocal(plan.nodes, plan.commit_batch);
    demo_->start(*backend_, plan);
}

}  // namespace seckill::ui
