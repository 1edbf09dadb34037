#include "views/load_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <exception>

#include "auth/key_file.h"
#include "models/load_results_model.h"

namespace seckill::ui {

QComboBox* LoadPanel::profileChoice(QWidget* parent) {
    auto* box = new QComboBox(parent);
    box->addItem(tr("constant"), int(load::Profile::constant));
    box->addItem(tr("ramp"), int(load::Profile::ramp));
    box->addItem(tr("spike at opening"), int(load::Profile::spike));
    return box;
}

QDoubleSpinBox* LoadPanel::shareBox(QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0, 1);
    box->setSingleStep(0.05);
    return box;
}

LoadPanel::LoadPanel(QWidget* parent) : QWidget(parent), runner_(this) {
    auto* form = new QFormLayout;
    profile_ = profileChoice(this);
    rate_ = new QDoubleSpinBox(this);
    rate_->setRange(0, 1'000'000);
    rate_->setDecimals(0);
    rate_->setSpecialValueText(tr("as fast as possible"));
    rate_->setSuffix(tr(" buys/s"));
    duration_ = new QDoubleSpinBox(this);
    duration_->setRange(0.5, 3600);
    duration_->setSuffix(tr(" s"));
    users_ = new QSpinBox(this);
    users_->setRange(1, 100'000'000);
    users_->setGroupSeparatorShown(true);
    connections_ = new QSpinBox(this);
    connections_->setRange(1, 1024);
    pay_ = shareBox(this);
    cancel_ = shareBox(this);
    form->addRow(tr("Profile"), profile_);
    form->addRow(tr("Rate"), rate_);
    form->addRow(tr("Duration"), duration_);
    form->addRow(tr("Users"), users_);
    form->addRow(tr("Connections"), connections_);
    form->addRow(tr("Winners who pay"), pay_);
    form->addRow(tr("Winners who cancel"), cancel_);
    secret_file_ = new QLineEdit(this);
    secret_file_->setObjectName(QStringLiteral("jwtSecretFile"));
    secret_file_->setPlaceholderText(tr("nodes with --buyer-auth jwt: the HS256 secret file"));
    secret_file_->setToolTip(
        tr("Each virtual user then sends a token signed with this secret, "
           "as seckill-load --jwt-secret-file does. Empty: buyers name "
           "themselves (--buyer-auth open)."));
    form->addRow(tr("Buyer token secret"), secret_file_);
    start_ = new QPushButton(tr("Run load"), this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    form->addRow(start_);
    form->addRow(status_);

    results_ = new LoadResultsModel(this);
    auto* table = new QTableView(this);
    table->setModel(results_);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(table, 1);

    load::LoadOptions defaults;
    defaults.rate = 2000;
    defaults.duration_s = 20;
    defaults.pay_share = 0.3;
    defaults.cancel_share = 0.1;
    showOptions(defaults);

    progress_ = new QTimer(this);
    progress_->setInterval(500);
    connect(progress_, &QTimer::timeout, this,
            [this] { status_->setText(tr("running: %1 buys answered").arg(runner_.sent())); });
    connect(start_, &QPushButton::clicked, this, [this] {
        if (runner_.running()) return stop();
        auto options = optionsToRun();
        if (auto* why = std::get_if<QString>(&options)) return status_->setText(*why);
        run(std::get<load::LoadOptions>(options));
    });
    connect(&runner_, &LoadRunner::finished, this, &LoadPanel::onFinished);
}

void LoadPanel::setSnapshot(const SnapshotPtr& snap) { snapshot_ = snap; }

load::LoadOptions LoadPanel::formOptions() const {
    load::LoadOptions o;
    o.profile = load::Profile(profile_->currentData().toInt());
    o.rate = rate_->value();
    o.duration_s = duration_->value();
    o.users = users_->value();
    o.connections = connections_->value();
    o.pay_share = pay_->value();
    o.cancel_share = cancel_->value();
    return o;
}

std::variant<load::LoadOptions, QString> LoadPanel::optionsToRun() const {
    load::LoadOptions o = formOptions();
    const QString path = secret_file_->text().trimmed();
    if (path.isEmpty()) return o;
    // The same reader as the node's and seckill-load's, so one secret file works for all.
    auto key = auth::load_jwt_secret(path.toStdString());
    if (auto* why = std::get_if<std::string>(&key))
        return tr("Load not started: %1").arg(QString::fromStdString(*why));
    o.jwt_secret = std::get<auth::JwtKey>(std::move(key)).bytes;
    return o;
}

void LoadPanel::showOptions(const load::LoadOptions& o) {
    profile_->setCurrentIndex(profile_->findData(int(o.profile)));
    rate_->setValue(o.rate);
    duration_->setValue(o.duration_s);
    users_->setValue(int(std::min<std::int64_t>(o.users, users_->maximum())));
    connections_->setValue(o.connections);
    pay_->setValue(o.pay_share);
    cancel_->setValue(o.cancel_share);
}

bool LoadPanel::run(const load::LoadOptions& options) {
    LoadPlan plan;
    plan.options = options;
    if (snapshot_) {
        plan.options.sale = snapshot_->selected_sale;
        for (const NodeStatus& n : snapshot_->nodes)
            if (n.health == NodeHealth::up)
                if (auto t = parse_target(n.info.address)) plan.targets.push_back(*t);
    }
    showOptions(options);
    if (plan.targets.empty() || plan.options.sale.empty()) {
        status_->setText(tr("No live node or no sale to send load to."));
        return false;
    }
    try {
        if (!runner_.start(plan)) {
            status_->setText(tr("A run is already going."));
            return false;
        }
    } catch (const std::exception& e) {
        // A node address the generator cannot use (it takes numeric addresses only).
        status_->setText(tr("Load not started: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    status_->setText(tr("running against %1 nodes, sale %2")
                         .arg(plan.targets.size())
                         .arg(QString::fromStdString(plan.options.sale)));
    start_->setText(tr("Stop load"));
    progress_->start();
    return true;
}

void LoadPanel::stop() { runner_.stop(); }

void LoadPanel::setPaused(bool paused) {
    if (!runner_.running()) return;
    runner_.pause(paused);
    status_->setText(paused ? tr("paused: no buys are sent until the run is resumed")
                            : tr("resumed"));
}

void LoadPanel::onFinished(const load::LoadReport& report) {
    progress_->stop();
    start_->setText(tr("Run load"));
    results_->update(report);
    status_->setText(tr("done: %1 buys in %2 s, %3 transport errors")
                         .arg(report.total_buys())
                         .arg(report.seconds, 0, 'f', 1)
                         .arg(report.transport_errors));
    Q_EMIT finished(report);
}

}  // namespace seckill::ui
