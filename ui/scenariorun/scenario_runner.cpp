#include "scenariorun/scenario_runner.h"

#include "backend/background_priority.h"

namespace seckill::ui {
namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
QString q(boost::json::string_view s) { return QString::fromUtf8(s.data(), int(s.size())); }
}  // namespace

ScenarioRunner::~ScenarioRunner() {
    stop();
    wait();
}

bool ScenarioRunner::start(ScenarioJob job) {
    if (running()) return false;
    wait();
    job_ = std::make_unique<ScenarioJob>(std::move(job));
    control_ =
        std::make_unique<scenario::RunControl>();  // the last run's stop() must not carry over
    done_ = false;
    thread_ = std::thread([this] {
        // The run's crowd shares the machine with the UI and the nodes it buys from.
        lower_this_thread_priority();
        scenario::RunHooks hooks;
        hooks.control = control_.get();
        hooks.log = [this](const std::string& line) {
            post([this, l = q(line)] { Q_EMIT logLine(l); });
        };
        hooks.phase = [this](const std::string& p) {
            post([this, p = q(p)] { Q_EMIT phaseChanged(p); });
        };
        hooks.timeline = [this](const boost::json::object& e) {
            post([this, at = e.at("at_ms").to_number<qint64>(),
                  action = q(e.at("action").as_string()), node = q(e.at("node").as_string()),
                  ok = e.at("ok").as_bool(), detail = q(e.at("detail").as_string())] {
                Q_EMIT timelineEntry(at, action, node, ok, detail);
            });
        };
        hooks.check = [this](const scenario::CheckResult& c) {
            post([this, id = q(c.id), pass = c.pass, summary = q(c.summary)] {
                Q_EMIT checkJudged(id, pass, summary);
            });
        };
        auto report = std::make_shared<const scenario::RunReport>(
            scenario::run_spec(job_->spec, job_->paths, job_->admin_token, hooks));
        done_ = true;
        post([this, report] {
            report_ = report;
            Q_EMIT finished(report->pass());
        });
    });
    return true;
}

void ScenarioRunner::stop() {
    if (control_) control_->stop();
}

void ScenarioRunner::wait() {
    if (thread_.joinable()) thread_.join();
}

}  // namespace seckill::ui
