// Which cluster MainWindow is on, as the operator sees it: the title names it, "Add a node"
// is offered only where the console can start one, and leaving a cluster the console did
// not start asks first (an attached cluster is someone's production, not a demo).
#include <QAction>

#include "backend/local_cluster.h"
#include "window/main_window.h"
#include "window/operator_actions.h"

namespace seckill::ui {

void MainWindow::showCluster() {
    setWindowTitle(backend_ ? tr("Seckill console — %1").arg(backend_->description())
                            : tr("Seckill console"));
    const bool can_start = backend_ && backend_->canStartNodes();
    add_node_->setEnabled(can_start);
    // A disabled action still shows its tooltip: it says why rather than failing on use.
    add_node_->setToolTip(
        can_start ? tr("Start one more embedded node")
        : backend_
            ? tr("%1: its nodes are started where they run (seckill-node), not by the console")
                  .arg(backend_->description())
            : tr("No cluster is open"));
}

bool MainWindow::mayDetach(const QString& then) {
    if (!backend_ || qobject_cast<LocalCluster*>(backend_.get())) return true;
    return actions_->confirm(tr("Detach from %1 and %2?").arg(backend_->description(), then));
}

}  // namespace seckill::ui
