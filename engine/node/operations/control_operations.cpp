#include "node/operations/control_operations.h"

#include <boost/json.hpp>
#include <variant>

#include "core/ids.h"
#include "node/limits_json.h"

namespace seckill::node {
namespace {

std::variant<std::vector<limit::Rule>, std::string> parse_limits(std::string_view rules_json) {
    boost::system::error_code ec;
    const auto doc = boost::json::parse(rules_json, ec);
    if (ec) return "rules are not valid JSON: " + ec.message();
    return rules_from_json(doc);
}

}  // namespace

OperationResult<DegradeLevel> set_degrade(store::Ledger& ledger, std::string_view node,
                                          std::int64_t level) {
    using R = OperationResult<DegradeLevel>;
    const auto parsed = degrade_level_from_int(level);
    if (!parsed)
        return R::refused(OperationStatus::bad_request, "level must be an integer from 0 to 3");
    if (!node.empty() && !is_valid_node_id(node))
        return R::refused(OperationStatus::bad_request, "node must be null or a node id");
    try {
        ledger.set_degrade(node, int(*parsed));
    } catch (const std::exception&) {
        return R::refused(OperationStatus::unavailable, ledger_unreachable);
    }
    return R::done(*parsed,
                   "level " + std::to_string(level) + " (" + std::string(to_string(*parsed)) + ")");
}

OperationResult<std::vector<limit::Rule>> set_limits(store::Ledger& ledger,
                                                     std::string_view rules_json) {
    using R = OperationResult<std::vector<limit::Rule>>;
    auto parsed = parse_limits(rules_json);
    if (auto* err = std::get_if<std::string>(&parsed))
        return R::refused(OperationStatus::bad_request, *err);
    auto rules = std::get<std::vector<limit::Rule>>(std::move(parsed));
    std::string normal = boost::json::serialize(rules_to_json(rules));
    try {
        ledger.set_limits(normal);
    } catch (const std::exception&) {
        return R::refused(OperationStatus::unavailable, ledger_unreachable);
    }
    return R::done(std::move(rules), std::move(normal));
}

std::string normal_limits(std::string_view rules_json) {
    auto parsed = parse_limits(rules_json);
    if (std::holds_alternative<std::string>(parsed)) return {};
    return boost::json::serialize(rules_to_json(std::get<std::vector<limit::Rule>>(parsed)));
}

std::string limits_error(std::string_view rules_json) {
    auto parsed = parse_limits(rules_json);
    auto* err = std::get_if<std::string>(&parsed);
    return err ? *err : std::string();
}

OperationResult<ProtectionConfig> set_protection(store::Ledger& ledger,
                                                 std::string_view protection_json) {
    using R = OperationResult<ProtectionConfig>;
    auto parsed = protection_from_json(protection_json);
    if (auto* err = std::get_if<std::string>(&parsed))
        return R::refused(OperationStatus::bad_request, *err);
    auto config = std::get<ProtectionConfig>(std::move(parsed));
    std::string normal = protection_to_json(config);
    try {
        ledger.set_protection(normal);
    } catch (const std::exception&) {
        return R::refused(OperationStatus::unavailable, ledger_unreachable);
    }
    return R::done(std::move(config), std::move(normal));
}

}  // namespace seckill::node
