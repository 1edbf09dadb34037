#include "loadrun/load_runner.h"

#include "backend/background_priority.h"

namespace seckill::ui {

LoadRunner::~LoadRunner() {
    stop();
    join();
}

bool LoadRunner::start(const LoadPlan& plan) {
    if (running() || plan.targets.empty()) return false;
    join();
    qRegisterMetaType<load::LoadReport>();
    generators_.clear();
    for (std::size_t i = 0; i < plan.targets.size(); ++i)
        generators_.push_back(std::make_unique<load::LoadGenerator>(plan.options_for(i)));
    done_ = false;
    coordinator_ = std::thread([this] {
        lower_this_thread_priority();  // the generators started below inherit it
        std::vector<load::LoadReport> reports(generators_.size());
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < generators_.size(); ++i)
            threads.emplace_back([this, &reports, i] { reports[i] = generators_[i]->run(); });
        for (auto& t : threads) t.join();
        const load::LoadReport merged = merge_reports(reports);
        done_ = true;
        // Queued: the report is handed to the runner's own thread, never emitted from here.
        QMetaObject::invokeMethod(
            this, [this, merged] { Q_EMIT finished(merged); }, Qt::QueuedConnection);
    });
    return true;
}

void LoadRunner::stop() {
    if (!coordinator_.joinable()) return;
    for (auto& g : generators_) g->stop();
}

void LoadRunner::pause(bool on) {
    if (!running()) return;
    for (auto& g : generators_) g->pause(on);
}

void LoadRunner::join() {
    if (coordinator_.joinable()) coordinator_.join();
}

std::int64_t LoadRunner::sent() const {
    std::int64_t sum = 0;
    for (const auto& g : generators_) sum += g->sent();
    return sum;
}

}  // namespace seckill::ui
