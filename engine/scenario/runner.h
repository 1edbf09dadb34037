#pragma once
// `seckill-load scenario FILE`: read and check the file, pick the binaries and a work dir,
// then run_spec (run.h: start the cluster, open the sale, run the load while the timeline
// stages its faults, recover, gather the facts, judge) and print the report. The exit code
// is 0 only when every check passed.
#include <iosfwd>
#include <string>

namespace seckill::scenario {

struct RunOptions {
    std::string file;
    std::string node_binary;   // "" = seckill-node next to this executable
    std::string report_file;   // "" = no JSON report file
    std::string history_file;  // "" = none; else every answer as one JSON object per line
    bool json = false;         // print the JSON report instead of the table
    bool keep = false;         // keep the work dir (logs, data) after a PASS too
};

// 0 PASS, 1 FAIL (or the run could not be carried out), 2 a bad scenario file or option.
int run_scenario(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace seckill::scenario
