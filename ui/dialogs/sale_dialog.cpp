#include "dialogs/sale_dialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include "node/operations/sale_operations.h"

namespace seckill::ui {

SaleDialog::SaleDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("New sale"));
    auto* form = new QFormLayout(this);
    id_ = new QLineEdit(this);
    id_->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9_-]{0,32}")), id_));
    id_->setPlaceholderText(QStringLiteral("spring-sale"));
    name_ = new QLineEdit(this);
    name_->setMaxLength(200);
    total_ = new QSpinBox(this);
    // The bounds validate() enforces (core/sale.h), so the dialog cannot offer a refused value.
    total_->setRange(1, int(max_sale_total));
    total_->setValue(1000);
    total_->setGroupSeparatorShown(true);
    per_user_ = new QSpinBox(this);
    per_user_->setRange(1, int(max_per_user_limit));
    pay_timeout_ = new QSpinBox(this);
    pay_timeout_->setRange(1, int(max_pay_timeout_s));
    pay_timeout_->setValue(600);
    pay_timeout_->setSuffix(tr(" s"));
    const QDateTime soon = QDateTime::currentDateTime().addSecs(3600);
    has_start_ = new QCheckBox(tr("opens by itself at"), this);
    starts_ = new QDateTimeEdit(soon, this);
    has_end_ = new QCheckBox(tr("closes by itself at"), this);
    ends_ = new QDateTimeEdit(soon.addSecs(3600), this);
    for (auto* edit : {starts_, ends_}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setEnabled(false);
    }
    start_now_ = new QCheckBox(tr("start selling now"), this);
    start_now_->setChecked(true);
    error_ = new QLabel(this);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    // Names for tests that fill the form as an operator would.
    id_->setObjectName(QStringLiteral("id"));
    total_->setObjectName(QStringLiteral("total"));
    has_start_->setObjectName(QStringLiteral("hasStart"));
    starts_->setObjectName(QStringLiteral("starts"));
    error_->setObjectName(QStringLiteral("error"));

    form->addRow(tr("Sale id"), id_);
    form->addRow(tr("Name"), name_);
    form->addRow(tr("Stock"), total_);
    form->addRow(tr("Per-user limit"), per_user_);
    form->addRow(tr("Payment timeout"), pay_timeout_);
    form->addRow(has_start_, starts_);
    form->addRow(has_end_, ends_);
    form->addRow(QString(), start_now_);
    form->addRow(error_);
    form->addRow(buttons_);

    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(has_start_, &QCheckBox::toggled, starts_, &QWidget::setEnabled);
    connect(has_end_, &QCheckBox::toggled, ends_, &QWidget::setEnabled);
    // A scheduled sale opens by itself; "start now" would contradict it.
    connect(has_start_, &QCheckBox::toggled, start_now_, [this](bool on) {
        start_now_->setEnabled(!on);
        if (on) start_now_->setChecked(false);
    });
    for (auto* w : {id_, name_}) connect(w, &QLineEdit::textChanged, this, &SaleDialog::revalidate);
    for (auto* w : {total_, per_user_, pay_timeout_})
        connect(w, &QSpinBox::valueChanged, this, &SaleDialog::revalidate);
    for (auto* w : {has_start_, has_end_})
        connect(w, &QCheckBox::toggled, this, &SaleDialog::revalidate);
    for (auto* w : {starts_, ends_})
        connect(w, &QDateTimeEdit::dateTimeChanged, this, &SaleDialog::revalidate);
    revalidate();
}

SaleConfig SaleDialog::config() const {
    SaleConfig c;
    c.id = id_->text().toStdString();
    c.name = name_->text().isEmpty() ? c.id : name_->text().toStdString();
    c.total = total_->value();
    c.per_user_limit = per_user_->value();
    c.pay_timeout_s = pay_timeout_->value();
    if (has_start_->isChecked()) c.starts_at = starts_->dateTime().toMSecsSinceEpoch();
    if (has_end_->isChecked()) c.ends_at = ends_->dateTime().toMSecsSinceEpoch();
    return c;
}

bool SaleDialog::startNow() const { return start_now_->isEnabled() && start_now_->isChecked(); }

void SaleDialog::revalidate() {
    const auto err = node::check_sale(config());
    error_->setText(err ? QString::fromStdString(*err) : QString());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!err);
}

}  // namespace seckill::ui
