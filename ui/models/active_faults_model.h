#pragma once
// The Faults dock's list: every fault active on a node (node, kind, parameters, time left).
// Rows come from each snapshot; between snapshots tick() counts the time left down, so
// the column moves every second even when the backend refreshes slower.
#include "backend/cluster_snapshot.h"
#include "models/row_table_model.h"

namespace seckill::ui {

struct ActiveFaultRow {
    std::string node;
    FaultView fault;
};

class ActiveFaultsModel final : public RowTableModel<ActiveFaultRow> {
    Q_OBJECT

  public:
    // Time left before the parameters: the one column that must stay in view.
    enum Column { node, kind, left, parameters, column_count };
    static constexpr int node_id_role = Qt::UserRole;
    static constexpr int seconds_left_role = Qt::UserRole + 1;  // double

    using RowTableModel::RowTableModel;

    // Faults that ended before the snapshot was taken are left out (a dead node's last
    // heartbeat may still list them).
    void update(const ClusterSnapshot& snap);
    // The wall clock now: only the time-left column changes.
    void tick(Millis now);

    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : column_count;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  private:
    double secondsLeft(const ActiveFaultRow& r) const;
    Millis now_ = 0;
};

}  // namespace seckill::ui
