#include "models/node_table_model.h"

#include <QColor>
#include <QStringList>
#include <algorithm>

namespace seckill::ui {

void NodeTableModel::update(const ClusterSnapshot& snap) {
    sale_ = snap.selected_sale;
    setRows(snap.nodes,
            [](const NodeStatus& a, const NodeStatus& b) { return a.info.id == b.info.id; });
}

QVariant NodeTableModel::display(const NodeStatus& n, int column) const {
    // A local drained node is a stopped process (no heartbeat): nothing of it is current.
    const bool up = reports_live(n.health) && n.info.last_heartbeat > 0;
    switch (Column(column)) {
        case id:
            return QString::fromStdString(n.info.id);
        case address:
            return QString::fromStdString(n.info.address);
        case health:
            return QString::fromLatin1(health_name(n.health));
        case heartbeat:
            if (n.info.last_heartbeat == 0) return QStringLiteral("–");
            // Aged on the console's clock (NodeWatch), not by the node's stamp.
            return QStringLiteral("%1 s ago").arg(double(n.heartbeat_age_ms) / 1000.0, 0, 'f', 1);
        case qps:
            return up ? QVariant(qRound64(n.requests_per_s)) : QVariant(QStringLiteral("–"));
        case p99:
            return up ? QVariant(QString::number(n.stats.p99_ms, 'f', 2))
                      : QVariant(QStringLiteral("–"));
        case lease: {
            // The selected sale's lease as the ledger records it, the same number the
            // allocation chart draws.
            // The ledger drops a node's record for a sale once it holds none of it.
            if (sale_.empty()) return QStringLiteral("–");
            auto it = n.info.leases.find(sale_);
            return qlonglong(it == n.info.leases.end() ? 0 : it->second);
        }
        case degrade:
            return n.stats.degrade_level;
        case breaker:
            return up ? QVariant(QString::fromStdString(n.stats.ledger_breaker))
                      : QVariant(QStringLiteral("–"));
        case faults: {
            QStringList kinds;
            for (const FaultView& f : n.stats.faults) kinds << QString::fromStdString(f.kind);
            return kinds.join(QStringLiteral(", "));
        }
        case column_count:
            break;
    }
    return {};
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const {
    const NodeStatus* n = row(index.row());
    if (!n || index.column() < 0 || index.column() >= column_count) return {};
    if (auto stale = staleData(role)) return *stale;
    switch (role) {
        case Qt::DisplayRole:
            return display(*n, index.column());
        case Qt::ToolTipRole:
            if (index.column() == health && !n->health_detail.empty())
                return QString::fromStdString(n->health_detail);
            if (index.column() == lease && n->stats.lease_disagreements.contains(sale_))
                return tr("the node counts a different lease for %1 than the ledger records (I7): "
                          "it resyncs within a "
                          "heartbeat; if it persists, see the invariants")
                    .arg(QString::fromStdString(sale_));
            if (index.column() == lease)
                return tr("unsold units of the selected sale this node holds, per the ledger");
            return {};
        case node_id_role:
            return QString::fromStdString(n->info.id);
        case Qt::TextAlignmentRole:
            return index.column() >= qps && index.column() <= degrade
                       ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                       : QVariant();
        case Qt::ForegroundRole:
            // An open breaker and an injected fault are what QA looks for in the table.
            if (index.column() == breaker && n->stats.ledger_breaker != "closed")
                return QColor(n->stats.ledger_breaker == "open" ? QStringLiteral("#c62828")
                                                                : QStringLiteral("#e65100"));
            if (index.column() == faults) return QColor(QStringLiteral("#c62828"));
            if (index.column() == lease && n->stats.lease_disagreements.contains(sale_))
                return QColor(QStringLiteral("#c62828"));
            if (index.column() != health) return {};
            if (n->health == NodeHealth::up) return QColor(QStringLiteral("#1b7f3b"));
            if (n->health == NodeHealth::late) return QColor(QStringLiteral("#e65100"));
            return n->health == NodeHealth::dead || n->health == NodeHealth::crashed
                       ? QColor(QStringLiteral("#c62828"))
                       : QColor(Qt::gray);
        default:
            return {};
    }
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"Node",   "Address",      "Health",  "Heartbeat", "QPS",
                                        "p99 ms", "Lease (sale)", "Degrade", "Breaker",   "Faults"};
    return section >= 0 && section < column_count ? QVariant(QString::fromLatin1(names[section]))
                                                  : QVariant();
}

}  // namespace seckill::ui
