#include "scenario/cluster.h"

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <stdexcept>

namespace seckill::scenario {
namespace fs = std::filesystem;

Cluster::Cluster(const ScenarioSpec& spec, RunnerPaths paths, std::string admin_token, LogLine log)
    : spec_(spec), paths_(std::move(paths)), token_(std::move(admin_token)), log_(std::move(log)) {
    for (const auto& s : spec_.cluster.nodes) {
        Node n;
        n.spec = s;
        if (processes()) {
            n.endpoint = {"127.0.0.1", free_loopback_port()};
            n.data_dir = paths_.work_dir + "/" + s.id;
        } else {
            const auto colon = s.address.rfind(':');
            n.endpoint = {s.address.substr(0, colon),
                          static_cast<unsigned short>(std::stoi(s.address.substr(colon + 1)))};
        }
        nodes_.push_back(std::move(n));
    }
}

Cluster::~Cluster() { stop(); }

Cluster::Node& Cluster::node(const std::string& id) {
    for (auto& n : nodes_)
        if (n.spec.id == id) return n;
    throw std::runtime_error("no node " + id);  // the parser already refused unknown ids
}

std::vector<std::string> Cluster::node_args(const Node& n) const {
    std::vector<std::string> a{"--node-id",       n.spec.id,    "--listen",
                               n.endpoint.text(), "--data-dir", n.data_dir};
    bool threads = false, heartbeat = false;
    for (const auto* flags : {&spec_.cluster.node_flags, &n.spec.flags})
        for (const auto& f : *flags) {
            threads = threads || f == "--threads";
            heartbeat = heartbeat || f == "--heartbeat-ms";
        }
    // Two io threads unless told otherwise: the runner shares the machine with the nodes.
    if (!threads) a.insert(a.end(), {"--threads", "2"});
    if (redis()) a.insert(a.end(), {"--redis", redis_url()});
    if (n.spec.order_writer) a.push_back("--order-writer");
    if (spec_.cluster.allow_faults) a.push_back("--allow-faults");
    if (spec_.cluster.node_ttl_given) {
        // A short TTL needs a heartbeat well inside it (the node wants at most a third).
        const std::int64_t ttl = spec_.cluster.node_ttl_ms;
        a.insert(a.end(), {"--node-ttl-ms", std::to_string(ttl)});
        if (!heartbeat)
            a.insert(a.end(),
                     {"--heartbeat-ms", std::to_string(std::min<std::int64_t>(1000, ttl / 4))});
    }
    a.insert(a.end(), spec_.cluster.node_flags.begin(), spec_.cluster.node_flags.end());
    a.insert(a.end(), n.spec.flags.begin(), n.spec.flags.end());
    return a;
}

void Cluster::start_redis() {
    const std::string dir = paths_.work_dir + "/redis";
    fs::create_directories(dir);
    redis_port_ = free_loopback_port();
    // AOF on, fsync every second: how the README tells operators to run it.
    std::vector<std::string> args{"--port",        std::to_string(redis_port_),
                                  "--bind",        "127.0.0.1",
                                  "--dir",         dir,
                                  "--appendonly",  "yes",
                                  "--appendfsync", "always",
                                  "--save",        "",
                                  "--daemonize",   "no",
                                  "--loglevel",    "warning"};
    args.insert(args.end(), spec_.cluster.redis_flags.begin(), spec_.cluster.redis_flags.end());
    redis_ = std::make_unique<ChildProcess>(paths_.redis_binary, args, dir + "/redis.log");
    const auto w = redis_restart();
    if (!w.ok) throw std::runtime_error(w.sentence());
}

WaitOutcome Cluster::redis_restart() {
    redis_->start();
    const Endpoint at{"127.0.0.1", redis_port_};
    auto w = wait_for("redis-server on " + at.text() + " to answer PING",
                      std::chrono::milliseconds(spec_.ready_ms), [&](std::string& seen) {
                          if (!redis_->running())
                              throw GiveUp("redis-server exited (" + redis_->last_log_line() +
                                           "); see " + redis_->log_file());
                          seen = "no PONG";
                          return redis_ping(at, std::chrono::milliseconds(500));
                      });
    log_("redis-server " + redis_->describe() + ": " + w.sentence());
    return w;
}

WaitOutcome Cluster::wait_ready(Node& n) {
    return wait_for(
        n.spec.id + " on " + n.endpoint.text() + " to answer /readyz 200",
        std::chrono::milliseconds(spec_.ready_ms), [&](std::string& seen) {
            if (n.process && !n.process->running())
                throw GiveUp(n.spec.id + " exited, saying: " + n.process->last_log_line() +
                             " (log " + n.process->log_file() + ")");
            const auto a =
                http_call(n.endpoint, "GET", "/readyz", {}, {}, std::chrono::milliseconds(1000));
            seen = a.status ? "HTTP " + std::to_string(a.status) + " " + a.body : a.error;
            return a.status == 200;
        });
}

void Cluster::start() {
    if (!processes()) {
        for (auto& n : nodes_) {
            const auto w = wait_ready(n);
            if (!w.ok) throw std::runtime_error(w.sentence());
        }
        return;
    }
    if (redis()) start_redis();
    for (auto& n : nodes_) {
        fs::create_directories(n.data_dir);
        n.process = std::make_unique<ChildProcess>(
            paths_.node_binary, node_args(n), paths_.work_dir + "/" + n.spec.id + ".log",
            std::map<std::string, std::string>{{"SECKILL_ADMIN_TOKEN", token_}});
        n.process->start();
        const auto w = wait_ready(n);
        log_(n.spec.id + " " + n.process->describe() + ": " + w.sentence());
        if (!w.ok) throw std::runtime_error(w.sentence());
    }
    if (spec_.cluster.nginx) start_nginx();
}

// nginx with the config an operator would use: the one `seckill-node --print-nginx-config`
// writes from the nodes registered in Redis.
void Cluster::start_nginx() {
    const std::string prefix = paths_.work_dir + "/nginx";
    fs::create_directories(prefix + "/tmp");
    nginx_port_ = free_loopback_port();
    const std::string conf = prefix + "/nginx.conf";
    ChildProcess gen(paths_.node_binary,
                     {"--redis", redis_url(), "--print-nginx-config", "--nginx-listen",
                      "127.0.0.1:" + std::to_string(nginx_port_)},
                     conf);
    gen.start();
    const auto written =
        wait_for("seckill-node --print-nginx-config to finish",
                 std::chrono::milliseconds(spec_.ready_ms), [&](std::string& seen) {
                     seen = gen.describe();
                     return !gen.running();
                 });
    if (!written.ok) throw std::runtime_error(written.sentence());
    nginx_ = std::make_unique<ChildProcess>(
        paths_.nginx_binary,
        std::vector<std::string>{"-p", prefix, "-c", conf, "-e", prefix + "/error.log", "-g",
                                 "daemon off;"},
        prefix + "/nginx.log");
    nginx_->start();
    const Endpoint at{"127.0.0.1", nginx_port_};
    const auto w = wait_for("nginx on " + at.text() + " to answer /healthz 200",
                            std::chrono::milliseconds(spec_.ready_ms), [&](std::string& seen) {
                                if (!nginx_->running())
                                    throw GiveUp("nginx exited (" + nginx_->last_log_line() +
                                                 "); see " + prefix + "/error.log");
                                const auto a = http_call(at, "GET", "/healthz", {}, {},
                                                         std::chrono::milliseconds(1000));
                                seen = a.status ? "HTTP " + std::to_string(a.status) : a.error;
                                return a.status == 200;
                            });
    log_("nginx " + nginx_->describe() + ": " + w.sentence());
    if (!w.ok) throw std::runtime_error(w.sentence());
}

std::optional<Endpoint> Cluster::front() const {
    if (!nginx_) return std::nullopt;
    return Endpoint{"127.0.0.1", nginx_port_};
}

void Cluster::stop() {
    if (nginx_) nginx_->stop(std::chrono::seconds(5));
    for (auto& n : nodes_)
        if (n.process) n.process->stop(std::chrono::seconds(5));
    if (redis_) redis_->stop(std::chrono::seconds(5));
}

std::string Cluster::kill(const std::string& id) {
    Node& n = node(id);
    const std::string who = n.process->describe();
    n.process->kill_hard();
    return "kill -9 " + id + " " + who;
}

std::string Cluster::stop_node(const std::string& id) {
    node(id).process->signal(SIGSTOP);
    return "SIGSTOP " + id + " " + node(id).process->describe();
}

std::string Cluster::cont(const std::string& id) {
    node(id).process->signal(SIGCONT);
    return "SIGCONT " + id + " " + node(id).process->describe();
}

WaitOutcome Cluster::restart(const std::string& id) {
    Node& n = node(id);
    n.process->kill_hard();  // no-op when it is already dead
    n.process->start();
    return wait_ready(n);
}

std::string Cluster::redis_kill() {
    const std::string who = redis_->describe();
    redis_->kill_hard();
    return "kill -9 " + who;
}

std::string Cluster::redis_stop() {
    redis_->signal(SIGSTOP);
    return "SIGSTOP " + redis_->describe();
}

std::string Cluster::redis_cont() {
    redis_->signal(SIGCONT);
    return "SIGCONT " + redis_->describe();
}

std::optional<Endpoint> Cluster::any_ready_node() {
    for (auto& n : nodes_)
        if (http_call(n.endpoint, "GET", "/readyz", {}, {}, std::chrono::milliseconds(500))
                .status == 200)
            return n.endpoint;
    return std::nullopt;
}

std::vector<std::string> Cluster::order_db_files() const {
    std::vector<std::string> out;
    if (!processes()) return out;
    for (const auto& n : nodes_)
        if (!redis() || n.spec.order_writer) out.push_back(n.data_dir + "/orders.db");
    return out;
}

std::string Cluster::journal_file() const {
    return processes() && !redis() ? nodes_.front().data_dir + "/ledger.db" : std::string();
}

}  // namespace seckill::scenario
