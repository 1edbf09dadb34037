#include "scenario/report.h"

#include <boost/json/serialize.hpp>
#include <cstdio>

namespace seckill::scenario {

bool RunReport::pass() const {
    for (const auto& c : run_checks)
        if (!c.pass) return false;
    return verdict.pass();
}

std::string RunReport::to_text() const {
    std::string out = "scenario: " + scenario + " (" + std::to_string(run_ms) + " ms of load)\n";
    for (const auto& [what, n] : answers) out += "  " + what + ": " + std::to_string(n) + "\n";
    for (const auto& f : faults)
        out += "  fault " + f.label + ": " + std::to_string(f.start_ms) + " .. " +
               std::to_string(f.end_ms) + " ms\n";
    for (const auto& n : notes) out += "  note: " + n + "\n";
    std::size_t passed = 0, all = 0;
    auto line = [&](const CheckResult& c) {
        char head[64];
        std::snprintf(head, sizeof head, "%s  %-17s ", c.pass ? "PASS" : "FAIL", c.id.c_str());
        out += head + c.summary + "\n";
        passed += c.pass ? 1 : 0;
        ++all;
    };
    for (const auto& c : verdict.checks) line(c);
    for (const auto& c : run_checks) line(c);
    out += std::string(pass() ? "PASS" : "FAIL") + " (" + std::to_string(passed) + " of " +
           std::to_string(all) + " checks passed)" +
           (pass() ? "" : "; logs and data in " + work_dir) + "\n";
    return out;
}

std::string RunReport::to_json() const {
    namespace json = boost::json;
    json::array checks;
    auto add = [&](const CheckResult& c) {
        checks.push_back(json::object{
            {"id", c.id}, {"pass", c.pass}, {"summary", c.summary}, {"numbers", c.numbers}});
    };
    for (const auto& c : verdict.checks) add(c);
    for (const auto& c : run_checks) add(c);
    json::array fault_list, wait_list, note_list;
    for (const auto& f : faults)
        fault_list.push_back(json::object{
            {"label", f.label}, {"node", f.node}, {"start_ms", f.start_ms}, {"end_ms", f.end_ms}});
    for (const auto& w : waits)
        wait_list.push_back(json::object{{"what", w.what},
                                         {"ok", w.ok},
                                         {"took_ms", w.took.count()},
                                         {"last_seen", w.last_seen}});
    for (const auto& n : notes) note_list.push_back(json::string(n));
    json::object counts;
    for (const auto& [what, n] : answers) counts[what] = n;
    return json::serialize(json::object{{"scenario", scenario},
                                        {"pass", pass()},
                                        {"run_ms", run_ms},
                                        {"checks", std::move(checks)},
                                        {"answers", std::move(counts)},
                                        {"faults", std::move(fault_list)},
                                        {"timeline", timeline},
                                        {"waits", std::move(wait_list)},
                                        {"notes", std::move(note_list)},
                                        {"work_dir", work_dir}}) +
           "\n";
}

}  // namespace seckill::scenario
