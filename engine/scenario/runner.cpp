#include "scenario/runner.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "load/load_generator.h"
#include "scenario/facts.h"
#include "scenario/report.h"
#include "scenario/timeline.h"

namespace seckill::scenario {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t max_file_bytes = 1 << 20;

std::string find_in_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return dir + "/" + name;
    for (const char* dir : {"/usr/sbin", "/usr/local/sbin", "/usr/local/bin"})
        if (::access((std::string(dir) + "/" + name).c_str(), X_OK) == 0) return std::string(dir) + "/" + name;
    return {};
}

// 32 hex digits from the OS's random source: the admin token of nodes the runner starts.
std::string random_token() {
    std::random_device rd;
    std::string out;
    for (int i = 0; i < 16; ++i) {
        char b[3];
        std::snprintf(b, sizeof b, "%02x", unsigned(rd() & 0xff));
        out += b;
    }
    return out;
}

CheckResult run_check(const std::string& id, bool pass, std::string summary) {
    return CheckResult{id, pass, std::move(summary), {}};
}

// Creates and starts the sale on the first node; waits until every node lists it running.
void open_sale(const ScenarioSpec& spec, Cluster& cluster, RunReport& report, LogLine log) {
    const auto& s = spec.sale;
    const Endpoint first = cluster.nodes().front().endpoint;
    const auto body = boost::json::serialize(boost::json::object{
        {"sale", s.id}, {"name", spec.name}, {"total", s.total}, {"per_user_limit", s.per_user_limit},
        {"pay_timeout_s", s.pay_timeout_s}});
    const auto created = http_call(first, "POST", "/admin/v1/sales", body, cluster.admin_token());
    if (created.status != 201)
        throw std::runtime_error("creating sale " + s.id + " answered " + std::to_string(created.status) + " " +
                                 created.body + created.error);
    const auto started = http_call(first, "POST", "/admin/v1/sales/" + s.id + "/start", {}, cluster.admin_token());
    if (started.status != 200)
        throw std::runtime_error("starting sale " + s.id + " answered " + std::to_string(started.status) + " " +
                                 started.body + started.error);
    for (auto& n : cluster.nodes()) {
        auto w = wait_for(n.spec.id + " to list sale " + s.id + " as running", std::chrono::milliseconds(spec.ready_ms),
                          [&](std::string& seen) {
                              const auto a = http_call(n.endpoint, "GET", "/admin/v1/sales", {}, cluster.admin_token());
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
    auto w = wait_for("every node's heartbeat to name sale " + s.id, std::chrono::milliseconds(spec.ready_ms),
                      [&](std::string& seen) {
                          const auto a = http_call(first, "GET", "/admin/v1/nodes", {}, cluster.admin_token());
                          const auto j = a.json();
                          if (!j.is_object() || !j.as_object().contains("nodes")) return seen = a.error, false;
                          std::size_t knowing = 0;
                          seen.clear();
                          for (const auto& v : j.at("nodes").as_array()) {
                              const auto* stats = v.as_object().if_contains("stats");
                              const auto* leases = stats && stats->is_object() ? stats->as_object().if_contains("leases") : nullptr;
                              const bool knows = leases && leases->is_object() && leases->as_object().contains(s.id);
                              knowing += knows ? 1 : 0;
                              seen += std::string(v.at("id").as_string()) + (knows ? " knows it; " : " not yet; ");
                          }
                          return knowing >= cluster.nodes().size();
                      });
    log(w.sentence());
    if (!w.ok) throw std::runtime_error(w.sentence());
    report.waits.push_back(std::move(w));
}

// One generator per node, each with its share of the rate, all on one history origin.
load::History run_load(const ScenarioSpec& spec, Cluster& cluster, Timeline& timeline, std::int64_t& run_end_ms) {
    load::History merged;
    merged.start_now();
    // Buyers go to nginx when the cluster has it, else to each node directly.
    std::vector<std::pair<std::string, Endpoint>> doors;
    if (auto front = cluster.front()) doors.emplace_back("nginx", *front);
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
    for (std::size_t i = 0; i < histories.size(); ++i)
        for (auto& a : histories[i].answers) {
            a.node = doors[i].first;
            merged.answers.push_back(std::move(a));
        }
    std::stable_sort(merged.answers.begin(), merged.answers.end(),
                     [](const auto& a, const auto& b) { return a.sent_ms < b.sent_ms; });
    return merged;
}

// The raw history, one answer per line, for reading a verdict's numbers back to answers.
void write_history(const load::History& h, const std::string& file, std::ostream& err) {
    std::ofstream out(file);
    for (const auto& a : h.answers)
        out << boost::json::serialize(boost::json::object{
                   {"op", load::to_string(a.op)}, {"node", a.node}, {"user", a.user}, {"sent_ms", a.sent_ms}, {"due_ms", load::due_ms(a)},
                   {"answered_ms", a.answered_ms}, {"http", a.http_status}, {"code", a.code},
                   {"order_id", a.order_id}, {"pay_before_ms", a.pay_before_wall_ms ? a.pay_before_wall_ms - h.origin_wall_ms : 0}})
            << '\n';
    if (!out) err << "seckill-load: cannot write " << file << "\n";
}

}  // namespace

int run_scenario(const RunOptions& options, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    const auto size = fs::file_size(options.file, ec);
    if (ec || size > max_file_bytes) {
        err << "seckill-load: scenario " << options.file << ": "
            << (ec ? ec.message() : std::string("larger than 1 MiB")) << "\n";
        return 2;
    }
    std::ifstream in(options.file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto parsed = parse_scenario(text);
    if (auto* why = std::get_if<std::string>(&parsed)) {
        err << "seckill-load: scenario " << options.file << ": " << *why << "\n";
        return 2;
    }
    const ScenarioSpec spec = std::get<ScenarioSpec>(std::move(parsed));

    RunnerPaths paths;
    std::string token;
    if (spec.cluster.kind == ClusterSpec::Kind::processes) {
        paths.node_binary = options.node_binary.empty()
                                ? (fs::read_symlink("/proc/self/exe").parent_path() / "seckill-node").string()
                                : options.node_binary;
        if (::access(paths.node_binary.c_str(), X_OK) != 0) {
            err << "seckill-load: no seckill-node at " << paths.node_binary << " (give --node-binary FILE)\n";
            return 2;
        }
        if (spec.cluster.ledger == ClusterSpec::Ledger::redis && (paths.redis_binary = find_in_path("redis-server")).empty()) {
            err << "seckill-load: redis-server is not on PATH (scripts/bootstrap installs it)\n";
            return 2;
        }
        if (spec.cluster.nginx && (paths.nginx_binary = find_in_path("nginx")).empty()) {
            err << "seckill-load: nginx is not installed (scripts/bootstrap installs nginx-light)\n";
            return 2;
        }
        token = random_token();
    } else {
        const char* t = std::getenv("SECKILL_ADMIN_TOKEN");
        if (!t || !*t) {
            err << "seckill-load: a targets cluster needs the nodes' admin token in $SECKILL_ADMIN_TOKEN\n";
            return 2;
        }
        token = t;
    }
    std::string dir_template = (fs::temp_directory_path() / "seckill-scenario-XXXXXX").string();
    if (!::mkdtemp(dir_template.data())) {
        err << "seckill-load: cannot make a work directory in " << fs::temp_directory_path() << "\n";
        return 1;
    }
    paths.work_dir = dir_template;

    RunReport report;
    report.scenario = spec.name;
    report.work_dir = paths.work_dir;
    const auto t0 = std::chrono::steady_clock::now();
    LogLine log = [&err, t0](const std::string& line) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "[%7.3fs] ", double(ms.count()) / 1000);
        err << stamp << line << std::endl;
    };
    try {
        Cluster cluster(spec, paths, token, log);
        cluster.start();
        open_sale(spec, cluster, report, log);
        Timeline timeline(spec, cluster, log);
        log("load: " + std::to_string(spec.load.duration_s) + " s at " + std::to_string(spec.load.rate) +
            " buys/s over " + std::to_string(cluster.nodes().size()) + " node(s)" +
            (cluster.front() ? " through nginx" : ""));
        const load::History history = run_load(spec, cluster, timeline, report.run_ms);
        log("load done: " + std::to_string(history.answers.size()) + " answers recorded");
        if (!options.history_file.empty()) write_history(history, options.history_file, err);
        report.faults = timeline.intervals(report.run_ms);
        report.timeline = timeline.events();
        for (const auto& a : history.answers)
            ++report.answers[std::string(load::to_string(a.op)) + " " + std::to_string(a.http_status) +
                             (a.code.empty() ? "" : " " + a.code)];
        Gathered g = gather_facts(spec, cluster, history, log);
        g.facts.faults = report.faults;
        g.facts.run_end_ms = report.run_ms;
        report.verdict = judge(history, g.facts, spec.bounds);
        report.notes = std::move(g.notes);
        for (auto& w : g.waits) report.waits.push_back(std::move(w));
        std::string failed;
        for (const auto& f : timeline.failures()) failed += (failed.empty() ? "" : "; ") + f;
        report.run_checks.push_back(run_check("timeline", failed.empty(),
                                              failed.empty() ? std::to_string(spec.timeline.size()) + " entries carried out"
                                                             : failed));
        std::string late;
        for (const auto& w : report.waits)
            if (!w.ok) late += (late.empty() ? "" : "; ") + w.sentence();
        if (g.invariants)
            report.run_checks.push_back(run_check("invariants", g.invariants->ok,
                                                  g.invariants->ok ? "the engine's I1-I8 hold after the run"
                                                                   : g.invariants->sentence()));
        report.run_checks.push_back(run_check("recovered", late.empty(),
                                              late.empty() ? "every wait after the load ended in time" : late));
        cluster.stop();
    } catch (const std::exception& e) {
        report.run_checks.push_back(run_check("run", false, std::string("the scenario could not be run: ") + e.what()));
    }
    const std::string json = report.to_json();
    out << (options.json ? json : report.to_text());
    if (!options.report_file.empty()) {
        std::ofstream f(options.report_file);
        f << json;
        if (!f) err << "seckill-load: cannot write " << options.report_file << "\n";
    }
    if (report.pass() && !options.keep) fs::remove_all(paths.work_dir, ec);
    return report.pass() ? 0 : 1;
}

}  // namespace seckill::scenario
