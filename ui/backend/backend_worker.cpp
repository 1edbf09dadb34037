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

void BackendWorker::submitChecked(QString what, QString target, Action action, Action recheck) {
    post([this, what = std::move(what), target = std::move(target), action = std::move(action),
          recheck = std::move(recheck)]() mutable {
        const std::uint64_t generation = ++generations_[what + QLatin1Char('\n') + target];
        const auto now = std::chrono::steady_clock::now();
        try {
            ActionResult result = action();
            const bool lost = result.unknown;
            Q_EMIT actionFinished(result);
            if (lost) this->recheck(std::move(recheck), what, target, now, generation);
        } catch (const std::exception& e) {
            // No reply is not a refusal: the request may have reached the ledger and be
            // applied when it comes back (a frozen Redis runs its queued commands).
            Q_EMIT actionFinished(ActionResult::lost(what, target, QString::fromUtf8(e.what())));
            this->recheck(std::move(recheck), what, target, now, generation);
        }
        pollNow();
    });
}

void BackendWorker::recheck(Action recheck, QString what, QString target,
                            std::chrono::steady_clock::time_point since, std::uint64_t generation) {
    if (generations_[what + QLatin1Char('\n') + target] != generation) {
        ActionResult r = ActionResult::failed(
            what, target,
            QStringLiteral("re-check given up: a later %1 on %2 was sent, and the state "
                           "read now cannot tell which of them landed")
                .arg(what, target));
        r.unknown = true;
        r.rechecked = true;
        Q_EMIT actionFinished(r);
        return;
    }
    try {
        ActionResult real = recheck();
        real.rechecked = true;
        real.message = QStringLiteral("re-checked: %1").arg(real.message);
        Q_EMIT actionFinished(real);
        return;
    } catch (const std::exception& e) {
        if (std::chrono::steady_clock::now() - since >= recheck_for) {
            ActionResult r = ActionResult::failed(
                what, target,
                QStringLiteral("still unknown: the ledger has not answered for %1 s (%2)")
                    .arg(recheck_for.count())
                    .arg(QString::fromUtf8(e.what())));
            // Still unknown, not failed: the write may yet land when the ledger is back.
            r.unknown = true;
            r.rechecked = true;
            Q_EMIT actionFinished(r);
            return;
        }
    }
    // Later, not in a loop: polls and other actions keep their turn on this thread.
    QTimer::singleShot(
        500, context_,
        [this, recheck = std::move(recheck), what, target, since, generation]() mutable {
            this->recheck(std::move(recheck), what, target, since, generation);
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
