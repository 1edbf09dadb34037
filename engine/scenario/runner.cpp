#include "scenario/runner.h"

#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "scenario/run.h"

namespace seckill::scenario {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t max_file_bytes = 1 << 20;

std::string find_in_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0)
            return dir + "/" + name;
    for (const char* dir : {"/usr/sbin", "/usr/local/sbin", "/usr/local/bin"})
        if (::access((std::string(dir) + "/" + name).c_str(), X_OK) == 0)
            return std::string(dir) + "/" + name;
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

// The raw history, one answer per line, for reading a verdict's numbers back to answers.
void write_history(const load::History& h, const std::string& file, std::ostream& err) {
    std::ofstream out(file);
    for (const auto& a : h.answers)
        out << boost::json::serialize(boost::json::object{
                   {"op", load::to_string(a.op)},
                   {"node", a.node},
                   {"user", a.user},
                   {"sent_ms", a.sent_ms},
                   {"due_ms", load::due_ms(a)},
                   {"answered_ms", a.answered_ms},
                   {"http", a.http_status},
                   {"code", a.code},
                   {"order_id", a.order_id},
                   {"pay_before_ms",
                    a.pay_before_wall_ms ? a.pay_before_wall_ms - h.origin_wall_ms : 0}})
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
        paths.node_binary =
            options.node_binary.empty()
                ? (fs::read_symlink("/proc/self/exe").parent_path() / "seckill-node").string()
                : options.node_binary;
        if (::access(paths.node_binary.c_str(), X_OK) != 0) {
            err << "seckill-load: no seckill-node at " << paths.node_binary
                << " (give --node-binary FILE)\n";
            return 2;
        }
        if (spec.cluster.ledger == ClusterSpec::Ledger::redis &&
            (paths.redis_binary = find_in_path("redis-server")).empty()) {
            err << "seckill-load: redis-server is not on PATH (scripts/bootstrap installs it)\n";
            return 2;
        }
        if (spec.cluster.nginx && (paths.nginx_binary = find_in_path("nginx")).empty()) {
            err << "seckill-load: nginx is not installed (scripts/bootstrap installs "
                   "nginx-light)\n";
            return 2;
        }
        token = random_token();
    } else {
        const char* t = std::getenv("SECKILL_ADMIN_TOKEN");
        if (!t || !*t) {
            err << "seckill-load: a targets cluster needs the nodes' admin token in "
                   "$SECKILL_ADMIN_TOKEN\n";
            return 2;
        }
        token = t;
    }
    std::string dir_template = (fs::temp_directory_path() / "seckill-scenario-XXXXXX").string();
    if (!::mkdtemp(dir_template.data())) {
        err << "seckill-load: cannot make a work directory in " << fs::temp_directory_path()
            << "\n";
        return 1;
    }
    paths.work_dir = dir_template;

    const auto t0 = std::chrono::steady_clock::now();
    RunHooks hooks;
    hooks.log = [&err, t0](const std::string& line) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - t0);
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "[%7.3fs] ", double(ms.count()) / 1000);
        err << stamp << line << std::endl;
    };
    if (!options.history_file.empty())
        hooks.history = [&](const load::History& h) {
            write_history(h, options.history_file, err);
        };
    const RunReport report = run_spec(spec, paths, token, hooks);
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
