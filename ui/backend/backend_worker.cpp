#include "backend/backend_worker.h"

#include <QTimer>
#include <exception>

namespace seckill::ui {

BackendWorker::BackendWorker(Poll poll, std::chrono::milliseconds period, QObject* parent)
    : QObject(parent), poll_(std::move(poll)), period_(period), context_(new QObject) {
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<ActionResult>();
    context_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("backend"));
}

BackendWorker::~BackendWorker() {
    stop();
    if (!started_) delete context_;  // never reached the thread that would delete it
}

void BackendWorker::start() {
    if (started_) return;
    started_ = true;
    thread_.start();
    post([this] {
        // Created here so the timer belongs to the worker thread and fires there.
        timer_ = new QTimer(context_);
        timer_->setInterval(period_);
        connect(timer_, &QTimer::timeout, context_, [this] { pollNow(); });
        timer_->start();
        pollNow();
    });
}

void BackendWorker::submit(QString what, QString target, Action action) {
    post([this, what = std::move(what), target = std::move(target), action = std::move(action)] {
        ActionResult result;
        try {
            result = action();
        } catch (const std::exception& e) {
            result = ActionResult::failed(what, target, QString::fromUtf8(e.what()));
        }
        Q_EMIT actionFinished(result);
        pollNow();
    });
}

void BackendWorker::post(std::function<void()> job) {
    QMetaObject::invokeMethod(context_, std::move(job), Qt::QueuedConnection);
}

void BackendWorker::runAndWait(std::function<void()> job) {
    if (!thread_.isRunning()) return job();
    QMetaObject::invokeMethod(context_, std::move(job), Qt::BlockingQueuedConnection);
}

void BackendWorker::stop() {
    if (!thread_.isRunning()) return;
    thread_.quit();
    thread_.wait();
}

void BackendWorker::pollNow() {
    try {
        SnapshotPtr snap = poll_();
        Q_EMIT pollSucceeded();
        Q_EMIT snapshotReady(std::move(snap));
    } catch (const std::exception& e) {
        Q_EMIT pollFailed(QString::fromUtf8(e.what()));
    }
}

}  // namespace seckill::ui
