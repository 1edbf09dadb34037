// MainWindow's chart history file: opened in the data dir, fed from every snapshot,
// written once a second, and given up (with a word in the status bar) when it fails. A
// console without it still runs; its charts keep the last five minutes.
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

#include "history/history_store.h"
#include "views/charts_panel.h"
#include "window/main_window.h"

namespace seckill::ui {

void MainWindow::openHistory() {
    history_state_ = new QLabel(tr("chart history off"), this);
    history_state_->setObjectName(QStringLiteral("history.state"));
    history_state_->setStyleSheet(QStringLiteral("color: #c62828;"));
    history_state_->hide();
    statusBar()->addPermanentWidget(history_state_);
    connect(charts_, &ChartsPanel::historyFailed, this, &MainWindow::dropHistory);
    QDir().mkpath(data_dir_);
    try {
        history_ = std::make_unique<HistoryStore>(
            QDir(data_dir_).filePath(QStringLiteral("history.db")).toStdString());
    } catch (const std::exception& e) {
        dropHistory(QString::fromUtf8(e.what()));
        return;
    }
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::flushHistory);
    timer->start(int(HistoryStore::sample_period_ms));
}

void MainWindow::recordHistory(const ClusterSnapshot& snap) {
    if (history_ && backend_) history_->add(backend_->historyKey().toStdString(), snap);
}

void MainWindow::flushHistory() {
    if (!history_) return;
    try {
        history_->flush(QDateTime::currentMSecsSinceEpoch());
    } catch (const std::exception& e) {
        dropHistory(QString::fromUtf8(e.what()));
        return;
    }
    charts_->historyWritten();
}

void MainWindow::dropHistory(const QString& why) {
    charts_->setHistoryStore(nullptr, QString());
    history_.reset();
    const QString said =
        tr("chart history: %1 — the charts keep the last five minutes only").arg(why);
    history_state_->setToolTip(said);
    history_state_->show();
    showError(said);
}

}  // namespace seckill::ui
