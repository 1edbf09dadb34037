#include "models/active_faults_model.h"

#include <QColor>
#include <algorithm>

#include "backend/fault_wire.h"

namespace seckill::ui {

void ActiveFaultsModel::update(const ClusterSnapshot& snap) {
    now_ = std::max(now_, snap.taken_at);
    std::vector<ActiveFaultRow> rows;
    for (const NodeStatus& n : snap.nodes)
        for (const FaultView& f : n.stats.faults)
            if (f.ends_at > snap.taken_at) rows.push_back({n.info.id, f});
    setRows(std::move(rows), [](const ActiveFaultRow& a, const ActiveFaultRow& b) {
        return a.node == b.node && a.fault.id == b.fault.id;
    });
}

void ActiveFaultsModel::tick(Millis now) {
    now_ = now;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, left), index(rowCount() - 1, left));
}

double ActiveFaultsModel::secondsLeft(const ActiveFaultRow& r) const {
    return double(std::max<Millis>(0, r.fault.ends_at - now_)) / 1000.0;
}

QVariant ActiveFaultsModel::data(const QModelIndex& index, int role) const {
    const ActiveFaultRow* r = row(index.row());
    if (!r || index.column() < 0 || index.column() >= column_count) return {};
    if (role == node_id_role) return QString::fromStdString(r->node);
    if (role == seconds_left_role) return secondsLeft(*r);
    if (role == Qt::TextAlignmentRole && index.column() == left)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == kind)
        return QColor(QStringLiteral("#c62828"));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (Column(index.column())) {
        case node:
            return QString::fromStdString(r->node);
        case kind:
            return QString::fromStdString(r->fault.kind);
        case parameters:
            return describe_parameters(r->fault);
        // Whole seconds, rounded up: "0 s" would read as over while it still runs.
        case left:
            return QStringLiteral("%1 s").arg(
                qint64((std::max<Millis>(0, r->fault.ends_at - now_) + 999) / 1000));
        case column_count:
            break;
    }
    return {};
}

QVariant ActiveFaultsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"Node", "Fault", "Left", "Parameters"};
    return section >= 0 && section < column_count ? QVariant(QString::fromLatin1(names[section]))
                                                  : QVariant();
}

}  // namespace seckill::ui
