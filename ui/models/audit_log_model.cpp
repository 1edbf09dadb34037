#include "models/audit_log_model.h"

#include <QColor>
#include <QFont>

namespace seckill::ui {

void AuditLogModel::load(std::vector<AuditEntry> entries) {
    beginResetModel();
    rows_ = std::move(entries);
    if (rows_.size() > std::size_t(max_rows)) rows_.resize(std::size_t(max_rows));
    endResetModel();
}

void AuditLogModel::prepend(const AuditEntry& entry) {
    beginInsertRows({}, 0, 0);
    rows_.insert(rows_.begin(), entry);
    endInsertRows();
    if (rows_.size() > std::size_t(max_rows)) {
        beginRemoveRows({}, max_rows, int(rows_.size()) - 1);
        rows_.resize(std::size_t(max_rows));
        endRemoveRows();
    }
}

const AuditEntry* AuditLogModel::entry(int row) const {
    return row >= 0 && row < int(rows_.size()) ? &rows_[std::size_t(row)] : nullptr;
}

int AuditLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}
int AuditLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : column_count;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const {
    const AuditEntry* e = entry(index.row());
    if (!e || index.column() < 0 || index.column() >= column_count) return {};
    if (role == Qt::ForegroundRole && index.column() == result)
        return QColor(e->ok                        ? QStringLiteral("#1b7f3b")
                      : e->automatic || e->unknown ? QStringLiteral("#e65100")
                                                   : QStringLiteral("#c62828"));
    // A node's own decisions read apart from the operator's actions.
    if (role == Qt::FontRole && e->automatic) {
        QFont italic;
        italic.setItalic(true);
        return italic;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (Column(index.column())) {
        case when:
            return e->when.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        case what:
            return e->what;
        case target:
            return e->target;
        case result:
            if (e->automatic) return e->ok ? QStringLiteral("event") : QStringLiteral("alert");
            if (e->unknown) return QStringLiteral("unknown");
            return e->ok ? QStringLiteral("ok") : QStringLiteral("failed");
        case message:
            return e->message;
        case cluster:
            return e->cluster;
        case operator_name:
            return e->operator_name;
        case column_count:
            break;
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"When",    "Action",   "Target", "Result",
                                        "Cluster", "Operator", "Message"};
    return section >= 0 && section < column_count ? QVariant(QString::fromLatin1(names[section]))
                                                  : QVariant();
}

}  // namespace seckill::ui
