#pragma once
// A table whose rows are replaced whole on each snapshot. When the rows are the same
// items as before (same keys in the same order) only dataChanged is sent, so views keep
// their selection and scroll position at 4 refreshes a second; otherwise the model resets.
#include <QAbstractTableModel>
#include <QColor>
#include <optional>
#include <vector>

namespace seckill::ui {

template <class Row>
class RowTableModel : public QAbstractTableModel {
  public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(rows_.size());
    }
    const Row* row(int i) const {
        return i >= 0 && i < int(rows_.size()) ? &rows_[std::size_t(i)] : nullptr;
    }
    const std::vector<Row>& rows() const { return rows_; }

    // Why the rows are old ("no data for 7 s — …"), empty while they are current: every
    // cell greys out and its tooltip says why, so an old "up" is never read as live.
    void setStale(const QString& why) {
        if (why == stale_) return;
        stale_ = why;
        if (!rows_.empty())
            Q_EMIT dataChanged(index(0, 0), index(int(rows_.size()) - 1, columnCount() - 1));
    }
    const QString& stale() const { return stale_; }

  protected:
    // `same` tells whether two rows stand for the same item.
    template <class Same>
    void setRows(std::vector<Row> rows, Same same) {
        bool keep = rows.size() == rows_.size();
        for (std::size_t i = 0; keep && i < rows.size(); ++i) keep = same(rows[i], rows_[i]);
        if (!keep) {
            beginResetModel();
            rows_ = std::move(rows);
            endResetModel();
            return;
        }
        rows_ = std::move(rows);
        if (!rows_.empty())
            Q_EMIT dataChanged(index(0, 0), index(int(rows_.size()) - 1, columnCount() - 1));
    }

    // What a stale table shows for `role` instead of the row's own colour and tooltip.
    std::optional<QVariant> staleData(int role) const {
        if (stale_.isEmpty()) return std::nullopt;
        if (role == Qt::ForegroundRole) return QVariant(QColor(Qt::gray));
        if (role == Qt::ToolTipRole) return QVariant(stale_);
        return std::nullopt;
    }

  private:
    std::vector<Row> rows_;
    QString stale_;
};

}  // namespace seckill::ui
