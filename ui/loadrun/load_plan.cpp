#include "loadrun/load_plan.h"

#include <algorithm>
#include <charconv>

namespace seckill::ui {

load::LoadOptions LoadPlan::options_for(std::size_t i) const {
    load::LoadOptions o = options;
    const auto n = double(std::max<std::size_t>(targets.size(), 1));
    o.host = targets.at(i).host;
    o.port = targets.at(i).port;
    o.rate = options.rate / n;
    o.connections = std::max(1, int(options.connections / n));
    o.seed = options.seed + i * 7919;
    return o;
}

std::optional<LoadTarget> parse_target(const std::string& address) {
    const auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    unsigned port = 0;
    const char* first = address.data() + colon + 1;
    const char* last = address.data() + address.size();
    auto [end, ec] = std::from_chars(first, last, port);
    if (ec != std::errc() || end != last || port == 0 || port > 65535) return std::nullopt;
    return LoadTarget{address.substr(0, colon), static_cast<unsigned short>(port)};
}

load::LoadReport merge_reports(const std::vector<load::LoadReport>& reports) {
    load::LoadReport out;
    for (const auto& r : reports) {
        out.seconds = std::max(out.seconds, r.seconds);
        for (const auto& [status, count] : r.buys) out.buys[status] += count;
        out.paid += r.paid;
        out.cancelled += r.cancelled;
        out.pay_failed += r.pay_failed;
        out.transport_errors += r.transport_errors;
        for (std::size_t b = 0; b < out.latency.buckets.size(); ++b)
            out.latency.buckets[b] += r.latency.buckets[b];
        out.latency.count += r.latency.count;
        out.latency.sum_us += r.latency.sum_us;
    }
    return out;
}

}  // namespace seckill::ui
