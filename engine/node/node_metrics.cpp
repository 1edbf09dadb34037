#include "node/node_metrics.h"

namespace seckill::node {

std::string_view to_string(Route r) {
    switch (r) {
        case Route::buy:
            return "buy";
        case Route::sale:
            return "sale";
        case Route::order:
            return "order";
        case Route::pay:
            return "pay";
        case Route::cancel:
            return "cancel";
        case Route::admin:
            return "admin";
        case Route::healthz:
            return "healthz";
        case Route::readyz:
            return "readyz";
        case Route::metrics:
            return "metrics";
        case Route::unknown:
            return "unknown";
    }
    return "unknown";
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
