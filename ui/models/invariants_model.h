#pragma once
// Invariants I1–I8 of the selected sale, green when they hold and red when they do not,
// with the ledger's sentence saying why.
#include "backend/cluster_snapshot.h"
#include "models/row_table_model.h"

namespace seckill::ui {

class InvariantsModel final : public RowTableModel<store::InvariantCheck> {
    Q_OBJECT

  public:
    enum Column { id, meaning, detail, column_count };

    using RowTableModel::RowTableModel;

    void update(const ClusterSnapshot& snap);
    bool allHold() const;

    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : column_count;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
};

// docs/architecture.md (Invariants I1–I8) in a few words: "I1" → "conservation".
QString invariant_meaning(const std::string& id);

}  // namespace seckill::ui
