#include "node/operations/fault_operations.h"

#include <variant>

#include "node/protection/faults_json.h"

namespace seckill::node {

OperationResult<std::vector<store::ActiveFault>> inject_faults(Engine& engine,
                                                               std::string_view faults_json,
                                                               bool replace) {
    using R = OperationResult<std::vector<store::ActiveFault>>;
    auto parsed = faults_from_json(faults_json, engine.options().node_id);
    if (auto* err = std::get_if<std::string>(&parsed))
        return R::refused(OperationStatus::bad_request, *err);
    const auto& faults = std::get<std::vector<store::FaultSpec>>(parsed);
    engine.inject_faults(faults, replace);
    return R::done(engine.faults().active(), std::to_string(faults.size()) + " fault(s) injected");
}

}  // namespace seckill::node
