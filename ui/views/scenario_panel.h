#pragma once
// The Scenarios dock (QA): pick a shipped scenario or open a file, choose where it runs
// (the console's local cluster, or processes the runner starts as `seckill-load scenario`
// does), Run / Stop; below, the run's progress (phase, load time, each timeline entry as
// it happens) and the live verdict, one row per check. Export writes the runner's own
// JSON report and a PNG of the window. The panel only shows and asks: MainWindow turns a
// run request into a job (main_window_scenarios.cpp); ScenarioRunner carries it out.
#include <QElapsedTimer>
#include <QWidget>
#include <functional>

#include "scenariorun/scenario_runner.h"

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace seckill::ui {

class VerdictModel;

class ScenarioPanel final : public QWidget {
    Q_OBJECT

  public:
    enum class Where { local, processes };
    // Asks for a file: (title, name filter, save?) → a path, empty when cancelled.
    using AskPath = std::function<QString(const QString&, const QString&, bool)>;

    explicit ScenarioPanel(QWidget* parent = nullptr);

    void setScenarioFiles(const QStringList& paths, const QString& dir);
    // Adds a file to the picker (Open…) and selects it.
    void choose(const QString& path);
    QString currentFile() const;
    Where where() const;
    void setAskPath(AskPath ask) { ask_path_ = std::move(ask); }

    // Starts `job`; `about` says which cluster it runs on (shown above the verdict).
    void start(ScenarioJob job, const QString& about);
    // The run was refused before anything started (a bad file, a scenario that does not
    // fit the cluster): the sentence is shown and nothing runs.
    void refuse(const QString& sentence);
    void stop();
    bool running() const { return runner_->running(); }

    // The last run's JSON report (the runner's format) to `path`; an error sentence or empty.
    QString exportReport(const QString& path) const;
    // The whole window as a PNG.
    bool exportWindow(const QString& path) const;

    VerdictModel* verdict() const { return verdict_; }
    ScenarioRunner* runner() const { return runner_; }
    // What the panel says about the last run or refusal ("PASS — 12 of 12 checks", a parser's
    // sentence).
    QString outcome() const;

  Q_SIGNALS:
    void runRequested(const QString& file, seckill::ui::ScenarioPanel::Where where);
    // A run started or finished: MainWindow logs it in the audit pane.
    void runStarted(const QString& scenario, const QString& about);
    void runFinished(const QString& scenario, bool pass, const QString& outcome);

  private:
    static QString describe(const scenario::TimelineEntry& e);
    void onEntry(qint64 at_ms, const QString& action, const QString& node, bool ok,
                 const QString& detail);
    void onPhase(const QString& phase);
    void onFinished(bool pass);
    void tick();
    void setRunning(bool running);
    void say(const QString& text, const QString& colour);
    void askOpen();
    void askExport();

    QComboBox* file_;
    QComboBox* where_;
    QPushButton* open_;
    QPushButton* run_;
    QPushButton* stop_;
    QLabel* about_;
    QLabel* phase_;
    QProgressBar* progress_;
    QListWidget* log_;
    QTableView* table_;
    QLabel* outcome_;
    QPushButton* export_;
    VerdictModel* verdict_;
    ScenarioRunner* runner_;
    QTimer* ticker_;
    QElapsedTimer load_clock_;
    double load_s_ = 0;
    int next_entry_ = 0;  // the log row the next carried-out entry updates
    QString scenario_;
    AskPath ask_path_;
};

}  // namespace seckill::ui
