// MainWindow's View menu: every dock and the toolbar can be hidden and brought back, and
// Reset layout returns to the arrangement of a first launch.
#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QToolBar>

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
    for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) dock->setFloating(false);
}

}  // namespace seckill::ui
