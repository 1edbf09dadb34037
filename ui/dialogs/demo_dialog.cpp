#include "dialogs/demo_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <tuple>

#include "views/demo_summary_view.h"
#include "views/load_panel.h"

namespace seckill::ui {

DemoDialog::DemoDialog(QWidget* parent) : QDialog(parent), presets_(demo_presets()) {
    setWindowTitle(tr("Run demo"));
    setObjectName(QStringLiteral("dialog.demo"));
    preset_ = new QComboBox(this);
    for (const DemoPreset& p : presets_) preset_->addItem(p.name);
    about_ = new QLabel(this);
    about_->setWordWrap(true);
    stock_ = new QSpinBox(this);
    stock_->setRange(1, 1'000'000);
    stock_->setGroupSeparatorShown(true);
    buyers_ = new QSpinBox(this);
    buyers_->setRange(1, 10'000'000);
    buyers_->setGroupSeparatorShown(true);
    buyers_->setToolTip(
        tr("Distinct buyers the crowd picks from (each may buy up to the per-user limit)"));
    rate_ = new QDoubleSpinBox(this);
    rate_->setRange(0.5, 100'000);
    rate_->setSuffix(tr(" buys/s"));
    rate_->setToolTip(tr("The speed of the crowd; a spike opens at five times this"));
    duration_ = new QDoubleSpinBox(this);
    duration_->setRange(1, 3600);
    duration_->setSuffix(tr(" s"));
    profile_ = LoadPanel::profileChoice(this);
    pay_ = LoadPanel::shareBox(this);
    cancel_ = LoadPanel::shareBox(this);
    pay_->setToolTip(tr("Of the buyers who reserved, the share that pays"));
    cancel_->setToolTip(tr("… and the share that cancels; the rest let the payment deadline pass"));
    timeout_ = new QSpinBox(this);
    timeout_->setRange(1, 3600);
    timeout_->setSuffix(tr(" s"));
    group_commit_ = new QCheckBox(tr("Group commit (off: one ledger call per buy)"), this);

    auto* choice = new QFormLayout;
    choice->addRow(tr("Preset"), preset_);
    auto* form = new QFormLayout;
    form->addRow(tr("Stock"), stock_);
    form->addRow(tr("Buyers"), buyers_);
    form->addRow(tr("Rate"), rate_);
    form->addRow(tr("Load for"), duration_);
    form->addRow(tr("Shape"), profile_);
    form->addRow(tr("Pay share"), pay_);
    form->addRow(tr("Cancel share"), cancel_);
    form->addRow(tr("Payment timeout"), timeout_);
    form->addRow(QString(), group_commit_);

    run_ = new QPushButton(tr("&Run"), this);
    run_->setObjectName(QStringLiteral("demo.run"));
    pause_ = new QPushButton(tr("&Pause load"), this);
    pause_->setCheckable(true);
    pause_->setToolTip(tr("Hold the crowd (no buys are sent) and let it go on where it stopped"));
    end_ = new QPushButton(tr("&End demo now"), this);
    end_->setToolTip(tr(
        "Stop the load, end the sale and show the summary without waiting for payment deadlines"));
    phase_ = new QLabel(tr("Not running."), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(pause_);
    buttons->addWidget(end_);
    buttons->addWidget(phase_, 1);
    summary_ = new DemoSummaryView(this);

    auto* layout = new QVBoxLayout(this);
    // Between two forms, not in one: a wrapped label in a form row gets one line's height.
    layout->addLayout(choice);
    layout->addWidget(about_);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(summary_, 1);

    connect(preset_, &QComboBox::currentIndexChanged, this, &DemoDialog::choosePreset);
    connect(run_, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(plan()); });
    connect(end_, &QPushButton::clicked, this, &DemoDialog::endRequested);
    connect(pause_, &QPushButton::toggled, this, [this](bool on) {
        pause_->setText(on ? tr("Re&sume load") : tr("&Pause load"));
        Q_EMIT pauseRequested(on);
    });
    choosePreset(0);
    setPhase(DemoScenario::Phase::idle);
    resize(640, 780);  // room for the summary's stage table without scrolling
}

void DemoDialog::choosePreset(int index) {
    if (index < 0 || index >= int(presets_.size())) return;
    if (preset_->currentIndex() != index) preset_->setCurrentIndex(index);
    about_->setText(presets_[std::size_t(index)].about);
    showPlan(presets_[std::size_t(index)].plan);
}

void DemoDialog::showPlan(const DemoPlan& p) {
    stock_->setValue(int(p.stock));
    buyers_->setValue(int(p.load.users));
    rate_->setValue(p.load.rate);
    duration_->setValue(p.load.duration_s);
    profile_->setCurrentIndex(profile_->findData(int(p.load.profile)));
    pay_->setValue(p.load.pay_share);
    cancel_->setValue(p.load.cancel_share);
    timeout_->setValue(int(p.pay_timeout_s));
    group_commit_->setChecked(p.groupCommit());
}

DemoPlan DemoDialog::plan() const {
    DemoPlan p = presets_.at(std::size_t(std::max(0, preset_->currentIndex()))).plan;
    p.stock = stock_->value();
    p.load.users = buyers_->value();
    p.load.rate = rate_->value();
    p.load.duration_s = duration_->value();
    p.load.profile = load::Profile(profile_->currentData().toInt());
    p.load.pay_share = pay_->value();
    // Shares of one crowd: cancels take what paying leaves.
    p.load.cancel_share = std::min(cancel_->value(), 1.0 - p.load.pay_share);
    p.pay_timeout_s = timeout_->value();
    p.commit_batch = group_commit_->isChecked() ? (p.commit_batch == 1 ? 0 : p.commit_batch) : 1;
    // The summary names what ran: a preset the operator changed is not that preset.
    const DemoPlan& preset = presets_.at(std::size_t(std::max(0, preset_->currentIndex()))).plan;
    auto knobs = [](const DemoPlan& d) {
        return std::tuple(d.stock, d.load.users, d.load.rate, d.load.duration_s, d.load.profile,
                          d.load.pay_share, d.load.cancel_share, d.pay_timeout_s, d.groupCommit());
    };
    if (knobs(p) != knobs(preset)) p.name = tr("%1 (changed)").arg(preset.name);
    return p;
}

void DemoDialog::setPhase(DemoScenario::Phase phase) {
    using Phase = DemoScenario::Phase;
    const bool going = phase != Phase::idle;
    run_->setEnabled(!going);
    end_->setEnabled(phase == Phase::loading || phase == Phase::settling);
    pause_->setEnabled(phase == Phase::loading);
    if (phase != Phase::loading && pause_->isChecked()) {
        const QSignalBlocker quiet(pause_);
        pause_->setChecked(false);
        pause_->setText(tr("&Pause load"));
    }
    switch (phase) {
        case Phase::idle:
            phase_->setText(tr("Not running."));
            break;
        case Phase::starting:
            phase_->setText(tr("Starting the sale on the nodes…"));
            break;
        case Phase::loading:
            phase_->setText(tr("Buyers are buying."));
            break;
        case Phase::settling:
            phase_->setText(tr("Load over; waiting for the payment deadlines."));
            break;
        case Phase::ending:
            phase_->setText(tr("Sale ended; waiting for the order DB and the counters."));
            break;
    }
}

void DemoDialog::showSummary(const DemoSummary& summary) { summary_->setSummary(summary); }

}  // namespace seckill::ui
