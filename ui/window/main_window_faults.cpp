// The QA side of MainWindow: the Faults dock and the nodes' events in the log pane (kept
// apart from the snapshot wiring in main_window.cpp).
#include <QDateTime>
#include <QDockWidget>
#include <QScrollArea>

#include "backend/fault_wire.h"
#include "models/audit_log_model.h"
#include "views/faults_dock.h"
#include "window/fault_actions.h"
#include "window/main_window.h"
#include "window/scrollable.h"

namespace seckill::ui {

void MainWindow::buildFaultsDock() {
    faults_dock_ = new FaultsDock(this);
    auto* dock = new QDockWidget(tr("Faults"), this);
    dock->setObjectName(QStringLiteral("dock.faults"));  // saveState() keys docks by name
    dock->setWidget(scrollable(faults_dock_, dock));
    // On the right, beside the charts: QA watches the bands appear while faults run.
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resizeDocks({dock}, {380}, Qt::Horizontal);
    connect(faults_dock_, &FaultsDock::injectRequested, this,
            [this](const QStringList& nodes, const store::FaultSpec& spec) {
                fault_actions_->inject(nodes, spec);
            });
    connect(faults_dock_, &FaultsDock::clearRequested, this,
            [this] { fault_actions_->clearAll(); });
}

void MainWindow::showEvents(const ClusterSnapshot& snap) {
    for (const ClusterEvent& e : snap.events) {
        // A node decided it: the cluster is known, no operator is.
        audit_model_->prepend(AuditEntry(
            ActionResult::event(QDateTime::fromMSecsSinceEpoch(e.at, Qt::UTC),
                                QString::fromStdString(e.kind), QString::fromStdString(e.node),
                                is_alarm(e), describe(e)),
            backend_->description()));
    }
}

}  // namespace seckill::ui
