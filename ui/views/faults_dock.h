#pragma once
// The Faults dock (QA): pick nodes, a fault kind (every row of store::fault_kinds),
// its latency (latency kinds only), the share of calls it hits and how long it lasts;
// Inject. Below, the faults active on the cluster with their time left, and Clear all.
// The widget only asks: MainWindow routes injectRequested / clearRequested to
// FaultActions, which confirms, and the backend, which acts and audits.
#include <QWidget>

#include "backend/cluster_snapshot.h"
#include "store/fault_plan.h"

class QComboBox;
class QDoubleSpinBox;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace seckill::ui {

class ActiveFaultsModel;

class FaultsDock final : public QWidget {
    Q_OBJECT

  public:
    explicit FaultsDock(QWidget* parent = nullptr);

    // Refreshes the node list (live nodes, checks kept) and the active faults.
    void update(const ClusterSnapshot& snap);
    // The fault the form describes now (the node field is left empty).
    store::FaultSpec spec() const;
    QStringList checkedNodes() const;
    ActiveFaultsModel* activeModel() const { return active_; }

  Q_SIGNALS:
    void injectRequested(const QStringList& nodes, const seckill::store::FaultSpec& spec);
    void clearRequested();

  private:
    void kindChanged();

    QListWidget* nodes_;
    QComboBox* kind_;
    QSpinBox* ms_;
    QSpinBox* jitter_;
    QDoubleSpinBox* ratio_;
    QDoubleSpinBox* duration_;
    QPushButton* inject_;
    QTableView* table_;
    QPushButton* clear_;
    ActiveFaultsModel* active_;
    QTimer* ticker_;
};

}  // namespace seckill::ui

Q_DECLARE_METATYPE(seckill::store::FaultSpec)
