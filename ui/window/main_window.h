#pragma once
// The console's window: tiles and charts in the middle; nodes, invariants, sales, load
// generator and audit log in docks. It shows snapshots and routes the operator's actions
// to the backend; it owns no cluster logic.
#include <QElapsedTimer>
#include <QMainWindow>
#include <memory>
#include <optional>

#include "backend/console_backend.h"
#include "window/window_settings.h"

class QAction;
class QLabel;
class QSettings;
class QTableView;
class QToolBar;

namespace seckill::ui {

class Attachment;
class AuditLog;
class AuditLogModel;
class AuditTrail;
class ChartsPanel;
class DemoDialog;
class DemoScenario;
struct DemoPlan;
class FaultActions;
class FaultsDock;
class HistoryStore;
class InvariantsModel;
class OrderJourneyDialog;
class LoadPanel;
class NodeTableModel;
class OperatorActions;
class PipelineView;
class SalesTableModel;
class ScenarioPanel;
struct ScenarioJob;
class TilesPanel;

class MainWindow final : public QMainWindow {
    Q_OBJECT

  public:
    // `audit` may be null when its file could not be opened (the pane still shows actions).
    MainWindow(QSettings& settings, AuditLog* audit, QString dataDir, int refreshMs,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Replaces the backend with a fresh local cluster of `nodes` nodes, remembered once it
    // runs; `commitBatch` as LocalClusterOptions::commit_batch (0: the nodes' default).
    void connectLocal(int nodes, std::size_t commitBatch = 0);
    // Replaces the backend with a RemoteCluster on `url`, remembered once it connects; a
    // malformed URL is refused with the reason (returned, and shown in the status bar).
    QString attachRedis(const QString& url);
    // The admin token a Redis cluster's nodes take, for the calls that go to a node itself
    // (faults); used by the next attachRedis.
    void setRemoteAdminToken(QString token) { remote_admin_token_ = std::move(token); }
    void askAttachRedis();
    // Replaces the backend with a NodeCluster on `urls` (http://HOST:PORT each, standalone
    // nodes' admin APIs, with the same admin token) and remembers them once it connects;
    // refuses a malformed URL with the reason, as attachRedis (main_window_attach.cpp).
    QString attachNodes(const QStringList& urls);
    void askAttachNodes();
    // Replaces the backend (auditing the detach and the attach); `remember` is saved as the
    // last connection once the new backend first connects, never before.
    void setBackend(std::unique_ptr<ConsoleBackend> backend,
                    std::optional<ConnectionSettings> remember = std::nullopt);
    // Before the operator's own switch of cluster: leaving a cluster the console did not
    // start (attached) asks "Detach from … and `then`?" through actions()'s confirm hook.
    // True when the switch may go ahead. Programmatic switches (launch, tests) do not ask.
    bool mayDetach(const QString& then);
    // The dock arrangement of a first launch, every dock shown.
    void resetLayout();
    void runDemo();
    // Starts `plan` on local nodes (new ones when its group commit differs from theirs);
    // main_window_pipeline.cpp.
    void runDemo(const DemoPlan& plan);
    void showDemoDialog();

    ConsoleBackend* backend() const { return backend_.get(); }
    SnapshotPtr lastSnapshot() const { return last_; }
    // Saves chart `name` (requests, latency, stock, queue, allocation) as a PNG.
    bool exportChart(const QString& name, const QString& path);
    // Saves the selected sale's report as CSV; returns an error sentence or empty.
    QString exportReport(const QString& path);
    // Saves the selected sale's report as PDF (window/pdf_report.h): its whole stored
    // history when the history file has it, else the live five minutes
    // (main_window_report.cpp). Returns an error sentence or empty.
    QString exportPdfReport(const QString& path);
    // Sale ▸ Order journey…: the dialog, created on first use and kept (main_window_journey.cpp).
    OrderJourneyDialog* showOrderJourney();
    // The chart history file; null when it could not be opened or failed since
    // (main_window_history.cpp), the charts then keep their five minutes only.
    HistoryStore* historyStore() const { return history_.get(); }
    // "chart history off" in the status bar while there is no history file, its reason as tooltip.
    QLabel* historyState() const { return history_state_; }

    TilesPanel* tiles() const { return tiles_; }
    ChartsPanel* charts() const { return charts_; }
    NodeTableModel* nodeModel() const { return nodes_; }
    SalesTableModel* salesModel() const { return sales_; }
    InvariantsModel* invariantsModel() const { return invariants_; }
    AuditLogModel* auditModel() const { return audit_model_; }
    LoadPanel* loadPanel() const { return load_; }
    OperatorActions* actions() const { return actions_; }
    FaultActions* faultActions() const { return fault_actions_; }
    FaultsDock* faultsDock() const { return faults_dock_; }
    QTableView* nodesView() const { return nodes_view_; }
    DemoScenario* demo() const { return demo_; }
    DemoDialog* demoDialog() const { return demo_dialog_; }
    PipelineView* pipeline() const { return pipeline_; }
    ScenarioPanel* scenarios() const { return scenarios_; }
    // Runs scenario `file` from the Scenarios dock, `where` a ScenarioPanel::Where; returns
    // the sentence shown when it is refused (a bad file, a cluster it cannot run on), else empty.
    QString runScenario(const QString& file, int where);

  Q_SIGNALS:
    void snapshotShown(const seckill::ui::SnapshotPtr& snapshot);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildDocks();
    void buildMenus();
    void buildViewMenu(QToolBar* bar);  // main_window_view.cpp
    // The first launch's arrangement adapted to the window's width (resetLayout too).
    void fitDefaultLayout();
    void buildHelpMenu();  // main_window_help.cpp
    void showShortcuts();
    void showAbout();
    // The title and the actions that depend on which cluster is open (main_window_cluster.cpp).
    void showCluster();
    void buildFaultsDock();     // main_window_faults.cpp
    void buildScenariosDock();  // main_window_scenarios.cpp
    void buildPipelineDock();   // main_window_pipeline.cpp, with the Demo dialog
    QString localJob(ScenarioJob& job, QString& about);
    QString processJob(ScenarioJob& job, const QString& file, QString& about);
    // The nodes' automatic decisions of this snapshot, into the log pane.
    void showEvents(const ClusterSnapshot& snap);
    void onSnapshot(const SnapshotPtr& snap);
    void onConnection(ConsoleBackend::Connection state, const QString& detail);
    void showError(const QString& message);
    // Greys out every view whose data is older than stale_after_ms and says why
    // (main_window_freshness.cpp); run on a timer and on each snapshot.
    void checkFreshness();
    QString selectedNode() const;
    // A save dialog in the last export's folder; empty when cancelled (main_window_menus.cpp).
    QString askExportPath(const QString& title, const QString& file, const QString& filter);
    void askExportChart(const QString& name);
    void askExportReport();
    void askExportPdfReport();
    void openHistory();
    void recordHistory(const ClusterSnapshot& snap);
    // Writes what the history file has pending; once a second and on close.
    void flushHistory();
    // The file failed: the console goes on with live charts and says why.
    void dropHistory(const QString& why);

    static constexpr int first_dock_height = 250;  // the tables below the charts, first launch

    QSettings& settings_;
    AuditLog* audit_;
    QString data_dir_;
    QString remote_admin_token_;
    int refresh_ms_;
    std::unique_ptr<ConsoleBackend> backend_;
    SnapshotPtr last_;
    TilesPanel* tiles_;
    ChartsPanel* charts_;
    NodeTableModel* nodes_;
    SalesTableModel* sales_;
    InvariantsModel* invariants_;
    AuditLogModel* audit_model_;
    AuditTrail* audit_trail_;
    Attachment* attachment_;
    LoadPanel* load_;
    OperatorActions* actions_;
    FaultActions* fault_actions_;
    FaultsDock* faults_dock_ = nullptr;
    ScenarioPanel* scenarios_ = nullptr;
    DemoScenario* demo_;
    DemoDialog* demo_dialog_ = nullptr;
    PipelineView* pipeline_ = nullptr;
    QAction* add_node_ = nullptr;
    QByteArray default_layout_;  // saveState() of the docks as built, for Reset layout
    QTableView* nodes_view_ = nullptr;
    QTableView* sales_view_ = nullptr;
    QLabel* connection_ = nullptr;
    QLabel* refreshed_ = nullptr;
    QLabel* stale_banner_ = nullptr;
    QString connection_failure_;    // the backend's last failure, until it connects again
    QElapsedTimer since_snapshot_;  // restarted by every snapshot (checkFreshness)
    std::unique_ptr<HistoryStore> history_;
    QLabel* history_state_ = nullptr;
    OrderJourneyDialog* journey_ = nullptr;
};

}  // namespace seckill::ui
