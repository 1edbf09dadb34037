#include "scenario/run.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <thread>

#include "load/load_generator.h"
#include "scenario/facts.h"
#include "scenario/timeline.h"

namespace seckill::scenario {

void RunControl::stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    for (auto* g : generators_) g->stop();
    if (timeline_) timeline_->cancel();
}

bool RunControl::stopped() const {
    std::lock_guard lock(mu_);
    return stopped_;
}

void RunControl::attach(std::vector<load::LoadGenerator*> generators, Timeline* timeline) {
    std::lock_guard lock(mu_);
    generators_ = std::move(generators);
    timeline_ = timeline;
    // Stopped between the phases: the load ends as soon as it starts.
    if (stopped_) {
        for (auto* g : generators_) g->stop();
        timeline_->cancel();
    }
}

void RunControl::detach() {
    std::lock_guard lock(mu_);
    generators_.clear();
    timeline_ = nullptr;
}

namespace {

// The run's own checks, next to the verdict's (report.h).
constexpr const char* timeline_check = "timeline";
constexpr const char* invariants_check = "invariants";
constexpr const char* recovered_check = "recovered";

CheckResult run_check(const std::string& id, bool pass, std::string summary) {
    return CheckResult{id, pass, std::move(summary), {}};
}

// Creates and starts the sale on the first node; waits until every node lists it running.
void open_sale(const ScenarioSpec& spec, Cluster& cluster, RunReport& report, LogLine log) {
    const auto& s = spec.sale;
    const Endpoint first = cluster.nodes().front().endpoint;
    const auto body =
        boost::json::serialize(boost::json::object{{"sale", s.id},
                                                   {"name", spec.name},
                                                   {"total", s.total},
                                                   {"per_user_limit", s.per_user_limit},
                                                   {"pay_timeout_s", s.pay_timeout_s}});
    const auto created = http_call(first, "POST", "/admin/v1/sales", body, cluster.admin_token());
    if (created.status != 201)
        throw std::runtime_error("creating sale " + s.id + " answered " +
                                 std::to_string(created.status) + " " + created.body +
                                 created.error);
    const auto started =
        http_call(first, "POST", "/admin/v1/sales/" + s.id + "/start", {}, cluster.admin_token());
    if (started.status != 200)
        throw std::runtime_error("starting sale " + s.id + " answered " +
                                 std::to_string(started.status) + " " + started.body +
                                 started.error);
    for (auto& n : cluster.nodes()) {
        auto w = wait_for(
            n.spec.id + " to list sale " + s.id + " as running",
            std::chrono::milliseconds(spec.ready_ms), [&](std::string& seen) {
                const auto a =
                    http_call(n.endpoint, "GET", "/admin/v1/sales", {}, cluster.admin_token());
                seen = a.status ? a.body.substr(0, 200) : a.error;
                const auto j = a.json();
                if (!j.is_object() || !j.as_object().contains("sales")) return false;
                for (const auto& v : j.at("sales").as_array())
                    if (v.at("sale").as_string() == s.id && v.at("state").as_string() == "running")
                        return true;
                return false;
            });
        log(w.sentence());
        if (!w.ok) throw std::runtime_error(w.sentence());
        report.waits.push_back(std::move(w));
    }
    // The ledger lists the sale at once, but a node other than the one that created it
    // learns of it at its next housekeeping tick and answers 404 until then. Its heartbeat
    // names every sale it knows: wait until each node's does, so the load starts on a sale
    // every node serves.
    if (!cluster.processes()) return;
    auto w = wait_for("every node's heartbeat to name sale " + s.id,
                      std::chrono::milliseconds(spec.ready_ms), [&](std::string& seen) {
                          const auto a =
                              http_call(first, "GET", "/admin/v1/nodes", {}, cluster.admin_token());
                          const auto j = a.json();
                          if (!j.is_object() || !j.as_object().contains("nodes"))
                              return seen = a.error, false;
                          std::size_t knowing = 0;
                          seen.clear();
                          for (const auto& v : j.at("nodes").as_array()) {
                              const auto* stats = v.as_object().if_contains("stats");
                              const auto* leases = stats && stats->is_object()
                                                       ? stats->as_object().if_contains("leases")
                                                       : nullptr;
                              const bool knows = leases && leases->is_object() &&
                                                 leases->as_object().contains(s.id);
                              knowing += knows ? 1 : 0;
                              seen += std::string(v.at("id").as_string()) +
                                      (knows ? " knows it; " : " not yet; ");
                          }
                          return knowing >= cluster.nodes().size();
                      });
    log(w.sentence());
    if (!w.ok) throw std::runtime_error(w.sentence());
    report.waits.push_back(std::move(w));
}

// One generator per node, each with its share of the rate, all on one history origin.
load::History run_load(const ScenarioSpec& spec, Cluster& cluster, Timeline& timeline,
                       std::int64_t& run_end_ms, RunControl* control) {
    load::History merged;
    merged.start_now();
    // Buyers go to nginx when the cluster has it, else to each node directly.
    std::vector<std::pair<std::string, Endpoint>> doors;
    if (auto front = cluster.front())
        doors.emplace_back("nginx", *front);
    else
        for (const auto& n : cluster.nodes()) doors.emplace_back(n.spec.id, n.endpoint);
    std::vector<load::History> histories(doors.size());
    std::vector<std::unique_ptr<load::LoadGenerator>> generators;
    for (std::size_t i = 0; i < doors.size(); ++i) {
        histories[i].origin = merged.origin;
        histories[i].origin_wall_ms = merged.origin_wall_ms;
        load::LoadOptions o = spec.load;
        o.host = doors[i].second.host;
        o.port = doors[i].second.port;
        o.rate = spec.load.rate / double(doors.size());
        o.seed = spec.load.seed + i;
        o.history = &histories[i];
        generators.push_back(std::make_unique<load::LoadGenerator>(o));
    }
    if (control) {
        std::vector<load::LoadGenerator*> each;
        for (auto& g : generators) each.push_back(g.get());
        control->attach(std::move(each), &timeline);
    }
    // The timeline runs on this thread: processes it restarts are forked here, and a child
    // started with PR_SET_PDEATHSIG dies with the thread that forked it, not the process.
    std::thread crowd([&] {
        std::vector<std::thread> each;
        for (auto& g : generators) each.emplace_back([&g] { g->run(); });
        for (auto& t : each) t.join();
        run_end_ms = merged.ms_since_origin(std::chrono::steady_clock::now());
        timeline.cancel();
    });
    timeline.run(merged.origin);
    crowd.join();
    if (control) control->detach();
    for (std::size_t i = 0; i < histories.size(); ++i)
        for (auto& a : histories[i].answers) {
            a.node = doors[i].first;
            merged.answers.push_back(std::move(a));
        }
    std::stable_sort(merged.answers.begin(), merged.answers.end(),
                     [](const auto& a, const auto& b) { return a.sent_ms < b.sent_ms; });
    return merged;
}

}  // namespace

std::vector<std::string> check_ids() {
    // The verdict names its checks as it judges: judging nothing gives every id, in order,
    // from the same code that judges a real run.
    std::vector<std::string> ids;
    for (const auto& c : judge(load::History{}, Facts{}, Bounds{}).checks) ids.push_back(c.id);
    for (const char* id : {timeline_check, invariants_check, recovered_check}) ids.emplace_back(id);
    return ids;
}

RunReport run_spec(const ScenarioSpec& spec, const RunnerPaths& paths, const std::string& token,
                   const RunHooks& hooks) {
    RunReport report;
    report.scenario = spec.name;
    report.work_dir = paths.work_dir;
    const LogLine log = hooks.log ? hooks.log : [](const std::string&) {};
    auto phase = [&](const char* p) {
        if (hooks.phase) hooks.phase(p);
    };
    auto stopped = [&] { return hooks.control && hooks.control->stopped(); };
    auto add_run_check = [&](CheckResult c) {
        if (hooks.check) hooks.check(c);
        report.run_checks.push_back(std::move(c));
    };
    try {
        phase("starting");
        Cluster cluster(spec, paths, token, log);
        cluster.start();
        if (stopped()) throw std::runtime_error("stopped before the sale was opened");
        phase("sale");
        open_sale(spec, cluster, report, log);
        Timeline timeline(spec, cluster, log);
        if (hooks.timeline) timeline.on_event(hooks.timeline);
        if (stopped()) throw std::runtime_error("stopped before the load started");
        phase("load");
        log("load: " + std::to_string(spec.load.duration_s) + " s at " +
            std::to_string(spec.load.rate) + " buys/s over " +
            std::to_string(cluster.nodes().size()) + " node(s)" +
            (cluster.front() ? " through nginx" : ""));
        const load::History history =
            run_load(spec, cluster, timeline, report.run_ms, hooks.control);
        log("load done: " + std::to_string(history.answers.size()) + " answers recorded");
        if (hooks.history) hooks.history(history);
        report.faults = timeline.intervals(report.run_ms);
        report.timeline = timeline.events();
        for (const auto& a : history.answers)
            ++report.answers[std::string(load::to_string(a.op)) + " " +
                             std::to_string(a.http_status) + (a.code.empty() ? "" : " " + a.code)];
        // Stopped mid-load: a cut-short history proves nothing either way, and the recovery
        // waits would hold the operator for up to waits.recovery_s.
        if (stopped())
            throw std::runtime_error("stopped during the load, after " +
                                     std::to_string(report.run_ms) + " ms");
        phase("recovery");
        Gathered g = gather_facts(spec, cluster, history, log);
        g.facts.faults = report.faults;
        g.facts.run_end_ms = report.run_ms;
        phase("judging");
        report.verdict = judge(history, g.facts, spec.bounds);
        if (hooks.check)
            for (const auto& c : report.verdict.checks) hooks.check(c);
        report.notes = std::move(g.notes);
        for (auto& w : g.waits) report.waits.push_back(std::move(w));
        std::string failed;
        for (const auto& f : timeline.failures()) failed += (failed.empty() ? "" : "; ") + f;
        add_run_check(run_check(timeline_check, failed.empty(),
                                failed.empty()
                                    ? std::to_string(spec.timeline.size()) + " entries carried out"
                                    : failed));
        std::string late;
        for (const auto& w : report.waits)
            if (!w.ok) late += (late.empty() ? "" : "; ") + w.sentence();
        if (g.invariants)
            add_run_check(run_check(invariants_check, g.invariants->ok,
                                    g.invariants->ok ? "the engine's I1-I8 hold after the run"
                                                     : g.invariants->sentence()));
        add_run_check(run_check(recovered_check, late.empty(),
                                late.empty() ? "every wait after the load ended in time" : late));
        cluster.stop();
    } catch (const std::exception& e) {
        add_run_check(
            run_check("run", false, std::string("the scenario could not be run: ") + e.what()));
    }
    phase("done");
    return report;
}

}  // namespace seckill::scenario
