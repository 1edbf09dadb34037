// seckill-load: runs a buying crowd against a node and prints what it saw.
#include <charconv>
#include <iostream>
#include <string_view>

#include "auth/key_file.h"
#include "load/load_generator.h"
#include "scenario/runner.h"
#include "seckill_version.h"

using namespace seckill;

namespace {

const char* usage = R"(seckill-load: drive a flash sale over HTTP and report the answers.

Usage: seckill-load [options]
  or:  seckill-load scenario FILE [--json] [--report OUT.json] [--history OUT.jsonl] [--node-binary FILE] [--keep]

  --target HOST:PORT   node or nginx to buy from (default 127.0.0.1:8080; loopback only)
  --sale ID            sale to buy from (default demo)
  --users N            virtual users, picked at random per buy (default 50000)
  --rate R             buys per second at the profile's peak; 0 = as fast as possible (default 0)
  --profile P          constant | ramp | spike (default constant)
  --duration S         seconds to run (default 10)
  --connections C      keep-alive connections (default 32)
  --pay F              share of winners who pay (default 0)
  --cancel F           share of winners who cancel (default 0)
  --pay-delay-ms MS    think time before paying or cancelling (default 200)
  --seed N             random seed (default 1)
  --jwt-secret-file F  the node runs --buyer-auth jwt with this HS256 secret: each
                       virtual user sends a token it mints (sub = its user id)
  --json               print the summary as JSON instead of a table
  --version            print the version and exit
  --help               this text

scenario FILE: start the cluster the JSON scenario names, run its load while staging its
timeline of faults, then judge every answer the buyers got (docs/scenarios.md). Prints
PASS/FAIL per check; exits 0 only when all pass.
  --report OUT.json    also write the JSON report to OUT.json
  --history OUT.jsonl  write every answer a buyer got, one JSON object per line
  --node-binary FILE   seckill-node to start (default: the one next to seckill-load)
  --keep               keep the work directory (logs, data) after a PASS too
)";

template <class T>
bool number(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

// seckill-load scenario FILE [...]
int scenario_main(int argc, char** argv) {
    scenario::RunOptions r;
    for (int i = 2; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            return 0;
        } else if (arg == "--json") {
            r.json = true;
        } else if (arg == "--keep") {
            r.keep = true;
        } else if (arg == "--report" || arg == "--node-binary" || arg == "--history") {
            if (!has_value) {
                std::cerr << "seckill-load: " << arg << " needs a file\n";
                return 2;
            }
            (arg == "--report"    ? r.report_file
             : arg == "--history" ? r.history_file
                                  : r.node_binary) = argv[++i];
        } else if (r.file.empty() && !arg.starts_with("--")) {
            r.file = arg;
        } else {
            std::cerr << "seckill-load: scenario: unknown argument " << arg << " (see --help)\n";
            return 2;
        }
    }
    if (r.file.empty()) {
        std::cerr << "seckill-load: scenario needs a FILE (see --help)\n";
        return 2;
    }
    return scenario::run_scenario(r, std::cout, std::cerr);
}

int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "scenario") return scenario_main(argc, argv);
    load::LoadOptions o;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        const std::string_view v = has_value ? std::string_view(argv[i + 1]) : std::string_view();
        auto fail = [&](const char* why) {
            std::cerr << "seckill-load: " << arg << ": " << why << '\n';
            return 2;
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            return 0;
        } else if (arg == "--version") {
            std::cout << "seckill-load " << SECKILL_VERSION << '\n';
            return 0;
        } else if (arg == "--json") {
            json = true;
            continue;
        }
        if (!has_value) return fail("needs a value (see --help)");
        ++i;
        if (arg == "--target") {
            const auto colon = v.rfind(':');
            if (colon == std::string_view::npos || !number(v.substr(colon + 1), o.port))
                return fail("needs HOST:PORT");
            o.host = std::string(v.substr(0, colon));
            // The generator is a test tool: it never aims at an address off this machine.
            if (!o.host.starts_with("127.") && o.host != "::1")
                return fail("only loopback targets are allowed");
        } else if (arg == "--sale") {
            o.sale = std::string(v);
        } else if (arg == "--users") {
            if (!number(v, o.users) || o.users < 1) return fail("needs a positive number");
        } else if (arg == "--rate") {
            if (!number(v, o.rate) || o.rate < 0) return fail("needs a number >= 0");
        } else if (arg == "--profile") {
            auto p = load::parse_profile(v);
            if (!p) return fail("constant, ramp or spike");
            o.profile = *p;
        } else if (arg == "--duration") {
            if (!number(v, o.duration_s) || o.duration_s <= 0 || o.duration_s > 3600)
                return fail("seconds from 0 to 3600");
        } else if (arg == "--connections") {
            if (!number(v, o.connections) || o.connections < 1 || o.connections > 10000)
                return fail("1 to 10000");
        } else if (arg == "--pay") {
            if (!number(v, o.pay_share) || o.pay_share < 0 || o.pay_share > 1)
                return fail("a share from 0 to 1");
        } else if (arg == "--cancel") {
            if (!number(v, o.cancel_share) || o.cancel_share < 0 || o.cancel_share > 1)
                return fail("a share from 0 to 1");
        } else if (arg == "--pay-delay-ms") {
            if (!number(v, o.pay_delay_ms) || o.pay_delay_ms < 0) return fail("milliseconds >= 0");
        } else if (arg == "--jwt-secret-file") {
            auto key = auth::load_jwt_secret(std::string(v));
            if (auto* err = std::get_if<std::string>(&key)) {
                std::cerr << "seckill-load: " << *err << '\n';
                return 2;
            }
            o.jwt_secret = std::get<auth::JwtKey>(std::move(key)).bytes;
        } else if (arg == "--seed") {
            if (!number(v, o.seed)) return fail("a number");
        } else {
            std::cerr << "seckill-load: unknown argument " << arg << " (see --help)\n";
            return 2;
        }
    }
    if (o.pay_share + o.cancel_share > 1) {
        std::cerr << "seckill-load: --pay and --cancel add up to more than 1\n";
        return 2;
    }
    try {
        load::LoadGenerator generator(o);
        const load::LoadReport report = generator.run();
        std::cout << (json ? report.to_json() + "\n" : report.to_table());
        return report.total_buys() > 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "seckill-load: " << e.what() << '\n';
        return 1;
    }
}
