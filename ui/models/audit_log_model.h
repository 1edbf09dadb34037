#pragma once
// The log pane: audit entries newest first (when, what, target, result, cluster,
// operator, message).
#include <QAbstractTableModel>
#include <vector>

#include "audit/audit_entry.h"

namespace seckill::ui {

class AuditLogModel final : public QAbstractTableModel {
    Q_OBJECT

  public:
    // The message last: it is the long one, and the pane stretches the last column.
    enum Column { when, what, target, result, cluster, operator_name, message, column_count };
    static constexpr int max_rows = 1000;  // the file keeps everything; the pane the recent part

    using QAbstractTableModel::QAbstractTableModel;

    // Entries newest first, as AuditLog::recent gives them.
    void load(std::vector<AuditEntry> entries);
    void prepend(const AuditEntry& entry);
    const AuditEntry* entry(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  private:
    std::vector<AuditEntry> rows_;  // newest first
};

}  // namespace seckill::ui
