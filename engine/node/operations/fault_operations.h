#pragma once
// QA's fault injection on one node (the admin API's /admin/v1/faults and the console's
// embedded nodes share it). Whether faults are allowed at all is the caller's rule: a
// node's HTTP API takes them only with --allow-faults.
#include <string_view>
#include <vector>

#include "node/engine.h"
#include "node/operations/operation_result.h"

namespace seckill::node {

// `{"faults":[…]}`: adds them, or replaces the active ones when `replace`.
OperationResult<std::vector<store::ActiveFault>> inject_faults(Engine& engine,
                                                               std::string_view faults_json,
                                                               bool replace);

}  // namespace seckill::node
