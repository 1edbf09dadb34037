#include "node/node_metrics.h"

#include "core/enum_names.h"

namespace seckill::node {

std::string_view to_string(Route r) {
    constexpr std::array<EnumName<Route>, route_count> names{{
        {Route::buy, "buy"},
        {Route::sale, "sale"},
        {Route::order, "order"},
        {Route::pay, "pay"},
        {Route::cancel, "cancel"},
        {Route::admin, "admin"},
        {Route::healthz, "healthz"},
        {Route::readyz, "readyz"},
        {Route::metrics, "metrics"},
        {Route::unknown, "unknown"},
    }};
    return name_of(names, r);
}

std::size_t NodeMetrics::status_index(int status) {
    for (std::size_t i = 0; i + 1 < statuses.size(); ++i)
        if (statuses[i] == status) return i;
    return statuses.size() - 1;
}

void NodeMetrics::record_request(Route route, int status, std::uint64_t micros) {
    requests_[std::size_t(route)][status_index(status)].add();
    latency_[std::size_t(route)].observe_us(micros);
}

std::uint64_t NodeMetrics::requests(Route route, int status) const {
    return requests_[std::size_t(route)][status_index(status)].value();
}

std::uint64_t NodeMetrics::total_requests() const {
    std::uint64_t sum = 0;
    for (const auto& route : requests_)
        for (const auto& c : route) sum += c.value();
    return sum;
}

}  // namespace seckill::node
