#include "models/sales_table_model.h"

#include <QDateTime>

namespace seckill::ui {
namespace {

QVariant when(const std::optional<Millis>& t) {
    if (!t) return QStringLiteral("–");
    return QDateTime::fromMSecsSinceEpoch(*t).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

}  // namespace

void SalesTableModel::update(const ClusterSnapshot& snap) {
    setRows(snap.sales,
            [](const SaleView& a, const SaleView& b) { return a.config.id == b.config.id; });
}

int SalesTableModel::rowOf(const std::string& sale) const {
    for (std::size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].config.id == sale) return int(i);
    return -1;
}

QVariant SalesTableModel::display(const SaleView& s, int column) {
    switch (Column(column)) {
        case id:
            return QString::fromStdString(s.config.id);
        case name:
            return QString::fromStdString(s.config.name);
        case state:
            return QString::fromLatin1(to_string(s.state).data(),
                                       qsizetype(to_string(s.state).size()));
        case total:
            return qlonglong(s.stock.total);
        case sold:
            return qlonglong(s.stock.sold());
        case reserved:
            return qlonglong(s.stock.reserved);
        case paid:
            return qlonglong(s.stock.paid);
        case remaining:
            return qlonglong(s.stock.remaining());
        case per_user:
            return s.config.per_user_limit;
        case pay_timeout:
            return qlonglong(s.config.pay_timeout_s);
        case starts:
            return when(s.config.starts_at);
        case ends:
            return when(s.config.ends_at);
        case column_count:
            break;
    }
    return {};
}

QVariant SalesTableModel::data(const QModelIndex& index, int role) const {
    const SaleView* s = row(index.row());
    if (!s || index.column() < 0 || index.column() >= column_count) return {};
    if (auto stale = staleData(role)) return *stale;
    switch (role) {
        case Qt::DisplayRole:
            return display(*s, index.column());
        case sale_id_role:
            return QString::fromStdString(s->config.id);
        case Qt::TextAlignmentRole:
            return index.column() >= total && index.column() <= pay_timeout
                       ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                       : QVariant();
        default:
            return {};
    }
}

QVariant SalesTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o == Qt::Horizontal && role == Qt::ToolTipRole) {
        // The words of the tiles and the API (core/sale.h): the columns add up.
        switch (Column(section)) {
            case sold:
                return tr("Sold = reserved + paid");
            case reserved:
                return tr(
                    "Held by an order awaiting payment; back to the pool on cancel or expiry");
            case paid:
                return tr("Orders paid");
            case remaining:
                return tr("Still for sale (pool + leased to nodes); total = sold + remaining");
            default:
                return {};
        }
    }
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"Sale",     "Name",          "State",  "Total",
                                        "Sold",     "Reserved",      "Paid",   "Remaining",
                                        "Per user", "Pay timeout s", "Starts", "Ends"};
    return section >= 0 && section < column_count ? QVariant(QString::fromLatin1(names[section]))
                                                  : QVariant();
}

}  // namespace seckill::ui
