#include "load/load_report.h"

#include <boost/json.hpp>
#include <cstdio>

namespace seckill::load {

std::int64_t LoadReport::total_buys() const {
    std::int64_t n = 0;
    for (const auto& [status, count] : buys) n += count;
    return n;
}

std::string LoadReport::to_json() const {
    boost::json::object b;
    for (const auto& [status, count] : buys) b[status] = count;
    return boost::json::serialize(boost::json::object{
        {"seconds", seconds},
        {"buys", std::move(b)},
        {"buys_total", total_buys()},
        {"buys_per_second", buys_per_second()},
        {"paid", paid},
        {"cancelled", cancelled},
        {"pay_or_cancel_failed", pay_failed},
        {"transport_errors", transport_errors},
        {"not_sent", not_sent},
        {"latency_ms", boost::json::object{{"p50", latency.quantile_us(0.5) / 1000},
                                           {"p90", latency.quantile_us(0.9) / 1000},
                                           {"p99", latency.quantile_us(0.99) / 1000}}},
    });
}

std::string LoadReport::to_table() const {
    std::string out;
    char line[128];
    auto row = [&](const char* name, double v, const char* fmt) {
        std::snprintf(line, sizeof line, fmt, name, v);
        out += line;
    };
    row("seconds", seconds, "%-22s %12.2f\n");
    row("buys/s", buys_per_second(), "%-22s %12.0f\n");
    for (const auto& [status, count] : buys)
        row(("buy " + status).c_str(), double(count), "%-22s %12.0f\n");
    row("paid", double(paid), "%-22s %12.0f\n");
    row("cancelled", double(cancelled), "%-22s %12.0f\n");
    row("pay/cancel failed", double(pay_failed), "%-22s %12.0f\n");
    row("transport errors", double(transport_errors), "%-22s %12.0f\n");
    row("not sent (all busy)", double(not_sent), "%-22s %12.0f\n");
    row("latency p50 ms", latency.quantile_us(0.5) / 1000, "%-22s %12.2f\n");
    row("latency p99 ms", latency.quantile_us(0.99) / 1000, "%-22s %12.2f\n");
    return out;
}

}  // namespace seckill::load
