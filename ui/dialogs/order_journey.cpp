#include "dialogs/order_journey.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "backend/console_backend.h"
#include "core/ids.h"
#include "models/journey_stages.h"

namespace seckill::ui {

OrderJourneyDialog::OrderJourneyDialog(std::function<ConsoleBackend*()> backend, int refreshMs,
                                       QWidget* parent)
    : QDialog(parent), backend_(std::move(backend)) {
    setWindowTitle(tr("Order journey"));
    id_ = new QComboBox(this);
    id_->setObjectName(QStringLiteral("journey.id"));
    id_->setEditable(true);
    id_->setInsertPolicy(QComboBox::InsertAtTop);
    id_->setMinimumContentsLength(34);
    id_->lineEdit()->setPlaceholderText(tr("order id: 32 hex digits, as POST …/buy answered"));
    id_->setToolTip(tr("Type an order id, or pick one looked up before in this session"));
    auto* look = new QPushButton(tr("&Look up"), this);
    look->setDefault(true);
    connect(look, &QPushButton::clicked, this, [this] { lookUp(id_->currentText()); });
    connect(id_, &QComboBox::activated, this, [this] { lookUp(id_->currentText()); });
    stages_ = new QTableWidget(0, 3, this);
    stages_->setObjectName(QStringLiteral("journey.stages"));
    stages_->setHorizontalHeaderLabels({tr("Stage"), tr("When"), tr("Detail")});
    stages_->verticalHeader()->hide();
    stages_->horizontalHeader()->setStretchLastSection(true);
    stages_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    stages_->setSelectionMode(QAbstractItemView::NoSelection);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("journey.status"));
    status_->setWordWrap(true);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(id_, 1);
    row->addWidget(look);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(stages_, 1);
    layout->addWidget(status_);
    layout->addWidget(close);
    resize(760, 300);
    // Following an order that waits in the queue: one lookup a refresh, as the window's.
    follow_ = new QTimer(this);
    follow_->setInterval(refreshMs);
    connect(follow_, &QTimer::timeout, this, &OrderJourneyDialog::ask);
}

void OrderJourneyDialog::lookUp(const QString& orderId) {
    const QString id = orderId.trimmed();
    follow_->stop();
    positions_.clear();
    stages_->setRowCount(0);
    if (!is_valid_order_id(id.toStdString())) {
        status_->setText(tr("%1 is not an order id: %2")
                             .arg(id, QString::fromLatin1(order_id_rule.data(),
                                                          qsizetype(order_id_rule.size()))));
        return;
    }
    if (id_->findText(id) < 0) id_->insertItem(0, id);
    asked_ = id;
    status_->setText(tr("looking up %1…").arg(id));
    ask();
}

void OrderJourneyDialog::ask() {
    ConsoleBackend* backend = backend_();
    if (!backend) {
        follow_->stop();
        status_->setText(tr("not connected to a cluster"));
        return;
    }
    // The backend may have changed since the last lookup: listen to the one asked now.
    connect(backend, &ConsoleBackend::orderJourneyReady, this, &OrderJourneyDialog::answered,
            Qt::UniqueConnection);
    backend->orderJourney(asked_);
}

void OrderJourneyDialog::answered(const QString& orderId, const JourneyAnswer& answer) {
    if (orderId != asked_) return;  // an answer to an earlier lookup
    if (!answer.journey) {
        follow_->stop();
        stages_->setRowCount(0);
        status_->setText(answer.error.isEmpty()
                             ? tr("no order %1 in this cluster").arg(orderId)
                             : tr("could not look %1 up: %2").arg(orderId, answer.error));
        return;
    }
    const node::OrderJourney& j = *answer.journey;
    if (j.order.queue_position) positions_.push_back(*j.order.queue_position);
    const std::vector<JourneyStage> stages = journey_stages(j, positions_);
    stages_->setRowCount(int(stages.size()));
    for (int r = 0; r < int(stages.size()); ++r) {
        const JourneyStage& s = stages[std::size_t(r)];
        const QString cells[] = {s.stage, s.reached ? journey_time(s.at) : tr("not yet"), s.detail};
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (!s.reached) item->setForeground(QColor(117, 117, 117));
            stages_->setItem(r, c, item);
        }
    }
    stages_->resizeColumnToContents(0);
    stages_->resizeColumnToContents(1);
    status_->setText(tr("order %1 of sale %2, user %3: %4")
                         .arg(orderId, QString::fromStdString(j.order.sale),
                              QString::fromStdString(j.order.user),
                              QString::fromUtf8(to_string(j.order.status).data(),
                                                qsizetype(to_string(j.order.status).size()))));
    // Followed until it leaves the queue; the rest of its life changes on the buyer's pace.
    if (j.written())
        follow_->stop();
    else if (!follow_->isActive())
        follow_->start();
}

QStringList OrderJourneyDialog::stageNames() const {
    QStringList out;
    for (int r = 0; r < stages_->rowCount(); ++r) out << stages_->item(r, 0)->text();
    return out;
}

}  // namespace seckill::ui
