// The window's menus, toolbar and shortcuts (MainWindow's construction, kept apart from
// the snapshot wiring in main_window.cpp).
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTableView>
#include <QToolBar>

#include "backend/remote_cluster.h"
#include "views/charts_panel.h"
#include "window/fault_actions.h"
#include "window/main_window.h"
#include "window/operator_actions.h"
#include "window/window_settings.h"

namespace seckill::ui {

void MainWindow::buildMenus() {
    OperatorActions& a = *actions_;
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QMenu* export_chart = file->addMenu(tr("Export &chart as PNG"));
    for (const auto& [name, widget] : charts_->charts()) {
        (void)widget;
        export_chart->addAction(name, this, [this, name = name] { askExportChart(name); });
    }
    QAction* attach = file->addAction(tr("&Attach to Redis…"), this, &MainWindow::askAttachRedis);
    attach->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    file->addAction(tr("Attach to &node…"), this, &MainWindow::askAttachNodes);
    file->addSeparator();
    QAction* report =
        file->addAction(tr("Export sale &report as CSV…"), this, &MainWindow::askExportReport);
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QAction* pdf =
        file->addAction(tr("Export sale report as &PDF…"), this, &MainWindow::askExportPdfReport);
    pdf->setObjectName(QStringLiteral("action.exportPdf"));
    pdf->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* cluster = menuBar()->addMenu(tr("&Cluster"));
    QAction* demo = cluster->addAction(tr("Run &demo sale"), this, [this] { runDemo(); });
    demo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    demo->setToolTip(tr("3 local nodes, a 1,000-unit sale, 50,000 buyers in a spike"));
    QAction* demo_dialog = cluster->addAction(tr("Run d&emo…"), this, &MainWindow::showDemoDialog);
    demo_dialog->setObjectName(QStringLiteral("action.demoDialog"));
    demo_dialog->setToolTip(
        tr("Presets and controls for a teaching demo; its summary when it is over"));
    QAction* local = cluster->addAction(tr("&Local cluster…"), this, [this] {
        if (!mayDetach(tr("start local nodes"))) return;
        bool ok = false;
        const int n = QInputDialog::getInt(
            this, tr("Local cluster"), tr("Nodes (the current cluster and its sales are closed):"),
            last_connection(settings_).nodes, 1, 8, 1, &ok);
        if (ok) connectLocal(n);
    });
    local->setObjectName(QStringLiteral("action.localCluster"));
    add_node_ = cluster->addAction(tr("&Add a node"), this, [this] {
        if (backend_ && last_) backend_->ensureNodes(last_->nodes_up() + 1);
    });
    add_node_->setObjectName(QStringLiteral("action.addNode"));
    cluster->addSeparator();
    cluster->addAction(a.drainNode);
    QMenu* node_degrade = cluster->addMenu(tr("Degrade selected &node"));
    for (QAction* action : a.degradeNode) node_degrade->addAction(action);

    QMenu* sale = menuBar()->addMenu(tr("&Sale"));
    for (QAction* action : {a.newSale, a.startSale, a.pauseSale, a.endSale})
        sale->addAction(action);
    sale->addSeparator();
    sale->addAction(a.rebalance);
    sale->addSeparator();
    QAction* journey = sale->addAction(tr("Order &journey…"), this, [this] { showOrderJourney(); });
    journey->setObjectName(QStringLiteral("action.orderJourney"));
    journey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    journey->setToolTip(
        tr("Where one order is: reserved, queued, written to the order DB, paid or not"));

    QMenu* control = menuBar()->addMenu(tr("C&ontrol"));
    for (QAction* action : a.degradeAll) control->addAction(action);
    control->addSeparator();
    control->addAction(a.editLimits);

    QToolBar* bar = addToolBar(tr("Actions"));
    bar->setObjectName(QStringLiteral("toolbar.actions"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(demo);
    bar->addSeparator();
    for (QAction* action : {a.newSale, a.startSale, a.pauseSale, a.endSale}) bar->addAction(action);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Degrade all: "), bar));
    for (QAction* action : a.degradeAll) bar->addAction(action);
    bar->addSeparator();
    bar->addAction(a.drainNode);
    bar->addAction(a.rebalance);
    bar->addAction(a.editLimits);

    nodes_view_->addAction(a.drainNode);
    for (QAction* action : a.degradeNode) nodes_view_->addAction(action);
    // QA's faults on the node under the cursor (a right click selects the row first).
    auto* faults_separator = new QAction(nodes_view_);
    faults_separator->setSeparator(true);
    nodes_view_->addAction(faults_separator);
    for (QAction* action : fault_actions_->nodeMenu()) nodes_view_->addAction(action);
    QMenu* node_faults = cluster->addMenu(tr("&Faults on selected node"));
    for (QAction* action : fault_actions_->nodeMenu()) node_faults->addAction(action);

    // QA's docks have their switch on the toolbar too: they come and go during a session.
    bar->addSeparator();
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("dock.faults"))) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setText(tr("Faults"));
        toggle->setToolTip(
            tr("Show the Faults dock (QA: inject faults, see them run, clear them)"));
        toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
        bar->addAction(toggle);
    }
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("dock.scenarios"))) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setText(tr("Scenarios"));
        toggle->setToolTip(tr("Show the Scenarios dock (QA: run a scenario, watch its verdict)"));
        toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
        bar->addAction(toggle);
    }
    buildViewMenu(bar);
    buildHelpMenu();
    showCluster();
}

QString MainWindow::askExportPath(const QString& title, const QString& file,
                                  const QString& filter) {
    // Every export starts in the folder of the last one.
    const QString dir = settings_.value(QStringLiteral("export/dir")).toString();
    const QString path =
        QFileDialog::getSaveFileName(this, title, dir + QLatin1Char('/') + file, filter);
    if (!path.isEmpty())
        settings_.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::askExportChart(const QString& name) {
    const QString path =
        askExportPath(tr("Export chart"), name + QStringLiteral(".png"), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportChart(name, path)) showError(tr("could not write %1").arg(path));
}

void MainWindow::askExportReport() {
    const QString sale =
        last_ ? QString::fromStdString(last_->selected_sale) : QStringLiteral("sale");
    const QString path = askExportPath(tr("Export sale report"), sale + QStringLiteral(".csv"),
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    const QString err = exportReport(path);
    if (!err.isEmpty()) QMessageBox::warning(this, tr("Export sale report"), err);
}

void MainWindow::askAttachRedis() {
    const ConnectionSettings last = last_connection(settings_);
    bool ok = false;
    const QString url = QInputDialog::getText(
        this, tr("Attach to Redis"), tr("Redis URL of the cluster (redis://HOST[:PORT][/DB]):"),
        QLineEdit::Normal,
        last.redis_url.isEmpty() ? QStringLiteral("redis://127.0.0.1:6379") : last.redis_url, &ok);
    if (!ok) return;
    // A typing mistake is told before anything is asked, and the current cluster stays.
    if (const QString err = RemoteCluster::urlError(url); !err.isEmpty()) {
        QMessageBox::warning(this, tr("Attach to Redis"),
                             tr("%1 is not a Redis URL: %2").arg(url, err));
        return;
    }
    if (mayDetach(tr("attach to %1").arg(url.trimmed()))) attachRedis(url);
}

}  // namespace seckill::ui
