// MainWindow's View menu: every dock and the toolbar can be hidden and brought back, and
// Reset layout returns to the arrangement of a first launch.
#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QToolBar>

#include "views/faults_dock.h"
#include "window/main_window.h"

namespace seckill::ui {

void MainWindow::buildViewMenu(QToolBar* bar) {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    // Qt's own toggle per dock: it follows the dock when the operator closes it by its button.
    for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QAction* toolbar = bar->toggleViewAction();
    toolbar->setText(tr("&Toolbar"));
    view->addAction(toolbar);
    view->addSeparator();
    QAction* reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("action.resetLayout"));
}

void MainWindow::resetLayout() {
    restoreState(default_layout_);
    // The state was taken before any dock was closed, but a floating dock the operator
    // lost off screen is brought home too.
    for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        dock->setFloating(false);
    fitDefaultLayout();
}

void MainWindow::fitDefaultLayout() {
    // Too narrow for the dashboard and QA's docks side by side (a 1280-pixel screen): QA's
    // docks start hidden, one toolbar click away, rather than push the charts into
    // scrolling sideways for tools most sessions do not use.
    auto* dashboard = qobject_cast<QScrollArea*>(centralWidget());
    auto* faults = findChild<QDockWidget*>(QStringLiteral("dock.faults"));
    auto* scenarios = findChild<QDockWidget*>(QStringLiteral("dock.scenarios"));
    auto* nodes = findChild<QDockWidget*>(QStringLiteral("dock.nodes"));
    auto* bar = findChild<QToolBar*>(QStringLiteral("toolbar.actions"));
    if (!dashboard || !faults || !scenarios || !nodes || !bar) return;
    const QSize charts = dashboard->widget()->minimumSizeHint();
    const int qa = faults_dock_->minimumSizeHint().width();
    if (width() < charts.width() + qa) {
        faults->hide();
        scenarios->hide();
    }
    // Where the screen has room, QA's docks give up width before the charts scroll
    // sideways; where it has not, the charts scroll rather than push the window past it.
    dashboard->setMinimumWidth(std::min(charts.width(), width() - qa));
    // Too short (720 pixels): the tables below give the charts their height first, down
    // to a dock title, a header and three node rows.
    const int room = height() - charts.height() - menuBar()->sizeHint().height() -
                     bar->sizeHint().height() - statusBar()->sizeHint().height();
    if (room < first_dock_height) resizeDocks({nodes}, {std::max(160, room)}, Qt::Vertical);
}

}  // namespace seckill::ui
