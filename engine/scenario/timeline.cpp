#include "scenario/timeline.h"

#include <boost/json/serialize.hpp>

namespace seckill::scenario {

void Timeline::cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    cv_.notify_all();
}

void Timeline::run(std::chrono::steady_clock::time_point origin) {
    using namespace std::chrono;
    for (const auto& e : spec_.timeline) {
        {
            // The schedule itself: each entry waits for its time (or for cancel()).
            std::unique_lock lock(mu_);
            if (cv_.wait_until(lock, origin + milliseconds(e.at_ms), [&] { return cancelled_; }))
                return;
        }
        const auto at = duration_cast<milliseconds>(steady_clock::now() - origin).count();
        try {
            execute(e, at);
        } catch (const std::exception& ex) {
            // A step that could not be carried out (fork failed, …) fails the timeline
            // check; the run goes on so the load and the verdict still complete.
            const std::string said =
                std::string(to_string(e.action)) + " " + e.node + ": " + ex.what();
            log_("FAILED: " + said);
            failures_.push_back("at " + std::to_string(at) + " ms: " + said);
        }
    }
}

void Timeline::open(const std::string& key, const std::string& label, std::int64_t at, bool instant,
                    const std::string& node) {
    open_.try_emplace(key, Open{label, at, instant, node});
}

void Timeline::close(const std::string& key, std::int64_t at) {
    auto it = open_.find(key);
    if (it == open_.end()) return;
    closed_.push_back({it->second.label, it->second.start, at, it->second.node});
    open_.erase(it);
}

std::vector<FaultInterval> Timeline::intervals(std::int64_t run_end_ms) const {
    auto out = closed_;
    for (const auto& [key, o] : open_)
        out.push_back({o.label, o.start,
                       o.instant_if_left_open ? o.start : std::max(o.start, run_end_ms), o.node});
    return out;
}

bool Timeline::admin(const Endpoint& to, const char* method, const std::string& target,
                     const std::string& body, std::string& said) {
    const auto a = http_call(to, method, target, body, cluster_.admin_token());
    said = std::string(method) + " " + target + " on " + to.text() + ": " +
           (a.status ? "HTTP " + std::to_string(a.status) + " " + a.body.substr(0, 200) : a.error);
    return a.status >= 200 && a.status < 300;
}

void Timeline::execute(const TimelineEntry& e, std::int64_t at) {
    const std::string n = e.node;
    std::string said;
    bool ok = true;
    switch (e.action) {
        case Action::kill:
            said = cluster_.kill(n);
            open("node:" + n, n + " kill", at, true, n);
            break;
        case Action::stop:
            said = cluster_.stop_node(n);
            open("stop:" + n, n + " stop", at, false, n);
            break;
        case Action::cont:
            said = cluster_.cont(n);
            close("stop:" + n, at);
            break;
        case Action::restart: {
            // The fault ends when the node is asked to come back; recovery counts from here.
            close("node:" + n, at);
            const auto w = cluster_.restart(n);
            ok = w.ok;
            said = "restart " + n + ": " + w.sentence();
            break;
        }
        case Action::redis_kill:
            said = cluster_.redis_kill();
            open("redis", "redis kill", at, false);
            break;
        case Action::redis_restart: {
            close("redis", at);
            const auto w = cluster_.redis_restart();
            ok = w.ok;
            said = "redis restart: " + w.sentence();
            break;
        }
        case Action::redis_stop:
            said = cluster_.redis_stop();
            open("redis_stop", "redis stop", at, false);
            break;
        case Action::redis_cont:
            said = cluster_.redis_cont();
            close("redis_stop", at);
            break;
        case Action::degrade: {
            boost::json::object body{{"level", e.level}};
            body["node"] = n.empty() ? boost::json::value(nullptr) : boost::json::value(n);
            const auto to =
                n.empty() ? cluster_.any_ready_node() : std::optional(cluster_.node(n).endpoint);
            ok = to && admin(*to, "PUT", "/admin/v1/degrade", boost::json::serialize(body), said);
            if (!to) said = "degrade: no node is ready to take the call";
            break;
        }
        case Action::rebalance: {
            const auto to =
                n.empty() ? cluster_.any_ready_node() : std::optional(cluster_.node(n).endpoint);
            ok = to && admin(*to, "POST", "/admin/v1/sales/" + spec_.sale.id + "/rebalance",
                             boost::json::serialize(e.body), said);
            if (!to) said = "rebalance: no node is ready to take the call";
            break;
        }
        case Action::fault: {
            const std::string kind(e.body.at("kind").as_string());
            ok = admin(
                cluster_.node(n).endpoint, "POST", "/admin/v1/faults",
                boost::json::serialize(boost::json::object{{"faults", boost::json::array{e.body}}}),
                said);
            if (ok) closed_.push_back({n + " " + kind, at, at + e.fault_ms, n});
            if (ok && kind == "node_crash") cluster_.node(n).crashed = true;
            break;
        }
    }
    log_(std::string(ok ? "" : "FAILED: ") + said);
    events_.push_back(boost::json::object{
        {"at_ms", at}, {"action", to_string(e.action)}, {"node", n}, {"ok", ok}, {"detail", said}});
    if (on_event_) on_event_(events_.back().as_object());
    if (!ok) failures_.push_back("at " + std::to_string(at) + " ms: " + said);
}

}  // namespace seckill::scenario
