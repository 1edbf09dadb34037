#include "models/invariants_model.h"

#include <QColor>
#include <algorithm>

namespace seckill::ui {

QString invariant_meaning(const std::string& id) {
    if (id == "I1") return QStringLiteral("conservation");
    if (id == "I2") return QStringLiteral("no oversell");
    if (id == "I3") return QStringLiteral("per-user limit");
    if (id == "I4") return QStringLiteral("no lost confirmation");
    if (id == "I5") return QStringLiteral("nothing stranded");
    if (id == "I6") return QStringLiteral("expiry on time");
    if (id == "I7") return QStringLiteral("leases agree");
    if (id == "I8") return QStringLiteral("no undersell");
    return QString();
}

void InvariantsModel::update(const ClusterSnapshot& snap) {
    setRows(snap.invariants ? snap.invariants->checks : std::vector<store::InvariantCheck>{},
            [](const store::InvariantCheck& a, const store::InvariantCheck& b) {
                return a.id == b.id;
            });
}

bool InvariantsModel::allHold() const {
    return std::all_of(rows().begin(), rows().end(), [](const auto& c) { return c.ok; });
}

QVariant InvariantsModel::data(const QModelIndex& index, int role) const {
    const store::InvariantCheck* c = row(index.row());
    if (!c || index.column() < 0 || index.column() >= column_count) return {};
    if (auto stale = staleData(role)) return *stale;
    // An old green light is not a green light: grey until a fresh report comes.
    const QColor colour(!stale().isEmpty() ? QStringLiteral("#9e9e9e")
                        : c->ok            ? QStringLiteral("#1b7f3b")
                                           : QStringLiteral("#c62828"));
    switch (role) {
        case Qt::DisplayRole:
            if (index.column() == id) return QString::fromStdString(c->id);
            if (index.column() == meaning) return invariant_meaning(c->id);
            return QString::fromStdString(c->detail);
        case Qt::DecorationRole:
            return index.column() == id ? QVariant(colour) : QVariant();
        case Qt::ForegroundRole:
            return index.column() == id ? QVariant(colour) : QVariant();
        case Qt::ToolTipRole:
            return QString::fromStdString(c->detail);
        case Qt::AccessibleTextRole:
            return c->ok ? QStringLiteral("holds") : QStringLiteral("broken");
        default:
            return {};
    }
}

QVariant InvariantsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"Invariant", "Meaning", "Detail"};
    return section >= 0 && section < column_count ? QVariant(QString::fromLatin1(names[section]))
                                                  : QVariant();
}

}  // namespace seckill::ui
