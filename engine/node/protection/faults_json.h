#pragma once
// Faults on the wire (/admin/v1/faults, scenario files, the console): parsed with a
// sentence for every wrong field, and written back with the time each has left.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/fault_plan.h"

namespace seckill::node {

inline constexpr std::size_t max_faults = 32;

// `{"faults":[…]}`. A fault naming another node is refused: each node injects only its own.
std::variant<std::vector<store::FaultSpec>, std::string> faults_from_json(
    std::string_view text, std::string_view this_node);
boost::json::object fault_json(const store::ActiveFault& fault);

}  // namespace seckill::node
