#pragma once
// Edit the limiter rules as the JSON document of PUT /admin/v1/limits, validated as it is
// typed by the node's own parser (node/limits_json.h).
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace seckill::ui {

class LimitsDialog final : public QDialog {
    Q_OBJECT

  public:
    // `current` is the rule document in force; empty = the nodes' defaults (no rules).
    explicit LimitsDialog(const QString& current, QWidget* parent = nullptr);

    QString rulesJson() const;

  private:
    void revalidate();

    QLabel* in_force_;
    QPlainTextEdit* editor_;
    QLabel* error_;
    QDialogButtonBox* buttons_;
};

}  // namespace seckill::ui
