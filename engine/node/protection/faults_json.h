#pragma once
// Faults on the wire (/admin/v1/faults, scenario files, the console): parsed with a
// sentence for every wrong field, and written back with the time each has left.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/fault_plan.h"

namespace seckill::node {

// An active fault as a node reports it: an item of GET /admin/v1/faults and of the
// heartbeat's "faults".
struct ReportedFault {
    std::uint64_t id = 0;
    std::string kind;     // a store::fault_kinds name
    std::int64_t ms = 0;  // latency kinds
    std::int64_t jitter_ms = 0;
    double ratio = 1.0;
    double duration_s = 0;
    double left_s = 0;  // from when the report was written
    std::string node;   // the node it was staged for; empty: the reporting node
    bool operator==(const ReportedFault&) const = default;
};

inline constexpr std::size_t max_faults = 32;

// `{"faults":[…]}`. A fault naming another node is refused: each node injects only its own.
std::variant<std::vector<store::FaultSpec>, std::string> faults_from_json(
    std::string_view text, std::string_view this_node);
ReportedFault report(const store::ActiveFault& fault);
boost::json::object fault_json(const ReportedFault& fault);
inline boost::json::object fault_json(const store::ActiveFault& fault) {
    return fault_json(report(fault));
}
// Read back from a report (another node's: hostile-safe). Numbers out of the ranges a node
// accepts are clamped into them; nullopt when it names no kind at all.
std::optional<ReportedFault> reported_fault(const boost::json::value& value);

}  // namespace seckill::node
