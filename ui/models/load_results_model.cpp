#include "models/load_results_model.h"

namespace seckill::ui {

void LoadResultsModel::update(const load::LoadReport& r) {
    std::vector<LoadResultRow> rows;
    auto add = [&](QString m, QString v) { rows.push_back({std::move(m), std::move(v)}); };
    for (const auto& [status, count] : r.buys)
        add(QString::fromStdString(status), QString::number(count));
    add(QStringLiteral("buys total"), QString::number(r.total_buys()));
    add(QStringLiteral("buys/s"), QString::number(r.buys_per_second(), 'f', 0));
    add(QStringLiteral("paid"), QString::number(r.paid));
    add(QStringLiteral("cancelled"), QString::number(r.cancelled));
    add(QStringLiteral("pay/cancel failed"), QString::number(r.pay_failed));
    add(QStringLiteral("transport errors"), QString::number(r.transport_errors));
    for (double q : {0.5, 0.9, 0.99})
        add(QStringLiteral("latency p%1 ms").arg(q * 100),
            QString::number(r.latency.quantile_us(q) / 1000.0, 'f', 2));
    add(QStringLiteral("seconds"), QString::number(r.seconds, 'f', 1));
    // Rows differ per run (statuses seen), so compare by measure.
    setRows(std::move(rows),
            [](const LoadResultRow& a, const LoadResultRow& b) { return a.measure == b.measure; });
}

QVariant LoadResultsModel::data(const QModelIndex& index, int role) const {
    const LoadResultRow* r = row(index.row());
    if (!r || index.column() < 0 || index.column() >= column_count) return {};
    if (role == Qt::TextAlignmentRole && index.column() == value)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    return index.column() == measure ? r->measure : r->value;
}

QVariant LoadResultsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == measure ? QStringLiteral("Measure")
           : section == value ? QStringLiteral("Value")
                              : QVariant();
}

}  // namespace seckill::ui
