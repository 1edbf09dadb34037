#include "window/main_window.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "audit/audit_trail.h"
#include "backend/local_cluster.h"
#include "backend/remote_cluster.h"
#include "history/history_store.h"
#include "models/audit_log_model.h"
#include "models/invariants_model.h"
#include "models/node_table_model.h"
#include "models/sales_table_model.h"
#include "views/chart_export.h"
#include "views/charts_panel.h"
#include "views/faults_dock.h"
#include "views/load_panel.h"
#include "views/pipeline_view.h"
#include "views/scenario_panel.h"
#include "views/tiles_panel.h"
#include "window/attachment.h"
#include "window/demo_scenario.h"
#include "window/fault_actions.h"
#include "window/operator_actions.h"
#include "window/sale_report.h"
#include "window/scrollable.h"
#include "window/window_settings.h"

namespace seckill::ui {
namespace {

QTableView* table(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(22);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

}  // namespace

MainWindow::MainWindow(QSettings& settings, AuditLog* audit, QString dataDir, int refreshMs,
                       QWidget* parent)
    : QMainWindow(parent),
      settings_(settings),
      audit_(audit),
      data_dir_(std::move(dataDir)),
      refresh_ms_(refreshMs) {
    setWindowTitle(tr("Seckill console"));
    tiles_ = new TilesPanel(this);
    charts_ = new ChartsPanel(refreshMs, this);
    nodes_ = new NodeTableModel(this);
    sales_ = new SalesTableModel(this);
    invariants_ = new InvariantsModel(this);
    audit_model_ = new AuditLogModel(this);
    audit_trail_ = new AuditTrail(
        audit, audit_model_, [this] { return backend_ ? backend_->description() : QString(); },
        this);
    attachment_ = new Attachment(*audit_trail_, settings_, this);
    load_ = new LoadPanel(this);
    demo_ = new DemoScenario(*load_, this);
    const OperatorActions::Context context{[this] { return backend_.get(); },
                                           [this] { return last_; },
                                           [this] { return selectedNode(); }};
    actions_ = new OperatorActions(this, context);
    fault_actions_ = new FaultActions(this, context);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    stale_banner_ = new QLabel(central);
    stale_banner_->setObjectName(QStringLiteral("stale.banner"));
    stale_banner_->setStyleSheet(
        QStringLiteral("background: #fff3e0; color: #b71c1c; padding: 4px; font-weight: bold;"));
    stale_banner_->hide();
    layout->addWidget(stale_banner_);
    layout->addWidget(tiles_);
    layout->addWidget(charts_, 1);
    auto* invariants_view = table(invariants_, charts_);
    invariants_view->setObjectName(QStringLiteral("invariants"));
    invariants_view->setSelectionMode(QAbstractItemView::NoSelection);
    invariants_view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    invariants_view->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    charts_->setCornerWidget(invariants_view);
    central->setObjectName(QStringLiteral("dashboard"));
    setCentralWidget(scrollable(central, this));
    buildDocks();
    buildFaultsDock();
    buildScenariosDock();
    buildPipelineDock();
    buildMenus();
    connection_ = new QLabel(tr("not connected"), this);
    refreshed_ = new QLabel(this);
    statusBar()->addWidget(connection_, 1);
    statusBar()->addPermanentWidget(refreshed_);
    openHistory();
    connect(audit_trail_, &AuditTrail::writeFailed, this,
            [this](const QString& why) { showError(tr("audit log: %1").arg(why)); });
    connect(demo_, &DemoScenario::failed, this,
            [this](const QString& why) { showError(tr("demo: %1").arg(why)); });
    connect(demo_, &DemoScenario::loadStarted, this, [this](const QString& sale) {
        statusBar()->showMessage(tr("demo sale %1: load running").arg(sale), 5000);
    });
    default_layout_ = saveState();
    if (!restore_window(*this, settings_)) fitDefaultLayout();
    auto* freshness = new QTimer(this);
    connect(freshness, &QTimer::timeout, this, &MainWindow::checkFreshness);
    freshness->start(refresh_ms_);
}

MainWindow::~MainWindow() {
    // Load first: its generators talk to the nodes the backend is about to drain. A
    // scenario's crowd too: its runner is a child widget, joined when the panel goes, but
    // stopped now so it does not wait out its load against nodes that are gone.
    load_->stop();
    scenarios_->stop();
    scenarios_->runner()->wait();
    flushHistory();  // the last second's samples too: a reopened console shows them
    if (backend_) attachment_->end(tr("the console closed"));
    backend_.reset();
}

void MainWindow::buildDocks() {
    auto dock = [this](const QString& title, const QString& name, QWidget* w,
                       Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);  // saveState() keys docks by object name
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    nodes_view_ = table(nodes_, this);
    nodes_view_->setObjectName(QStringLiteral("nodes"));
    nodes_view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    // At most eight rows: measuring them on each refresh is cheap, and every column fits.
    nodes_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    sales_view_ = table(sales_, this);
    sales_view_->setObjectName(QStringLiteral("sales"));
    auto* audit_view = table(audit_model_, this);
    audit_view->setObjectName(QStringLiteral("audit"));
    // The message is what an operator reads: the short columns get narrow first widths
    // (measuring 1,000 rows on every new entry would cost more than it is worth).
    const std::pair<int, int> widths[] = {
        {AuditLogModel::when, 64},     {AuditLogModel::what, 108},
        {AuditLogModel::target, 84},   {AuditLogModel::result, 52},
        {AuditLogModel::cluster, 120}, {AuditLogModel::operator_name, 64}};
    for (const auto& [column, width] : widths)
        audit_view->horizontalHeader()->resizeSection(column, width);
    // Everything tabular sits below the charts, so the charts get the window's full width.
    auto* nodes =
        dock(tr("Nodes"), QStringLiteral("dock.nodes"), nodes_view_, Qt::BottomDockWidgetArea);
    auto* sales =
        dock(tr("Sales"), QStringLiteral("dock.sales"), sales_view_, Qt::BottomDockWidgetArea);
    auto* load = dock(tr("Load generator"), QStringLiteral("dock.load"), scrollable(load_, this),
                      Qt::BottomDockWidgetArea);
    auto* audit =
        dock(tr("Audit log"), QStringLiteral("dock.audit"), audit_view, Qt::BottomDockWidgetArea);
    splitDockWidget(nodes, sales, Qt::Horizontal);
    splitDockWidget(sales, audit, Qt::Horizontal);
    tabifyDockWidget(sales, load);
    sales->raise();
    // First-run proportions for a 1600×1000 screen; restoreState() replaces them later.
    resizeDocks({nodes, sales, audit}, {680, 400, 520}, Qt::Horizontal);
    resizeDocks({nodes}, {first_dock_height}, Qt::Vertical);
    connect(sales_view_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (backend_) backend_->selectSale(index.data(SalesTableModel::sale_id_role).toString());
    });
}

void MainWindow::setBackend(std::unique_ptr<ConsoleBackend> backend,
                            std::optional<ConnectionSettings> remember) {
    load_->stop();
    scenarios_->stop();  // its nodes are about to go: the run fails fast on closed ports
    last_.reset();
    connection_failure_.clear();
    charts_->reset();
    checkFreshness();
    if (backend_) attachment_->end(tr("the console switched clusters"));
    backend_ = std::move(backend);
    showCluster();
    charts_->setHistoryStore(history_.get(), backend_ ? backend_->historyKey() : QString());
    if (!backend_) return;
    connect(backend_.get(), &ConsoleBackend::snapshotReady, this, &MainWindow::onSnapshot);
    connect(backend_.get(), &ConsoleBackend::snapshotReady, this,
            &MainWindow::showCluster);  // node count
    connect(backend_.get(), &ConsoleBackend::actionFinished, audit_trail_, &AuditTrail::record);
    connect(backend_.get(), &ConsoleBackend::connectionChanged, this, &MainWindow::onConnection);
    attachment_->begin(*backend_, std::move(remember));
    backend_->open();
}

void MainWindow::connectLocal(int nodes, std::size_t commitBatch) {
    LocalClusterOptions o;
    o.nodes = nodes;
    o.commit_batch = commitBatch;
    o.data_dir = data_dir_;
    o.refresh = std::chrono::milliseconds(refresh_ms_);
    setBackend(
        std::make_unique<LocalCluster>(o),
        ConnectionSettings{QStringLiteral("local"), nodes, last_connection(settings_).redis_url});
}

QString MainWindow::attachRedis(const QString& url) {
    if (const QString err = RemoteCluster::urlError(url); !err.isEmpty()) {
        showError(tr("Cannot attach to %1: %2").arg(url, err));
        return err;
    }
    RemoteClusterOptions o;
    o.url = url.trimmed();
    o.admin_token = remote_admin_token_;
    o.refresh = std::chrono::milliseconds(refresh_ms_);
    setBackend(
        std::make_unique<RemoteCluster>(o),
        ConnectionSettings{QStringLiteral("redis"), last_connection(settings_).nodes, o.url});
    return {};
}

void MainWindow::runDemo() { runDemo(DemoPlan{}); }

void MainWindow::onSnapshot(const SnapshotPtr& snap) {
    last_ = snap;
    since_snapshot_.restart();
    tiles_->update(*snap);
    charts_->update(*snap);
    recordHistory(*snap);
    nodes_->update(*snap);
    sales_->update(*snap);
    invariants_->update(*snap);
    pipeline_->setSnapshot(*snap);
    faults_dock_->update(*snap);
    showEvents(*snap);
    load_->setSnapshot(snap);
    demo_->onSnapshot(snap);
    refreshed_->setText(tr("refreshed %1")
                            .arg(QDateTime::fromMSecsSinceEpoch(snap->taken_at)
                                     .toString(QStringLiteral("HH:mm:ss"))));
    checkFreshness();
    Q_EMIT snapshotShown(snap);
}

void MainWindow::onConnection(ConsoleBackend::Connection state, const QString& detail) {
    const bool bad = state == ConsoleBackend::Connection::failed;
    if (bad)
        connection_failure_ = detail;
    else if (state == ConsoleBackend::Connection::connected)
        connection_failure_.clear();
    connection_->setStyleSheet(bad ? QStringLiteral("color: #c62828;") : QString());
    connection_->setText(detail);
    connection_->setToolTip(detail);
    showCluster();
}

void MainWindow::showError(const QString& message) {
    statusBar()->showMessage(message, 15'000);
    connection_->setToolTip(message);
}

QString MainWindow::selectedNode() const {
    const QModelIndex index = nodes_view_->currentIndex();
    return index.isValid() ? index.data(NodeTableModel::node_id_role).toString() : QString();
}

bool MainWindow::exportChart(const QString& name, const QString& path) {
    for (const auto& [chart_name, widget] : charts_->charts())
        if (chart_name == name)
            return stamped_chart(*widget, backend_ ? backend_->description() : tr("not connected"),
                                 last_ ? QString::fromStdString(last_->selected_sale) : QString(),
                                 last_ ? last_->taken_at : QDateTime::currentMSecsSinceEpoch())
                .save(path, "PNG");
    return false;
}

QString MainWindow::exportReport(const QString& path) {
    if (!last_) return tr("nothing to report yet: no snapshot has arrived");
    return write_sale_report(*last_, path);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    save_window(*this, settings_);
    event->accept();
}

}  // namespace seckill::ui
