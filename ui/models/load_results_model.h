#pragma once
// What a load run saw, as rows of measure and value: buys by status, follow-ups, rate and
// latency quantiles.
#include "load/load_report.h"
#include "models/row_table_model.h"

namespace seckill::ui {

struct LoadResultRow {
    QString measure;
    QString value;
};

class LoadResultsModel final : public RowTableModel<LoadResultRow> {
    Q_OBJECT

  public:
    enum Column { measure, value, column_count };

    using RowTableModel::RowTableModel;

    void update(const load::LoadReport& report);

    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : column_count;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
};

}  // namespace seckill::ui
