#pragma once
// Run the load generator against the cluster's live nodes: profile, rate, duration, users,
// pay and cancel shares; buys answered so far while it runs, results by status and
// latency when it ends.
#include <QWidget>
#include <variant>

#include "backend/cluster_snapshot.h"
#include "loadrun/load_runner.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace seckill::ui {

class LoadResultsModel;

class LoadPanel final : public QWidget {
    Q_OBJECT

  public:
    explicit LoadPanel(QWidget* parent = nullptr);

    // The crowd's shapes as a choice (item data: load::Profile), for every form that sets one.
    static QComboBox* profileChoice(QWidget* parent);
    // A share of the buyers who reserved (pay, cancel): 0 to 1 in steps of 0.05.
    static QDoubleSpinBox* shareBox(QWidget* parent);

    // Live nodes become the targets; the selected sale the one to buy from.
    void setSnapshot(const SnapshotPtr& snap);
    // Starts a run with these options (the form shows them); false with a reason shown
    // when there is no live node or a run is going.
    bool run(const load::LoadOptions& options);
    void stop();
    // Holds the crowd of the run going (the Demo dialog's pause) or lets it go on.
    void setPaused(bool paused);
    bool running() const { return runner_.running(); }
    load::LoadOptions formOptions() const;
    // The form's options with the buyer-token secret read from the file the form names
    // (for nodes run with --buyer-auth jwt), or the sentence saying why the file is unusable.
    std::variant<load::LoadOptions, QString> optionsToRun() const;
    LoadResultsModel* results() const { return results_; }

  Q_SIGNALS:
    void finished(const seckill::load::LoadReport& report);

  private:
    void showOptions(const load::LoadOptions& o);
    void onFinished(const load::LoadReport& report);

    SnapshotPtr snapshot_;
    LoadRunner runner_;
    LoadResultsModel* results_;
    QComboBox* profile_;
    QDoubleSpinBox* rate_;
    QDoubleSpinBox* duration_;
    QSpinBox* users_;
    QSpinBox* connections_;
    QDoubleSpinBox* pay_;
    QDoubleSpinBox* cancel_;
    QLineEdit* secret_file_;
    QPushButton* start_;
    QLabel* status_;
    QTimer* progress_;
};

}  // namespace seckill::ui
