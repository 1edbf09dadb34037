#pragma once
// Create a sale: id, name, stock, per-user limit, payment timeout and an optional schedule,
// checked with the operation's own check (node::check_sale) before OK.
#include <QDialog>

#include "core/sale.h"

class QCheckBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace seckill::ui {

class SaleDialog final : public QDialog {
    Q_OBJECT

  public:
    explicit SaleDialog(QWidget* parent = nullptr);

    SaleConfig config() const;
    // Start selling as soon as the sale exists (otherwise it waits, scheduled).
    bool startNow() const;

  private:
    void revalidate();

    QLineEdit* id_;
    QLineEdit* name_;
    QSpinBox* total_;
    QSpinBox* per_user_;
    QSpinBox* pay_timeout_;
    QCheckBox* has_start_;
    QDateTimeEdit* starts_;
    QCheckBox* has_end_;
    QDateTimeEdit* ends_;
    QCheckBox* start_now_;
    QLabel* error_;
    QDialogButtonBox* buttons_;
};

}  // namespace seckill::ui
