#pragma once
// The live verdict of a scenario run: one row per check, in the order the runner judges
// them, grey while pending, then green or red with the check's sentence and numbers as
// each is judged. A check the run adds that was not listed (the `run` check of a run that
// could not be carried out) is appended.
#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace seckill::ui {

class VerdictModel final : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column { check, result, summary, column_count };
    enum class State { pending, pass, fail };
    static constexpr int state_role = Qt::UserRole + 1;  // the State as an int

    using QAbstractTableModel::QAbstractTableModel;

    // Every row back to pending, one per id.
    void reset(const std::vector<QString>& ids);
    void judged(const QString& id, bool pass, const QString& sentence);

    State state(int row) const;
    int pending() const;
    int failed() const;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(rows_.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : column_count;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  private:
    struct Row {
        QString id;
        State state = State::pending;
        QString summary;
    };
    std::vector<Row> rows_;
};

// What a check proves, in a few words (docs/scenarios.md, The checks): "no_oversell" → "units held
// ≤ total".
QString check_meaning(const QString& id);

}  // namespace seckill::ui
