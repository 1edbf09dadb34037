#include "models/verdict_model.h"

#include <QColor>
#include <algorithm>

namespace seckill::ui {

QString check_meaning(const QString& id) {
    static const std::pair<const char*, const char*> meanings[] = {
        {"no_oversell", "units held never above the total"},
        {"none_lost", "every 201 is an order in the ledger"},
        {"no_double_sale", "no order id told to two buyers"},
        {"per_user_limit", "no buyer over the limit"},
        {"paid_stays_paid", "every paid order stays paid"},
        {"nothing_stranded", "no unit left with a dead node"},
        {"undersell_bound", "few refusals while units were sellable"},
        {"availability", "buys answered in time, per phase"},
        {"recovery", "buys succeed again after each fault"},
        {"timeline", "every timeline entry carried out"},
        {"invariants", "the engine's I1-I8 hold afterwards"},
        {"recovered", "every recovery wait ended in time"},
        {"run", "the scenario could be run"},
    };
    for (const auto& [key, text] : meanings)
        if (id == QLatin1String(key)) return QString::fromUtf8(text);
    return QString();
}

void VerdictModel::reset(const std::vector<QString>& ids) {
    beginResetModel();
    rows_.clear();
    for (const QString& id : ids) rows_.push_back({id, State::pending, QString()});
    endResetModel();
}

void VerdictModel::judged(const QString& id, bool pass, const QString& sentence) {
    auto it = std::find_if(rows_.begin(), rows_.end(), [&](const Row& r) { return r.id == id; });
    if (it == rows_.end()) {
        const int at = int(rows_.size());
        beginInsertRows({}, at, at);
        rows_.push_back({id, pass ? State::pass : State::fail, sentence});
        endInsertRows();
        return;
    }
    it->state = pass ? State::pass : State::fail;
    it->summary = sentence;
    const int r = int(it - rows_.begin());
    Q_EMIT dataChanged(index(r, 0), index(r, column_count - 1));
}

VerdictModel::State VerdictModel::state(int row) const {
    return row >= 0 && row < int(rows_.size()) ? rows_[std::size_t(row)].state : State::pending;
}

int VerdictModel::pending() const {
    return int(std::count_if(rows_.begin(), rows_.end(),
                             [](const Row& r) { return r.state == State::pending; }));
}

int VerdictModel::failed() const {
    return int(std::count_if(rows_.begin(), rows_.end(),
                             [](const Row& r) { return r.state == State::fail; }));
}

QVariant VerdictModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(rows_.size()) || index.column() >= column_count)
        return {};
    const Row& r = rows_[std::size_t(index.row())];
    const QColor colour(r.state == State::pending ? QStringLiteral("#9e9e9e")
                        : r.state == State::pass  ? QStringLiteral("#1b7f3b")
                                                  : QStringLiteral("#c62828"));
    const QString word = r.state == State::pending ? tr("pending")
                         : r.state == State::pass  ? tr("PASS")
                                                   : tr("FAIL");
    switch (role) {
        case Qt::DisplayRole:
            if (index.column() == check) return r.id;
            if (index.column() == result) return word;
            return r.summary.isEmpty() ? check_meaning(r.id) : r.summary;
        case Qt::DecorationRole:
            return index.column() == check ? QVariant(colour) : QVariant();
        case Qt::ForegroundRole:
            // Pending rows are grey throughout; judged ones colour their id and result.
            return r.state == State::pending || index.column() != summary ? QVariant(colour)
                                                                          : QVariant();
        case Qt::ToolTipRole:
            return check_meaning(r.id) +
                   (r.summary.isEmpty() ? QString() : QStringLiteral("\n") + r.summary);
        case Qt::AccessibleTextRole:
            return word;
        case state_role:
            return int(r.state);
        default:
            return {};
    }
}

QVariant VerdictModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"Check", "Result", "Numbers"};
    return section >= 0 && section < column_count ? QVariant(tr(names[section])) : QVariant();
}

}  // namespace seckill::ui
