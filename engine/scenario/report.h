#pragma once
// The outcome of a scenario run, as a table of PASS/FAIL lines and as a JSON report.
#include <boost/json/array.hpp>
#include <map>
#include <string>
#include <vector>

#include "scenario/verdict.h"
#include "scenario/wait.h"

namespace seckill::scenario {

struct RunReport {
    std::string scenario;
    std::string work_dir;
    Verdict verdict;
    // Checks of the run itself, next to the verdict's: the timeline was carried out, the
    // system recovered within the waits' deadlines.
    std::vector<CheckResult> run_checks;
    std::vector<FaultInterval> faults;
    boost::json::array timeline;
    std::vector<WaitOutcome> waits;
    std::vector<std::string> notes;
    std::map<std::string, std::int64_t> answers;  // op + code -> count
    std::int64_t run_ms = 0;

    bool pass() const;
    std::string to_text() const;
    std::string to_json() const;
};

}  // namespace seckill::scenario
