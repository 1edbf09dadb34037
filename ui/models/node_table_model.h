#pragma once
// The node table: id, address, health, last heartbeat, QPS, p99, the selected sale's lease, degrade
// level, the ledger breaker's state and the faults injected into the node.
#include "backend/cluster_snapshot.h"
#include "models/row_table_model.h"

namespace seckill::ui {

class NodeTableModel final : public RowTableModel<NodeStatus> {
    Q_OBJECT

  public:
    enum Column {
        id,
        address,
        health,
        heartbeat,
        qps,
        p99,
        lease,
        degrade,
        breaker,
        faults,
        column_count
    };
    static constexpr int node_id_role = Qt::UserRole;

    using RowTableModel::RowTableModel;

    void update(const ClusterSnapshot& snap);

    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : column_count;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  private:
    QVariant display(const NodeStatus& n, int column) const;
    std::string sale_;  // the selected sale: the Lease column is its lease
};

}  // namespace seckill::ui
