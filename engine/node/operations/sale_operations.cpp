#include "node/operations/sale_operations.h"

#include <tuple>

#include "core/ids.h"

namespace seckill::node {
namespace {

// In the words core's validate(SaleConfig) uses for its ranges.
std::optional<std::string> check_range(const std::string& name, std::int64_t v, std::int64_t lo,
                                       std::int64_t hi) {
    if (v >= lo && v <= hi) return std::nullopt;
    return name + " must be between " + std::to_string(lo) + " and " + std::to_string(hi);
}

constexpr const char* bad_sale_id = "sale id must match [A-Za-z0-9_-]{1,32}";

std::optional<std::string> check_time(std::string_view name, const std::optional<Millis>& t) {
    if (!t || (*t >= earliest_time_s * 1000 && *t <= latest_time_s * 1000)) return std::nullopt;
    return std::string(name) + " must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z";
}

}  // namespace

std::optional<std::string> check_sale(const SaleConfig& config) {
    if (auto err = validate(config)) return err;
    if (auto err = check_time("starts_at", config.starts_at)) return err;
    return check_time("ends_at", config.ends_at);
}

OperationResult<SaleView> create_sale(store::Ledger& ledger, SaleConfig config, Millis now) {
    using R = OperationResult<SaleView>;
    if (config.name.empty()) config.name = config.id;
    if (auto err = check_sale(config)) return R::refused(OperationStatus::bad_request, *err);
    try {
        if (!ledger.create_sale(config, SaleState::scheduled, now))
            return R::refused(OperationStatus::conflict, "a sale with this id exists");
        auto view = ledger.get_sale(config.id, now);
        if (!view) return R::refused(OperationStatus::unavailable, ledger_unreachable);
        return R::done(std::move(*view), std::to_string(config.total) + " units, " +
                                             std::to_string(config.per_user_limit) +
                                             " per user, pay within " +
                                             std::to_string(config.pay_timeout_s) + " s");
    } catch (const std::exception&) {
        return R::refused(OperationStatus::unavailable, ledger_unreachable);
    }
}

OperationResult<SaleView> set_sale_state(store::Ledger& ledger, std::string_view sale,
                                         SaleState state, Millis now) {
    using R = OperationResult<SaleView>;
    if (!is_valid_sale_id(sale)) return R::refused(OperationStatus::bad_request, bad_sale_id);
    try {
        switch (ledger.set_sale_state(sale, state, now)) {
            case store::StateChange::not_found:
                return R::refused(OperationStatus::not_found, "no such sale");
            case store::StateChange::invalid:
                return R::refused(OperationStatus::conflict, "an ended sale cannot change state");
            case store::StateChange::done:
                break;
        }
        auto view = ledger.get_sale(sale, now);
        if (!view) return R::refused(OperationStatus::not_found, "no such sale");
        return R::done(std::move(*view), "now " + std::string(to_string(view->state)));
    } catch (const std::exception&) {
        return R::refused(OperationStatus::unavailable, ledger_unreachable);
    }
}

std::optional<std::string> check_rebalance(const RebalanceRequest& request) {
    using Field = std::tuple<const char*, const std::map<std::string, std::int64_t>*, std::int64_t>;
    for (const auto& [key, map, hi] : {Field{"counts", &request.counts, max_sale_total},
                                       Field{"weights", &request.weights, max_rebalance_weight}}) {
        for (const auto& [node, n] : *map) {
            if (!is_valid_node_id(node)) return std::string(key) + " names a bad node id";
            if (auto err = check_range(std::string(key) + "." + node, n, 0, hi)) return err;
        }
    }
    return std::nullopt;
}

OperationResult<RebalanceOutcome> rebalance(store::Ledger& ledger, std::string_view sale,
                                            const RebalanceRequest& request, Millis now,
                                            Millis node_ttl) {
    using R = OperationResult<RebalanceOutcome>;
    if (!is_valid_sale_id(sale)) return R::refused(OperationStatus::bad_request, bad_sale_id);
    if (auto err = check_rebalance(request)) return R::refused(OperationStatus::bad_request, *err);
    try {
        auto out = rebalance_sale(ledger, sale, request, now, node_ttl);
        switch (out.status) {
            case RebalanceOutcome::Status::no_sale:
                return R::refused(OperationStatus::not_found, out.error);
            case RebalanceOutcome::Status::refused:
                return R::refused(OperationStatus::conflict, out.error);
            case RebalanceOutcome::Status::done:
                break;
        }
        return R::done(std::move(out));
    } catch (const std::exception&) {
        return R::refused(OperationStatus::unavailable, ledger_unreachable);
    }
}

}  // namespace seckill::node
