#pragma once
// The sales table: every sale the ledger knows with its state and stock counts.
#include "backend/cluster_snapshot.h"
#include "models/row_table_model.h"

namespace seckill::ui {

class SalesTableModel final : public RowTableModel<SaleView> {
    Q_OBJECT

  public:
    enum Column {
        id,
        name,
        state,
        total,
        sold,
        reserved,
        paid,
        remaining,
        per_user,
        pay_timeout,
        starts,
        ends,
        column_count
    };
    static constexpr int sale_id_role = Qt::UserRole;

    using RowTableModel::RowTableModel;

    void update(const ClusterSnapshot& snap);
    // The row of a sale, or -1.
    int rowOf(const std::string& sale) const;

    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : column_count;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  private:
    static QVariant display(const SaleView& s, int column);
};

}  // namespace seckill::ui
